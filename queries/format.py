"""Query results as text an analyst pastes into a report: an aligned table, CSV for Excel, JSON;
or an Excel workbook (`write_xlsx`, openpyxl).

Chinese characters take two columns on a terminal; tabulate measures them with wcwidth. CSV
starts with a UTF-8 byte-order mark, without which Excel reads UTF-8 as the local code page.
JSON keeps the values' types (numbers, lists, null).
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

import tabulate as _tabulate
import wcwidth  # noqa: F401  (tabulate measures East Asian wide characters only when present)

FORMATS = ("table", "csv", "json")
BOM = "\ufeff"


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    not_found: str = ""  # a lookup by key whose key the store does not hold: what to tell the user
    total: int | None = None  # a paged query: how many rows the whole answer has
    skip: int = 0  # a paged query: rows before this page

    def page_note(self) -> str:
        """What part of a paged answer this is, and how to get the rest ("" when it is whole)."""
        if self.total is None or (self.skip == 0 and len(self.rows) >= self.total):
            return ""
        shown = (f"rows {self.skip + 1}–{self.skip + len(self.rows)}" if self.rows
                 else f"no rows after row {self.skip}")
        more = (f"; next page: -p skip={self.skip + len(self.rows)}"
                if self.skip + len(self.rows) < self.total else "")
        return f"{shown} of {self.total}{more} (-p limit=0 for all)"

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def _cell(value, list_sep: str):
    """One value as text: lists one item per line (table) or joined (CSV); no 'None'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return list_sep.join(_cell(v, list_sep) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _numeric(rows: list[list], i: int) -> bool:
    """A column of numbers only is right-aligned; text that looks numeric (a label "1.10") is not."""
    values = [row[i] for row in rows if row[i] is not None]
    return bool(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def format_table(result: QueryResult) -> str:
    _tabulate.WIDE_CHARS_MODE = True
    rows = [[_cell(v, "\n") for v in row] for row in result.rows]
    text_columns = [i for i in range(len(result.columns)) if not _numeric(result.rows, i)]
    return _tabulate.tabulate(rows, headers=result.columns, tablefmt="grid",
                              disable_numparse=(text_columns or False) if rows else True, missingval="")


def format_csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([_cell(v, "; ") for v in row])
    return BOM + out.getvalue()


def format_json(result: QueryResult) -> str:
    return json.dumps(result.records(), ensure_ascii=False, indent=2)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as `table`, `csv` or `json`."""
    from .runner import QueryError

    renderers = {"table": format_table, "csv": format_csv, "json": format_json}
    if fmt not in renderers:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return renderers[fmt](result)


def write_xlsx(result: QueryResult, path, title: str = "") -> None:
    """A 台账 an analyst opens in Excel: one sheet, a bold frozen header row, a filter on every
    column, lists one item a line inside their cell, column widths fitted to the text."""
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = (title or "result")[:31]
    sheet.append(result.columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in result.rows:
        sheet.append([_cell(v, "\n") for v in row])
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, column in enumerate(result.columns, 1):
        letter = get_column_letter(i)
        texts = [str(column)] + [str(_cell(row[i - 1], "\n")) for row in result.rows]
        longest = max(max(map(wcwidth.wcswidth, t.split("\n")), default=0) for t in texts)
        sheet.column_dimensions[letter].width = min(max(longest, 6) + 2, 60)
        for cell in sheet[letter][1:]:
            cell.alignment = wrap
    sheet.freeze_panes = "A2"
    if result.columns:
        sheet.auto_filter.ref = sheet.dimensions
    book.save(path)


def write_result(result: QueryResult, fmt: str, path, title: str = "") -> None:
    """Write a result to a file (atomically, with the umask's mode): xlsx as a workbook, the other
    formats as UTF-8 text."""
    from policykg.graph.export import atomic_write

    if fmt == "xlsx":
        atomic_write(path, lambda tmp: write_xlsx(result, tmp, title))
        return

    def write(tmp) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as out:
            out.write(format_result(result, fmt) + ("" if fmt == "csv" else "\n"))
    atomic_write(path, write)
