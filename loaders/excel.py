"""Excel workbooks (.xlsx with openpyxl, .xls with xlrd) → text, and the formats not read.

任务分工 tables very often circulate as Excel files. A sheet becomes the lines a converted PDF or
a .docx table gives (one line a row, cells split by tabs), so the 台账 reading of the text
(ledger.py) turns its rows into tasks with leads, cooperators and deadlines. A cell merged over
several rows (a 牵头单位 cell spanning the rows of its tasks) is repeated in each of them; a sheet's
title row stays a line of its own.

Word 97–2003 (.doc) and WPS (.wps) files are OLE compound files too (word97.py reads them);
`OLE_ADVICE` says how to convert one that cannot be read (encrypted, damaged).
"""
from __future__ import annotations

import datetime as _dt
import io
import zipfile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE_ADVICE = ("convert it to .docx first, e.g. `libreoffice --headless --convert-to docx FILE` "
              "(or save it as .docx in WPS/Word)")


def zip_part_names(data: bytes) -> list[str]:
    """The part names of a zip container (docx, xlsx), [] when the bytes are no readable zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.namelist()
    except zipfile.BadZipFile:
        return []


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff_office(data: bytes) -> str:
    """'xlsx', 'xls', 'ole-doc' (Word/WPS) or '' for bytes that are none of them."""
    if data.startswith(b"PK\x03\x04"):
        return "xlsx" if "xl/workbook.xml" in zip_part_names(data) else ""
    if data.startswith(OLE_MAGIC):
        if _utf16("Workbook") in data or _utf16("Book\x00") in data:
            return "xls"
        return "ole-doc"
    return ""


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (_dt.date, _dt.datetime)):  # a deadline typed as a date: printed as 各地 print it
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _lines(rows) -> list[str]:
    """Rows of cell texts → lines; empty rows and empty trailing cells dropped; a row whose only
    text is one cell (a title, a group heading merged across the table) is that text alone."""
    out = []
    for row in rows:
        cells = [_cell_text(v) for v in row]
        while cells and not cells[-1]:
            cells.pop()
        filled = [c for c in cells if c]
        if not filled:
            continue
        if len(set(filled)) == 1:  # a title or heading merged over the width of the table
            out.append(filled[0])
        else:
            out.append("\t".join(cells))
    return out


def xlsx_to_text(data: bytes) -> str:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)  # values, not formulas
    lines = []
    for sheet in book.worksheets:
        grid = [list(row) for row in sheet.iter_rows(values_only=True)]
        for rng in sheet.merged_cells.ranges:  # repeat a merged cell's value over its area
            value = sheet.cell(rng.min_row, rng.min_col).value
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if r - 1 < len(grid) and c - 1 < len(grid[r - 1]):
                        grid[r - 1][c - 1] = value
        lines += _lines(grid)
    return "\n".join(lines)


def _xls_value(sheet, r: int, c: int, datemode: int):
    """A cell's value; a date cell (stored as a day count) as a date."""
    import xlrd

    value = sheet.cell_value(r, c)
    if sheet.cell_type(r, c) == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return value
    return value


def xls_to_text(data: bytes) -> str:
    import xlrd

    book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    lines = []
    for sheet in book.sheets():
        grid = [[_xls_value(sheet, r, c, book.datemode) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
        for r0, r1, c0, c1 in sheet.merged_cells:
            value = grid[r0][c0]
            for r in range(r0, r1):
                for c in range(c0, c1):
                    grid[r][c] = value
        lines += _lines(grid)
    return "\n".join(lines)
