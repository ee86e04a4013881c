"""Segment stage: clean lines → the official documents a file holds, and each one's body.

One file may hold several documents: a 转发 notice and the document it forwards are two (linked
by FORWARDS); an 印发 notice and the plan it issues are one, under the notice's number. A
document starts at the header around a 发文字号 line (发文机关标志, number, title). A document's
body runs from under its title to its closing (抄送, 附件 …); table rows after the closing (a
责任分工表 printed as an attachment) are kept apart for the tables stage.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.numbers import NUMBER, canonical, strip_leading_words

from .agencies import looks_like_agency
from .clean import is_table_row
from .responsibility import find_clauses
from .titles import ADDRESSEES_THEN_TEXT, bare_title, page_titles, title_like
from .vocabulary import BODY_NUMBERING, DATE_LINE, GROUP_ROW, TASK_TABLE_TITLE

LABELLED_NUMBER = re.compile(r"^\s*(?:发文字号|文号|发文号)[:：]")
NUMBER_LINE_EXTRAS = re.compile(LABELLED_NUMBER.pattern + r"|签发人[:：].*$")  # around a number on its line
# An info box's number field with more after it: 文号：琼公积金贷〔2023〕14号发布日期：… [发文字号] 京医保发〔2026〕5号[废止日期]
# (its cells glued with no mark between: 发文机构武汉市人民政府办公厅发文字号武政办〔2020〕1号)
NUMBER_FIELD = re.compile(r"[\[【]?(?:发文字号|文\s*号|发文号)(?:[\]】]\s*|\s*[:：]\s*|(?=[\u4e00-\u9fff]{1,10}〔\d{4}〕))")
# 抄送 …, the formula that closes a notice's own text (特此通知), or an explainer printed after the
# notice (关于调整…规定的解读: its items answer questions; a numbered item 10.聚焦…进行政策解读 is no explainer)
STOP = re.compile(r"^\s*(?:抄送|抄报|主题词|（此件|\(此件|此件公开|附件[:：]?\s*\S*$"
                  r"|特此(?:通知|公告|通告|函告|函复|批复|报告)[。.]?\s*$"
                  r"|(?![一二三四五六七八九十]+、|[（(]|\d{1,3}\s*[.．、])[^。，；]{4,60}(?:的|政策)解读\s*$)")
ATTACHMENTS = re.compile(r"^\s*附件\s*[:：]")
ATTACHMENT_ITEM = re.compile(r"^\s*\d{1,2}\s*[.．、]\s*[^。；]{2,60}$")
BARE_NUMBER = re.compile(r"^\s*\d{1,2}\s*[.．、]?\s*$")
ATTACHMENT_NAME = re.compile(r"^\s*[^。；，]{2,60}$")
PRINTED_ON = re.compile(r"\d日印发\s*$")


@dataclass
class Part:
    """The lines of one official document; `anchor` is the index of its own number line."""

    lines: list[str]
    anchor: int | None


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
    field = NUMBER_FIELD.search(line)
    if field:
        m = NUMBER.match(line, field.end())
        if m:
            return canonical(strip_leading_words(m.group(1)), m.group(2), m.group(3))
    s = NUMBER_LINE_EXTRAS.sub("", line)
    s = s.strip().strip("（()）[]［］ ")
    m = NUMBER.fullmatch(s)
    if not m:
        return ""
    return canonical(strip_leading_words(m.group(1)), m.group(2), m.group(3))


def _anchors(lines: list[str]) -> list[int]:
    """The line of each document's own number, in order (a number seen again is no new document)."""
    anchors, seen = [], {}
    for i, line in enumerate(lines):
        number = number_line(line)
        if not number or _cites_the_title_above(lines, i):
            continue
        if number not in seen:
            seen[number] = len(anchors)
            anchors.append(i)
        elif _metadata(lines[anchors[seen[number]]]) and not _metadata(line):
            anchors[seen[number]] = i  # a web page's 发文字号：… label, then the document's own number line
    return anchors


def _cites_the_title_above(lines: list[str], i: int) -> bool:
    """（沪建综规〔2024〕61号） under `本市海绵城市建设工作的函》`, the end of a 《title》 broken over
    a table cell's lines: the number of a document cited there, not of a document printed here."""
    if not lines[i].strip().startswith(("（", "(")):
        return False
    above = next((x.strip() for x in reversed(lines[max(0, i - 3):i]) if x.strip()), "")
    return above.endswith("》") and "《" not in above


def split_documents(lines: list[str]) -> list[Part]:
    """The documents of a file, each from its header to the next one's."""
    anchors = _anchors(lines)
    if not anchors:
        return [Part(lines, None)]
    starts = [0] + [_header_start(lines, a) for a in anchors[1:]]
    ends = starts[1:] + [len(lines)]
    parts = [Part(lines[s:e], a - s) for s, e, a in zip(starts, ends, anchors)]
    head = _header_start(lines, anchors[0])
    if head > 0 and _holds_a_notice(lines[:head]):  # a 转发 notice with no number of its own, then
        parts[0] = Part(lines[head:ends[0]], anchors[0] - head)  # the document it forwards
        parts.insert(0, Part(lines[:head], None))
    return parts


def _holds_a_notice(lines: list[str]) -> bool:
    """Do the lines before a document's header hold a notice of their own (a 转发 notice's title,
    its 主送 line, its dated signature), not just a page's navigation?"""
    text = [line.strip() for line in lines if line.strip()]
    if sum(map(len, text)) <= 100 or not any(DATE_LINE.match(line) for line in text) or not any(
            ADDRESSEES_THEN_TEXT.match(line) for line in text):
        return False
    titles = page_titles(text) + [line for line in text if title_like(bare_title(line))]
    return any("转发" in t for t in titles)


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


def body_lines(lines: list[str], start: int, date_line: int | None) -> tuple[list[str], list[str]]:
    """The document's text from `start` up to its closing (抄送, 附件 …), and the table rows after
    it (a 责任分工表 printed as an attachment); an annexed task table whose rows are printed as
    numbered text is read on as body; the 成文日期 line and 印发 dates left out."""
    out = []
    seen_task = attachments = annexed = named = False
    for i in range(start, len(lines)):
        line = lines[i]
        if annexed and (ANNEX_MARK.match(line) or TASK_TABLE_TITLE.search(line) and not BODY_NUMBERING.match(line)):
            continue  # the table's own 附件 mark and title
        annexed = annexed and not line.strip()
        if STOP.match(line) and seen_task:
            if _task_table_follows(lines, i):
                annexed = True  # 附件：…任务分解表 over the table's rows, run into the text: its items are tasks
                continue
            return out, [x for x in lines[i + 1:] if is_table_row(x) or GROUP_ROW.match(x)]
        if ATTACHMENTS.match(line):  # 附件：1.…指标 / 2.…分工表 in the notice lists files, not items
            attachments = True
            continue
        if attachments and (not line.strip() or ATTACHMENT_ITEM.match(line)):
            continue
        if attachments and BARE_NUMBER.match(line) and i + 1 < len(lines) and lines[i + 1].strip():
            named = True  # 1. / 莆田市…任务分解表: a file's number on a line of its own, its name on the next
            continue
        if named and ATTACHMENT_NAME.match(line):
            named = False
            continue
        named = False
        attachments = False
        if i == date_line or "日" in line and (DATE_LINE.match(line.strip()) or PRINTED_ON.search(line)):
            if PRINTED_ON.search(line) and out and len(out[-1].strip()) <= 40 and looks_like_agency(out[-1].strip()):
                out.pop()  # the office that printed the copy, over its 印发 date
            continue
        if not seen_task and BODY_NUMBERING.match(line):
            seen_task = True
        out.append(line)
    return out, []


# An attachment that is the plan's task table (附件：…2016年政务公开工作主要任务分解表: TASK_TABLE_TITLE)
ANNEX_MARK = re.compile(r"^\s*附\s*件\s*\d*\s*$")
TABLE_ITEMS = 5  # numbered items after it that show its rows are printed as text, not as a table
LED_SHARE = 0.5  # of the numbered items after an untitled 附件 that name a lead: a task list


def _task_table_follows(lines: list[str], i: int) -> bool:
    """Does a 附件 line open a task list whose rows follow, flattened into numbered lines (not
    tab-separated rows, which the tables stage reads): one its title names (…任务分解表), or one
    whose numbered items name who leads them, most of them (…考评指标: 1．…（牵头考核单位：市审批服务局）)?"""
    if any(is_table_row(x) for x in lines[i + 1:i + 40]):
        return False
    items = [x for x in lines[i + 1:] if BODY_NUMBERING.match(x)]
    if TASK_TABLE_TITLE.search(lines[i]) or TASK_TABLE_TITLE.search(lines[i + 1] if i + 1 < len(lines) else ""):
        return len(items) >= TABLE_ITEMS
    led = sum(1 for x in items if any(r.lead for c in find_clauses(x) for r in c.roles))
    return led >= TABLE_ITEMS and led >= LED_SHARE * len(items)
