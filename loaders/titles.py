"""Titles as pages print them: what a line that is a title looks like, the title a page states about
itself, and the issuers a title opens with. Used by the segment and header stages.

Real pages put their title where GB/T 9704 does not: only in the page's metadata (an `ArticleTitle`
meta, a crawler's 标题： line, an information box's 信息名称：), behind a site's tag (【已废止】), after
a Markdown `#`, inside 《》, broken by `<br>` over two lines, or glued to the link text before it;
and above it, navigation lines that look like titles (政务公开 > 政策文件).
"""
from __future__ import annotations

import re

from .agencies import looks_like_agency, split_glued_bodies
from .clean import MARKDOWN_HEADING, NOTE_LINE, squash
from .vocabulary import ARTICLES, DATE_LINE, DOC_TYPE_END, NUMBERING, PROCEDURE_TITLES, TITLE_VERB

TITLE_START = re.compile(r"^(?:关于|转发|印发|[\u4e00-\u9fff（）()]{2,30}(?:关于|印发《|转发《))")  # 上海市人民政府印发《…》的通知
# A page's own statement of its title: a crawler's 标题： line, or the page's meta title (read.py)
TITLE_LABEL = re.compile(r"^\s*(?:标题|文件名称|文件标题|信息名称|名称)\s*[:：]\s*(\S.*?)\s*$")
NEWS_OF = re.compile(r"(?:出台|印发|发布|公布|出炉|施行|实施)《([^《》]{6,120})》$")
FIELD = re.compile(r"^\s*[\u4e00-\u9fff]{2,6}\s*[:：]")  # 类型: … 效力级别:… — a page's field, not a title
TAG = re.compile(r"^\s*(?:【[^】]{1,16}】|\[[^\]]{1,16}\])\s*")  # 【已废止】 [失效] 【稳经济大盘一揽子政策】
ADDRESSED = r"^(?:各|全市|全省|全区|全县|市直|省直|区直|县直|有关)[^。]{0,80}?[:：]"  # 主送
ADDRESSEES = re.compile(ADDRESSED + "$")
ADDRESSEES_THEN_TEXT = re.compile(ADDRESSED)  # a crawled page runs the text on after them
SITE_NAME_CUT = re.compile(r"\s*(?:[_|]|(?<!\d)[-–—](?!\d))\s*")  # the site's name beside a title: X-关于…, …_中房网_…
SCAN_LIMIT = 400  # lines searched for a title; a page's navigation rarely runs longer


def bare_title(line: str) -> str:
    """A title line without what a page puts around it: a Markdown `#`, a site's 【tag】, 《》 around
    the whole title."""
    s = TAG.sub("", MARKDOWN_HEADING.sub("", line)).strip()
    if s.startswith("《") and s.endswith("》") and s.count("《") == 1:
        s = s[1:-1]
    if "关于《关于" in s:  # 保定市住房公积金管理委员会关于《关于调整…的通知》: the title quoted after its issuer
        s = QUOTED_AFTER_ISSUER.sub(r"关于\1", s)
    return s


QUOTED_AFTER_ISSUER = re.compile(r"关于《关于([^《》]+)》")


EDITION = re.compile(r"[（(](?:试行|暂行|修订|修订版|征求意见稿|草案|送审稿|\d{4}年(?:修订)?版?|\d{4}\s*[-–—－~～至]{1,2}\s*\d{2,4}\s*年?(?:度)?|[上中下])[）)]$")  # 实施细则（试行）, a repost's …方案(上)


NUMBER_RUN = r"([^\s.。，,]{2,30}?〔\d{4}〕\d{1,5}号)"  # a 发文字号 with the 代字 run before it
# …的通知（沪教委规〔2021〕2号）: the number printed after the title, in brackets
TITLE_THEN_NUMBER = re.compile(r"^(.{6,}?)\s*[（(]\s*" + NUMBER_RUN + r"\s*[）)]\s*$")


def title_like(line: str) -> bool:
    """A line that can be a document's title: short, no sentence, names a document type or 关于."""
    s = EDITION.sub("", line.strip())
    if s.endswith(("号）", "号)")) and (numbered := TITLE_THEN_NUMBER.match(s)):
        s = numbered.group(1)
    return (6 <= len(s) <= 120 and "。" not in s and "\t" not in s and not s.endswith(("：", ":"))
            and not FIELD.match(s) and not re.search(r"[>»]", s) and (
                s.endswith(DOC_TYPE_END) or bool(TITLE_START.match(s)) and "的" in s
                or bool(re.search(r"(?:印发|转发|关于)《[^》]+》$", s))))  # …办公厅印发《关于…的意见》


def _labelled_pieces(lines: list[str]):
    """The pieces of the page's own 标题：… lines, split where a site's name stands beside the title."""
    for line in lines:
        m = TITLE_LABEL.match(line)
        if m:
            yield from map(bare_title, SITE_NAME_CUT.split(m.group(1)))


def page_sites(lines: list[str]) -> list[str]:
    """The site's name a page prints beside its own title (长沙市政府门户网站-…, …-定州市住房公积金管理中心):
    the publisher, which tells the page's region and, for a body's own site, who issued it."""
    return [piece for piece in _labelled_pieces(lines) if piece and not title_like(piece)]


def page_titles(lines: list[str]) -> list[str]:
    """Titles the page states about itself (标题：…), without a site's tag or the site's name
    around them (长沙市政府门户网站-…, …_中房网_…): only a piece that reads as a title is kept."""
    found = []
    for piece in _labelled_pieces(lines):
        news = NEWS_OF.search(piece)  # 我市出台《关于…的若干措施》: a news item about the document
        piece = news.group(1) if news and not title_like(piece) else piece
        if title_like(piece):
            found.append(piece)
    return found


def stated_title_lines(lines: list[str], stated: list[str]) -> list[tuple[int, str]]:
    """The lines that print one of the `stated` titles (page_titles), joined where a line break
    (<br>) cut it; a line that ends with it (link text glued in front) gives just the title."""
    wanted = {squash(t): t for t in stated}
    if not wanted:
        return []
    for i in range(min(len(lines), SCAN_LIMIT)):
        if not lines[i].strip() or TITLE_LABEL.match(lines[i]):
            continue
        for want, printed in wanted.items():
            key = squash(bare_title(lines[i]))
            if len(key) >= 6 and key != want and key.endswith(want):
                return [(i, _printed_tail(bare_title(lines[i]).strip(), want) or printed)]
            block, j = [(i, lines[i].strip())], i + 1
            while want.startswith(key) and key != want and j < len(lines) and j - block[-1][0] <= 2:
                if lines[j].strip():  # (a page's paragraphs stand a blank line apart)
                    block.append((j, lines[j].strip()))
                    key += squash(lines[j])
                j += 1
            if key == want:
                return block
    return []


def _printed_tail(line: str, want: str) -> str:
    """The end of `line` that prints the squashed title `want`, with the marks the page prints
    (关于印发《…》的通知, where the page's own metadata drops the 《》)."""
    starts = [k for k in range(len(line)) if squash(line[k:]) == want]
    if not starts:
        return ""
    tail = line[starts[-1]:].lstrip("》”")
    while tail.endswith(("》", "”")) and tail.count(tail[-1]) > tail.count("《" if tail[-1] == "》" else "“"):
        tail = tail[:-1]  # 我市出台《关于…的若干措施》: the mark that closes the news item's quotation
    return tail


def first_title_line(lines: list[str]) -> list[tuple[int, str]]:
    """With no number and no title the page states: the first line that reads as a title
    before the body begins (web pages put navigation above it)."""
    for i, line in enumerate(lines[:SCAN_LIMIT]):
        line = bare_title(line)
        if NUMBERING.match(line) or ADDRESSEES.match(line):
            break  # the body (or its 主送 line) has begun
        if title_like(line) and len(line) >= 8:
            return _lines_above(lines, i) + [(i, line)]
    return []


def _lines_above(lines: list[str], i: int) -> list[tuple[int, str]]:
    """The start of a title broken over two lines (南昌市…地下车位（库） / 销售备案和…管理规定): the
    line right above, when it is no sentence, no number, no field and no lone 附件 line."""
    above = lines[i - 1].strip() if i > 0 else ""
    if (8 <= len(above) <= 40 and not re.search(r"[。：:；;，,>»\t]", above) and not NUMBERING.match(above)
            and not FIELD.match(above) and not re.match(r"^附件\s*\d*$", above) and not DATE_LINE.match(above)
            and not title_like(above) and not NOTE_LINE.fullmatch(above)):  # （此件公开发布）
        return [(i - 1, above)]
    return []


def title_issuers(title: str) -> list[str]:
    """The issuers a GB/T 9704 title opens with (发文机关 + 关于 + 事由 + 文种): 上海市松江区人民政府办公室关于…,
    北京市交通委员会、北京市财政局关于…; none when the words before 关于 are not all names of bodies."""
    m = re.match(r"^(.{4,120}?)(?:关于|印发|转发|贯彻)", title)
    if not m:
        return []
    names = [part for n in re.split(r"[、，,\s]+", m.group(1)) if n for part in split_glued_bodies(n)]
    return names if names and all(looks_like_agency(n) for n in names) else []



def what_it_numbers(title: str) -> str:
    """What the title says its numbered articles and items are: "measures" (…若干措施, 关于印发
    …十条措施的通知), "rules" (…实施细则（试行）, 关于印发《…办法》的通知, a call for applications:
    关于申报…的通知) or "" (document_types.tsv, `articles`; procedure_titles.tsv)."""
    kind = re.sub(r"[（(](?:试行|暂行|修订|征求意见稿)[）)]$", "", re.sub(r"的?(?:通知|公告)$", "", title).rstrip("》”"))
    what = next((what for word, what in ARTICLES.items() if kind.endswith(word)), "")
    verb = TITLE_VERB.search(title)
    if verb and what != "measures":  # 关于申报…的通知: rules; 关于调整…相关规定的通知: its points
        return PROCEDURE_TITLES[verb.group(1)]
    return what
