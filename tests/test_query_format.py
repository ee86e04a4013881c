"""Query results as an aligned table, Excel-friendly CSV and typed JSON."""
from __future__ import annotations

import csv
import io
import json

import pytest
from wcwidth import wcswidth

from policykg.queries.format import QueryResult, format_result
from policykg.queries.runner import QueryError


@pytest.fixture
def result():
    return QueryResult(
        ["document", "task", "leads", "tasks", "share", "loaded", "deadline"],
        [["大医改办〔2018〕5号", "1", ["大连市卫生计生委", "大连市财政局"], 36, 0.5, True, None],
         ["淄政办发〔2013〕57号", "1.10", [], 7, 1.25, False, "2013年底前"],
         ["x, \"quoted\"", "（十一）", ["A"], 0, 0.0, True, ""]])


def test_table_lines_all_have_the_same_display_width(result):
    text = format_result(result, "table")
    lines = text.splitlines()
    assert len(lines) > 6
    widths = {wcswidth(line) for line in lines}
    assert len(widths) == 1, widths
    assert "大医改办〔2018〕5号" in text and "2013年底前" in text
    assert "None" not in text


def test_table_shows_list_items_one_per_line_and_keeps_text_labels(result):
    lines = format_result(result, "table").splitlines()
    first = next(i for i, line in enumerate(lines) if "大连市卫生计生委" in line)
    assert "大连市财政局" in lines[first + 1]
    assert any("| 1.10 " in line for line in lines)  # a label is not parsed as the number 1.1


def test_csv_starts_with_bom_and_round_trips(result):
    text = format_result(result, "csv")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == result.columns
    assert rows[1] == ["大医改办〔2018〕5号", "1", "大连市卫生计生委; 大连市财政局", "36", "0.5", "true", ""]
    assert rows[3][0] == 'x, "quoted"'
    assert len(rows) == 4
    # what Excel does with the bytes: UTF-8 with signature decodes to the same table
    assert list(csv.reader(io.StringIO(text.encode("utf-8").decode("utf-8-sig")))) == rows


def test_json_is_valid_and_typed(result):
    data = json.loads(format_result(result, "json"))
    assert data[0] == {"document": "大医改办〔2018〕5号", "task": "1",
                       "leads": ["大连市卫生计生委", "大连市财政局"], "tasks": 36, "share": 0.5,
                       "loaded": True, "deadline": None}
    assert isinstance(data[1]["tasks"], int) and data[1]["leads"] == []
    assert "大医改办" in format_result(result, "json")  # not \\u-escaped


def test_empty_result_still_has_headers():
    empty = QueryResult(["document", "tasks"], [])
    assert "document" in format_result(empty, "table")
    assert format_result(empty, "csv") == "\ufeffdocument,tasks\r\n"
    assert json.loads(format_result(empty, "json")) == []


def test_unknown_format_is_refused(result):
    with pytest.raises(QueryError, match="unknown format 'xlsx'"):
        format_result(result, "xlsx")
