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
from pathlib import Path

import pytest

from annotated import problems_with
from policykg.loaders import parse_file

LAYOUTS = Path(__file__).parent / "layouts"
GOLD = sorted((LAYOUTS / "gold").glob("*.json"))


@pytest.fixture(scope="module")
def parsed():
    return {path.name: parse_file(path) for path in (LAYOUTS / "docs").iterdir()}


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
def test_a_layout_reads_as_annotated(parsed, gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert problems_with(parsed[gold["file"]], gold) == []
