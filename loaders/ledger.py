"""台账 tables: rows of work with 牵头部门 / 配合部门 columns, as PDF conversion leaves them
(one line a row, cells split by tabs, merged cells standing in one of their rows only).

Rows refine the tasks of the text: each row is matched to the task whose text holds its work
sentence; the lead and cooperating cells of a task's rows become its roles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .agencies import looks_like_agency, split_names
from .tables import regions
from .vocabulary import GROUP_ROW, ROLE_TAIL

COLUMNS = {
    "work": ("具体工作", "工作任务", "任务内容", "工作内容", "主要任务", "工作措施", "具体措施", "主要措施", "工作举措",
             "具体举措", "推进措施", "具体任务", "重点工作", "任务"),
    "title": ("重点任务", "任务名称", "工作事项", "事项"),
    "lead": ("牵头部门", "牵头单位", "责任单位", "责任部门", "主责单位", "牵头"),
    "coop": ("配合部门", "配合单位", "协办单位", "参与单位", "配合"),
    "deadline": ("完成时限", "完成时间", "时间节点", "时限", "进度安排"),
    "seq": ("序号", "编号"),
}
NAME_START = re.compile(r"^(?:[市省区县各镇乡]|" + "|".join(sorted(
    {r.short for r in regions().values()}, key=len, reverse=True)) + ")")
HEADER_HINT = re.compile("牵头|责任单位|责任部门|主责")  # every header names its lead column so


@dataclass
class LedgerRow:
    seq: str
    title: str
    work: str
    lead: str
    coop: str
    deadline: str = ""
    section: str = ""  # the group heading row above it (一、推进学前教育普及普惠发展)


@dataclass
class Ledger:
    rows: list[LedgerRow] = field(default_factory=list)
    lead_column_leads_all: bool = True  # 牵头单位: every body in the cell leads; 责任单位: the first


def _header(cells: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for i, cell in enumerate(c.strip() for c in cells):
        if "lead" in found and "coop" not in found and cell.startswith(("责任单位", "责任部门")):
            found["coop"] = i  # 牵头单位 | 责任单位: the bodies responsible beside the lead cooperate
            continue
        for col, names in COLUMNS.items():
            if col not in found and any(cell == n or cell.startswith(n) for n in names):
                found[col] = i
                break
    return found if "lead" in found and ("work" in found or "title" in found) else None


def read_ledgers(lines: list[str]) -> list[Ledger]:
    """Find tables with a lead column among the lines (tab-separated rows)."""
    ledgers: list[Ledger] = []
    header, section = None, ""
    for line in lines:
        if "\t" not in line:
            if header is not None and GROUP_ROW.match(line):  # a heading row inside the table
                section = line.strip()
            elif line.strip():
                header, section = None, ""
            continue
        cells = line.split("\t")
        h = _header(cells) if HEADER_HINT.search(line) else None
        if h:
            if header is None:
                ledgers.append(Ledger())
            header = h
            lead_title = cells[h["lead"]].strip()
            ledgers[-1].lead_column_leads_all = "牵头" in lead_title or "coop" in h
            continue
        if header is None:
            continue

        def cell(col: str) -> str:
            i = header.get(col)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        ledgers[-1].rows.append(LedgerRow(cell("seq"), cell("title"), cell("work") or cell("title"),
                                          cell("lead"), cell("coop"), cell("deadline"), section))
    return [t for t in ledgers if t.rows]


def names_in_cells(cells: list[str]) -> tuple[list[str], list[str]]:
    """Agency names in a column's cells, joining a cell broken across rows; (names, rejected).

    A cell continues into the next one when the next does not open a name of its own
    (市工信局等短缺药品供应保障部门会 | 商联动机制成员单位按职责分工负责).
    """
    cells = [c.strip(" -–—·") for c in cells if c.strip(" -–—·")]
    joined: list[str] = []
    for cell in cells:
        if joined and not NAME_START.match(cell):
            joined[-1] += cell
        else:
            joined.append(cell)
    names, rejected = [], []
    for text in joined:
        for p in split_names(text):
            p = re.split(r"按职责", p)[0]
            p = ROLE_TAIL.sub("", p).strip()
            (names if looks_like_agency(p) else rejected).append(p)
    return names, rejected


def squash(text: str) -> str:
    return re.sub(r"[\s，,。、；;：:“”\"'（）()《》]", "", text)
