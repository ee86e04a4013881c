"""Header stage: one document's lines → its GB/T 9704 metadata (发文字号, title, issuers, 成文日期,
document type, level, region) and where its body starts.

The title is the block of title lines nearest the number, or where the page prints the title it
states about itself (titles.py); the issuers are the 发文机关标志 above the number, else the signers
above the 成文日期, else a web page's 发文机关： label, else those the title opens with, else the body
the 机关代字 names; the 成文日期 is the first date under a signature, never an 印发 or web date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as calendar_date

from policykg.numbers import NUMBER, ORDER_NUMBER, canonicalize, order_number
from policykg.records import AgencyRef, DocumentRecord

from .agencies import Context, is_national, looks_like_agency, resolve, split_glued_bodies, split_names
from .clean import NOTE_LINE, next_filled, squash
from .references import split_code
from .regions import find_region, level_of, region, region_prefix
from .tables import regions_by_short
from .segment import Part, number_line
from .titles import (ADDRESSEES, NUMBER_RUN, TITLE_START, TITLE_THEN_NUMBER, bare_title, first_title_line,
                     page_sites, page_titles, stated_title_lines, title_issuers, title_like)
from .vocabulary import DATE_LINE, DOC_TYPE_END, DOC_TYPES, cn_digits, cn_number

ISSUER_MARK = re.compile(r"^(.{4,60}?)(?:文件|文 件)$")


def _names_a_body(mark: str) -> bool:
    """长沙市住房公积金管理委员会文件 is an issuer's mark; 行政规范性文件 and 首页 > 政策 > 市政府文件
    (a page's navigation) are not."""
    return looks_like_agency(mark) and ">" not in mark
# 发文机关：… 成文日期：… [成文日期] 2026-06-22 成文日期：<tab>2022-06-11 (an info box's row)
META_LABEL = re.compile(r"[\[【]?(发文机关|发文机构|成文日期|颁发时间|发布机构|来源)(?:[\]】]\s*|\s*[:：]\s*)\t?\s*([^\t\[【:：]+?)"
                        r"(?=\t|\s{2,}|$|[\[【]|(?:索引号|主题分类|发文字号|发布日期|成文日期|标题|发文机关|阅读|浏览|"
                        r"点击|作者|编辑|发布时间)[:：])")
LABEL_HINT = re.compile("成文日期|颁发时间|发文机关|发文机构|发布机构|来源")
GLUED_DATE_LABEL = re.compile(r"成文日期(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2})")  # cells glued: 成文日期2020年01月17日
SIGNED_LINE = re.compile(r"^(\S.{1,38}?)\s+(" + DATE_LINE.pattern.strip("^$").replace("\\s*$", "") + r")\s*$")
CN_NUM = "〇○零一二三四五六七八九十"
LEVEL_DEPTH = {"provincial": 0, "municipal": 1, "county": 2, "district": 2}


@dataclass
class Header:
    """What the header stage read: the record (no tasks yet), the jurisdiction its names are read
    in, where the body starts, the 成文日期's line, and what an analyst should check."""

    document: DocumentRecord
    context: Context
    body_start: int
    date_line: int | None
    warnings: list[str] = field(default_factory=list)


def to_iso(date: str) -> str:
    s = re.sub(r"\s", "", date)
    if any(c in s for c in CN_NUM):
        s = _cn_date(s)
    m = re.match(r"(\d{4})(?:年|[-/.])(\d{1,2})(?:月|[-/.])(\d{1,2})", s)  # 2018年12月21日, 2026-06-22
    if not m:
        return ""
    try:  # 0000年0月0日, 2023年2月30日: no date
        return calendar_date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return ""


def _cn_date(s: str) -> str:
    y, _, rest = s.partition("年")
    mo, _, d = rest.partition("月")

    def num(t: str) -> str:
        t = t.rstrip("日")
        return str(cn_number(t)) if "十" in t else cn_digits(t)

    return cn_digits(y) + "年" + num(mo) + "月" + num(d) + "日"


ABOUT_TITLE_END = re.compile(r"的[\u4e00-\u9fff]{0,4}(?:" + "|".join(DOC_TYPES) + r")$")  # …的通知, …的实施意见
ABOUT_TAIL = 5 + max(map(len, DOC_TYPES))  # the most characters it can match: sought there only


def _title_open(block: list[tuple[int, str]]) -> bool:
    """Does a title printed over these lines go on? A 关于 title ends at 的通知 (…的实施意见, …的批复),
    so 关于印发…重点工作任务 / 分工方案的通知 is one title; another ends at its type word."""
    text = "".join(t for _, t in block)
    if "关于" in text[:40] or text.startswith(("转发", "印发")):
        return not ABOUT_TITLE_END.search(text, max(0, len(text) - ABOUT_TAIL))
    return not text.endswith(DOC_TYPE_END)


BOX_LABEL = re.compile(r"[\u4e00-\u9fff]{2,8}[:：]")


def _line_before(lines: list[str], i: int) -> str:
    return next((lines[j].strip() for j in range(i - 1, max(-1, i - 4), -1) if lines[j].strip()), "")


def _header_lines(lines: list[str], anchor: int | None) -> tuple[list[str], list[tuple[int, str]]]:
    """Issuer lines and title lines (with their index) around the number line."""
    at = anchor if anchor is not None else 0
    issuer_lines, title_lines = [], []
    for i in range(max(0, at - 8), min(len(lines), at + 8)):
        line = lines[i].strip()
        if not line or i == anchor or DATE_LINE.match(line) or BOX_LABEL.fullmatch(_line_before(lines, i)):
            continue  # (公开范围： / 面向社会: an information box's value under its label, no issuer)
        mark = ISSUER_MARK.match(line)
        if mark and i < at + 1 and _names_a_body(mark.group(1).replace(" ", "")):
            issuer_lines.append((i, mark.group(1).replace(" ", "")))
        elif TITLE_START.match(line) or (title_lines and next_filled(lines, title_lines[-1][0]) == i
                                         and _title_open(title_lines)):
            if len(line) <= 80 and not line.endswith(("：", ":", "。")):
                title_lines.append((i, line))
        elif i < at and looks_like_agency(line) and len(line) <= 40 and ">" not in line:
            issuer_lines.append((i, line))
    # a title printed above the number (a web page's layout): what stands above that title is the
    # page's navigation (its list of 部门网站), not the issuer's mark
    above = min((i for i, _ in title_lines if i < at), default=None)
    return [line for i, line in issuer_lines if above is None or i > above], title_lines


NOTICE_WINDOW = 80  # lines after a plan's title (a page's navigation and information box) where its notice is sought


def _notice_quoting(lines: list[str], title_lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A page that heads itself with the plan's title (its own 标题 line, or the first title-like
    line) and then prints the notice that issues it (长三角…行动方案 / … / 关于印发《长三角…行动方案》的
    通知): the notice's title is the document's."""
    if not title_lines:
        return []
    plan = _quoted_form(bare_title("".join(t for _, t in title_lines)))
    issues_it = re.compile(f"(?:印发|转发)《?{re.escape(plan)}》?通知$")
    for i in range(title_lines[-1][0] + 1, min(len(lines), title_lines[-1][0] + NOTICE_WINDOW)):
        line = bare_title(lines[i].strip())
        if ADDRESSEES.match(line):
            break
        if line.endswith("的通知") and issues_it.search(_quoted_form(line)) and title_like(line):
            return [(i, line)]
    return []


def _quoted_form(title: str) -> str:
    """A title as a notice quotes it, which may drop a 的 (…体系的实施方案 → 关于印发…体系实施方案的通知)."""
    return title.replace("的", "")


def _title_blocks(title_lines: list[tuple[int, str]], lines: list[str]) -> list[list[tuple[int, str]]]:
    blocks, cur = [], [title_lines[0]]
    for item in title_lines[1:]:
        if next_filled(lines, cur[-1][0]) == item[0] and _title_open(cur):  # blank lines between too
            cur.append(item)
        else:
            blocks.append(cur)
            cur = [item]
    blocks.append(cur)
    return blocks


def read_title(lines: list[str], anchor: int | None) -> tuple[str, list[str], int]:
    """(title, issuer lines, index of the title's last line): the title block nearest the number wins."""
    at = anchor if anchor is not None else 0
    issuer_lines, title_lines = _header_lines(lines, anchor)
    stated = page_titles(lines[:60])  # a page that says what its title is: find where it prints it
    printed = stated_title_lines(lines, stated)
    printed = _notice_quoting(lines, printed) or printed
    if printed:
        title_lines = printed
    elif not title_lines and not stated:
        title_lines = first_title_line(lines)  # no number: the title below the page's navigation
        title_lines = _notice_quoting(lines, title_lines) or title_lines
    if not title_lines:
        # printed only in the page's metadata, or nowhere: the body starts right after the number
        return next(iter(stated), ""), issuer_lines, at if anchor is not None else -1
    blocks = [printed] if printed else _title_blocks(title_lines, lines)  # (printed: one title, blank lines apart)
    best = min(blocks, key=lambda b: min(abs(i - at) for i, _ in b))
    first = best[0][0]
    above = lines[first - 1].strip() if first > 0 else ""
    if anchor is not None and first - 1 > anchor and best[0][1].startswith("关于") and (
            looks_like_agency(above) and len(above) <= 40):
        best = [(first - 1, above)] + best  # number, then 绵阳市人民政府办公室 / 关于…的通知: one title
    if anchor is None and not issuer_lines and best[0][1].startswith("关于"):
        issuer_lines = _marks_above(lines, best[0][0])
    return bare_title("".join(t for _, t in best)), issuer_lines, max(i for i, _ in best)


def _marks_above(lines: list[str], first: int) -> list[str]:
    """A document with no number whose issuers' names stand over its 关于… title, a line each and
    no blank line between (海南省住房和城乡建设厅 / 海南省住房公积金管理局 / 关于…的通知（征求意见稿）);
    unlike a signature, a blank line ends them (返回顶部 above is a page's furniture)."""
    names: list[str] = []
    for line in (x.strip() for x in reversed(lines[max(0, first - 4):first])):
        if not (line and looks_like_agency(line) and len(line) <= 40 and ">" not in line):
            break
        names.insert(0, line)
    return names


SEAL = re.compile(r"[（(](?:代章|印章|盖章)[）)]$")  # 省…联席会议（代章）: signed under another's seal


def _signers_above(lines: list[str], i: int) -> list[str]:
    """The bodies signed over line i, a line each or two a line (生态环境部 发展改革委: joint
    issuers printed in pairs)."""
    signers: list[str] = []
    j, rows = i - 1, 0
    while j >= 0 and rows < 12:
        prev = SEAL.sub("", lines[j].strip())
        if not prev:
            j -= 1
            continue
        names = prev.split()
        if not (1 < len(names) <= 3 and all(map(looks_like_agency, names))):
            names = [prev]
        if len(prev) > 40 or not looks_like_agency(names[-1]):
            break
        signers[:0] = names
        j, rows = j - 1, rows + 1
    return signers


def read_signature(lines: list[str], start: int) -> tuple[str, list[str], int | None]:
    """成文日期 (ISO), the signers above it and its line: the first date line under a signature."""
    for i in range(start, len(lines)):
        line = lines[i].strip()
        same_line = SIGNED_LINE.match(line)
        if same_line and looks_like_agency(same_line.group(1)):  # 淄博市人民政府办公厅  2013年10月22日
            return to_iso(same_line.group(2)), [same_line.group(1)], i
        if DATE_LINE.match(line):
            return to_iso(line), _signers_above(lines, i), i
    return "", [], None


ISSUED = re.compile(r"(?:印发|下发)给?你们")  # the notice's own sentence right above its date


def _signed_date(lines: list[str], start: int, end: int, issued: bool = False) -> tuple[int, list[str]] | None:
    """The first date line of lines[start:end] under a signature (or, `issued`, right under the
    notice's 现将…印发给你们 when no one signs): its index and signers."""
    for i in range(start, min(len(lines), end)):
        if not DATE_LINE.match(lines[i].strip()):
            continue
        signers = _signers_above(lines, i)
        above = next((x.strip() for x in reversed(lines[start:i]) if x.strip()), "") if issued else ""
        if signers or ISSUED.search(above):
            return i, signers
    return None


def _plan_title_under_signature(lines: list[str], start: int) -> str:
    """An 印发 notice printed without its own title: the plan's title under the notice's signature
    and date is the document's (the page carries the plan; the annotators' and the sites' title)."""
    signed = _signed_date(lines, start, start + 25, issued=True)
    if signed is None:
        return ""
    i = signed[0]
    after = [x.strip() for x in lines[i + 1:i + 6] if x.strip() and not NOTE_LINE.fullmatch(x.strip())]
    if after and title_like(bare_title(after[0])):
        return bare_title(after[0])
    if len(after) > 1 and title_like(bare_title(after[0] + after[1])) and len(after[0]) <= 40:
        return bare_title(after[0] + after[1])  # the title broken over two lines
    return ""


def _signed_above_title(lines: list[str], start: int, title_end: int) -> tuple[str, list[str], int | None]:
    """A 成文日期 under a body's signature between the number and the title (山西省人民政府 /
    2018年3月27日 / then the 实施方案's title): a bare date line with no signer above it is the
    page's, not the document's."""
    signed = _signed_date(lines, start, title_end)
    if signed is None:
        return "", [], None
    return to_iso(lines[signed[0]].strip()), signed[1], signed[0]


def read_labels(lines: list[str]) -> dict[str, str]:
    """Web pages print metadata as labels: 发文机关：… 成文日期：… (used when the text lacks them)."""
    found: dict[str, str] = {}
    for line in lines[:40]:
        if not LABEL_HINT.search(line):
            continue
        for m in META_LABEL.finditer(line):
            found.setdefault(m.group(1), m.group(2).strip())
        if glued := GLUED_DATE_LABEL.search(line):
            found.setdefault("成文日期", glued.group(1))
        cells = [cell.strip() for cell in line.split("\t")]  # a metadata table: 发布机构 | 江汉区… | 有 效 性 | …
        for label, value in zip(cells, cells[1:]):
            label = re.sub(r"[\s:：]", "", label)
            if LABEL_HINT.fullmatch(label) and value and not value.endswith((":", "：")):
                found.setdefault(label, value)
    return found


def _region(names: list[str], title: str, number: str, sites: list[str]):
    """The document's region (the deepest named by its issuers, else the 机关代字's, else the
    title's or the publishing site's) and the issuer its 机关代字 names."""
    title_ctx = find_region(title) if title else None
    title_ctx = title_ctx or next((r for r in map(find_region, sites) if r), None)
    reg = None
    for n in names:
        r = find_region(n)
        if r and (reg is None or LEVEL_DEPTH[r.level] > LEVEL_DEPTH[reg.level]):
            reg = r
    code_issuer = None
    m = NUMBER.fullmatch(number) if number else None  # (an order's number has no 代字)
    if m:
        code_issuer = split_code(m.group(1), int(m.group(2)), Context(reg or title_ctx))[1]
    if code_issuer and names and all(n.startswith(("区", "县")) for n in names) and code_issuer.level in (
            "provincial", "municipal"):
        code_issuer = None  # 区人民政府办公室 with 江政办: a district's office, not the city the 代字 reads as
    if reg is None and code_issuer and code_issuer.region:
        reg = region(code_issuer.region)
    return reg or title_ctx, code_issuer


def _issuers(names: list[str], ctx: Context, code_issuer, number: str, title: str) -> tuple[list[AgencyRef], list[str]]:
    if names:
        issuers = [resolve(n, ctx, evidence=n) for n in names]
        for a in issuers:
            a.kind = "government" if a.name.endswith(("人民政府", "管理委员会", "管委会")) else a.kind
        return issuers, []
    if code_issuer:  # a joint code (沪建房管联, 中发) names each of its bodies
        return ([AgencyRef(name, name, code_issuer.region, code_issuer.level, code_issuer.kind, evidence=number)
                 for name in code_issuer.name.split("、")],
                [f"{document_name(number, title)}: issuer not printed; read from the 机关代字 as {code_issuer.name}"])
    return [], [f"{document_name(number, title)}: no issuer found"]


# （2022年12月23日北京市人民政府第307号令公布…）: a government order (令) has no 发文字号 in 〔year〕
# form; it is known and cited by its order number, which is its number here (as printed), and the
# line that promulgates it gives its issuer and date.
PROMULGATED = re.compile(r"^\s*[（(](\d{4}年\d{1,2}月\d{1,2}日)?\s*([\u4e00-\u9fff]{2,20}?(?:人民政府|政府)"
                         r"(?:令第\d{1,4}号|第\d{1,4}号令))[^（）()]{0,4}(?:公布|发布)")


PROMULGATED_BY = re.compile(r"^(.+?(?:人民政府|政府))(?:令第|第)\d{1,4}号令?$")


# 重庆市人民政府令 第361号, 渝府令第 121 号
ORDER_LINE = re.compile(r"^\s*([\u4e00-\u9fff]{2,20}?(?:人民政府|政府)令|[\u4e00-\u9fff]{1,3}府令)\s*(第\s*\d{1,4}\s*号)\s*$")


def _promulgated(lines: list[str]) -> tuple[str, str]:
    """(order number, date) of a government order, from the line that promulgates it or the order
    number printed at its head, or ("", "")."""
    head = [x.strip() for x in lines[:40] if x.strip()][:8]
    for k, line in enumerate(head):
        m = PROMULGATED.match(line)
        if m:
            return canonicalize(m.group(2)) or m.group(2), to_iso(m.group(1)) if m.group(1) else ""
        m = ORDER_LINE.match(line)
        if m:  # 重庆市人民政府令第361号 / 《…》已经…通过，现予公布 / 2023年9月20日: the order's date
            dated = next((x for x in head[k + 1:k + 4] if DATE_LINE.match(x)), "")
            return order_number(m.group(1), m.group(2)), to_iso(dated) if dated else ""
    return "", ""


# （2025年12月8日中国共产党郑州市第十二届委员会第九次全体会议通过）: a plenary's 建议 or 决定 is dated
# by the session that adopted it, printed under its title (it has no signature).
ADOPTED = re.compile(r"[（(]((?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d〇○零一二三四五六七八九十]{1,3}月"
                     r"[\d〇○零一二三四五六七八九十]{1,3}日)[^（）()]{2,60}?(?:会议|大会)(?:审议)?通过[）)]")


def _order_under_title(lines: list[str], title_end: int) -> str:
    """财政部 税务总局公告2025年第17号 on a line of its own right under the title: an announcement's
    (or an order's) number, which has no bracketed year (a page may print an empty （） after it)."""
    for line in [x.strip() for x in lines[title_end + 1:title_end + 12] if x.strip()][:2]:
        m = ORDER_NUMBER.fullmatch(re.sub(r"[（(]\s*[）)]$", "", line))
        if m and all(looks_like_agency(n) for n in m.group(1).split()):
            return order_number(m.group(1), m.group(2))
    return ""


def _adopted(lines: list[str]) -> str:
    return next((to_iso(m.group(1)) for line in lines[:40] if (m := ADOPTED.search(line))), "")


COPY_SUFFIX = r"\.(?:pdf|ofd|docx?|wps)"
# The page's official copy, a file named by the 发文字号 alone (市政办发〔2022〕167号.pdf).
ITS_COPY = re.compile(r"^\s*" + NUMBER_RUN + COPY_SUFFIX, re.IGNORECASE)
# The number printed in front of the title, on its line or in the name of its copy
# (PDF文件查看：东公积金委〔2020〕2号关于调整…的通知, 武公中规〔2026〕2号武汉住房公积金管理中心关于…的通知).
NUMBER_THEN_TITLE = re.compile(r"^\s*(?:[^：:〔]{0,10}[：:])?\s*" + NUMBER_RUN + r"\s*(\S.{5,}?)(?:" + COPY_SUFFIX + r")?\s*$",
                               re.IGNORECASE)



# The official copy listed among a page's attachments, named by the number and the title
# (…有效期4年。相关附件：广安府办规〔2022〕8号关于印发…的通知.pdf(/gasrmzfw/…)), wherever the line runs
ATTACHED_COPY = re.compile(r"附件[:：]\s*" + NUMBER_RUN + r"\s*(?:[^。；，\s]{0,40}?)关于[^。；]{4,120}?" + COPY_SUFFIX,
                           re.IGNORECASE)


def _number_of_its_copy(lines: list[str]) -> str:
    """Where the page prints no number, the number its official copy is named by: the file's
    name alone, or its number and title in the page's list of attachments."""
    return next((n for line in lines if (m := ITS_COPY.match(line) or ATTACHED_COPY.search(line))
                 and (n := number_line(m.group(1)))), "")


def _number_by_title(lines: list[str], title: str, number: str) -> tuple[str, str]:
    """(number, title): a number printed after the title in brackets is no part of the title, and
    the document's where the page prints none elsewhere, as is one printed in front of the title."""
    m = TITLE_THEN_NUMBER.match(title)
    if m and number_line(m.group(2)) and number in ("", number_line(m.group(2))):
        return number_line(m.group(2)), m.group(1)  # …的补充通知（东建房〔2017〕33号）
    if number:
        return number, title
    m = NUMBER_THEN_TITLE.match(title)
    if m and number_line(m.group(1)):
        return number_line(m.group(1)), m.group(2)
    want = squash(title)
    for line in lines:
        m = NUMBER_THEN_TITLE.match(line) if "〕" in line else None
        if m and len(want) >= 8 and squash(m.group(2)).endswith(want) and number_line(m.group(1)):
            return number_line(m.group(1)), title
    return "", title


def read_header(part: Part, source: str) -> Header:
    """The header stage: metadata of one document, with the context its names are read in."""
    lines, anchor = part.lines, part.anchor
    number = number_line(lines[anchor]) if anchor is not None else _number_of_its_copy(lines)
    order, promulgated = _promulgated(lines)
    number = number or order  # 北京市人民政府第307号令: a government order's number
    title, issuer_lines, title_end = read_title(lines, anchor)
    title = ADOPTED.sub("", title).strip()  # the adopting session is no part of the title
    number, title = _number_by_title(lines, title, number)
    number = number or _order_under_title(lines, title_end)
    if not title:  # 遂府函〔2019〕55号 / 各县…： / 现印发给你们 / 遂宁市人民政府 / 2019年4月29日 / …实施方案
        title = _plan_title_under_signature(lines, (anchor or 0) + 1)
    body_start = max(title_end, -1 if anchor is None else anchor) + 1
    date, signers, date_line = read_signature(lines, body_start)
    if not date:  # an 印发 notice signed above the plan's title, its own title not printed
        date, signers, date_line = _signed_above_title(lines, (anchor or 0) + 1, title_end)
    labels = read_labels(lines)
    if labels.get("成文日期") and not signers:  # the box's 成文日期 over a bare date line that no one signs
        date = to_iso(labels["成文日期"]) or date
    if not date and labels.get("颁发时间"):  # 中房网's box
        date = to_iso(labels["颁发时间"])
    date = date or promulgated or _adopted(lines)
    sites = page_sites(lines)
    names = _issuer_names(issuer_lines, signers, labels, title, order, number, sites)
    reg, code_issuer = _region(names, title, number, sites)
    title = _without_place(title)
    ctx = Context(reg)
    issuers, warnings = _issuers(names, ctx, code_issuer, number, title)
    doc = DocumentRecord(source=source, number=number, title=title, issuers=issuers, date=date,
                         doc_type=next((t for t in DOC_TYPES if title.endswith(t)), ""),
                         level=_level(reg, code_issuer, issuers), region=reg.name if reg else "")
    if not date:
        warnings.append(f"{document_name(number, title)}: no 成文日期 under a signature")
    return Header(doc, ctx, body_start, date_line, warnings)


def _issuer_names(issuer_lines: list[str], signers: list[str], labels: dict, title: str, order: str,
                  number: str, sites: list[str]) -> list[str]:
    """The issuers as printed: above the number, else under the signature, else in the page's
    information box, the title, the order's promulgation line or, on a page that prints no number,
    its 来源 or the body whose own site it is."""
    issuer_lines = [x for x in issuer_lines if not LABEL_HINT.search(x)]  # an info box's row names no issuer
    label = labels.get("发文机关") or labels.get("发文机构") or labels.get("发布机构")
    in_title = [n for name in title_issuers(title) for n in split_names(name) if n]  # …局等单位关于: the 局
    if not issuer_lines and not signers and label and not (
            in_title and (all(map(region_prefix, in_title)) or not region_prefix(label))):
        issuer_lines = [n for n in split_names(label) if looks_like_agency(n)]  # the site's label, where the title
        # does not name the issuer in full (亳州市谯城区人民政府办公室关于… over 发布机构：谯城区政府(办公室))
        # and the label does (江汉区人民政府办公室 over 区人民政府办公室关于…, not 政府办; not the
        # portal's name, 发布机构：中国平潭)
    names = issuer_lines or signers or in_title
    names = [body for n in names for part in _listed(n) for body in split_glued_bodies(part)]  # two on one line
    if not names and order and (by := PROMULGATED_BY.match(order)):
        names = [by.group(1)]  # 北京市人民政府第307号令: the government's order
    if not names and not number and looks_like_agency(labels.get("来源", "")):
        names = [labels["来源"]]  # a news page of a body's site (来源：宿州市房管中心), nothing signed
    if not names and not number:
        names = [s for s in sites if looks_like_agency(s)][:1]  # …的通知 - 定州市住房公积金管理中心
    return names


def _listed(name: str) -> list[str]:
    """北京市科学技术委员会、中关村科技园区管理委员会 signed on one line: two issuers."""
    parts = split_names(name)
    return list(parts) if len(parts) > 1 and all(map(looks_like_agency, parts)) else [name]


def _without_place(title: str) -> str:
    """太原关于控制…的通知, 东莞关于…的补充通知: a repost's title with the bare name of the city in front
    (no 市, no body: no issuer of GB/T 9704's), which the document's own title has not."""
    m = re.match(r"^([\u4e00-\u9fff]{2,4}?)关于", title)
    return title[len(m.group(1)):] if m and m.group(1) in regions_by_short() else title


def _level(reg, code_issuer, issuers: list[AgencyRef]) -> str:
    level = level_of(reg) if reg else (code_issuer.level if code_issuer else "")
    if not level and len({a.level for a in issuers}) == 1:
        level = issuers[0].level  # 省完善促进消费体制机制厅际联席会议, no province named: provincial
    if issuers and (all(a.name.startswith(("国务院", "国家")) for a in issuers) or is_national(issuers[0].name)):
        level = "national"  # a ministry first among joint issuers (生态环境部 …, 上海市人民政府 …)
    return level


def document_name(number: str, title: str) -> str:
    """How a warning names a document: its number, else its title."""
    return number or (f"《{title[:30]}》" if title else "a document without number or title")
