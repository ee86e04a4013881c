"""The openings of real pages in layouts the corpus does not have, read for their documents' own
fields (number, title, issuer, 成文日期, level, what they implement).

tests/pages/docs holds the first part of 50 government pages as a public page index stored them
(provincial, city and county sites and reposts: bullet and table info boxes, a title line ending in
its number, pages in traditional characters, a crawl that kept its HTML), their body text shortened;
tests/pages/gold their blind annotation (tests/pages/NOTES.md: the annotator's doubts). Most bodies
are cut off mid-item, so their tasks are not annotated or checked; where the annotator listed tasks
(an opening that ends after whole items) they are checked too. tests/test_real.py checks whole
documents. A page not yet read as annotated is listed in tests/pages/known_misses.tsv and expected
to fail.
"""
import json
from pathlib import Path

import pytest

from annotated import annotated_cases, problems_with
from policykg.loaders import parse_file

PAGES = Path(__file__).parent / "pages"


@pytest.mark.parametrize("gold_path", annotated_cases(PAGES))
def test_a_page_header_reads_as_annotated(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    with_tasks = any(d["tasks"] for d in gold["documents"])  # an opening that ends after whole items
    assert problems_with(parse_file(PAGES / "docs" / gold["file"]), gold, tasks=with_tasks) == []


def test_a_page_in_traditional_characters_says_it_was_read_in_simplified_ones():
    result = parse_file(PAGES / "docs" / "p08.txt")
    assert [d.number for d in result.documents] == ["东府〔2021〕54号"]
    assert any("traditional characters" in w for w in result.warnings)
