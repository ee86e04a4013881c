"""One file → FileResult: read, clean, split into documents, and report what needs a look."""
from __future__ import annotations

from pathlib import Path

from policykg.records import FileResult

from .clean import clean_lines, fix_brackets, join_broken_lines
from .document import parse_documents
from .read import LoaderError, read_text

SUFFIXES = {".txt", ".text", ".html", ".htm", ".docx", ".pdf"}


def iter_files(paths):
    """Files under the given paths (folders walked in name order, hidden files skipped)."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(x for x in p.rglob("*") if x.is_file() and x.suffix.lower() in SUFFIXES
                              and not any(part.startswith(".") for part in x.relative_to(p).parts))
        else:
            yield p


def parse_text(text: str, source: str) -> FileResult:
    nuls = text.count("\x00")
    if nuls:  # stray NULs (a damaged file, a PDF font) end a string in the store server, which
        text = text.replace("\x00", "")  # would refuse the whole document: drop them and say so
    cleaned = clean_lines(text)
    result = FileResult(source, warnings=list(cleaned.warnings))
    if nuls:
        result.warnings.insert(0, f"removed {nuls} NUL character(s) (a damaged file?)")
    lines = [fix_brackets(line) for line in join_broken_lines(cleaned.lines)]
    if not any(line.strip() for line in lines):
        raise LoaderError(source, "no text left after removing page furniture")
    result.documents = parse_documents(lines, source, result.warnings)
    return result


def parse_file(path) -> FileResult:
    """Parse one file; raises LoaderError (naming the file and the problem) when it cannot be read."""
    notes: list[str] = []
    text, _ = read_text(path, notes)
    result = parse_text(text, str(path))
    result.warnings[:0] = notes
    return result
