"""Directive references: 《title》（number）, bare numbers, and title-only citations of a basis.

A number inside a 《title》 is part of that title, not a reference of its own
(《关于认真贯彻鲁政发〔2012〕27号文件…》（淄政发〔2012〕29号） cites 淄政发〔2012〕29号 only).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from policykg.numbers import ORDER, canonical, find_numbers, order_number, strip_leading_words
from policykg.records import Reference

from .agencies import Context, looks_like_agency, resolve, split_glued_bodies
from .regions import Issuer, issuer_from_code, level_of, region, region_prefix
from .vocabulary import CITED_TITLE

BASIS = re.compile(r"根据|按照|依据|依照|遵照|为(?:深入|进一步|认真|全面)?(?:贯彻落实|贯彻|落实)|贯彻落实|(?:深入|认真)贯彻"
                   r"|(?:认真|切实|全面)落实|结合")  # 在认真落实《…》（榕政办〔2016〕180号）文件基础上
FORWARD = re.compile(r"转发")
# a sentence that issues or records the making of the document itself cites no upstream by title:
# 现将《本方案》印发给你们, 《…工作要点》已经市政府同意，现予印发, 我局制定了《…办法》, （…会议通过…修正）
ISSUING = re.compile(r"(?:印发|下发)给|现将.{0,60}》.{0,6}(?:印发|下发)|现予以?(?:印发|发布)|予以(?:印发|发布)"
                     r"|制定了《|现制定《|会议通过")
# 为贯彻落实《A》和《B》，…，特制定《C》: C is the document the sentence makes (never 省政府制定的《…》)
MADE_HERE = re.compile(r"(?:制定|制订)(?:了|本)?$")


# A document this one changes is no directive it carries out: 将《…》（X号）规定的…调整为, 取消《…》（X号）中的,
# 对《…》（X号）进行修订, 原《…》（X号）同时废止, 《…》（X号）文件废止
CHANGED_BEFORE = re.compile(r"(?:取消|废止|修订|修改)(?:原)?$")
CHANGED_AFTER = re.compile(r"^[^。；;，,]{0,4}?(?:文件)?(?:同时|即行|予以|一并)?(?:废止|失效|停止执行|不再执行|进行了?修订|进行了?修改)")
# 将《…》（X号）规定的“…”调整为“…”: a part of it changed (never 将《…》（X号）中的重点任务分解如下, which carries it out)
AMENDED_PART = (re.compile(r"(?:将|把)(?:原)?$"),
                re.compile(r"^[）)]?\s*(?:规定的|中的|中关于|第[一二三四五六七八九十百\d]+条)[^。；;]{0,120}?"
                           r"(?:调整为|调降为|调增为|修改为|改为|扩展为|扩大为|变更为|替换为|删除)"))

TITLE_MARKS = re.compile("[《》]")
# 《住房公积金管理条例》（国务院令第350号）, （市政府第16号令）, （财政部 税务总局公告2023年第28号，…）: a title
# followed by the order or announcement that made it, its issuer and number in one bracket
CITED_ORDER = re.compile(r"》\s*[（(]\s*([\u4e00-\u9fff][\u4e00-\u9fff\s]{1,40}?)\s*(" + ORDER + r")\s*(?=[）)，,；;、])")


def _title_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], None
    if "《" not in text:
        return spans
    for m in TITLE_MARKS.finditer(text):  # only the marks, not every character
        i, ch = m.start(), m.group()
        if ch == "《" and start is None:
            start = i
        elif ch == "》" and start is not None:
            spans.append((start, i + 1))
            start = None
    return spans


def _inside(pos: int, spans) -> bool:
    """`spans` are sorted and disjoint: only the last one starting before `pos` can hold it."""
    k = bisect_left(spans, (pos,)) - 1
    return k >= 0 and spans[k][0] < pos < spans[k][1]


def split_code(run: str, year: int, ctx: Context):
    """The 代字 at the end of a run of Chinese text and the issuer it names."""
    run = strip_leading_words(run)
    for k in range(len(run)):
        code = run[k:]
        if k and run[k - 1] in "府政厅办委":  # 赣府|厅字 is one code, not 中办's 厅字 after 赣府
            continue
        issuer = issuer_from_code(code, year, ctx.region)
        if issuer:
            return code, issuer
    return run, None


def _issuer_before(text: str, pos: int, ctx: Context) -> str:
    """`国务院办公厅《` / `省政府办公厅《`: the body named right before a title."""
    start = max(0, pos - 60)
    window = text[start:pos]
    m = re.search(r"([\u4e00-\u9fff、]{2,60})$", window)
    if not m:
        return ""
    run = m.group(1)
    if m.start() == 0 and start and re.match(r"[\u4e00-\u9fff、]", text[start - 1]):
        run = run.split("、", 1)[1] if "、" in run else ""  # the window cut the first name: leave it out
    if m.start() and window[m.start() - 1].isdigit() and run[0] in "年月日号":
        run = run[1:]  # 2024年5月9日杭州市…领导小组办公室《…》: the date's 日 is not the body's
    run = re.sub(r"^.*?(?:根据|按照|依据|贯彻落实|落实|执行|转发|现将|参照|和|及)", "", run)
    names = [n for n in re.split(r"[、]", run) if looks_like_agency(n)]
    return "、".join(resolve(n, ctx).written_name for n in names)


def _title_issuer(title: str, ctx: Context) -> str:
    """《国务院办公厅关于…》: the issuer written at the head of a title (not of a 转发 title,
    whose head names the forwarded document's issuer)."""
    if title.startswith(("转发", "印发")):
        return ""
    m = re.match(r"^([\u4e00-\u9fff、（）()\s]{2,60}?)(?:等[\d\u4e00-\u9fff]{0,4}(?:部门|单位|部委))?关于", title)
    if not m:
        return ""
    # 、 or a space between them, or nothing (北京市商务局北京市财政局关于…)
    printed = [n for chunk in re.split(r"[、\s]+", m.group(1).split("等")[0]) if chunk for n in split_glued_bodies(chunk)]
    names = [n for n in printed if looks_like_agency(n)]
    if not names or names != printed:
        return ""
    return "、".join(resolve(n, ctx).written_name for n in names)


def find_references(text: str, ctx: Context, own_numbers=()) -> list[tuple[int, Reference]]:
    """Every numbered reference in `text` with its position; the document's own numbers skipped."""
    numbers = list(find_numbers(text))
    orders = _cited_orders(text, ctx, own_numbers) if "》" in text else []
    if not numbers:
        return orders
    spans = _title_spans(text)
    span_at_end = {b: a for a, b in spans}
    out = []
    for start, end, run, year, seq in numbers:
        if _inside(start, spans):
            continue
        code, issuer = split_code(run, int(year), ctx)
        number = canonical(code, year, seq)
        if number in own_numbers:
            continue
        title = ""
        before = start  # text[:before] is the text before the number, opening brackets stripped
        while before > 0 and text[before - 1] in "（( ":
            before -= 1
        if text[before - 1:before] == "》" and before in span_at_end:
            a = span_at_end[before]
            title = text[a + 1:before - 1]
            if _changed(text, a, end):
                continue  # the document changes or repeals it
        by_title = _title_issuer(title, _context_of(issuer, ctx)) if title else ""
        written = _issuer_before(text, text.rfind("《", 0, start), ctx) if title else ""
        name = by_title or (issuer.name if issuer else "") or written
        if issuer and by_title and _folded(by_title) == _folded(issuer.name):
            name = issuer.name  # 《省政府办公厅关于…》（苏政办发…）: the full name the code stands for
        if issuer is None and name:  # 教育部《…》（教督〔2017〕6号）: the code is unknown, the body is written
            named = resolve(name.split("、")[0], ctx)
            issuer = Issuer(name, named.level, named.region, named.kind)
        ref = Reference(number=number, title=title, issuer=name,
                        level=issuer.level if issuer else "", region=issuer.region if issuer else "",
                        year=int(year), evidence=_sentence(text, start))
        out.append((start, ref))
    return sorted(out + orders, key=lambda x: x[0]) if orders else out


def _folded(name: str) -> str:
    return re.sub(r"人民(?=政府)", "", name)


def _changed(text: str, title_start: int, end: int) -> bool:
    """Does the text change or repeal the document whose title opens at `title_start` and whose
    citation ends at `end`?"""
    after = text[end:end + 160]
    return bool(CHANGED_BEFORE.search(text, max(0, title_start - 6), title_start) or CHANGED_AFTER.match(after) or (
        AMENDED_PART[0].search(text, max(0, title_start - 6), title_start) and AMENDED_PART[1].match(after)))


def _cited_orders(text: str, ctx: Context, own_numbers) -> list[tuple[int, Reference]]:
    """《title》（issuer令第N号）: the orders and announcements cited by title, each with its number
    and its issuer as printed (a relative one, 市政府, qualified: 上海市政府第16号令; a 机关代字, 沪府令第85号,
    read as the body it stands for)."""
    out = []
    for m in CITED_ORDER.finditer(text):
        a = text.rfind("《", 0, m.start() + 1)
        printed = [n for chunk in re.split(r"[\s、]+", m.group(1).strip()) if chunk for n in split_glued_bodies(chunk)]
        coded = issuer_from_code(printed[0], None, ctx.region) if (
            len(printed) == 1 and len(printed[0]) <= 4 and not looks_like_agency(printed[0])) else None
        if a < 0 or not (coded or all(looks_like_agency(n) for n in printed)) or _changed(text, a, m.end()):
            continue
        if coded:  # 《上海市停车场（库）管理办法》（沪府令第85号）: its number as printed
            issuer, level, region_name = coded.name, coded.level, coded.region
            number = order_number(printed[0], m.group(2))
        else:
            first = resolve(printed[0], ctx)
            relative = len(printed) == 1 and printed[0][0] in "省市区县"
            if not relative and region_prefix(printed[0]) is None:  # orders are the State Council's, a
                first.level, first.region = "national", ""  # ministry's (银监会令) or a named government's
            issuer = first.written_name if relative else "、".join(printed)
            level, region_name = first.level, first.region
            number = order_number(issuer if relative else m.group(1), m.group(2))
        if number in own_numbers:
            continue
        year = re.search(r"(?:19|20)\d{2}", m.group(2))
        out.append((m.start(), Reference(number=number, title=text[a + 1:m.start()], issuer=issuer,
                                         level=level, region=region_name,
                                         year=int(year.group()) if year else None, evidence=_sentence(text, m.start()))))
    return out


def _context_of(issuer, ctx: Context) -> Context:
    if issuer and issuer.level == "national":
        return Context(None)
    return Context(region(issuer.region)) if issuer and issuer.region else ctx


def title_only_references(text: str, ctx: Context) -> list[Reference]:
    """《…》 cited in a basis sentence without a number: 省《关于…的通知》."""
    out = []
    numbered = sorted({m[0] for m in find_numbers(text)})
    for a, b in _title_spans(text):
        after = text[b:b + 3]
        k = bisect_left(numbered, b)
        if re.match(r"\s*[（(]", after) and (k < len(numbered) and numbered[k] <= b + 25 or CITED_ORDER.match(text, b - 1)):
            continue  # cited with its number: find_references reads it
        title = text[a + 1:b - 1]
        if not CITED_TITLE.search(title) or len(title) <= 4 or (
                re.search(r"简称$", text[max(0, a - 6):a])):
            continue  # （以下简称《意见》）: a short name of a document cited already
        lead = text[max(0, a - 4):a]
        if MADE_HERE.search(lead):
            continue
        issuer = _title_issuer(title, ctx) or _issuer_before(text, a, ctx)
        level, region_name = "", ""
        if lead.endswith("省") or issuer.startswith(ctx.province.name if ctx.province else "\0"):
            level, region_name = "provincial", ctx.province.name if ctx.province else ""
        elif lead.endswith(("国务院", "国家", "中共中央")) or issuer.startswith(("国务院", "国家", "中共中央")):
            level = "national"
        elif lead.endswith("市") and ctx.city:
            level, region_name = level_of(ctx.city), ctx.city.name
        out.append(Reference(title=title, issuer=issuer, level=level, region=region_name,
                             evidence=_sentence(text, a)))
    return out


@lru_cache(maxsize=8)
def _sentence_ends(text: str) -> list[int]:
    """Positions of 。；;\n in `text` (cached: a long text asks for many sentences)."""
    return [m.start() for m in re.finditer(r"[。；;\n]", text)]


def _sentence(text: str, pos: int) -> str:
    """The sentence around `pos`: from after the last 。；;\n before it through the next one."""
    ends = _sentence_ends(text)
    k = bisect_left(ends, pos)
    start = ends[k - 1] + 1 if k > 0 else 0
    end = ends[k] + 1 if k < len(ends) else len(text)
    return text[start:end].strip()


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；;])|\n", text) if s.strip()]
