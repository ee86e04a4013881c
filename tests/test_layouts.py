"""Documents in the layouts of other provinces and fields, checked against hand annotations.

tests/layouts/docs holds 34 synthetic documents written for this test (not real government
documents): other provinces, policy fields and layouts than samples/ — a county 清单 with label
lines in GB18030, a district forwarding a city notice, a portal page laid out with tables, a
分工表 after 附件, a real Word table, a PDF with a text layer, a three-level forwarding chain, a
national 分工 notice, UTF-16 and GBK files. tests/layouts/gold annotates each by the rules of
DESIGN.md, in the format of the shared scorer (an annotator's reading where the rules leave a
choice is marked `optional`). The check here is the scorer's, strict: every task found in its
document, its leads exactly, its cooperating agencies exactly, and the document's fields.
"""
import json
import re
import unicodedata
from pathlib import Path

import pytest

from policykg.loaders import parse_file

LAYOUTS = Path(__file__).parent / "layouts"
GOLD = sorted((LAYOUTS / "gold").glob("*.json"))


def norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def names(agency) -> set[str]:
    return {norm(agency.name), *(norm(a) for a in agency.aliases), norm(agency.surface)}


def same(agencies, surfaces) -> bool:
    """Each printed form names one of the agencies (by name, alias, or the end of its name), one each."""
    return len(agencies) == len(surfaces) and all(
        any(norm(s) in names(a) or norm(a.name).endswith(norm(s)) for a in agencies) for s in surfaces)


@pytest.fixture(scope="module")
def parsed():
    return {path.name: parse_file(path) for path in (LAYOUTS / "docs").iterdir()}


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
def test_a_layout_reads_as_annotated(parsed, gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    result = parsed[gold["file"]]
    by_number = {d.number: d for d in result.documents}
    problems = []
    for gd in gold["documents"]:
        doc = by_number.get(gd["number"])
        assert doc is not None, f"{gd['number']} not found in {sorted(by_number)}"
        fields = (doc.date, norm(doc.title), doc.level)
        assert fields == (gd["date"], norm(gd["title"]), gd["level"]), gd["number"]
        assert any(norm(i) in norm(doc.issuer) for i in gd["issuer"]), (doc.issuer, gd["issuer"])
        assert {r.number for r in doc.implements} >= set(gd.get("implements", []))
        assert {r.number for r in doc.forwards} == set(gd.get("forwards", []))
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
            if {r.number for r in task.implements} < set(gt.get("implements", [])):
                problems.append(f"{gt['label']}: implements {[r.number for r in task.implements]}")
        if unused:
            problems.append(f"{gd['number']}: tasks not annotated: {[t.label + t.title for t in unused]}")
    assert problems == []
