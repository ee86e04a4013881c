"""Task tables flattened into one cell a line, as web-to-Markdown extracts and some pages leave them.

    序号 / 工作任务 / 牵头单位 / 配合单位 / 完成时限      ← the header, one cell a line
    1 / 推进…规划研究 / 区规划资源局、区建设管理委 / 区发展改革委 / 2024年底前

The rows are rebuilt as tab-separated lines, the form in which `ledger.read_ledgers` reads a 台账,
so a flattened table gives its tasks, leads and cooperators like any other. A row opens with its
sequence number (1, （一）) on a line of its own; its lead cell is the first line after the task's
text that lists bodies; a cell may hold several paragraphs (1.… 2.…), which stay with their row.
A table with a task-name column (项目) opens a task at each numbered name (1.做好规划配套), and
the rows after it, up to the next name, are that task's (the name cell is merged over them).
A cell broken after an enumeration comma (区委编办、 / 各街道) is one cell.

A crawler may also run a whole table into one line, with no sequence numbers: its header's cells
glued (存在问题整改目标和措施责任单位) and each row closed by its responsibility cell
(…谋划实施一批跨界投资项目。区经发局牵头，区交建局、电力公司创新应用各种投融资方式…), the next row
glued to the cell's last name. Such rows are cut at their cells and rebuilt the same way
(`unflatten_run_on_rows`).

A table forwarded down the levels may keep a column of responsible bodies for each (督查事项 /
省责任单位 / 市责任单位): the document assigns the work in its own, the last; the cells of the
levels above are left out first (`own_level_cells`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .agencies import looks_like_agency, name_opening, split_names, whole_name
from .clean import next_filled
from .tables import words
from .vocabulary import ROLE, TABLE_COLUMNS, TIME_CELL_OPENING

MAX_CELL = 16  # a header cell is a short label (序号, 牵头单位, 2024年工作任务)
EXTRA_TEXT_COLUMNS = ("工作要求", "目标", "工作目标", "备注")
SEQ = re.compile(r"^\s*(?:\d{1,3}|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、?)\s*$")
GROUP = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|行动[一二三四五六七八九十]{1,3}[：:]).{2,60}$")
LEAD_CELL = re.compile(r"^\s*(?:" + "|".join(TABLE_COLUMNS["lead"]) + r")\S{0,6}\s*$")
NONE_CELL = re.compile(r"^\s*(?:[—–\-－/／]+|无)\s*$")
END = re.compile(r"^\s*(?:抄送|主题词|附件\s*\d|（此件|\(此件)")
TIME_IN_CELL = re.compile(TIME_CELL_OPENING)  # a cell that states a time
TIME_CELL = re.compile(r"^\s*" + TIME_CELL_OPENING + r"[^。；;，,]{0,16}\s*$")  # 2019年5月: a line that is one
NAME_CELL = re.compile(r"^\s*\d{1,2}[.．、]\s*[^。；;，,]{2,30}$")  # 1.做好规划配套


@lru_cache(maxsize=1024)  # asked for every header cell of every row
def _column(cell: str) -> str | None:
    cell = cell.strip()
    if not cell or len(cell) > MAX_CELL or re.search(r"[。，,；;、:：]", cell):
        return None
    for col, names in TABLE_COLUMNS.items():
        if any(cell == n or len(n) > 2 and cell.startswith(n) for n in names):
            return col
    if cell in EXTRA_TEXT_COLUMNS or re.fullmatch(r"\d{4}年.{0,8}", cell):
        return "text"
    return None


def _bodies(line: str) -> bool:
    """A cell that lists bodies (区规划资源局、区建设管理委) or says none (—)."""
    if NONE_CELL.match(line):
        return True
    if "。" in line.strip()[:-1] or len(line) > 30 and "。" in line:  # a sentence, not a list of names
        return False
    names = [n for n in split_names(line.strip(" 。")) if n]
    return bool(names) and all(looks_like_agency(n) for n in names)


def _header_at(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """The header cells that open at line i (blank lines between them skipped), and where it ends."""
    cells = []
    while i < len(lines):
        line = lines[i].strip()
        j = next_filled(lines, i)
        nxt = lines[j].strip() if j < len(lines) else ""
        if (line and nxt and _column(nxt) is None and _column(line + nxt) is not None
                and not SEQ.match(nxt) and not NONE_CELL.match(nxt)):
            line, i = line + nxt, j  # a heading broken over two lines (牵头 / 部门), not the first row's 序号
        elif line and _column(line) is None:
            break
        if line:
            cells.append(line)
        i += 1
    kinds = [_column(c) for c in cells]
    ok = len(cells) >= 3 and "lead" in kinds and ("work" in kinds or "title" in kinds)
    return (cells, i) if ok else None


def _row(header: list[str], cells: list[str], above: list[str] | None) -> list[str]:
    """Lay a row's lines out under the header: the task's text before the lead column, bodies in
    the lead and cooperating columns, what follows in the columns after them. A cell merged over
    several rows is printed in the first of them only: the row above (`above`) lends it."""
    kinds = [_column(c) for c in header]
    lead = kinds.index("lead")
    out = [""] * len(header)
    if kinds[0] == "seq":
        out[0], cells = cells[0], cells[1:]
    if "title" in kinds and cells and NAME_CELL.match(cells[0]):
        out[kinds.index("title")], cells = cells[0], cells[1:]
    text_cols = [k for k in range(lead) if kinds[k] not in ("seq", "title", "group")] or [lead]
    found = next((k for k in range(len(cells)) if _bodies(cells[k])), None)
    before, after = (cells, []) if found is None else (cells[:found], cells[found:])
    if not before and above:  # the task's text merged over this row and the one above
        before = [above[text_cols[0]]]
    if before:
        out[text_cols[0]] = before[0]
        if len(before) > 1:
            out[text_cols[-1]] += ("；" if text_cols[-1] == text_cols[0] else "") + "；".join(before[1:])
    _lay_bodies(kinds, out, after, above, text_cols[-1])
    return [cell.replace("\t", " ") for cell in out]


def _lay_bodies(kinds: list, out: list[str], after: list[str], above: list[str] | None, text_col: int) -> None:
    """The lead cell, the cooperating cell when the next line lists bodies too, a time limit in
    the deadline column; other lines go with the task's text. No bodies at all: the row above's
    (merged over both rows)."""
    lead = kinds.index("lead")
    coop = kinds.index("coop") if "coop" in kinds else None
    if not after:
        if above:
            out[lead] = above[lead]
            if coop is not None:
                out[coop] = above[coop]
        return
    out[lead] = after.pop(0)
    if coop is not None and after and _bodies(after[0]):
        out[coop] = after.pop(0)
        # more bodies, a line each: the same cell broken (综合规划处 / 设施养护处) or a second
        # cooperating column (配合部门 | 实施主体)
        while after and _bodies(after[0]) and not NONE_CELL.match(after[0]) and not NONE_CELL.match(out[coop]):
            out[coop] += "、" + after.pop(0)
    deadline = next((k for k in range(max(lead, coop or 0) + 1, len(kinds)) if kinds[k] == "deadline"), None)
    for line in after:
        if deadline is not None and not out[deadline] and TIME_IN_CELL.search(line):
            out[deadline] = line
        else:
            out[text_col] += "；" + line


def _row_complete(header: list[str], row: list[str]) -> bool:
    """In a table without a 序号 column, a row ends with its lead cell, and its cooperating cell
    when the header has one."""
    kinds = [_column(c) for c in header]
    bodies = [k for k, line in enumerate(row) if k > 0 and _bodies(line)]
    needed = 2 if "coop" in kinds and kinds.index("coop") == kinds.index("lead") + 1 else 1
    last_column = max(kinds.index("lead"), kinds.index("coop") if "coop" in kinds else 0) == len(kinds) - 1
    return last_column and len(bodies) >= needed and bodies[-1] == len(row) - 1


def _seq_form(seq: str) -> str:
    seq = seq.strip()
    return "digits" if seq[:1].isdigit() else "bracketed" if seq[:1] in "（(" else "bare"


def _group_row(row: list[str], seq: str) -> bool:
    """A 序号 with its name alone (二 / 构建全链条…体系) followed by a 序号 of another form ((一)), or
    a name alone after a whole row: the heading of a group of rows, not a row."""
    return (len(row) == 2 and (not row[0].strip() or _seq_form(row[0]) != _seq_form(seq)) and len(row[1]) <= 40
            and not re.search(r"[。；;]", row[1]) and not _bodies(row[1]))


def _cell(lines: list[str], i: int, names: bool) -> tuple[str, int]:
    """The cell that opens at line i and the line it ends on: a cell broken after an enumeration
    comma (区委编办、 / 各街道) or before a body's last word (区土方工作 / 专班) or, in a table with a
    task-name column, a name broken before its end
    (5.实化运行消防 / 安全委员会) goes on over the next line."""
    cell = lines[i].strip()
    while True:
        j = next_filled(lines, i)
        nxt = lines[j].strip() if j < len(lines) else ""
        if not nxt or len(nxt) > 30 or re.search(r"[。；;]", nxt):
            return cell, i
        if not (cell.endswith(("、", "，")) and _bodies(cell + nxt)
                or nxt in words("agency_suffixes.tsv") and not _bodies(cell) and _bodies(cell + nxt)
                or names and NAME_CELL.match(cell) and _name_goes_on(lines, j)):
            return cell, i
        cell, i = cell + nxt, j


def _name_goes_on(lines: list[str], j: int) -> bool:
    """Is line j the end of a task name broken over two lines: short, no list, no name of its own,
    and followed by the task's text (a long line or a sentence)?"""
    nxt = lines[j].strip()
    k = next_filled(lines, j)
    after = lines[k].strip() if k < len(lines) else ""
    return (len(nxt) <= 10 and not re.search(r"[，,、]", nxt) and not NAME_CELL.match(nxt)
            and (len(after) > 30 or "。" in after))


class _TableRows:
    """The rows of one flattened table, read a cell at a time and written to `out` as they close."""

    def __init__(self, header: list[str], out: list[str]):
        self.header, self.out = header, out
        self.has_seq = _column(header[0]) == "seq"
        self.has_names = "title" in map(_column, header)
        self.has_deadline = "deadline" in map(_column, header)
        self.row: list[str] | None = None
        self.above: list[str] | None = None  # the row before, which lends its merged cells

    def close(self) -> None:
        if self.row is not None:
            self.above = _row(self.header, self.row, self.above)
            self.out.append("\t".join(self.above))
        self.row = None

    def open(self, line: str) -> None:
        if self.row is not None and _group_row(self.row, line):
            seq, name = self.row[0].strip().rstrip("、"), self.row[1]
            self.out.append(f"{seq}、{name}" if seq else name)
            self.row = None
        self.close()
        self.row = [line]

    def take(self, line: str) -> bool:
        """Read one cell; False when the line is no part of the table (the text goes on)."""
        row = self.row
        if self.has_names and NAME_CELL.match(line) or self.has_seq and SEQ.match(line):
            self.open(line)  # a task name (1.做好规划配套) or a 序号 opens a row
        elif GROUP.match(line) and (row is None or len(row) > 2):
            self.close()
            self.out.append(line)  # a heading row inside the table (一、…)
        elif (self.has_names and row is not None and not _bodies(line) and _bodies(row[-1]) and len(row) > 2
              and not (self.has_deadline and TIME_CELL.match(line))):
            self.open(line)  # the name's next row: its text after the bodies of the row before
        elif self.has_seq and row is not None and _row_complete(self.header, row) and not _bodies(line):
            self.close()  # the task's next row: its cell merged over both, printed in the first only
            self.row = ["", line]
        elif row is not None:
            row.append(line)
            if not self.has_seq and _row_complete(self.header, row):
                self.close()
        elif self.has_names and len(line) <= 40 and not re.search(r"[。；;]", line):
            self.out.append(line)  # a category over the names that follow (提升交通设施环境品质)
        elif not self.has_seq and not GROUP.match(line) and len(line) > 6:
            self.row = [line]  # no 序号 column: a row opens with its task's text
        elif len(line) <= 40 and not re.search(r"[。；;]", line):
            if not NONE_CELL.match(line):
                self.out.append(line)  # a group heading without a number (构建…体系)
        else:
            return False
        return True


# 省责任单位 / 市责任单位: a column of responsible bodies for each level of a table forwarded down
LEVEL_COLUMN = re.compile(r"^\s*([省市县区])级?(?:责任单位|牵头单位|责任部门|牵头部门)\s*$")
LEVEL_COLUMNS_GAP = 3  # lines between two level columns' headings, at most


def own_level_cells(lines: list[str]) -> list[str]:
    """A task table forwarded down with a column of responsible bodies for each level (督查事项 /
    省责任单位 / 市责任单位, a cell a line): the document assigns the work in the last level's column,
    its own; the cells of the levels above (a line that opens with 省 and lists bodies) are left out."""
    heads = [(k, m.group(1)) for k, line in enumerate(lines) if (m := LEVEL_COLUMN.match(line))]
    pairs = [(a, b) for a, b in zip(heads, heads[1:]) if b[0] - a[0] <= LEVEL_COLUMNS_GAP and a[1] != b[1]]
    if not pairs:
        return lines
    start, upper = pairs[0][1][0], pairs[0][0][1]
    return lines[:start] + [line for line in lines[start:] if not (
        line.lstrip().startswith(upper) and "。" not in line and (ROLE.search(line) or _bodies(line)))]


def unflatten_tables(lines: list[str]) -> list[str]:
    """The lines with each flattened task table rebuilt as tab-separated rows (others unchanged)."""
    lines = own_level_cells(lines)
    if not any(len(line) <= MAX_CELL + 6 and LEAD_CELL.match(line) for line in lines):
        return lines  # the common case: no lead column's heading on a line of its own
    out: list[str] = []
    i = 0
    while i < len(lines):
        found = _header_at(lines, i) if lines[i].strip() else None
        if found is None:
            out.append(lines[i])
            i += 1
            continue
        header, i = found
        out.append("\t".join(header))
        table = _TableRows(header, out)
        while i < len(lines) and not END.match(lines[i]) and not (lines[i].strip() and _header_at(lines, i)):
            line, i = _cell(lines, i, table.has_names)
            if line and not table.take(line):
                break
            i += 1
        table.close()
    return out


# A run-on table: the header's cells glued, up to its lead column (…整改目标和措施责任单位), then rows
# that each end in a cell `A、B牵头` or `A、B牵头，C、D`, the next row glued to the last name.
RUN_ON_HEADER = re.compile(r"^[^。，,；;：:]{2,40}?(?:" + "|".join(TABLE_COLUMNS["lead"]) + ")")
RUN_ON_ROWS = 3  # cells a line must hold to be read as such a table
RUN_ON_LINE = 150  # and so its length at least (three rows of work and bodies)
ROLE_AFTER = re.compile(r"(?:配合|参与|负责|协助|按职责)")  # 区财政局牵头，区税务局配合: a clause, not a cell
LIST_SEPARATOR = re.compile(r"[、，,]")


def _run_on_cells(line: str, start: int) -> list[tuple[int, int, list[str], list[str]]]:
    """(cell start, cell end, leads, cooperators) of each responsibility cell after `start`."""
    cells = []
    row_start = start
    for m in re.finditer("牵头", line[start:]):
        at = start + m.start()
        if at < row_start:
            continue
        cell_start = max(row_start, max(line.rfind(c, row_start, at) for c in "。；;") + 1)
        leads = split_names(line[cell_start:at])
        if not leads or not all(looks_like_agency(n) for n in leads) or at - cell_start > 40:
            continue
        end, coops = at + 2, []
        if line.startswith(("，", ","), end):
            pos = end + 1
            while pos < len(line):  # names while each piece is one; the last one's name ends the cell
                sep = LIST_SEPARATOR.search(line, pos)
                piece = line[pos:sep.start()] if sep else line[pos:]
                if sep and whole_name(piece):
                    coops.append(piece)
                    pos = sep.end()
                    continue
                opening = name_opening(line[pos:])
                if opening:
                    coops.append(line[pos:pos + opening])
                    pos += opening
                break
            if not coops or ROLE_AFTER.match(line, pos):
                continue
            end = pos
        cells.append((cell_start, end, leads, coops))
        row_start = end
    return cells


def unflatten_run_on_rows(lines: list[str]) -> list[str]:
    """The lines with each run-on table (its header glued, its rows closed by their cells and run
    together, no sequence numbers) rebuilt as a header and one tab-separated row a line."""
    out: list[str] = []
    for line in lines:
        header = RUN_ON_HEADER.match(line) if len(line) >= RUN_ON_LINE and "牵头" in line else None
        cells = _run_on_cells(line, header.end()) if header else []
        if len(cells) < RUN_ON_ROWS:
            out.append(line)
            continue
        out.append("工作任务\t牵头单位\t配合单位")  # the columns as the rows are rebuilt, for ledger.py
        row_start = header.end()
        for cell_start, cell_end, leads, coops in cells:
            out.append("\t".join((line[row_start:cell_start].strip(), "、".join(leads), "、".join(coops))))
            row_start = cell_end
        if line[row_start:].strip():
            out.append(line[row_start:].strip())
    return out
