"""Raw text → clean lines: web chrome, page markers and injected spam removed, broken lines joined.

Every removal of spam is reported (the analyst sees what was dropped); chrome is counted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from policykg.numbers import NUMBER

from .agencies import lists_bodies, looks_like_agency
from .tables import noise_patterns
from .vocabulary import (DATE_LINE, DOC_TYPE_END, LABEL, LABEL_LINE, NUMBERING, NUMBERING_FORMS, NUMERIC_DATE,
                         ROLE, TABLE_COLUMNS, cn_number)

SENTENCE_END = tuple("。；：！？”」』）)］]】>:;!?")  # a tuple, as str.endswith takes it

# Spaces between Chinese characters are artefacts of PDF line layout (市政数局等按职责分 工负责).
# The pattern opens with the space itself, which the regex engine finds by a fast scan, and then
# looks behind it for the character before the run (a lookbehind first is tried at every character).
_CJK = r"[\u4e00-\u9fff，。、；：（）《》“”〔〕\d]"
CJK_GAP = re.compile(" (?<=" + _CJK + " )[ ]*(?=" + _CJK + ")")


SIGNER = re.compile(r"签发人[:：].*$")
# A field of a page's information box or a crawler's header stands on its own line.
PAGE_FIELD = re.compile(r"^\s*(?:标题|文件名称|信息名称|索引号|发文字号|文号|发布机构|发文机关|成文日期|发布日期|发布时间)"
                        r"\s*[:：]")
WIDE_SPACES = "\u3000\xa0" + "".join(map(chr, range(0x2002, 0x200B)))  # ideographic, no-break, en, em …
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# Small form variants of punctuation (U+FE50…): 1﹒推进… numbers an item as 1．推进… does
SMALL_FORMS = str.maketrans({"﹐": "，", "﹑": "、", "﹒": "．", "﹔": "；", "﹕": "：", "﹖": "？", "﹗": "！"})
SMALL_FORM = re.compile("[" + "".join(map(chr, SMALL_FORMS)) + "]")
NAME_TAIL = re.compile(r"^\s*(?:人民政府|政府|党委|管委会|管理委员会|办事处)(?:[，,、；;。）)]|$)")
REGION_KIND_END = re.compile(r"[（(][县市区]{1,2}[）)]$")  # 各区县（市） | 人民政府
REGION_KIND_HEAD = re.compile(r"^[（(][县市区、]{1,3}[）)]\s*(?:人民政府|政府|党委)")  # 各区县 | （市）人民政府
# 【牵头单位】A【配合单位】B is written 牵头单位：A；配合单位：B
BOXED_LABEL = re.compile(r"【([\u4e00-\u9fff]{2,6}(?:单位|部门|处室|科室|时限|时间))】\s*")


def _unbox_label(m: re.Match) -> str:
    before = m.string[:m.start()].rstrip()
    return ("" if not before or before.endswith(("；", ";", "。")) else "；") + m.group(1) + "："


CHROME_MAX = 80  # web furniture is short; a long line is text even when it says 技术支持


@dataclass
class Cleaned:
    lines: list[str]
    warnings: list[str] = field(default_factory=list)
    chrome_removed: int = 0


@lru_cache(maxsize=None)
def _compiled():
    rows = noise_patterns()
    keywords = re.compile("|".join(re.escape(r["pattern"]) for r in rows
                                   if r["kind"] == "spam" and r["scope"] == "keyword"))
    domain = next(re.compile(r["pattern"]) for r in rows if r["scope"] == "domain")
    chrome_lines = re.compile("|".join(f"(?:{r['pattern']})" for r in rows
                                       if r["kind"] == "chrome" and r["scope"] == "line"))
    spans = [r["pattern"] for r in rows if r["kind"] == "chrome" and r["scope"] == "span"]
    # ^ is a line's start, in one line or in the whole text
    chrome_spans = re.compile("|".join(f"(?:{p})" for p in spans), re.M)  # one pass a line for them all
    # The whole text is searched for each span pattern on its own: a pattern that opens with a
    # fixed character is found by a fast scan, which their alternation (one opens with ^) defeats.
    span_checks = tuple(re.compile(p, re.M) for p in spans)
    return keywords, domain, chrome_lines, chrome_spans, span_checks


def _strip_spam(line: str) -> tuple[str, str]:
    """Remove a spam run (a gambling word plus a web address or 官网 claim) from one line."""
    keywords, domain, *_ = _compiled()
    first = keywords.search(line)
    if not first:
        return line, ""
    ends = [m.end() for m in domain.finditer(line)]
    ends += [m.end() for m in re.finditer(r"官方网站|官网|唯一", line)]
    if not ends:
        return line, ""  # a gambling word alone (文化娱乐场所) is not spam
    start = first.start()
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    end = max(ends)
    return line[:start] + line[end:], line[start:end]


def fix_brackets(line: str) -> str:
    """PDF damage: `<先导区管委会>>` stands for a bracketed aside; unify it to full-width （）. (Inside
    a title, `《福建省实施<中国制造2025>行动计划》`, <…> marks a title within it and stays.)"""
    if "<" not in line:  # the common case: nothing to fix, no regex run
        return line

    def aside(m: re.Match) -> str:
        in_title = line.rfind("《", 0, m.start()) > line.rfind("》", 0, m.start())
        return m.group() if in_title else f"（{m.group(1)}）"

    return re.sub(r"<<?([^<>]{1,40})>>?", aside, line)


# Full-width digits and Latin letters (２０２２年, 〔２０２２〕１８号) are written as ASCII; full-width
# Chinese punctuation stays, it is what the rules read.
HALF_WIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                                              *range(0xFF41, 0xFF5B)]})
FULL_WIDTH_RUN = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")  # ０-９ Ａ-Ｚ ａ-ｚ
MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")  # |---|---|
BOX_TITLE = re.compile(r"^\s*专栏\s*[\d一二三四五六七八九十]{1,3}[^。，,；;]{0,40}$")  # 专栏6　智慧民生服务优化升级工程: a box's title
MARKDOWN_FENCE = re.compile(r"^\s*```[\w-]*\s*$")
MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")  # ## 政策原文: a heading of its own (join_broken_lines)


def _markdown(line: str) -> str:
    """A document converted to Markdown: **bold** marks dropped, | a | b | rows as tab-separated cells."""
    if "**" in line:
        line = line.replace("**", "")
    stripped = line.strip()
    if stripped.count("|") >= 2 and (stripped.startswith("|") or stripped.endswith("|")):  # the outer pipes
        line = "\t".join(cell.strip() for cell in stripped.strip("|").split("|"))  # are optional in GFM
    return line


LONE_LETTERS = re.compile(r"[A-Za-z]{1,3}")  # a logo glyph a PDF prints on every page as X


def _running_lines(lines: list[str]) -> set[str]:
    """Short lines printed again and again (a journal's running header, 龙岩市人民政府公报 2022年第3期,
    a letter alone that stands for a page's logo):
    page furniture, unless they name a body or say something (a 牵头单位： line may recur, and so
    may a table's cell 综合处牵头落实) or hold a figure or follow one each time (a table's 2019年3月; a
    page that prints each span on a line of its own: 2017 / 年12 / 月8, 3 / 年平均值). Wide spaces
    are plain spaces already (clean_lines)."""
    seen: dict[str, int] = {}
    after_number: dict[str, bool] = {}  # every time right after a line that ends in a figure (3 / 年平均值)
    before = ""
    for line in lines:
        key = line.strip()
        if (4 <= len(key) <= 40 or LONE_LETTERS.fullmatch(key)) and "\t" not in line:
            seen[key] = seen.get(key, 0) + 1
            after_number[key] = after_number.get(key, True) and before[-1:].isdigit()
        before = key or before
    return {k for k, n in seen.items() if n >= 3 and not re.search(r"[:：。；，、（）()《》]", k)
            and 2 * len(re.findall(r"\d", k)) < len(k) and not after_number[k]  # 2017, 2019年3月, 个百分点扣
            and not NUMBERING.match(k) and not DATE_LINE.match(k) and not looks_like_agency(k) and not ROLE.search(k)
            and not ("关于" in k and k.endswith(DOC_TYPE_END))  # a page prints its title as <title>, heading and text
            and not any(k.startswith(c) for names in TABLE_COLUMNS.values() for c in names)}  # a table's header


COPY_LINE = 30  # a line this long is text, not a page's furniture …
COPY_LINES = 3  # … and this many of them, repeated line for line, are the text printed again …
COPY_SHARE = 0.8  # … when they repeat (nearly) all the text from the first copy's start to the second's


def _second_copy(lines: list[str]) -> set[int]:
    """A page that prints its text twice (under two tabs, 图片解读 / 文字解读): the lines of the second
    copy, a run that repeats line for line (nearly) all the lines from the first copy's start, with
    three long lines at least. Two documents that share a passage (two 细则 with the same 对象范围)
    are no copy: the run is a small part of what lies between."""
    filled = [k for k, line in enumerate(lines) if line.strip()]
    first: dict[str, int] = {}
    again: set[int] = set()
    for j, k in enumerate(filled):
        key = lines[k].strip()
        if len(key) < COPY_LINE or k in again:
            continue
        if key not in first:
            first[key] = j
            continue
        a, m = first[key], 0
        while j + m < len(filled) and a + m < j and lines[filled[a + m]].strip() == lines[filled[j + m]].strip():
            m += 1
        if m >= COPY_SHARE * (j - a) and sum(len(lines[filled[j + t]].strip()) >= COPY_LINE
                                             for t in range(m)) >= COPY_LINES:
            again.update(filled[j + t] for t in range(m))
    return again


RUN_ON = 300  # a line this long with spaces in it is a page a crawler flattened into one line
SPACE_RUN = re.compile(r"(?<=\S)[ \u3000\xa0]+(?=\S)")


# a word printed spaced out (工 作 任 务, 工　作　要　求: a table's header): two or more characters that
# each stand alone between spaces are one word, not paragraphs
SPACED_OUT = re.compile(r"(?<![^ \u3000\xa0])[\u4e00-\u9fff](?:[ \u3000\xa0]+[\u4e00-\u9fff](?![^ \u3000\xa0]))+")


def split_run_on(line: str) -> list[str]:
    """A crawled page whose whole body is one line (各单位： 《…》印发给你们… 一、… （一）…): its spaces
    stand where the paragraphs broke, so each space run between Chinese text ends a line; and
    where a flattened table ran its cells together with no space (…（街道办事处）6.加强监管…),
    each item's number starts a line (`split_at_labels`)."""
    if len(line) < RUN_ON or "\t" in line:
        return [line]
    if "序号" in line and len(rows := _seq_rows_apart(line)) > 1:  # a task table's rows run into the line
        return split_run_on(rows[0]) + rows[1:]
    parts = [line]
    if len(SPACE_RUN.findall(line)) >= 3:
        line = SPACED_OUT.sub(lambda m: SPACE_RUN.sub("", m.group()), line)
        parts = [part for part in re.split(r"(?<=[\u4e00-\u9fff，。、；：！？”）)》】\d])[ \u3000\xa0]+"
                                           r"(?=[\u4e00-\u9fff（(《“【\d])", line) if part.strip()]
    parts = [piece for part in parts for piece in DATE_THEN_ATTACHMENT.split(part)]
    parts = [piece for part in parts for piece in _date_apart(part)]
    parts = split_at_labels(_row_numbers_apart([piece for part in parts for piece in _number_apart(part)]))
    return [piece for part in parts for piece in _articles_apart(part)]


# 第六条 after the sentence that ends the article before it (…。第六条县级以上…), or after the heading
# of its chapter (…第二章职责与任务第六条…): an article of a 办法/细则 run into the line
ARTICLE_IN_RUN = re.compile(r"(?:(?<=[。；：:])|^)(第[一二三四五六七八九十]{1,3}章[^。，；：]{2,20}?)?"
                            r"(?=第([一二三四五六七八九十百零〇]{1,6})条)")
ARTICLES_MIN = 3  # articles in sequence before a run-on line is cut at them


def _articles_apart(part: str) -> list[str]:
    """A 办法 or 细则 run into one line (…制定本实施细则。第二条广安市行政区域内…第二章职责与任务第六条…):
    where its articles count on (第一条, 第二条 … three at least), each article and each chapter heading
    opens a line; a 第三条 cited inside a sentence (依照本办法第三条) is not after a stop, and is left."""
    cuts = _counting_on(ARTICLE_IN_RUN.finditer(part), lambda m: cn_number(m.group(2)))
    if len(cuts) < ARTICLES_MIN:
        return [part]
    edges = sorted({0, len(part)} | {e for m in cuts for e in (m.start(), m.start() + len(m.group(1) or ""))})
    return [part[a:b] for a, b in zip(edges, edges[1:]) if part[a:b].strip()]


def _counting_on(matches, number, first: int | None = None) -> list:
    """The matches whose numbers count on, first, first + 1 … (from the first match's number when
    `first` is None); the others are left: a number cited in a sentence, a figure."""
    kept, want = [], first
    for m in matches:
        n = number(m)
        if want is None or n == want:
            kept.append(m)
            want = n + 1
    return kept


# a 序号 glued into a run-on table after the row before (…2014年4季度出台具体措施2老城区…): a number not
# part of a figure (2014年, 4季度, 0.1平方米) that opens a row's text
SEQ_IN_RUN = re.compile(r"(?<![\d.．年第约至—\-~～])(\d{1,3})(?=[\u4e00-\u9fff“《])"
                        r"(?!季度|月|日|年|个|万|亿|元|家|人|项|条|所|座|平方|公里|千米|米|吨|倍|次|批|名|户|天|周|小时|分|岁|辆|台|套|处|间|张|号)")
SEQ_ROWS = 5  # numbers in sequence after a 序号 heading before a run-on line is cut at them
GROUP_AT_END = re.compile(r"([一二三四五六七八九十]{1,3}、[^，,。；;、：:]{2,20})$")


def _seq_rows_apart(line: str) -> list[str]:
    """A task table run into one line after its header (附件重点任务分工序号工作任务负责单位时间进度备注1各地
    在…市住房城乡规划建设局（牵头）…2014年4季度出台具体措施2老城区…): where 1, 2, 3 … count on after
    序号, five at least, the text before the table, its header and each row are lines of their own,
    each row opening with its number (1、各地在…)."""
    head = line.find("序号")
    cuts = _counting_on(SEQ_IN_RUN.finditer(line, head + 2), lambda m: int(m.group(1)), first=1)
    if head < 0 or len(cuts) < SEQ_ROWS:
        return [line]
    rows = [f"{m.group(1)}、" + line[m.end():nxt.start() if nxt else len(line)]
            for m, nxt in zip(cuts, cuts[1:] + [None])]
    pieces = [line[:head], line[head:cuts[0].start()]] + rows
    # a group's heading row closes the row before it (…出台具体措施二、政策措施部分 / 16、…)
    return [p for piece in pieces for p in GROUP_AT_END.split(piece) if p and p.strip()]


# a table's 序号 glued to the end of the row before, after its last cell's names (…区环境与国土资源局99)
ROW_NUMBER_END = re.compile(r"(?<=[\u4e00-\u9fff）)])(\d{1,3})$")
ROWS_IN_SEQUENCE = 3


def _row_numbers_apart(parts: list[str]) -> list[str]:
    """A table whose rows ran together, each 序号 glued to the bodies that close the row before
    (…整改责任单位98 / 坛西大道… / …区环境与国土资源局99 / 流水食品…): where three or more such numbers
    run in sequence, each opens the part after it, as an item's number (98、坛西大道…)."""
    ends = []
    for k, part in enumerate(parts[:-1]):
        m = ROW_NUMBER_END.search(part)
        if m and looks_like_agency(re.split(r"[，、,。：:；;]", part[:m.start()])[-1]):
            ends.append((k, m.start(), int(m.group(1))))
    chain: list[tuple[int, int, int]] = []
    moved = set()
    for end in ends + [(-1, 0, -1)]:
        if chain and end[2] == chain[-1][2] + 1:
            chain.append(end)
            continue
        if len(chain) >= ROWS_IN_SEQUENCE:
            moved.update(chain)
        chain = [end]
    if not moved:
        return parts
    out = list(parts)
    for k, at, number in sorted(moved, reverse=True):  # the later first: a part may lose its end and gain a start
        out[k], out[k + 1] = out[k][:at], f"{number}、{out[k + 1]}"  # 、: the space would not survive CJK_GAP
    return [part for part in out if part.strip()]


# a title, its number and the addressees run together (…的通知闽政办〔2017〕45号各市、县…)
TITLE_THEN_NUMBER = re.compile("(?:" + "|".join(DOC_TYPE_END) + r")([\u4e00-\u9fff]{1,8}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号)")
TITLE_ROOM = 200  # how far into a run-on line its title and number may stand


# or printed before its title (岚综管办〔2015〕70号平潭综合实验区管委会办公室关于印发…的通知区直各单位：…)
NUMBER_THEN_TITLE = re.compile(r"^([\u4e00-\u9fff]{1,8}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号)(?=[^，。；：,;:]{0,40}关于)")


def _number_apart(part: str) -> list[str]:
    """The number of a document glued between its title and what follows on a line of its own (or
    after its title alone: …关于印发…的通知闽政办〔2023〕2号, or before it)."""
    first = NUMBER_THEN_TITLE.match(part)
    if first:
        return [first.group(1)] + _number_apart(part[first.end():])
    m = TITLE_THEN_NUMBER.search(part, 0, TITLE_ROOM)
    if not m:
        return [part]
    code = m.group(1)[:re.search(r"[〔\[［(（]", m.group(1)).start()]  # (…若干措施|的通知闽政办: the title
    start = m.start(1) + max((code.rfind(w) + len(w) for w in DOC_TYPE_END if w in code), default=0)  # goes on)
    title, number, rest = part[:start], part[start:m.end(1)], part[m.end(1):]
    if not rest:
        return [title, number] if "关于" in title and not re.search(r"[，。；：,;:]", title) else [part]
    return [title, number, rest]


# the signature's date run into the attachment's label (…办公室 2021年8月18日附件 …): two lines
DATE_THEN_ATTACHMENT = re.compile(r"(?<=\d日)(?=附件)")
# a signature (its body and date) run together, or run into the title printed after it: …办公室
# 2023年1月18日福建省人民政府办公厅关于印发…的通知闽政办〔2023〕2号 (a forwarded document),
# …办公室2017年3月10日平潭综合实验区…实施方案 (the plan a notice issues)
SIGNED_ON = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


# …附件：《…一览表》平潭综合实验区管委会办公室2015年4月17日(联系人:…)平潭综合实验区…实施方案按照…: a
# signature after the notice's last sentence, its contact line and the plan it issues, all on one line
SIGNED_AFTER = re.compile(r"(?<=[。》])([^。》：:，,]{4,30}?)(\d{4}年\d{1,2}月\d{1,2}日)(\s*[（(]联系[^）)]{0,60}[）)])?")


def _date_apart(part: str) -> list[str]:
    late = SIGNED_AFTER.search(part)
    if late and looks_like_agency(late.group(1).strip()):
        before, after = part[:late.start()], part[late.end():].strip()
        return _date_apart(before) + [late.group(1).strip(), late.group(2)] + (_date_apart(after) if after else [])
    for m in SIGNED_ON.finditer(part, 0, TITLE_ROOM):
        signer, title = part[:m.start()].strip(), part[m.end():]
        if not title.strip() and signer and looks_like_agency(signer):  # …管理局2025年2月6日: a signature
            return [signer, m.group()]
        if (not signer or looks_like_agency(signer)) and title and (
                "关于" in title[:40] or title.endswith(DOC_TYPE_END) and len(title) <= 60
                and not re.search(r"[，。；：,;:]", title)):
            return [x for x in (signer, m.group(), title) if x]
    return [part]


# The item numbers a run-on page may hold in the middle of a line: 一、 （一） 1. (numbering_forms.tsv)
# (not the end of a figure: 1.5; nor an ordinal: 第二、三、四季度)
GLUED_LABEL = re.compile("|".join({"ar": r"(?<![\d.．])", "cn": "(?<!第)(?<![一二三四五六七八九十]、)"}.get(r["form"], "")
                                  + r["item"]
                                  for r in NUMBERING_FORMS if r["form"] in ("cn", "pcn", "ar")))
GLUED_RANK = {"cn": 0, "pcn": 1, "ar": 2}
GLUED_MIN = 4  # labels in sequence, of two forms at least, before a run-on line is cut at them


GAP_MAX = 6  # numbers a page may lose in a row ((三) then (六): (四) (五) left out of the page) …
GAP_CONFIRMED = 2  # … when this many numbers count on from the one after the gap


def _counts_on(later: list[tuple[int, int, str, int]], form: str, n: int) -> bool:
    """Do the numbers of `form` after `n` go on n+1, n+2 (a page that left items out), not an
    enumeration that happens to print a later number?"""
    want = n + 1
    for _k, _at, f, m in later:
        if f == form and m == want:
            want += 1
            if want > n + GAP_CONFIRMED:
                return True
    return False


def split_at_labels(parts: list[str]) -> list[str]:
    """Cut a run-on page's lines before the item numbers that run in sequence (一、 … 二、, （一）
    （二）, 1. 2. … each form counting on from its last number, one skipped at most as printed
    pages do, or from 1 under a new outer number): the numbers of an outline flattened into one
    line, not an enumeration in a sentence (one form, unless the number is glued to the bodies or
    the sentence that close the item before it, or 一、 to the last run whole) nor a number in a
    quotation (《…》, “…”: out of sequence). A numeral inside a word (统一、) counts only when its
    sequence goes on after it."""
    labels = [(k, m.start(), m.lastgroup, cn_number(m.group(m.lastgroup)))
              for k, part in enumerate(parts) for m in GLUED_LABEL.finditer(part)]
    found = []  # (part, offset, form, number)
    last = {form: 0 for form in GLUED_RANK}
    restart = dict.fromkeys(GLUED_RANK, True)  # may count from 1 again: an outer number came since
    for i, (k, at, form, n) in enumerate(labels):
        if (last[form] < n <= last[form] + 2 or n == 1 and restart[form]  # a number skipped (27, 29)
                or last[form] < n <= last[form] + GAP_MAX and _counts_on(labels[i + 1:], form, n)):
            found.append((k, at, form, n))
            last[form], restart[form] = n, False
            for inner, rank in GLUED_RANK.items():
                restart[inner] = restart[inner] or rank > GLUED_RANK[form]
    # 一、 that no 二、 follows (before the next 一、) is a word's end (统一、), not an outline's number
    kept, next_cn = [], 0  # read backwards: the number of the 一、…十、 found after this one
    for f in reversed(found):
        if f[2] == "cn":
            if f[3] == 1 and next_cn != 2:
                next_cn = 1
                continue
            next_cn = f[3]
        kept.append(f)
    kept.reverse()
    if len(kept) < GLUED_MIN or len({f[2] for f in kept}) < 2:
        # one form only: cut where the number is glued to the bodies closing the item before it
        # (…责任单位：…福建证监局、厦门证监局七、加大…) or, for 一、 and （一）, to the sentence that
        # closes it (…人民群众生命财产安全。二、全面压实…), never inside a sentence
        outline = [f for f in kept if f[2] != "ar"]  # 一、 二、 三、 … (or （一）…) in a row: an outline
        whole = len(outline) >= GLUED_MIN and [f[3] for f in outline] == list(range(1, len(outline) + 1))
        kept = [f for f in kept if f[1] > 0 and (
            looks_like_agency(re.split(r"[，、,：:。；]", parts[f[0]][:f[1]])[-1])
            or f[2] != "ar" and (whole or parts[f[0]][f[1] - 1] in "。！？"))]
        if not kept:
            return parts
    cuts: dict[int, list[int]] = {}
    for k, at, _form, _n in kept:
        if at > 0 and not parts[k][:at].isspace():
            cuts.setdefault(k, []).append(at)
    out = []
    for k, part in enumerate(parts):
        edges = [0] + cuts.get(k, []) + [len(part)]
        out += [part[a:b] for a, b in zip(edges, edges[1:]) if part[a:b].strip()]
    return out


@lru_cache(maxsize=1)
def _to_simplified():
    import opencc  # OpenCC's own tables: imported only for a text in traditional characters
    return opencc.OpenCC("t2s")


TRADITIONAL_ONLY = re.compile("[國會發為號關區縣實業務開員門們個這說時對與來過還體進機廳辦經濟責設請執]")
CJK_CHAR = re.compile("[\u4e00-\u9fff]")
TRADITIONAL_SHARE = 0.1  # a traditional page changes 30–40 % of its characters, a simplified one under 1 %


def simplified(text: str) -> tuple[str, bool]:
    """A page in traditional characters (a mirror of 東府〔2021〕54號) in simplified ones, as the rules
    read them; (text, whether it was converted). Simplified text is left alone: t2s would still
    change a few of its characters (覆盖 → 复盖)."""
    sample = text[:4000]
    if len(TRADITIONAL_ONLY.findall(sample)) < 10:  # the common case, found by one scan in C
        return text, False
    cjk = len(CJK_CHAR.findall(sample))
    converted = _to_simplified().convert(sample)
    changed = sum(1 for a, b in zip(sample, converted) if a != b)
    if changed < TRADITIONAL_SHARE * cjk:
        return text, False
    return _to_simplified().convert(text), True


# A mirror site's pinyin after some characters (關(guān)于, 發(fā)): a reading aid, no part of the text
PINYIN_AFTER = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")


def clean_lines(text: str) -> Cleaned:
    keywords, _, chrome_lines, chrome_span, span_checks = _compiled()
    out = Cleaned([])
    text, converted = simplified(text)
    if converted:
        out.warnings.append("text in traditional characters: read in simplified ones (OpenCC t2s)")
    if "(" in text and PINYIN_AFTER.search(text):
        text = PINYIN_AFTER.sub("", text)
    # Translated run by run: str.translate looks up every character of the text (7x slower here).
    text = FULL_WIDTH_RUN.sub(lambda m: m.group().translate(HALF_WIDTH), text)
    for ch in WIDE_SPACES:
        if ch in text:  # a test of membership is far cheaper than a pass of a pattern
            text = text.replace(ch, " ")
    for ch in ZERO_WIDTH:
        if ch in text:
            text = text.replace(ch, "")
    if SMALL_FORM.search(text):
        text = text.translate(SMALL_FORMS)
    raw_lines = [part for line in text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
                 for part in (split_run_on(line) if len(line) >= RUN_ON else (line,))]
    running = _running_lines(raw_lines)
    again = _second_copy(raw_lines)
    if again:
        out.warnings.append(f"lines {min(again) + 1}–{max(again) + 1}: the text printed a second time, read once")
    # The span and spam patterns are sought line by line only in a text that holds them at all
    # (one pass over the text instead of one a line: most texts hold neither).
    spans = any(check.search(text) for check in span_checks)
    spam_words = keywords.search(text) is not None
    for n, raw in enumerate(raw_lines, 1):
        line = raw.rstrip()
        if n - 1 in again:
            out.chrome_removed += 1
            continue
        if line.strip() in running or "---" in line and MARKDOWN_RULE.match(line) or (  # a rule holds ---
                "```" in line and MARKDOWN_FENCE.match(line)):  # ``` around a box (专栏) the repost set as code
            out.chrome_removed += 1
            continue
        if "|" in line or "**" in line:
            line = _markdown(line)
        if spans:
            line = chrome_span.sub("", line)
        if len(line) <= CHROME_MAX and chrome_lines.search(line):
            out.chrome_removed += 1
            continue
        line, spam = _strip_spam(line) if spam_words else (line, "")
        if spam:
            out.warnings.append(f"line {n}: dropped web spam {spam[:40]!r}")
            if not line.strip():
                continue
        if line.lstrip()[:1] in ("-", "•", "·", "*"):
            line = re.sub(r"^\s*[-•·*]\s+(?=\S)", "", line)  # list bullets added by PDF converters
        line = fix_brackets(line)
        if "【" in line:
            line = BOXED_LABEL.sub(_unbox_label, line)
        if " " in line:
            line = _bodies_apart(line) or CJK_GAP.sub("", line)
        out.lines.append(line.strip() if "\t" not in line else line.strip("\n"))
    return out


def _bodies_apart(line: str) -> str:
    """生态环境部 发展改革委: joint signers printed two on a line, a space apart, keep the space
    (one) where removing the gap would glue them into one name; "" otherwise."""
    parts = line.split()
    if len(line) > 40 or not 2 <= len(parts) <= 4 or not all(looks_like_agency(p) for p in parts):
        return ""
    return " ".join(parts)


def next_filled(lines: list[str], i: int) -> int:
    """The index of the first line after i that holds text (len(lines) when none does)."""
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j


def is_table_row(line: str) -> bool:
    return "\t" in line


def starts_item(line: str) -> bool:
    return bool(NUMBERING.match(line))


def join_broken_lines(lines: list[str], width_hint: int = 15) -> list[str]:
    """Join lines that PDF conversion broke mid-sentence; keep headings, dates and table rows apart.

    A line is continued by the next non-blank line when it does not end a sentence, is long
    enough to have been wrapped, and the next line does not start a numbered item.
    """
    lines = _dates_whole(lines)
    out: list[str] = []
    pending_blank = False
    wrap = _wrap_width(lines)
    heading_width = wrap * 0.6
    after_heading = False
    for k, line in enumerate(lines):
        if not line.strip():
            pending_blank = True
            continue
        heading = "#" in line[:7] and MARKDOWN_HEADING.match(line)
        if heading:  # ## 政策原文, ### （一）健全数据管理机制。: a line of its own, read without its marks
            line = MARKDOWN_HEADING.sub("", line)
        if out and not heading and not after_heading and _continues(out[-1], line, width_hint, wrap) and not (
                len(out[-1]) < heading_width and starts_item(out[-1])) and not _signs(lines, k) and not (
                PRINTED_DATE.match(line)) and not _a_cell_under_an_item(out, line):
            out[-1] = out[-1] + line.lstrip()
        else:
            if pending_blank and out:
                out.append("")
            out.append(line)
        pending_blank = False
        after_heading = bool(heading)
    return out


DATE_PIECE = 5  # a piece of a date a page printed a span a line (2017 / 年12 / 月8 / 日)


def _dates_whole(lines: list[str]) -> list[str]:
    """A date printed in pieces, a line each (2018 / 年 / 7 / 月 / 23 / 日, as a page that prints each
    span on a line of its own leaves its signature): one line, so that it reads as the date."""
    out: list[str] = []
    k = 0
    while k < len(lines):
        end = _date_end(lines, k)
        out.append(lines[k] if end is None else "".join(lines[j].strip() for j in range(k, end + 1)))
        k = k + 1 if end is None else end + 1
    return out


def _date_end(lines: list[str], k: int) -> int | None:
    """The line where a date printed in pieces from line k ends, or None."""
    if not re.fullmatch(r"\d{4}年?", lines[k].strip()):
        return None
    joined = ""
    for j in range(k, min(len(lines), k + 12)):
        part = lines[j].strip()
        if len(part) > DATE_PIECE or part and not re.fullmatch(r"[\d年月日]+", part):
            return None
        joined += part
        if DATE_LINE.match(joined):
            return j
    return None


def _a_cell_under_an_item(out: list[str], line: str) -> bool:
    """A line of names under an item's title is the next cell of a table flattened one cell a line,
    not the title's wrapped end; nor does the line after it continue it (the cell after)."""
    return starts_item(out[-1]) and lists_bodies(line) or len(out) > 1 and starts_item(out[-2]) and lists_bodies(
        out[-1])


# The date a copy was printed, under the office that printed it (…办公室 / 2020年7月10日印发)
PRINTED_DATE = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发\s*$")


def _signs(lines: list[str], k: int) -> bool:
    """Is line k a body's name right above a date line (a signature, or the office that printed
    the copy): never the end of a sentence?"""
    name = lines[k].strip()
    after = next((x.strip() for x in lines[k + 1:k + 4] if x.strip()), "")
    return len(name) <= 40 and bool(DATE_LINE.match(after) or PRINTED_DATE.match(after)) and looks_like_agency(name)


def _wrap_width(lines: list[str]) -> int:
    """The width at which the text's lines were wrapped, if they were: the length most of its
    running lines reach (a line well short of it ended where its writer ended it)."""
    lengths = sorted(n for x in lines if "\t" not in x and (n := len(x.strip())) >= 8)  # not table rows
    return lengths[len(lengths) * 3 // 4] if lengths else 0


def _mark_wrapped(line: str, wrap: int) -> bool:
    """A full-width line that ends with a closing quote after no stop of its own (协调“门前三包” |
    制度常态化…), or with a cited document's number (…的通知》（东公积金委〔2020〕2号） | 于…继续实施。):
    the page broke inside the sentence, after a quoted term or a citation."""
    return (line.endswith("”") and line[-2:-1] not in "。！？；…" or CITED_NUMBER_END.search(line) is not None
            ) and wrap > 0 and len(line) >= wrap * 0.9


ATTACHED_FILE = re.compile(r"^\s*\d{1,2}\s*[.．、]\s*\S")  # 2.…分解表 under 附件：1.…
CITED_NUMBER_END = re.compile(r"》[（(][^（()）]{2,20}号[）)]$")  # …的通知》（东公积金委〔2020〕2号）
NOTE_LINE = re.compile(r"[（(][^（）()]*[）)]")  # a line wholly in brackets: （此件公开发布）
WHOLE_QUOTE = re.compile(r"《[^《》]+》")
STAMP_END = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$"
                       r"|(?:日期|时间)[:：]?\s*\d{4}年\d{1,2}月\d{1,2}日$")  # 成文日期2020年01月17日


SPAN_QUOTE = 30  # a line this short that leaves a 《 open, or a piece half as short after it, is a span of a sentence


def _continues(prev: str, line: str, width_hint: int, wrap: int = 0) -> bool:
    if not prev or is_table_row(prev) or is_table_row(line) or PAGE_FIELD.match(prev) or BOX_TITLE.match(prev):
        return False
    p = prev.rstrip()
    if p.count("（") > p.count("）") and LABEL.search(p) and not starts_item(line):
        return True  # （责任单位： / 市 / 商务 / 局 / ，配合单位：…）: a clause whose bracket is still open
    if p.count("《") > p.count("》") and not p.lstrip().startswith("《") and (
            len(p) <= SPAN_QUOTE or len(line.strip()) <= SPAN_QUOTE // 2) and not starts_item(line):
        return True  # 根据《 / 省政府 / 办公厅关于…》: a sentence's cited title still open (a page that prints
        # a span a line; a table's cell that opens with the title, 《上海市… / 管理委员会…》, is a cell's lines)
    if NAME_TAIL.match(line) and REGION_KIND_END.search(p) or (
            REGION_KIND_HEAD.match(line) and not p.endswith(SENTENCE_END)):
        return True  # 各区县（市）| 人民政府, 各区县 | （市）人民政府: a body's name broken across lines
    if p.endswith(SENTENCE_END) and not _mark_wrapped(p, wrap) or p.endswith(DOC_TYPE_END) and "，" not in p:
        # (a title ends with its type, 规定; a sentence broken after …申请租房提取的，规定 | 比例从… does not)
        return False
    if len(p) < width_hint or any(DATE_LINE.match(x) or NUMERIC_DATE.match(x) for x in (p, line)):
        return False
    if NOTE_LINE.fullmatch(p):
        return False  # （此件公开发布）: a note of its own
    if STAMP_END.search(p):  # 浏览量: 时间:2016-01-17 23:45:19 / 归档时间:2018-11-21: a page's field, not prose
        return False
    if p.endswith("》") and (WHOLE_QUOTE.fullmatch(line.strip()) or WHOLE_QUOTE.fullmatch(p.strip())):
        return False  # NUMBER《TITLE》 / 《TITLE》: a line that is one title and nothing else is a heading
    if any(NUMBER.fullmatch(SIGNER.sub("", x).strip()) for x in (p, line)) or SIGNER.search(p):
        return False  # a 发文字号 line (签发人 beside it) stands alone
    if re.match(r"^\s*附件", p) and ATTACHED_FILE.match(line):
        return False  # 附件：1.…表 / 2.…表: the list of attachments, a file a line
    if starts_item(line) or (re.match(r"^\s*(附件|抄送|主送|附：)", line) or LABEL_LINE.match(line)) and not (
            p.count("（") + p.count("(") > p.count("）") + p.count(")")):  # （责任 | 单位：… is one clause
        return False
    if len(p) <= 40 and looks_like_agency(p) and looks_like_agency(line.strip()):
        return False  # joint issuers signing on two lines
    if LABEL_LINE.match(p) and looks_like_agency(re.split(r"[、，,；;：:]", p)[-1]):
        return False  # 责任单位：A、B: a list that ends with a whole name is whole
    return True

def squash(text: str) -> str:
    return re.sub(r"[\s，,。、；;：:“”\"'（）()《》]", "", text)
