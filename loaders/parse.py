"""The driver: one file → FileResult, through the extraction's stages in order.

    read      read.py          file → text (encoding detected; html, docx, pdf, JSON records of pages to text;
                               a Markdown front matter's English keys as the page's labels)
    clean     clean.py         text → clean lines (web chrome, page markers, spam removed; a crawled
                               one-line page split; broken lines joined)
    segment   segment.py       lines → the documents of the file, and each one's body
    header    header.py        a document's lines → number, title, issuers, 成文日期, level, region
                               (titles.py: titles as pages print them)
    provisions structure.py    body → sections, tasks, sub-items
    clauses, roles, agencies, references
              tasks.py         a provision (with its clauses) → TaskRecord (agencies.py, references.py, fields.py)
    tables    ledger.py        台账 rows merged into the tasks (or the task list when the text has none;
                               flat_tables.py first rebuilds tables flattened into one cell a line,
                               or run into one line with each row closed by its 牵头 cell); the
                               text's items that name no one and that a later table restates row
                               by row, with leads, are left to the rows (tasks.drop_restated)
    work      work_items.py    in a document that numbers rules (a 细则's conditions and steps, or
                               its title says so: titles.what_it_numbers), the items that are no
                               work are no tasks
    deadlines deadlines.py     each task's time limit read where it is stated (clause, column, its own
                               sentences) and dated in the document's year (`due`, `recurs`)
    coverage  coverage.py      the text's responsibility phrases that gave no role, named
    records   policykg.records plain records with evidence, for the graph layer

Each stage is a function of plain data; no stage calls back into an earlier one. The vocabulary
the stages use is data (loaders/data, compiled by vocabulary.py).
"""
from __future__ import annotations

from pathlib import Path

from policykg.records import DocumentRecord, FileResult, text_fingerprint

from .agencies import merge_abbreviations
from .clean import clean_lines, fix_brackets, join_broken_lines
from .coverage import unread
from .deadlines import date_tasks
from .flat_tables import unflatten_run_on_rows, unflatten_tables
from .header import document_name, read_header
from .ledger import merge_ledgers
from .read import LoaderError, read_text
from .json_pages import RECORD_SEPARATOR, holds_pages
from .segment import Part, body_lines, split_documents
from .structure import read_provisions
from .tasks import (all_tasks, carry_standing_roles, document_references, drop_restated, link_forwarded,
                    read_cells_after_titles, read_led_together, read_lone_cells, task_record)
from .titles import what_it_numbers
from .work_items import work_items

# Read (the format itself is told from the bytes); a file without a suffix is read as well.
# .doc/.wps (Word 97-2003, WPS) are read by word97.py; one that cannot be is named with how to convert it.
SUFFIXES = {".txt", ".text", ".html", ".htm", ".shtml", ".docx", ".pdf", ".xlsx", ".xls", ".doc", ".wps", ".json"}


def iter_files(paths, not_read: list | None = None):
    """Files under the given paths (folders walked in name order, hidden files skipped). A file of
    a folder whose suffix is no document format is appended to `not_read` instead."""
    for p in map(Path, paths):
        if p.is_dir():
            for x in sorted(x for x in p.rglob("*") if x.is_file()
                            and not any(part.startswith(".") for part in x.relative_to(p).parts)):
                if (x.suffix.lower() in SUFFIXES or not x.suffix) and (x.suffix.lower() != ".json" or holds_pages(x)):
                    yield x  # (a .json file of other data than pages, an annotation beside them, is not read)
                elif not_read is not None:
                    not_read.append(x)
        else:
            yield p


def parse_document(part: Part, source: str) -> tuple[DocumentRecord, list[str]]:
    """One official document through the stages after segmenting: the record and its warnings."""
    header = read_header(part, source)
    doc, ctx = header.document, header.context
    warnings = list(header.warnings)
    body, after = body_lines(part.lines, header.body_start, header.date_line)
    numbers = what_it_numbers(doc.title)
    preamble, provisions = read_provisions(body, measures=numbers == "measures")
    own = {doc.number}
    doc.implements, doc.forwards = document_references(doc.title, preamble, ctx, own)
    doc.tasks = [task_record(prov, order, ctx, own) for order, prov in enumerate(provisions, 1)]
    carry_standing_roles(doc.tasks, provisions, ctx)
    read_cells_after_titles(doc.tasks, body + after, ctx)
    read_lone_cells(doc.tasks, body + after, ctx)
    read_led_together(doc.tasks, provisions, ctx)
    doc.tasks, notes = merge_ledgers(doc.tasks, body + after, ctx, own, document_name(doc.number, doc.title))
    doc.tasks = drop_restated(doc.tasks)
    doc.tasks, rules = work_items(doc.tasks, numbers)
    if rules:
        notes.append(f"{document_name(doc.number, doc.title)}: {len(rules)} numbered items state rules "
                     f"(conditions, amounts, steps), not work; read as no tasks: "
                     + "; ".join(f"{t.label} {t.title[:12]}" for t in rules[:5]) + (" …" if len(rules) > 5 else ""))
    date_tasks(doc.tasks, doc.date)
    warnings += notes + _orphans(doc) + _coverage(doc, body + after)
    merge_abbreviations(doc.issuers + [a for t in all_tasks(doc.tasks) for a in t.leads + t.cooperates])
    return doc, warnings


def _coverage(doc: DocumentRecord, lines: list[str]) -> list[str]:
    """The responsibility phrases of the text that gave no lead or cooperator (coverage.py)."""
    doc.role_phrases, doc.unread_role_phrases = unread(lines, all_tasks(doc.tasks))
    if not doc.unread_role_phrases:
        return []
    shown = "; ".join(p[:40] for p in doc.unread_role_phrases[:3])
    return [f"{document_name(doc.number, doc.title)}: {len(doc.unread_role_phrases)} of {doc.role_phrases} "
            f"responsibility phrases gave no lead or cooperator: {shown}"]


def _orphans(doc: DocumentRecord) -> list[str]:
    orphans = [f"{t.label} {t.title[:16]}" for t in doc.tasks if not t.leads]
    if not orphans:
        return []
    shown = "; ".join(orphans[:5]) + (f"; … {len(orphans) - 5} more" if len(orphans) > 5 else "")
    return [f"{document_name(doc.number, doc.title)}: {len(orphans)} of {len(doc.tasks)} tasks "
            f"have no lead (no responsibility clause): {shown}"]


def parse_text(text: str, source: str) -> FileResult:
    if RECORD_SEPARATOR in text:  # a file of crawled pages kept as records: each read as a file
        results = [parse_text(page, source) for page in text.split(RECORD_SEPARATOR) if page.strip()]
        return FileResult(source, [d for r in results for d in r.documents], [w for r in results for w in r.warnings])
    nuls = text.count("\x00")
    if nuls:  # stray NULs (a damaged file, a PDF font) end a string in the store server, which
        text = text.replace("\x00", "")  # would refuse the whole document: drop them and say so
    cleaned = clean_lines(text)
    result = FileResult(source, warnings=list(cleaned.warnings))
    if nuls:
        result.warnings.insert(0, f"removed {nuls} NUL character(s) (a damaged file?)")
    lines = [fix_brackets(line) for line in join_broken_lines(unflatten_run_on_rows(unflatten_tables(cleaned.lines)))]
    if not any(line.strip() for line in lines):
        raise LoaderError(source, "no text left after removing page furniture")
    for part in split_documents(lines):
        doc, warnings = parse_document(part, source)
        doc.fingerprint = text_fingerprint(part.lines)  # identity when no number or title is printed
        result.documents.append(doc)
        result.warnings += warnings
    link_forwarded(result.documents)
    if sum(line.count("。") for line in lines) < 2 and not any(d.tasks for d in result.documents):
        result.warnings.append("no running text, only headings and page furniture: a scan, or a page that "
                               "only links to its document (read the attachment itself)")
    return result


def parse_file(path) -> FileResult:
    """Parse one file; raises LoaderError (naming the file and the problem) when it cannot be read."""
    notes: list[str] = []
    text, _ = read_text(path, notes)
    result = parse_text(text, str(path))
    result.warnings[:0] = notes
    return result
