"""Structured layouts: the document, agency and directive views laid out as what they are.

Every node of these views is a box whose label is wrapped here, in Python, to a fixed width,
so that its height is known and the layout can give each box a place of its own: no two
boxes share a place, and labels never overlap at any zoom. A box is opaque, so a line that
passes behind it never crosses its text.

- document: the document, then its outline — section headings, tasks (sub-items indented
  under their task) — with the agencies at the right, each beside the tasks it works on
  (leads solid, cooperators dashed); what it cites, forwards or is carried out by at the
  left; a forwarded document that is loaded brings its own outline below (a 转发 notice
  shows what it takes on).
- agency: the documents the agency works on, grouped by year, each with its tasks; the
  agency and its partners at the right; the documents it issued beside it.
- directive: the implementation tree by level (national at the top); under the tree, one
  block per document with its section headings and tasks, each task naming its lead.

A task's place in its document (PART_OF) is shown by indentation: those lines are kept in the
data (hover and counts) but not drawn, because a line from every task to its heading would
run behind the task list. Section headings are layout nodes (label `Section`), not stored.
"""
from __future__ import annotations

import functools
import math
from collections import defaultdict

import networkx as nx
from wcwidth import wcwidth

FONT = 14
LINE_H = 18  # px a label line takes at FONT
MARGIN = 6  # px inside a box, each side
GAP = 12  # px between two rows
COL_GAP = 90  # px between two columns: room for the lines

WIDTH = {"Document": 240, "Directive": 240, "Task": 320, "SubTask": 290, "Agency": 180,
         "Section": 320, "Year": 240, "Root": 260}
MAX_LINES = {"Document": 3, "Directive": 3, "Task": 3, "SubTask": 2, "Agency": 2,
             "Section": 2, "Year": 1, "Root": 4}


# --- labels ---------------------------------------------------------------------------------

CLOSING = set("）》〕】」』”’。，、；：！？…)]}.,;:!?")  # never the first character of a line


@functools.cache  # each character measured once: labels are wrapped by the hundred thousand
def _units(ch: str) -> float:
    """Width in FONT-size units, as Chromium measures Noto Sans CJK at 14 px (中 14.0 px,
    2 7.8 px, a space 3.1 px)."""
    if ch == " ":
        return 0.25
    w = wcwidth(ch)
    return 1.0 if w == 2 else 0.58 if w == 1 else 0.0


def wrap(text: str, width_px: float, max_lines: int) -> list[str]:
    """Break `text` into lines that fit `width_px` at FONT; the last kept line ends in … when
    text is left over."""
    limit = (width_px - 2 * MARGIN - 16) / FONT  # room for one closing mark past it
    lines: list[str] = []
    for para in str(text or "").split("\n"):
        line, used = "", 0.0
        for ch in para:
            u = _units(ch)
            if used + u > limit and line and ch not in CLOSING:
                lines.append(line)
                line, used = "", 0.0
            line += ch
            used += u
        lines.append(line)
    lines = [ln for ln in lines if ln.strip()] or [""]
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        lines = lines[:max_lines - 1] + [last[:-1] + "…"]
    return lines


def kind_of(g: nx.MultiDiGraph, n) -> str:
    labels = g.nodes[n]["labels"]
    for label in ("Section", "Year", "Document", "Directive", "Task", "Agency"):
        if label in labels:
            return label
    return "Task"


def _parent(g, n):
    for _, e, k in g.out_edges(n, keys=True):
        if k == "PART_OF":
            return e
    return None


def is_subtask(g, n) -> bool:
    p = _parent(g, n)
    return p is not None and kind_of(g, p) == "Task"


def label_text(g, n, extra: str = "") -> str:
    """What a box says: number and title for documents, numbering and headline for tasks."""
    kind, props = kind_of(g, n), g.nodes[n]["props"]
    if kind in ("Document", "Directive"):
        number, title = props.get("number") or "", props.get("title") or ""
        return "\n".join(w for w in (number, title) if w) or props.get("id", "")
    if kind == "Agency":
        mark = {"predecessor": "前身：", "successor": "继任："}.get(g.nodes[n].get("lineage"), "")
        return mark + (props.get("name") or props.get("id", ""))
    if kind in ("Section", "Year"):
        return props.get("title") or ""
    text = f"{props.get('label') or ''} {props.get('title') or ''}".strip()
    if props.get("deadline"):
        text += f"（{props['deadline']}）"
    return text + (f"\n{extra}" if extra else "")


def set_box(g, n, kind: str, extra: str = "") -> tuple[float, float]:
    """Wrap the node's label for a box of its kind; return the box's width and height."""
    width = WIDTH[kind]
    lines = wrap(label_text(g, n, extra), width, MAX_LINES[kind])
    if extra and kind in ("Task", "SubTask"):  # the lead line always shows, the title gives way
        head = wrap(label_text(g, n), width, MAX_LINES[kind] - 1)
        lines = head + wrap(extra, width, 1)
    height = len(lines) * LINE_H + 2 * MARGIN
    g.nodes[n].update(box={"lines": lines, "width": width, "height": height})
    return width, height


def _section_node(g, key: str, title: str, doc) -> str:
    nid = f"section:{doc}#{key}"
    if nid not in g:
        g.add_node(nid, labels=["Section"], props={"title": title})
    return nid


class Column:
    """Boxes stacked top to bottom from `top`, left edge at `left`."""

    def __init__(self, left: float, top: float = 0.0):
        self.left, self.y = left, top

    def place(self, g, pos, n, kind: str, indent: float = 0.0, extra: str = "") -> float:
        w, h = set_box(g, n, kind, extra)
        pos[n] = (self.left + indent + w / 2, self.y + h / 2)
        self.y += h + GAP
        return pos[n][1]


def _beside(g, pos, nodes: list, left: float, top: float = 0.0) -> None:
    """Place boxes in one column, each as near as it can be to the mean height of what it is
    linked to, without two boxes touching."""
    wanted = []
    for n in nodes:
        kind = kind_of(g, n)
        w, h = set_box(g, n, kind if kind != "Task" else "Task")
        ys = [pos[m][1] for m in nx.all_neighbors(g, n) if m in pos]
        wanted.append((sum(ys) / len(ys) if ys else math.inf, str(n), n, w, h))
    wanted.sort()
    y = top
    for want, _, n, w, h in wanted:
        centre = max(want if want != math.inf else y + h / 2, y + h / 2)
        pos[n] = (left + w / 2, centre)
        y = centre + h / 2 + GAP


def task_order(g, tasks) -> list:
    return sorted(tasks, key=lambda t: (g.nodes[t]["props"].get("order") or 0, str(t)))


def _outline(g, pos, doc, sections: Column, tasks: Column, extra=None) -> None:
    """A document's section headings and tasks (sub-items under their task), top to bottom."""
    top = [t for t, _, k in g.in_edges(doc, keys=True) if k == "PART_OF" and kind_of(g, t) == "Task"]
    groups: dict[str, list] = defaultdict(list)
    for t in task_order(g, top):
        groups[(g.nodes[t]["props"].get("section") or "").split(" / ")[0]].append(t)
    for heading, members in groups.items():
        y = max(sections.y, tasks.y)
        sections.y = tasks.y = y
        if heading:
            sections.place(g, pos, _section_node(g, heading, heading, doc), "Section")
            tasks.y = sections.y if sections.left == tasks.left else y
        for t in members:
            tasks.place(g, pos, t, "Task", extra=extra(t) if extra else "")
            subs = [s for s, _, k in g.in_edges(t, keys=True) if k == "PART_OF"]
            for s in task_order(g, subs):
                tasks.place(g, pos, s, "SubTask", indent=WIDTH["Task"] - WIDTH["SubTask"],
                            extra=extra(s) if extra else "")
    sections.y = tasks.y = max(sections.y, tasks.y)


# --- the three views ------------------------------------------------------------------------

def document_layout(g: nx.MultiDiGraph, root) -> dict:
    x_left = 0.0
    x_root = x_left + WIDTH["Document"] + COL_GAP
    x_task = x_root + WIDTH["Root"] + COL_GAP
    x_sec = x_task
    x_side = x_task + WIDTH["Task"] + COL_GAP * 1.4
    pos: dict = {}
    main = Column(x_root)
    main.place(g, pos, root, "Root")
    sections, tasks = Column(x_sec), Column(x_task)
    _outline(g, pos, root, sections, tasks)
    # a forwarded document that is loaded: its own outline below, under its own box
    for _, e, k in sorted(g.out_edges(root, keys=True), key=lambda x: str(x[1])):
        if k == "FORWARDS" and any(kk == "PART_OF" for _, _, kk in g.in_edges(e, keys=True)):
            main.y = max(main.y, sections.y, tasks.y) + 3 * GAP
            sections.y = tasks.y = main.y
            main.place(g, pos, e, "Document")
            _outline(g, pos, e, sections, tasks)
    left = Column(x_left)
    upstream = [n for n in g if n not in pos and kind_of(g, n) in ("Document", "Directive")
                and any(s == root or s in pos for s, _ in g.in_edges(n))]
    downstream = [n for n in g if n not in pos and kind_of(g, n) in ("Document", "Directive")
                  and n not in upstream]
    issuers = [e for _, e, k in g.out_edges(root, keys=True) if k == "ISSUED_BY"]
    for n in sorted(issuers, key=str):
        left.place(g, pos, n, "Agency", indent=(WIDTH["Document"] - WIDTH["Agency"]) / 2)
    cited_by_tasks = [n for n in upstream
                      if not g.has_edge(root, n) and all(kind_of(g, s) == "Task"
                                                         for s, _ in g.in_edges(n))]
    for n in sorted(set(upstream) - set(cited_by_tasks), key=str):
        left.place(g, pos, n, "Document")
    left.y += 2 * GAP
    for n in sorted(downstream, key=str):
        left.place(g, pos, n, "Document")
    side = [n for n in g if n not in pos and kind_of(g, n) == "Agency"] + cited_by_tasks
    _beside(g, pos, side, x_side)
    for n in g:  # anything left (should be nothing): a column of its own at the far right
        if n not in pos:
            _beside(g, pos, [n], x_side + WIDTH["Agency"] + COL_GAP)
    return pos


def agency_layout(g: nx.MultiDiGraph, root) -> dict:
    x_doc = 0.0
    x_task = x_doc + WIDTH["Document"] + COL_GAP
    x_side = x_task + WIDTH["Task"] + COL_GAP * 1.4
    x_issued = x_side + WIDTH["Root"] + COL_GAP
    pos: dict = {}
    tasks_of: dict = defaultdict(list)  # the view draws every task straight to its document
    for t in g:
        if kind_of(g, t) == "Task" and (g.has_edge(root, t, "LEADS") or g.has_edge(root, t, "COOPERATES")):
            p = _parent(g, t)
            if p is not None:
                tasks_of[p].append(t)

    def year(d):
        props = g.nodes[d]["props"]
        return str(props.get("year") or (props.get("date") or "")[:4] or "")

    docs = sorted(tasks_of, key=lambda d: (year(d) or "9999", g.nodes[d]["props"].get("date") or "",
                                           str(d)))
    col_doc, col_task = Column(x_doc), Column(x_task)
    current = None
    for d in docs:
        if year(d) != current:
            current = year(d)
            y = max(col_doc.y, col_task.y) + (GAP if pos else 0)
            col_doc.y = col_task.y = y
            head = f"year:{current or '?'}"
            g.add_node(head, labels=["Year"], props={"title": f"{current}年" if current else "年份不明"})
            col_doc.place(g, pos, head, "Year")
        col_task.y = col_doc.y
        col_doc.place(g, pos, d, "Document")
        for t in task_order(g, tasks_of[d]):
            col_task.place(g, pos, t, "Task")
        col_doc.y = col_task.y = max(col_doc.y, col_task.y) + GAP
    side = Column(x_side)
    side.place(g, pos, root, "Root")
    others = [n for n in g if n not in pos and kind_of(g, n) == "Agency"]
    _beside(g, pos, others, x_side + (WIDTH["Root"] - WIDTH["Agency"]) / 2, top=side.y + GAP)
    issued = Column(x_issued)
    for n in sorted((n for n in g if n not in pos), key=lambda d: (year(d), str(d))):
        issued.place(g, pos, n, "Document" if kind_of(g, n) != "Task" else "Task")
    return pos


def directive_layout(g: nx.MultiDiGraph, root) -> dict:
    """Documents in level rows under what they implement or forward, then one block per
    document: its number, section headings and tasks, each task naming its lead (the
    `leads` the subgraph puts on each task node).

    Tasks are nodes, so links between tasks of different documents (ANSWERS: a local task
    carrying out an upstream one) are drawn between their boxes as they are added to `g`."""
    from .layout import tree_rows
    rows = tree_rows(g, root)
    pos: dict = {}
    pitch = WIDTH["Document"] + 40
    y = 0.0
    for row in sorted(rows):
        heights = [set_box(g, n, "Root" if n == root else "Document")[1] for n in rows[row]]
        ordered = rows[row]
        for i, n in enumerate(ordered):
            pos[n] = ((i - (len(ordered) - 1) / 2) * pitch, y + max(heights) / 2)
        y += max(heights) + 110
    docs = sorted((n for n in g if n in pos and any(
        k == "PART_OF" and kind_of(g, t) == "Task" for t, _, k in g.in_edges(n, keys=True))),
        key=lambda d: (pos[d][0], pos[d][1], str(d)))
    block_w = WIDTH["Task"] + COL_GAP / 2
    width = max(len(docs), 1) * block_w
    x0 = -width / 2
    def extra(t):
        leads = g.nodes[t].get("leads") or []
        return "牵头：" + "、".join(leads) if leads else ""
    for i, d in enumerate(docs):
        left = x0 + i * block_w
        head = _section_node(g, "head", "", d)
        g.nodes[head]["props"]["title"] = "▼ " + label_text(g, d).split("\n")[0] + " 的任务"
        g.add_edge(head, d, key="PART_OF", type="PART_OF", props={})
        sections, tasks = Column(left, y), Column(left, y)
        sections.place(g, pos, head, "Section")
        sections.y = tasks.y = sections.y
        _outline(g, pos, d, sections, tasks, extra=extra)
    for n in g:
        if n not in pos:
            _beside(g, pos, [n], x0 - WIDTH["Agency"] - COL_GAP, top=y)
    return pos
