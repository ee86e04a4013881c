"""Real documents, annotated blind, checked strictly: these are the tests that say the reader works.

tests/real/docs holds real pages and files as governments published them (and crawlers saved
them: navigation, info boxes, Markdown extracts with a front matter, flattened task tables); each
was annotated by someone who read the document and tests/real/GUIDE.md, never the code, in the
shared scorer's format (tests/real/gold; their doubts in tests/real/NOTES.md). The check is
tests/annotated.py's, as strict as for tests/layouts. A document the reader does not yet read
right is listed in tests/real/known_misses.tsv with what is wrong: it is expected to fail, and the
test fails when it starts to pass, so that the list only shrinks.
"""
import json
from pathlib import Path

import pytest

from annotated import annotated_cases, known_misses, problems_with
from policykg.loaders import LoaderError, parse_file

REAL = Path(__file__).parent / "real"
GOLD = sorted((REAL / "gold").glob("*.json"))


@pytest.mark.parametrize("gold_path", annotated_cases(REAL))
def test_a_real_document_reads_as_annotated(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    try:
        result = parse_file(REAL / "docs" / gold["file"])
    except LoaderError as exc:
        pytest.fail(str(exc))
    assert problems_with(result, gold) == []


def test_every_known_miss_names_an_annotated_document():
    annotated = {json.loads(p.read_text(encoding="utf-8"))["file"] for p in GOLD}
    assert set(known_misses(REAL)) <= annotated
