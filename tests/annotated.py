"""The strict check of a parse against a hand annotation in the shared scorer's format.

Every task found in its document (by a piece of its printed text), its leads exactly, its
cooperating agencies exactly, the directives it implements, and the document's fields. Used by
tests/test_layouts.py (synthetic layouts) and tests/test_real.py (real documents).
"""
import csv
import json
import re
import unicodedata
from pathlib import Path

import pytest


def norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def norm_number(s: str) -> str:
    return re.sub(r"[(（〔\[](\d{4})[)）〕\]]", r"〔\1〕", norm(s))


def same_title(got: str, want: str, issuers) -> bool:
    """A title with or without the issuer's name in front is the same title (GB/T 9704 titles open
    with it; many pages leave it out), never one cut short or padded."""
    got, want = norm(got), norm(want)
    if got == want:
        return True
    short, full = sorted((got, want), key=len)
    if not short or not full.endswith(short):
        return False
    prefix = full[: len(full) - len(short)]
    names = {norm(p) for i in issuers for p in re.split(r"[、,，]", str(i or "")) if p}
    return bool(names) and all(part in names for part in re.split(r"[、,，]", prefix) if part)


def names(agency) -> set[str]:
    return {norm(agency.name), *(norm(a) for a in agency.aliases), norm(agency.surface)}


def same(agencies, surfaces) -> bool:
    """Each printed form names one of the agencies (by name, alias, or the end of its name), one each."""
    return len(agencies) == len(surfaces) and all(
        any(norm(s) in names(a) or norm(a.name).endswith(norm(s)) for a in agencies) for s in surfaces)


def problems_with(result, gold, tasks: bool = True) -> list[str]:
    """What a FileResult gets wrong against one gold file (empty when it reads as annotated);
    tasks=False checks the documents' own fields only (an annotation of a page's opening)."""
    by_number = {norm_number(d.number): d for d in result.documents}
    problems = []
    for gd in gold["documents"]:
        doc = by_number.get(norm_number(gd["number"]))
        if doc is None:
            problems.append(f"{gd['number']} not found in {sorted(by_number)}")
            continue
        if doc.date != gd["date"]:
            problems.append(f"date {doc.date!r}, annotated {gd['date']!r}")
        if not same_title(doc.title, gd["title"], gd["issuer"] + [doc.issuer]):
            problems.append(f"title {doc.title!r}, annotated {gd['title']!r}")
        if doc.level != gd["level"]:
            problems.append(f"level {doc.level!r}, annotated {gd['level']!r}")
        # an annotated issuer list [] says none is printed
        if not any(norm(i) in norm(doc.issuer) for i in gd["issuer"]) and (gd["issuer"] or doc.issuer):
            problems.append(f"issuer {doc.issuer!r}, annotated {gd['issuer']}")
        if not {r.number for r in doc.implements} >= set(map(norm_number, gd.get("implements", []))):
            problems.append(f"implements {[r.number for r in doc.implements]}, annotated {gd.get('implements')}")
        # the format lists a forwarded document by its number only: one cited by title is not compared
        if {r.number for r in doc.forwards if r.number} != set(map(norm_number, gd.get("forwards", []))):
            problems.append(f"forwards {[r.number for r in doc.forwards]}, annotated {gd.get('forwards')}")
        if not tasks:
            continue
        unused = list(doc.tasks)
        for gt in gd["tasks"]:
            task = next((t for t in unused if norm(gt["title"]) in norm(t.title) + norm(t.text)), None)
            if task is None:
                if not gt.get("optional"):
                    problems.append(f"task not found: {gt['label']} {gt['title']}")
                continue
            unused.remove(task)
            if gt.get("unscored_attribution") or not gt["lead"]:
                continue
            if not same(task.leads, gt["lead"]) or not same(task.cooperates, gt["cooperate"]):
                problems.append(f"{gt['label']}: leads {[a.name for a in task.leads]} cooperate "
                                f"{[a.name for a in task.cooperates]}, annotated {gt['lead']} {gt['cooperate']}")
            if {r.number for r in task.implements} < set(map(norm_number, gt.get("implements", []))):
                problems.append(f"{gt['label']}: implements {[r.number for r in task.implements]}")
        if unused:
            problems.append(f"{gd['number']}: tasks not annotated: {[t.label + t.title for t in unused]}")
    return problems


def known_misses(folder: Path) -> dict[str, str]:
    """folder/known_misses.tsv: the annotated files not yet read as annotated, with what is wrong."""
    with (folder / "known_misses.tsv").open(encoding="utf-8") as fh:
        return {row["file"]: row["what is wrong"] for row in csv.DictReader(
            (line for line in fh if not line.startswith("#")), delimiter="\t")}


def annotated_cases(folder: Path) -> list:
    """One pytest case per gold file of folder/gold, a known miss expected to fail (strictly: the
    test fails when it starts to pass, so that the list only shrinks)."""
    known = known_misses(folder)
    cases = []
    for path in sorted((folder / "gold").glob("*.json")):
        name = json.loads(path.read_text(encoding="utf-8"))["file"]
        marks = [pytest.mark.xfail(strict=True, reason=known[name])] if name in known else []
        cases.append(pytest.param(path, id=path.stem, marks=marks))
    return cases
