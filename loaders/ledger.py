"""Tables stage: 台账 tables, rows of work with 牵头部门 / 配合部门 columns, as PDF conversion leaves
them (one line a row, cells split by tabs, merged cells standing in one of their rows only).

Rows refine the tasks of the text: each row is matched to the task whose text holds its work
sentence; the lead and cooperating cells of a task's rows become its roles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.records import TaskRecord

from .agencies import Context, looks_like_agency, resolve, split_names
from .clean import squash
from .references import find_references
from .tables import regions
from .fields import dedupe_roles, due_date, headline
from .vocabulary import GROUP_ROW, ROLE_TAIL, TABLE_COLUMNS, cn_number

NAME_START = re.compile(r"^(?:[市省区县各镇乡]|" + "|".join(sorted(
    {r.short for r in regions().values()}, key=len, reverse=True)) + ")")
HEADER_HINT = re.compile("牵头|责任单位|责任部门|主责|推进单位|实施单位|责任主体")  # every header names its lead column so


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
    numbered: bool = True  # a 序号 or task-name column opens each task; without one, every row is a task


def _header(cells: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for i, cell in enumerate(c.strip() for c in cells):
        if "lead" in found and "coop" not in found and cell.startswith(("责任单位", "责任部门")):
            found["coop"] = i  # 牵头单位 | 责任单位: the bodies responsible beside the lead cooperate
            continue
        exact = next((col for col, names in TABLE_COLUMNS.items() if col not in found and cell in names), None)
        col = exact or next((col for col, names in TABLE_COLUMNS.items()  # 任务名称 is a title, not work (任务…)
                             if col not in found and any(cell.startswith(n) for n in names)), None)
        if col:
            found[col] = i
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
            ledgers[-1].numbered = "seq" in h or "title" in h
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
        if joined and not NAME_START.match(cell) and not (looks_like_agency(joined[-1]) and looks_like_agency(cell)):
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




# --- the tables stage: 台账 rows merged into the text's tasks ------------------------------------

def _ledger_roles(name: str, label: str, rows, ledgers, ctx: Context, warnings: list[str]):
    """Lead and cooperating agencies in a task's 台账 rows (cells split across rows joined)."""
    leads, bad1 = names_in_cells([r.lead for r in rows])
    coops, bad2 = names_in_cells([r.coop for r in rows])
    for b in bad1 + bad2:
        warnings.append(f"{name}: task {label}: 台账 cell {b[:30]!r} is not an agency")
    if not all(t.lead_column_leads_all for t in ledgers):  # 责任单位 column: the first-named leads
        leads, coops = leads[:1], leads[1:] + coops
    evidence = "台账: " + "；".join(f"{r.work[:30]}｜{r.lead}｜{r.coop}" for r in rows)[:300]
    return ([resolve(n, ctx, "牵头单位", evidence) for n in dict.fromkeys(leads)],
            [resolve(n, ctx, "配合单位", evidence) for n in dict.fromkeys(coops)])


def _ledger_task(tasks: list[TaskRecord], keys: list[str], row) -> int | None:
    """The index of the text's task that holds a 台账 row's work (or its task name); keys are
    the tasks' squashed texts."""
    k = squash(row.work)[:14]
    hit = next((i for i, text in enumerate(keys) if k and k in text), None)
    if hit is None and row.title:
        tk = squash(row.title)[:8]
        hit = next((i for i, t in enumerate(tasks) if tk and tk in squash(t.title)), None)
    if hit is None:  # 明确支持对象，优先保障… : the row opens with the task's headline
        head = squash(re.split(r"[，,。；;]", row.work, maxsplit=1)[0])
        fits = [(len(title), i) for i, title in enumerate(squash(t.title) for t in tasks)
                if len(title) >= 4 and head.startswith(title)]
        hit = max(fits)[1] if fits else None
    return hit


def _match_rows(tasks: list[TaskRecord], ledgers) -> tuple[dict[int, list], int]:
    """The 台账 rows of each text task (by its index), and how many rows match none."""
    keys = [squash(t.text) for t in tasks]
    by_task: dict[int, list] = {}
    unmatched = 0
    for ledger in ledgers:
        for row in ledger.rows:
            hit = _ledger_task(tasks, keys, row)
            if hit is None:
                unmatched += 1
            else:
                by_task.setdefault(hit, []).append(row)
    return by_task, unmatched


NUMBERED_NAME = re.compile(r"^\s*(\d{1,2})[.．、]\s*")


def _tasks_from_ledgers(tasks: list[TaskRecord], ledgers, ctx: Context, own, name: str,
                        warnings: list[str]) -> None:
    """A task list given only as a table: a row with a number (or a task name) opens a task."""
    groups: list[list] = []
    for ledger in ledgers:
        for row in ledger.rows:
            if _opens_a_task(ledger, row) or not groups:
                groups.append([row])
            else:
                groups[-1].append(row)
    for order, rows in enumerate(groups, len(tasks) + 1):
        first = rows[0]
        text = "\n".join(r.work for r in rows if r.work)
        label, title = first.seq.strip(), first.title
        if not label and (numbered := NUMBERED_NAME.match(title)):  # 1.做好规划配套: number and name in one cell
            label, title = numbered.group(1), title[numbered.end():]
        task = TaskRecord(label=label, title=headline(title or first.work), text=text,
                          section=" / ".join(x for x in ("台账", first.section) if x), order=order)
        task.leads, task.cooperates = _ledger_roles(name, task.label, rows, ledgers, ctx, warnings)
        deadline = next((r.deadline for r in rows if r.deadline), "")
        task.deadline, task.due = deadline, due_date(deadline)
        task.implements = [r for _, r in find_references(text, ctx, own)]
        dedupe_roles(task)
        tasks.append(task)


def _apply_ledgers(tasks: list[TaskRecord], by_task: dict[int, list], unmatched: int, ledgers, ctx: Context,
                   name: str, warnings: list[str]) -> None:
    """Rows refine the text's tasks: a task's table leads win, the bodies the text named stay."""
    if unmatched:
        warnings.append(f"{name}: {unmatched} 台账 rows match no task of the text")
    for i, rows in by_task.items():
        task = tasks[i]
        leads, coops = _ledger_roles(name, task.label, rows, ledgers, ctx, warnings)
        if not leads:
            continue
        lead_names = {a.name for a in leads}
        task.cooperates = [a for a in coops + task.leads + task.cooperates if a.name not in lead_names]
        task.leads = leads
        deadlines = [r.deadline for r in rows if r.deadline]
        if deadlines and not task.deadline:
            task.deadline, task.due = deadlines[0], due_date(deadlines[0])
        dedupe_roles(task)


def _finer_than_the_text(tasks: list[TaskRecord], ledgers, by_task: dict[int, list], unmatched: int) -> bool:
    """Are the table's rows finer than the text's items (more numbered rows, several under one item,
    numbered on their own rather than by the text's items)?"""
    opening = sum(1 for t in ledgers for r in t.rows if _opens_a_task(t, r))
    numbers = {_number_of(r.seq) for t in ledgers for r in t.rows if r.seq.strip()}
    numbered_by_text = len(numbers - {_number_of(t.label) for t in tasks}) <= len(numbers) / 2
    return (not numbered_by_text and opening > len(tasks)
            and bool(unmatched or any(len(rows) > 1 for rows in by_task.values())))


def _opens_a_task(ledger: Ledger, row: LedgerRow) -> bool:
    return bool(row.seq.strip() or row.title.strip()) if ledger.numbered else bool(row.work.strip())


def _number_of(label: str) -> int:
    """The number a label stands for: 3, 3., （三）, 三、 → 3."""
    digits = re.sub(r"[^\d一二三四五六七八九十百]", "", label)
    return cn_number(digits) if digits else 0


def merge_ledgers(tasks: list[TaskRecord], lines: list[str], ctx: Context, own, name: str
                  ) -> tuple[list[TaskRecord], list[str]]:
    """The tables stage: 台账 rows among `lines` refine the text's tasks, or are the task list when
    no row matches a task of the text. Returns the tasks and the warnings (`name` names the document)."""
    warnings: list[str] = []
    ledgers = read_ledgers(lines)
    if not ledgers:
        return tasks, warnings
    by_task, unmatched = _match_rows(tasks, ledgers)
    matched = sum(len(rows) for rows in by_task.values())
    if by_task and (unmatched > matched or _finer_than_the_text(tasks, ledgers, by_task, unmatched)):
        # the table's rows are the tasks (most of its rows are in no item of the text, or finer
        # than the text's items, which are then sections)
        tasks = [t for i, t in enumerate(tasks) if i not in by_task and t.leads]
        _tasks_from_ledgers(tasks, ledgers, ctx, own, name, warnings)
    elif by_task:
        _apply_ledgers(tasks, by_task, unmatched, ledgers, ctx, name, warnings)
    else:  # the table is the task list; the text's items without a lead only introduce it
        tasks = [t for t in tasks if t.leads]  # (二、重点任务分工 …见下表)
        _tasks_from_ledgers(tasks, ledgers, ctx, own, name, warnings)
    return tasks, warnings
