"""Clean lines → official documents with GB/T 9704 metadata, tasks, roles and references.

One file may hold several documents: a 转发 notice and the document it forwards are two (linked
by FORWARDS); an 印发 notice and the plan it issues are one, under the notice's number. A
document starts at the header around a 发文字号 line (发文机关标志, number, title).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from policykg.records import AgencyRef, DocumentRecord, Reference, TaskRecord

from .agencies import Context, looks_like_agency, merge_abbreviations, resolve
from .clean import DATE_LINE, is_table_row
from .ledger import names_in_cells, read_ledgers, squash
from policykg.numbers import NUMBER, canonical, strip_leading_words
from .references import BASIS, FORWARD, ISSUING, find_references, sentences, split_code, title_only_references
from .regions import find_region, level_of, region
from .responsibility import find_clauses
from .structure import Provision, build_tree, find_tasks, headline, split_pieces
from .vocabulary import BODY_NUMBERING, DOC_TYPE_END, DOC_TYPES, GROUP_ROW, cn_digits, cn_number

TITLE_START = re.compile(r"^(?:关于|转发|印发|[\u4e00-\u9fff（）()]{2,30}关于)")
ISSUER_MARK = re.compile(r"^(.{4,60}?)(?:文件|文 件)$")
META_LABEL = re.compile(r"(发文机关|成文日期|发布机构)[:：]\s*([^\t]+?)(?=\t|\s{2,}|$|(?:索引号|主题分类|发文字号|"
                        r"发布日期|成文日期|标题|发文机关)[:：])")
SIGNED_LINE = re.compile(r"^(\S.{1,38}?)\s+(" + DATE_LINE.pattern.strip("^$").replace("\\s*$", "") + r")\s*$")
STOP = re.compile(r"^\s*(?:抄送|抄报|主题词|（此件|\(此件|此件公开|附件[:：]?\s*\S*$)")
CN_NUM = "〇○零一二三四五六七八九十"


@dataclass
class Segment:
    start: int
    end: int
    anchor: int | None  # index of the line holding the document's own number


ATTACHMENTS = re.compile(r"^\s*附件\s*[:：]")
ATTACHMENT_ITEM = re.compile(r"^\s*\d{1,2}\s*[.．、]\s*[^。；]{2,60}$")
PRINTED_ON = re.compile(r"\d日印发\s*$")
LABELLED_NUMBER = re.compile(r"^\s*(?:发文字号|文号|发文号)[:：]")


def _metadata(line: str) -> bool:
    """A web page's metadata line (发文字号：… or a row of its metadata table)."""
    return "\t" in line or bool(re.search(r"(?:发文字号|文号|发文号)\s*[:：]", line))


def number_line(line: str) -> str:
    """The canonical number when a line is a 发文字号 and nothing else (签发人 may follow it;
    a web page may label it 发文字号：)."""
    if "号" not in line:
        return ""
    if "\t" in line:  # a web page's metadata table: 发文字号：… | 发布日期：…
        return next((n for n in map(number_line, line.split("\t")) if n), "")
    s = re.sub(LABELLED_NUMBER.pattern + r"|签发人[:：].*$", "", line)
    s = s.strip().strip("（()）[]［］ ")
    m = NUMBER.fullmatch(s)
    if not m:
        return ""
    return canonical(strip_leading_words(m.group(1)), m.group(2), m.group(3))


def segments(lines: list[str]) -> list[Segment]:
    anchors, seen = [], {}
    for i, line in enumerate(lines):
        number = number_line(line)
        if not number:
            continue
        if number not in seen:
            seen[number] = len(anchors)
            anchors.append(i)
        elif _metadata(lines[anchors[seen[number]]]) and not _metadata(line):
            anchors[seen[number]] = i  # a web page's 发文字号：… label, then the document's own number line
    if not anchors:
        return [Segment(0, len(lines), None)]
    segs = []
    for k, a in enumerate(anchors):
        start = 0 if k == 0 else _header_start(lines, a)
        segs.append(Segment(start, len(lines), a))
        if k:
            segs[k - 1].end = start
    return segs


def _header_start(lines: list[str], anchor: int) -> int:
    """Walk back from a number line over the title and issuer lines above it."""
    i = anchor
    while i > 0:
        prev = lines[i - 1].strip()
        if not prev:
            i -= 1
            continue
        if DATE_LINE.match(prev) or prev.endswith(("。", "：", ":", "；")) or len(prev) > 60 or is_table_row(prev):
            break
        i -= 1
        if anchor - i > 6:
            break
    return i


def to_iso(date: str) -> str:
    s = re.sub(r"\s", "", date)
    if any(c in s for c in CN_NUM):
        s = _cn_date(s)
    m = re.match(r"(\d{4})年(\d{1,2})月(\d{1,2})日", s)
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m else ""


def _cn_date(s: str) -> str:
    y, _, rest = s.partition("年")
    mo, _, d = rest.partition("月")

    def num(t: str) -> str:
        t = t.rstrip("日")
        return str(cn_number(t)) if "十" in t else cn_digits(t)

    return cn_digits(y) + "年" + num(mo) + "月" + num(d) + "日"


def due_date(deadline: str) -> str:
    """完成时限 as written → YYYY-MM-DD when it names a day (2018年底前 → 2018-12-31)."""
    m = re.search(r"(\d{4})年(?:(\d{1,2})月)?(?:(\d{1,2})日)?(底|末)?(?:前|以前|之前)?", deadline)
    if not m:
        return ""
    year = int(m[1])
    if m[3]:
        return f"{year:04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    if m[2]:
        month = int(m[2])
        return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    if "上半年" in deadline:
        return f"{year:04d}-06-30"
    if m[4] or "年底" in deadline or "年内" in deadline:
        return f"{year:04d}-12-31"
    return ""


DEADLINE = re.compile(r"(?:完成时限|完成时间|时间节点|时限要求)[:：]\s*([^。；;\n）)]{2,30})"
                      r"|[（(]((?:\d{4}年(?:\d{1,2}月)?(?:底|末)?|年底)前(?:完成)?|长期坚持|持续推进)[）)]")


def _title_open(block: list[tuple[int, str]]) -> bool:
    """Does a title printed over these lines go on? A 关于 title ends at 的通知 (…的实施意见, …的批复),
    so 关于印发…重点工作任务 / 分工方案的通知 is one title; another ends at its type word."""
    text = "".join(t for _, t in block)
    if "关于" in text[:40] or text.startswith(("转发", "印发")):
        return not re.search(r"的[\u4e00-\u9fff]{0,4}(?:" + "|".join(DOC_TYPES) + r")$", text)
    return not text.endswith(DOC_TYPE_END)


class DocumentParser:
    """Parse the lines of one document segment; collects warnings for the analyst."""

    def __init__(self, lines: list[str], seg: Segment, source: str, warnings: list[str]):
        self.lines = lines[seg.start:seg.end]
        self.anchor = None if seg.anchor is None else seg.anchor - seg.start
        self.source = source
        self.warnings = warnings

    # --- header -------------------------------------------------------------------------
    def header(self):
        lines = self.lines
        anchor = self.anchor if self.anchor is not None else 0
        number = number_line(lines[self.anchor]) if self.anchor is not None else ""
        window = range(max(0, anchor - 8), min(len(lines), anchor + 8))
        issuer_lines, title_lines = [], []
        for i in window:
            line = lines[i].strip()
            if not line or i == self.anchor or DATE_LINE.match(line):
                continue
            mark = ISSUER_MARK.match(line)
            if mark and i < anchor + 1:
                issuer_lines.append(mark.group(1).replace(" ", ""))
            elif TITLE_START.match(line) or (title_lines and title_lines[-1][0] == i - 1 and _title_open(title_lines)):
                if len(line) <= 80 and not line.endswith(("：", ":", "。")):
                    title_lines.append((i, line))
            elif i < anchor and looks_like_agency(line) and len(line) <= 40:
                issuer_lines.append(line)
        # the title block nearest the number wins
        title = ""
        if title_lines:
            blocks, cur = [], [title_lines[0]]
            for item in title_lines[1:]:
                if item[0] == cur[-1][0] + 1 and _title_open(cur):
                    cur.append(item)
                else:
                    blocks.append(cur)
                    cur = [item]
            blocks.append(cur)
            best = min(blocks, key=lambda b: min(abs(i - anchor) for i, _ in b))
            first = best[0][0]
            above = lines[first - 1].strip() if first > 0 else ""
            if self.anchor is not None and first - 1 > self.anchor and best[0][1].startswith("关于") and (
                    looks_like_agency(above) and len(above) <= 40):
                best = [(first - 1, above)] + best  # number, then 绵阳市人民政府办公室 / 关于…的通知: one title
            title = "".join(t for _, t in best)
            self.title_end = max(i for i, _ in best)
        else:
            self.title_end = anchor
        return number, title, issuer_lines

    def body_start(self) -> int:
        return max(self.title_end, self.anchor or 0) + 1

    def date_and_signature(self):
        """成文日期: the first date line under a signature, never an 印发 or web date."""
        lines = self.lines
        for i in range(self.body_start(), len(lines)):
            line = lines[i].strip()
            same_line = SIGNED_LINE.match(line)
            if same_line and looks_like_agency(same_line.group(1)):  # 淄博市人民政府办公厅  2013年10月22日
                return to_iso(same_line.group(2)), [same_line.group(1)], i
            if DATE_LINE.match(line):
                signers = []
                j = i - 1
                while j >= 0 and len(signers) < 4:
                    prev = lines[j].strip()
                    if not prev:
                        j -= 1
                        continue
                    if looks_like_agency(prev) and len(prev) <= 40:
                        signers.insert(0, prev)
                        j -= 1
                        continue
                    break
                return to_iso(line), signers, i
        return "", [], None

    def labelled(self) -> dict[str, str]:
        """Web pages print metadata as labels: 发文机关：… 成文日期：… (used when the text lacks them)."""
        found: dict[str, str] = {}
        for line in self.lines[:40]:
            for m in META_LABEL.finditer(line):
                found.setdefault(m.group(1), m.group(2).strip())
        return found

    # --- whole document -----------------------------------------------------------------
    def parse(self) -> DocumentRecord:
        number, title, issuer_lines = self.header()
        date, signers, date_line = self.date_and_signature()
        labels = self.labelled()
        if not date and labels.get("成文日期"):
            date = to_iso(labels["成文日期"])
        if not issuer_lines and not signers and labels.get("发文机关"):
            issuer_lines = [n for n in re.split(r"[、\s]+", labels["发文机关"]) if n]
        title_ctx = find_region(title) if title else None
        names = issuer_lines or signers
        reg = None
        for n in names:
            r = find_region(n)
            if r and (reg is None or _deeper(r, reg)):
                reg = r
        code_issuer = None
        if number:
            m = NUMBER.fullmatch(number)
            code_issuer = split_code(m.group(1), int(m.group(2)), Context(reg or title_ctx))[1]
        if reg is None and code_issuer and code_issuer.region:
            reg = region(code_issuer.region)
        if reg is None:
            reg = title_ctx
        ctx = Context(reg)
        if names:
            issuers = [resolve(n, ctx, evidence=n) for n in names]
            for a in issuers:
                a.kind = "government" if a.name.endswith(("人民政府", "管理委员会", "管委会")) else a.kind
        elif code_issuer:
            issuers = [AgencyRef(code_issuer.name, code_issuer.name, code_issuer.region, code_issuer.level,
                                 code_issuer.kind, evidence=number)]
            self.warnings.append(f"{_name(number, title)}: issuer not printed; read from the 机关代字 as {code_issuer.name}")
        else:
            issuers = []
            self.warnings.append(f"{_name(number, title)}: no issuer found")
        level = level_of(reg) if reg else (code_issuer.level if code_issuer else "")
        if issuers and all(a.name.startswith(("国务院", "国家")) for a in issuers):
            level = "national"
        doc = DocumentRecord(source=self.source, number=number, title=title, issuers=issuers, date=date,
                             doc_type=next((t for t in DOC_TYPES if title.endswith(t)), ""),
                             level=level, region=reg.name if reg else "")
        if not date:
            self.warnings.append(f"{_name(number, title)}: no 成文日期 under a signature")
        body, rest = self._body_lines(date_line)
        self._tasks_and_references(doc, body, rest, ctx)
        merge_abbreviations(doc.issuers + [a for t in _all_tasks(doc.tasks) for a in t.leads + t.cooperates])
        return doc

    def _body_lines(self, date_line) -> tuple[list[str], list[str]]:
        """The document's text up to its closing (抄送, 附件 …), and the table rows after it (a
        责任分工表 printed as an attachment)."""
        out = []
        seen_task = attachments = False
        for i in range(self.body_start(), len(self.lines)):
            line = self.lines[i]
            if STOP.match(line) and seen_task:
                return out, [x for x in self.lines[i + 1:] if is_table_row(x) or GROUP_ROW.match(x)]
            if ATTACHMENTS.match(line):  # 附件：1.…指标 / 2.…分工表 in the notice lists files, not items
                attachments = True
                continue
            if attachments and (not line.strip() or ATTACHMENT_ITEM.match(line)):
                continue
            attachments = False
            if i == date_line or "日" in line and (DATE_LINE.match(line.strip()) or PRINTED_ON.search(line)):
                continue
            if not seen_task and BODY_NUMBERING.match(line):
                seen_task = True
            out.append(line)
        return out, []

    def _tasks_and_references(self, doc: DocumentRecord, body: list[str], rest: list[str], ctx: Context) -> None:
        text_lines = [line for line in body if line.strip() and not is_table_row(line)]
        root = build_tree(split_pieces(text_lines))
        provisions = find_tasks(root)
        own = {doc.number}
        preamble = "\n".join(root.preamble)
        self._document_references(doc, preamble, ctx, own)
        for order, prov in enumerate(provisions, 1):
            doc.tasks.append(self._task(prov, order, ctx, own))
        ledgers = read_ledgers(body + rest)
        if ledgers:
            by_task, unmatched = self._match_ledger_rows(doc, ledgers)
            if by_task:
                self._apply_ledgers(doc, by_task, unmatched, ledgers, ctx)
            else:  # the table is the task list; the text's items without a lead only introduce it
                doc.tasks = [t for t in doc.tasks if t.leads]  # (二、重点任务分工 …见下表)
                self._tasks_from_ledgers(doc, ledgers, ctx, own)
        orphans = [f"{t.label} {t.title[:16]}" for t in doc.tasks if not t.leads]
        if orphans:
            shown = "; ".join(orphans[:5]) + (f"; … {len(orphans) - 5} more" if len(orphans) > 5 else "")
            self.warnings.append(f"{_name(doc.number, doc.title)}: {len(orphans)} of {len(doc.tasks)} tasks "
                                 f"have no lead (no responsibility clause): {shown}")

    def _document_references(self, doc, preamble: str, ctx: Context, own) -> None:
        forwarding = "转发" in doc.title[:30]
        for sentence in sentences(preamble):
            refs = [r for _, r in find_references(sentence, ctx, own)]
            if forwarding and FORWARD.search(sentence):
                doc.forwards += refs or title_only_references(sentence, ctx)
            elif BASIS.search(sentence):
                doc.implements += refs
                if not ISSUING.search(sentence):  # 现将《本方案》印发给你们 cites nothing upstream
                    doc.implements += title_only_references(sentence, ctx)

    def _task(self, prov: Provision, order: int, ctx: Context, own) -> TaskRecord:
        node = prov.node
        own_text = node.own_text
        task = TaskRecord(label=node.label.rstrip(".．、 ") if node.kind == "ar" else node.label,
                          title=headline(node.text), text=node.full_text, section=prov.section, order=order)
        for clause in find_clauses(own_text):
            for role in clause.roles:
                agency = resolve(role.name, ctx, role.role_text, clause.evidence)
                (task.leads if role.lead else task.cooperates).append(agency)
        m = DEADLINE.search(own_text)
        if m:
            task.deadline = (m.group(1) or m.group(2)).strip()
        else:
            task.deadline = next((c.deadline for c in find_clauses(own_text) if c.deadline), "")
        task.due = due_date(task.deadline)
        task.implements = [r for _, r in find_references(own_text, ctx, own)]
        task.subtasks = [self._task(sub, k, ctx, own) for k, sub in enumerate(prov.subitems, 1)]
        if not task.leads:
            for sub in task.subtasks:
                task.leads += [a for a in sub.leads if a.name not in {x.name for x in task.leads}]
                task.cooperates += [a for a in sub.cooperates if a.name not in {x.name for x in task.cooperates}]
        _dedupe_roles(task)
        return task

    def _ledger_roles(self, doc, label: str, rows, ledgers, ctx: Context):
        """Lead and cooperating agencies in a task's 台账 rows (cells split across rows joined)."""
        leads, bad1 = names_in_cells([r.lead for r in rows])
        coops, bad2 = names_in_cells([r.coop for r in rows])
        for b in bad1 + bad2:
            self.warnings.append(f"{_name(doc.number, doc.title)}: task {label}: 台账 cell {b[:30]!r} is not an agency")
        if not all(t.lead_column_leads_all for t in ledgers):  # 责任单位 column: the first-named leads
            leads, coops = leads[:1], leads[1:] + coops
        evidence = "台账: " + "；".join(f"{r.work[:30]}｜{r.lead}｜{r.coop}" for r in rows)[:300]
        return ([resolve(n, ctx, "牵头单位", evidence) for n in dict.fromkeys(leads)],
                [resolve(n, ctx, "配合单位", evidence) for n in dict.fromkeys(coops)])

    @staticmethod
    def _ledger_task(doc: DocumentRecord, keys: list[str], row) -> int | None:
        """The index of the text's task that holds a 台账 row's work (or its task name); keys are
        the tasks' squashed texts."""
        k = squash(row.work)[:14]
        hit = next((i for i, text in enumerate(keys) if k and k in text), None)
        if hit is None and row.title:
            tk = squash(row.title)[:8]
            hit = next((i for i, t in enumerate(doc.tasks) if tk and tk in squash(t.title)), None)
        if hit is None:  # 明确支持对象，优先保障… : the row opens with the task's headline
            head = squash(re.split(r"[，,。；;]", row.work, maxsplit=1)[0])
            fits = [(len(title), i) for i, title in enumerate(squash(t.title) for t in doc.tasks)
                    if len(title) >= 4 and head.startswith(title)]
            hit = max(fits)[1] if fits else None
        return hit

    def _match_ledger_rows(self, doc: DocumentRecord, ledgers) -> tuple[dict[int, list], int]:
        """The 台账 rows of each text task (by its index), and how many rows match none."""
        keys = [squash(t.text) for t in doc.tasks]
        by_task: dict[int, list] = {}
        unmatched = 0
        for ledger in ledgers:
            for row in ledger.rows:
                hit = self._ledger_task(doc, keys, row)
                if hit is None:
                    unmatched += 1
                else:
                    by_task.setdefault(hit, []).append(row)
        return by_task, unmatched

    def _tasks_from_ledgers(self, doc: DocumentRecord, ledgers, ctx: Context, own) -> None:
        """A task list given only as a table: a row with a number (or a task name) opens a task."""
        groups: list[list] = []
        for ledger in ledgers:
            for row in ledger.rows:
                if row.seq.strip() or row.title.strip() or not groups:
                    groups.append([row])
                else:
                    groups[-1].append(row)
        for order, rows in enumerate(groups, len(doc.tasks) + 1):
            first = rows[0]
            text = "\n".join(r.work for r in rows if r.work)
            task = TaskRecord(label=first.seq.strip(), title=headline(first.title or first.work), text=text,
                              section=" / ".join(x for x in ("台账", first.section) if x), order=order)
            task.leads, task.cooperates = self._ledger_roles(doc, task.label, rows, ledgers, ctx)
            deadline = next((r.deadline for r in rows if r.deadline), "")
            task.deadline, task.due = deadline, due_date(deadline)
            task.implements = [r for _, r in find_references(text, ctx, own)]
            _dedupe_roles(task)
            doc.tasks.append(task)

    def _apply_ledgers(self, doc: DocumentRecord, by_task: dict[int, list], unmatched: int, ledgers,
                       ctx: Context) -> None:
        """Rows refine the text's tasks: a task's table leads win, the bodies the text named stay."""
        if unmatched:
            self.warnings.append(f"{_name(doc.number, doc.title)}: {unmatched} 台账 rows match no task of the text")
        for i, rows in by_task.items():
            task = doc.tasks[i]
            leads, coops = self._ledger_roles(doc, task.label, rows, ledgers, ctx)
            if not leads:
                continue
            lead_names = {a.name for a in leads}
            task.cooperates = [a for a in coops + task.leads + task.cooperates if a.name not in lead_names]
            task.leads = leads
            deadlines = [r.deadline for r in rows if r.deadline]
            if deadlines and not task.deadline:
                task.deadline, task.due = deadlines[0], due_date(deadlines[0])
            _dedupe_roles(task)


def _all_tasks(tasks: list[TaskRecord]):
    for t in tasks:
        yield t
        yield from _all_tasks(t.subtasks)


def _name(number: str, title: str) -> str:
    """How a warning names a document: its number, else its title."""
    return number or (f"《{title[:30]}》" if title else "a document without number or title")


def _dedupe_roles(task: TaskRecord) -> None:
    """A body named twice keeps its strongest role only."""
    seen: set[str] = set()
    leads = []
    for a in task.leads:
        if a.name not in seen:
            seen.add(a.name)
            leads.append(a)
    coops = []
    for a in task.cooperates:
        if a.name not in seen:
            seen.add(a.name)
            coops.append(a)
    task.leads, task.cooperates = leads, coops


def _deeper(a, b) -> bool:
    order = {"provincial": 0, "municipal": 1, "county": 2, "district": 2}
    return order[a.level] > order[b.level]


def parse_documents(lines: list[str], source: str, warnings: list[str]) -> list[DocumentRecord]:
    docs = [DocumentParser(lines, seg, source, warnings).parse() for seg in segments(lines)]
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
    return docs
