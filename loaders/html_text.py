"""A web page → its text, in one pass over lxml's parse events: no tree is built, so time and
memory grow with the page linearly (a 10 MB 台账 page is read in seconds, in a few MB beyond
its text).

The text is what the earlier BeautifulSoup conversion gave, event for event (tests/test_html_text.py
checks the two against each other): navigation, scripts, form controls and elements whose class or id
names page furniture are dropped; a table row of data becomes one line, its cells joined by tabs,
unless its cells hold paragraphs, line breaks or tables (then the table only lays out the page and
its text keeps its lines); block elements start and end a line; `<br>` is a line break.
Whitespace-only runs become one space or one line break (as BeautifulSoup keeps them), a tab of
the page's source a space (a tab in this text parts the cells of a row), and the
text of ruby annotations (`<rt>`, `<rp>`) and `<template>` is left out. The page's own title (its
`ArticleTitle` meta, else its `<title>` when that reads as a title) comes first, as a `标题：` line.
"""
from __future__ import annotations

import re

from lxml import etree

from .vocabulary import DOC_TYPE_END

# (not <form>: some sites wrap the whole page in one, as ASP.NET does; its controls are dropped)
REMOVED = frozenset(("head", "title", "script", "style", "noscript", "iframe", "nav", "header", "footer",
                     "button", "select", "input", "object", "embed", "svg"))
# class or id of web page furniture around an article (navigation, breadcrumbs, footers, share bars)
CHROME_CLASS = re.compile(r"(?:^|[-_\s])(?:nav|menu|breadcrumb|crumb|footer|header|share|sidebar|toolbar|"
                          r"location|position|copyright)(?:$|[-_\s])", re.I)
BLOCKS = frozenset(("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article"))
CELLS = frozenset(("td", "th"))
NOT_TEXT = frozenset(("rt", "rp", "template", "script", "style"))  # their strings are not the page's text
KEEP_SPACE = frozenset(("pre", "textarea"))
ARTICLE_TITLE = re.compile(r"^articletitle$", re.I)
ASCII_SPACE = re.compile(r"[ \n\t\f\r]*\Z")
CELL_END = object()  # where a cell of a row ends: a line break if the row lays out the page


class _Row:
    __slots__ = ("pieces", "cells", "cell", "cell_depth", "layout", "depth")

    def __init__(self, depth: int):
        self.pieces: list = []        # the row's text as if it lays out the page
        self.cells: list[list[str]] = []
        self.cell: list[str] | None = None  # strings of the cell open now
        self.cell_depth = -1          # element depth of that cell
        self.layout = False
        self.depth = depth


class _Text:
    """lxml parser target: collects the page's text as the events come."""

    def __init__(self):
        self.out: list[str] = []
        self.buf: list[str] = []
        self.depth = 0                # elements open
        self.removed_at = 0           # depth of a dropped element being skipped (0: none)
        self.not_text = 0             # open rt/rp/template/script/style
        self.keep_space = 0           # open pre/textarea
        self.rows: list[_Row] = []
        self.meta_title: str | None = None  # content of the first ArticleTitle meta
        self.title: list[str] | None = None  # text of the first <title>
        self.in_title = False

    # strings
    def _flush(self) -> None:
        if not self.buf:
            return
        s = "".join(self.buf)
        self.buf = []
        if not self.keep_space:
            s = s.replace("\t", " ")  # a tab in the page's source is a space; tabs here part cells
            if ASCII_SPACE.match(s):
                s = "\n" if "\n" in s else " "
        if self.removed_at or self.not_text:
            return
        self._emit(s)

    def _emit(self, s) -> None:
        """Add a string, a CELL_END or the pieces (a list) of a row that lays out the page."""
        if self.rows:
            row = self.rows[-1]
            row.pieces.append(s)
            if row.cell is not None and isinstance(s, str):
                row.cell.append(s)
        else:
            self.out.append(s)

    # events
    def start(self, tag, attrib, nsmap=None):
        self._flush()
        self.depth += 1
        if tag == "title" and self.title is None:
            self.title, self.in_title = [], True
        elif tag == "meta" and self.meta_title is None and ARTICLE_TITLE.match(attrib.get("name") or ""):
            self.meta_title = attrib.get("content") or ""
        if tag in KEEP_SPACE:
            self.keep_space += 1
        if tag in NOT_TEXT:
            self.not_text += 1
        if self.removed_at:
            return
        if tag in REMOVED or CHROME_CLASS.search(attrib.get("class") or "") \
                or CHROME_CLASS.search(attrib.get("id") or ""):
            self.removed_at = self.depth
            return
        if tag in BLOCKS or tag == "br":
            if self.rows:
                self.rows[-1].layout = True
            self._emit("\n")
        if tag == "tr":
            self.rows.append(_Row(self.depth))
        elif tag in CELLS and self.rows and self.rows[-1].cell is None:
            row = self.rows[-1]
            row.cell, row.cell_depth = [], self.depth
            row.cells.append(row.cell)

    def end(self, tag):
        self._flush()
        if tag == "title":
            self.in_title = False
        depth = self.depth
        self.depth -= 1
        if tag in KEEP_SPACE:
            self.keep_space -= 1
        if tag in NOT_TEXT:
            self.not_text -= 1
        if self.removed_at:
            if self.removed_at == depth:
                self.removed_at = 0
            return
        if tag in BLOCKS:
            self._emit("\n")
        if not self.rows:
            return
        row = self.rows[-1]
        if tag == "tr" and row.depth == depth:
            self.rows.pop()
            if row.layout:  # its pieces go in as they are (not copied: tables nest)
                if self.rows:
                    self.rows[-1].layout = True
                self._emit(row.pieces)
            else:
                cells = ("\t".join(" ".join(t for s in cell if (t := s.strip())) for cell in row.cells))
                self._emit("\n" + cells + "\n")
        elif row.cell is not None and row.cell_depth == depth:
            row.cell = None
            if depth == row.depth + 1:  # a cell of the row itself (not inside a wrapper)
                row.pieces.append(CELL_END)

    def data(self, text):
        self.buf.append(text)
        if self.in_title:
            self.title.append(text)

    def comment(self, text):
        self._flush()

    def doctype(self, *args):
        self._flush()

    def pi(self, *args):
        self._flush()

    def close(self) -> str:
        self._flush()
        while self.rows:  # (the parser closes what a cut page leaves open; in case it did not)
            self._emit(self.rows.pop().pieces)
        text: list[str] = []
        stack = [iter(self.out)]
        while stack:  # the pieces, with the pieces of layout rows in their place
            for piece in stack[-1]:
                if isinstance(piece, list):
                    stack.append(iter(piece))
                    break
                text.append("\n" if piece is CELL_END else piece)
            else:
                stack.pop()
        title = page_title(self.meta_title, "".join(self.title or ()))
        return (f"标题：{title}\n" if title else "") + "".join(text)


def page_title(meta: str | None, title: str) -> str:
    """The page's own title: its `ArticleTitle` meta (the 政府网站 CMS field), else its `<title>`.
    Written as a labelled line above the text, the way crawlers print 标题：, for the header to use
    when the body does not print the title (or prints it broken)."""
    if meta and meta.strip():  # some sites keep the title's <br/> in it as text
        return " ".join(re.sub(r"<br\s*/?>", "", meta, flags=re.I).split())
    title = " ".join(title.split())
    # a <title> is often only the site's name (门户网站): keep it when a piece of it reads as a title
    pieces = re.split(r"\s*[_|–—-]\s*", title)
    return title if any("关于" in p or p.endswith(DOC_TYPE_END) for p in pieces) else ""


def html_to_text(data: bytes | str) -> str:
    target = _Text()
    parser = etree.HTMLParser(target=target, recover=True)
    parser.feed(data)
    return parser.close()
