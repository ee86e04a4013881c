"""Task stage: a provision → a TaskRecord with its roles, time limit and cited directives, and the
document-level references of the preamble.

The clauses of a provision's own text (found by the provisions stage, responsibility.py) give its roles; each named body is
resolved in the document's jurisdiction (agencies.py); references (references.py) give what the
task implements. A task without a clause of its own takes the roles of its sub-items; a body named
twice keeps its strongest role only.
"""
from __future__ import annotations

import re

from policykg.records import DocumentRecord, Reference, TaskRecord

from .agencies import Context, looks_like_agency, resolve, split_names
from .fields import dedupe_roles, due_date, headline
from .references import BASIS, FORWARD, ISSUING, find_references, sentences, title_only_references
from .responsibility import Clause, cells_after_title, cells_on_lines, row_cells
from .structure import Preamble, Provision, duty_holders, led_together, opens_with_its_body
from .vocabulary import TABLE_COLUMNS

# The lookahead names the characters a match opens with, so that the regex engine passes over the
# rest of a task's text fast (its two branches open differently, which defeats that scan).
DEADLINE = re.compile(r"(?=[完时（(])(?:(?:完成时限|完成时间|时间节点|时限要求)[:：]\s*([^。；;\n）)]{2,30})"
                      r"|[（(]((?:\d{4}年(?:\d{1,2}月)?(?:底|末)?|年底)前(?:完成)?|长期坚持|持续推进)[）)])")


def document_references(title: str, preamble: Preamble, ctx: Context, own) -> tuple[list[Reference], list[Reference]]:
    """(implements, forwards) read from the sentences before the first provision; the sections
    that frame the plan add the numbered documents their basis sentences cite."""
    implements: list[Reference] = []
    forwards: list[Reference] = []
    forwarding = "转发" in title[:30]
    for sentence in sentences(preamble.text):  # references are read only in the sentences that count
        if forwarding and FORWARD.search(sentence):
            forwards += _numbered(sentence, ctx, own) or title_only_references(sentence, ctx)
        elif BASIS.search(sentence):
            implements += _numbered(sentence, ctx, own)
            if not ISSUING.search(sentence):  # 现将《本方案》印发给你们 cites nothing upstream
                implements += title_only_references(sentence, ctx)
    for sentence in sentences(preamble.framing):
        if BASIS.search(sentence):
            implements += _numbered(sentence, ctx, own)
    return _once(implements), _once(forwards)


def _numbered(sentence: str, ctx: Context, own) -> list[Reference]:
    return [r for _, r in find_references(sentence, ctx, own)]


def _once(refs: list[Reference]) -> list[Reference]:
    """A directive cited twice (in the notice and again in the plan's 指导思想, or by its title in the
    document's own title and with its number in the text) is one reference."""
    seen: set[str] = {r.title for r in refs if r.number and r.title}
    return [r for r in refs if (r.number or r.title) not in seen and not seen.add(r.number or r.title)]


DUTIES_OF = re.compile(r"^(.{2,30}?)(?:工作)?职责$")  # an item headed by the body it gives work to


def task_record(prov: Provision, order: int, ctx: Context, own) -> TaskRecord:
    """One provision (and its sub-items) as a task."""
    node = prov.node
    own_text = node.own_text
    task = TaskRecord(label=node.label.rstrip(".．、 ") if node.kind == "ar" else node.label,
                      title=headline(node.text) or headline(node.full_text.strip()),  # 一、 ⏎治理对象…
                      text=node.full_text, section=prov.section, order=order)
    for clause in prov.clauses:
        _take_roles(task, clause, ctx)
    duties = DUTIES_OF.match(task.title) if not task.leads and not task.cooperates else None
    if duties:  # （六）公安、边防派出所职责：…: the bodies whose duties the item lists
        task.leads = [resolve(n, ctx, "职责", task.title) for n in split_names(duties.group(1))
                      if looks_like_agency(n)]
    if prov.holder and not task.leads and not task.cooperates:  # 二、职责分工 1.街道消委办。牵头开展…: the
        task.leads = [resolve(prov.holder, ctx, "职责", prov.holder)]  # body, the first of its duties the title
        after = node.full_text.strip()[len(prov.holder):]
        if after[:1] in "。：: \n":  # headed by the body (1.街道消委办。牵头开展…), not a sentence that opens with it
            duties_text = after.lstrip("。：: \n")
            task.title = headline(re.sub(r"^\s*(?:\d{1,2}[.．、]|[（(]\d{1,2}[）)])\s*", "", duties_text)) or task.title
    if not task.leads and (node.kind == "article" or opens_with_its_body(node.text)):
        # 第五条 县教育局负责…, 县财政局配合…; 4.市财政局负责项目经费保障与监督 (under 五、责任分工)
        leads, cooperates, evidence = duty_holders(node.own_text)
        if not leads and node.kind != "article":  # 1.区市县卫生计生部门为本区域内项目实施的牵头单位
            leads, evidence = opens_with_its_body(node.text), node.text
        evidence = evidence[:120]
        task.leads = [resolve(n, ctx, "负责", evidence) for n in leads]
        task.cooperates = [resolve(n, ctx, "负责", evidence) for n in cooperates]
    m = DEADLINE.search(own_text)
    if m:
        task.deadline = (m.group(1) or m.group(2)).strip()
    else:
        task.deadline = next((c.deadline for c in prov.clauses if c.deadline), "")
    task.due = due_date(task.deadline)
    task.implements = [r for _, r in find_references(own_text, ctx, own)]
    task.subtasks = [task_record(sub, k, ctx, own) for k, sub in enumerate(prov.subitems, 1)]
    if not task.leads:
        for sub in task.subtasks:
            task.leads += [a for a in sub.leads if a.name not in {x.name for x in task.leads}]
            task.cooperates += [a for a in sub.cooperates if a.name not in {x.name for x in task.cooperates}]
    dedupe_roles(task)
    return task


def carry_standing_roles(tasks: list[TaskRecord], provisions: list[Provision], ctx: Context) -> None:
    """A standing clause (以下均需各区政府负责，不再列出), in a task or one of its sub-items, makes its
    bodies cooperators of every task after the one that states it, where the task does not name them
    already."""
    standing: list[tuple[str, str]] = []  # (name, the clause that says so)
    for task, prov in zip(tasks, provisions):
        named = {a.name for a in task.leads + task.cooperates}
        for name, evidence in standing:
            agency = resolve(name, ctx, "负责", evidence)
            if agency.name not in named:
                task.cooperates.append(agency)
                named.add(agency.name)
        standing += [(name, c.evidence) for c in _clauses_within(prov) for name in c.standing]


def read_led_together(tasks: list[TaskRecord], provisions: list[Provision], ctx: Context) -> None:
    """A task that still names no one (no clause, no cells after its title) and one of whose first
    sentences opens with the bodies that do it together with others (科技部会同中国社科院建立…): they
    lead and the others cooperate (structure.led_together)."""
    for task, prov in zip(tasks, provisions):
        if task.leads or prov.clauses or prov.node.kind == "article":
            continue
        leads, cooperates, evidence = led_together(prov.node.own_text)
        task.leads = [resolve(n, ctx, "会同", evidence[:120]) for n in leads]
        task.cooperates = [resolve(n, ctx, "会同", evidence[:120]) for n in cooperates]


def _clauses_within(prov: Provision):
    """The clauses of a provision and of its sub-items (1.…：（1）…（3）…〔责任单位：…。以下均需…不再列出〕
    closes the last sub-item)."""
    yield from prov.clauses
    for sub in prov.subitems:
        yield from _clauses_within(sub)


ROW_HEADER = re.compile(r"牵头单位.{0,6}?(?:责任单位|配合单位|协办单位)")  # a table's columns, printed once
# a lead column's heading on a line of its own (牵头单位, 党工委管委会牵头部门, 本局责任处（单位）); a bare
# 牵头 is a table cell's word, not its heading
LEAD_COLUMN = re.compile(r"^\s*\S{0,8}(?:" + "|".join(n for n in TABLE_COLUMNS["lead"] if len(n) > 2)
                         + r")(?:[（(]\S{1,4}[）)])?\s*$")


def read_cells_after_titles(tasks: list[TaskRecord], lines: list[str], ctx: Context) -> None:
    """A task that names no one and whose title is followed by its row's cells takes its roles from
    them, and its title ends where they begin: cells a line each (a table flattened one cell a
    line: responsibility.cells_on_lines) in any document; cells run on from the title
    (…情况省财政厅各设区市，平潭综合实验区在…: responsibility.cells_after_title) in a document whose
    table was flattened under a header that names a lead column and a responsible one (工作任务
    牵头单位 责任单位 工作要求), where a row that prints no cells after a row that does shares that
    row's (its cells were merged with the row above: 19.推动国有企业改制重组… under
    18.…省国资委省财政厅省直各相关部门，…)."""
    if not any(not t.leads and not t.cooperates for t in tasks):
        return
    header = any("牵头" in line for line in lines) and bool(
        ROW_HEADER.search(re.sub(r"\s", "", "".join(lines))))  # the header may be broken over lines
    columns = header or any(LEAD_COLUMN.match(line) for line in lines)  # 党工委管委会牵头部门 on a line
    above: TaskRecord | None = None  # the last row that printed its cells
    for task in tasks:
        if task.leads or task.cooperates:
            above = None
            continue
        on_lines = cells_on_lines(task.text) if columns else None
        found = on_lines or (cells_after_title(task.text) if header else None)
        if found:
            title_end, clause = found
            task.title = headline(task.text[:title_end]).strip() or task.title
            _take_roles(task, clause, ctx)
            above = None if on_lines else task
        elif above is not None:
            task.leads, task.cooperates = list(above.leads), list(above.cooperates)


ROW_DOCUMENT = 3  # tasks whose text ends in a table row's cells before a document is read as such rows


# A table's header printed once, its last column the bodies responsible (重点任务 主要内容 主要责任处室), on a
# line of its own or run on after the table's title (…发现问题汇总表序号存在问题整改责任单位)
RESPONSIBLE_LAST = re.compile(r"(?:^\s*|序号)\S{2,30}?(?:主要)?(?:责任单位|责任部门|责任处室|责任科室)\s*$")


def read_lone_cells(tasks: list[TaskRecord], lines: list[str], ctx: Context) -> None:
    """In a document whose table was flattened into its text (three or more tasks end in a row's
    lead and cooperating cells, responsibility.row_cells, or its header's last column names the
    bodies responsible), a task that names no one and ends in one cell only (…。区直各单位，
    各区属事业单位, its row's 牵头单位 cell empty; …监测。公卫家庭处医政医管处) reads it as an
    unmarked 责任单位 list: the first-named leads, the rest cooperate."""
    bare = [t for t in tasks if not t.leads and not t.cooperates]
    if not bare or sum(1 for t in tasks if row_cells(t.text)) < ROW_DOCUMENT and not any(
            "责任" in line and (len(line) <= 40 or "序号" in line) and RESPONSIBLE_LAST.search(line) for line in lines):
        return
    for task in bare:
        clause = row_cells(task.text, lone=True)
        if clause:
            _take_roles(task, clause, ctx)


RESTATED = 0.8  # the share of a row's headline, in character pairs, that an item it restates prints


def drop_restated(tasks: list[TaskRecord]) -> list[TaskRecord]:
    """The items of the text that name no one, where a later task table restates them row by row
    with who leads each (（二）落实养老服务医疗政策。…远程医疗服务试点… above 18、加快推进面向养老机构的远程
    医疗服务试点 市卫生局（牵头）…, the rows numbered apart from the items): the work is listed once, as
    the rows that assign it."""
    if all(t.leads or t.cooperates for t in tasks):
        return tasks  # (most documents: every task names someone)
    rows = [(k, _form(t.label), head) for k, t in enumerate(tasks) if t.leads and len(head := _pairs(t.title)) >= 8]
    if not rows:
        return tasks  # (or none does)
    kept = []
    for k, task in enumerate(tasks):
        if not task.leads and not task.cooperates:
            text, form = _pairs(task.text), _form(task.label)
            if any(j > k and f != form and len(head & text) >= RESTATED * len(head) for j, f, head in rows):
                continue
        kept.append(task)
    return kept


def _pairs(s: str) -> set[str]:
    """The character pairs of a text's letters and digits."""
    s = re.sub(r"[\W_]+", "", s)
    return {s[k:k + 2] for k in range(len(s) - 1)}


def _form(label: str) -> str:
    """A label's numbering form (（一） and （十二） alike, 3 and 43 alike)."""
    return re.sub(r"[一二三四五六七八九十百]+", "一", re.sub(r"\d+", "1", label))


def _take_roles(task: TaskRecord, clause: Clause, ctx: Context) -> None:
    """The clause's bodies, resolved in the document's jurisdiction, as the task's leads and cooperators."""
    for role in clause.roles:
        agency = resolve(role.name, ctx, role.role_text, clause.evidence)
        (task.leads if role.lead else task.cooperates).append(agency)


def all_tasks(tasks: list[TaskRecord]):
    for t in tasks:
        yield t
        yield from all_tasks(t.subtasks)


def link_forwarded(docs: list[DocumentRecord]) -> None:
    """A 转发 notice forwards the document that follows it in the file: cited by title only, the
    citation becomes that document; not cited, a FORWARDS reference to it is added."""
    for k, doc in enumerate(docs[:-1]):
        nxt = docs[k + 1]
        if "转发" not in doc.title[:30] or not nxt.number or any(r.number == nxt.number for r in doc.forwards):
            continue
        by_title = [r for r in doc.forwards if not r.number and r.title and nxt.title.endswith(r.title)]
        if by_title:  # cited by title only, and the file holds it: it is that document
            r = by_title[0]
            r.number, r.issuer, r.level, r.region = nxt.number, nxt.issuer, nxt.level, nxt.region
        else:
            doc.forwards.append(Reference(number=nxt.number, title=nxt.title, issuer=nxt.issuer,
                                          level=nxt.level, region=nxt.region,
                                          year=int(nxt.date[:4]) if nxt.date else None, evidence=doc.title))
