"""The one-pass html → text conversion gives what BeautifulSoup's tree walk gave (the oracle
below is the earlier conversion, kept here), on random pages made of the shapes that matter:
rows of data and rows that lay out a page, nested tables, furniture dropped by name, class or
id, line breaks, whitespace-only runs, <pre>, ruby and <template>, comments, cut pages."""
from __future__ import annotations

import random
import re

import pytest
from bs4 import BeautifulSoup

from policykg.loaders.html_text import html_to_text
from policykg.loaders.vocabulary import DOC_TYPE_END

CHROME_CLASS = re.compile(r"(?:^|[-_\s])(?:nav|menu|breadcrumb|crumb|footer|header|share|sidebar|toolbar|"
                          r"location|position|copyright)(?:$|[-_\s])", re.I)


def oracle(data: str) -> str:
    soup = BeautifulSoup(data, "lxml")
    title = page_title(soup)
    for string in soup.find_all(string=True):  # a tab of the source is a space: tabs part cells
        if "\t" in string and not string.find_parent(["pre", "textarea"]):
            string.replace_with(string.replace("\t", " "))
    for tag in soup(["head", "title", "script", "style", "noscript", "iframe", "nav", "header", "footer",
                     "button", "select", "input", "object", "embed", "svg"]):
        tag.decompose()
    for tag in soup.find_all(attrs={"class": CHROME_CLASS}) + soup.find_all(attrs={"id": CHROME_CLASS}):
        if not tag.decomposed:
            tag.decompose()
    blocks = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article")
    rows = soup.find_all("tr")
    layout = {id(r) for r in rows if r.find(blocks + ("br",))}
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for row in reversed(rows):
        if id(row) in layout:
            for cell in row.find_all(["td", "th"], recursive=False):
                cell.insert_after("\n")
            continue
        cells = [c.get_text(" ", strip=True) for c in row.find_all(["td", "th"])]
        row.replace_with("\n" + "\t".join(cells) + "\n")
    for tag in soup.find_all(blocks):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return (f"标题：{title}\n" if title else "") + soup.get_text()


def page_title(soup) -> str:
    meta = soup.find("meta", attrs={"name": re.compile(r"^articletitle$", re.I)})
    if meta and meta.get("content", "").strip():
        return " ".join(re.sub(r"<br\s*/?>", "", meta["content"], flags=re.I).split())
    title = " ".join(soup.title.get_text().split()) if soup.title else ""
    pieces = re.split(r"\s*[_|–—-]\s*", title)
    return title if any("关于" in p or p.endswith(DOC_TYPE_END) for p in pieces) else ""


WORDS = ["市卫生局", "牵头", "  ", "\n", " \t\n ", "一、重点任务", "（一）加强", "&nbsp;", "&lt;b&gt;", "\u3000",
         "2019年5月1日", "x"]
INLINE = ["span", "b", "font", "a", "em", "o:p", "strong"]
BLOCK = ["p", "div", "li", "h2", "section", "article", "pre", "ul"]
ODD = ["nav", "footer", "script", "style", "template", "rt", "rp", "ruby", "textarea", "noscript", "form",
       "header", "iframe"]
ATTRS = ["", " class='nav-bar'", " class='content main'", " id='footer'", " id='art'", " class='x\tshare'",
         " class", " style='color:red'"]


def fragment(rng: random.Random, depth: int) -> str:
    if depth > 5:
        return rng.choice(WORDS)
    out = []
    for _ in range(rng.randint(1, 4)):
        k = rng.random()
        if k < 0.3:
            out.append(rng.choice(WORDS))
        elif k < 0.4:
            out.append(rng.choice(["<br>", "<br/>", "<!-- 注释 <p>x</p> -->", "<img src=x>", "<hr>"]))
        elif k < 0.6:
            tag = rng.choice(INLINE + BLOCK)
            out.append(f"<{tag}{rng.choice(ATTRS)}>{fragment(rng, depth + 1)}</{tag}>")
        elif k < 0.7:
            tag = rng.choice(ODD)
            out.append(f"<{tag}{rng.choice(ATTRS)}>{fragment(rng, depth + 1)}</{tag}>")
        else:
            out.append(table(rng, depth + 1))
    return "".join(out)


def table(rng: random.Random, depth: int) -> str:
    rows = []
    for _ in range(rng.randint(1, 3)):
        cells = "".join(f"<{rng.choice(['td', 'th'])}{rng.choice(ATTRS)}>{fragment(rng, depth + 1)}"
                        + ("" if rng.random() < 0.2 else "</td>") for _ in range(rng.randint(1, 3)))
        rows.append(f"<tr{rng.choice(ATTRS)}>{rng.choice(['', ' ', 'stray'])}{cells}" +
                    ("" if rng.random() < 0.2 else "</tr>"))
    body = "".join(rows)
    return f"<table>{'<tbody>' + body + '</tbody>' if rng.random() < 0.5 else body}</table>"


TITLES = ["门户", "关于加强基层工作的通知_淄博市人民政府", "  实施方案 - 门户网站 ", "", "<b>x</b>通知"]
METAS = ["", "<meta name='ArticleTitle' content='关于印发&lt;br/&gt;方案的通知'>", "<meta name='articletitle' content=' '>",
         "<META NAME='ArticleTitle' CONTENT='某某意见'>", "<meta name='keywords' content='关于'>"]


def page(rng: random.Random) -> str:
    head = rng.choice(["", "<!DOCTYPE html>", "<?xml version='1.0'?>"])
    text = (f"{head}<html><head>{rng.choice(METAS)}<title>{rng.choice(TITLES)}</title>"
            f"<script>var a = '<p>';</script></head><body>{fragment(rng, 0)}</body></html>")
    if rng.random() < 0.1:
        text = text[:rng.randint(10, len(text))]  # a page cut short
    return text


@pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")
@pytest.mark.parametrize("seed", range(200))
def test_random_pages_read_as_the_tree_walk_read_them(seed):
    text = page(random.Random(seed))
    assert html_to_text(text) == oracle(text), text


def test_a_data_row_is_one_line_and_a_layout_row_keeps_its_lines():
    text = ("<table><tr><td>1</td><td> 市卫生局 </td><td><span>市财政局</span> 配合</td></tr>"
            "<tr><td><p>一、总体要求</p></td><td>正文<br>第二行</td></tr></table>")
    assert html_to_text(text) == oracle(text)
    assert "1\t市卫生局\t市财政局 配合" in html_to_text(text)
    assert "\n一、总体要求\n" in html_to_text(text)
