"""Limits checked before a file is parsed, so that a hostile or broken file is refused cheaply.

Each check reads only what is cheap to read and returns the problem as one line (naming the
limit and how to proceed), or None when the file is within every limit:

- zip containers (docx): the entry count from the end-of-central-directory record, then each
  entry's declared sizes and compression ratio from the central directory, before anything is
  inflated; then each part is inflated a chunk at a time, to check it holds no more than it
  declares (a part that lies about its size would otherwise be inflated whole when read) and to
  count the cells of Word tables;
- html: one linear scan of the tags (no tree) for nesting depth and table cells;
- pdf: the page tree is walked (pages are counted, not read);
- the tasks a file gives, after parsing and before the build writes them.

The per-file time budget of the parsing worker (graph/build.py) catches what no limit foresees.
"""
from __future__ import annotations

import io
import itertools
import re
import struct
import zipfile
import zlib

MIB = 2**20
# zip containers (docx). Word's document.xml of a long national plan is a few MB; python-docx
# holds about 9 bytes of memory per byte of XML, so 32 MiB of XML is about 300 MB of memory.
MAX_ZIP_ENTRIES = 10_000           # parts in one container (a docx has some 10 to 100)
MAX_ZIP_PART_BYTES = 32 * MIB      # declared uncompressed size of one XML part
MAX_ZIP_TOTAL_BYTES = 200 * MIB    # declared uncompressed size of all parts together
MAX_ZIP_RATIO = 200                # uncompressed / compressed size of a part over ZIP_RATIO_FLOOR
ZIP_RATIO_FLOOR = 1 * MIB          # (a zip bomb inflates 600 to 1,000 times; Word's XML 5 to 100)
# Word tables: python-docx builds objects for every cell (100,000 cells take about 2.5 s and 200 MB)
MAX_DOCX_CELLS = 200_000           # table cells (<w:tc>) in word/document.xml
# html pages. Real pages nest some 10 to 60 elements deep; a 台账 of 10,000 rows × 10 columns has
# 100,000 cells.
MAX_HTML_DEPTH = 500               # open elements inside each other
MAX_HTML_CELLS = 200_000           # table cells (<td>, <th>) in the page
# pdf. pdfplumber reads about 10 pages a second; 1,000 pages take under two minutes.
MAX_PDF_PAGES = 1_000

# tasks (with their sub-items) one file gives: the build holds a document's write whole, about
# 10 KB a task (9,000 tasks: 173 MB; 98,000 tasks: 1 GB). The longest real lists hold hundreds.
MAX_TASKS = 20_000

SPLIT = "split it into its documents or save the text as .txt"


def _mib(n: int) -> str:
    return f"{n / MIB:,.0f} MB" if n >= MIB else f"{n / 1024:,.0f} KB"


# --- zip -------------------------------------------------------------------------------------------

def _zip_entry_count(data: bytes) -> int | None:
    """Entries the end-of-central-directory record declares (zip64 too); None if there is none."""
    tail_start = max(0, len(data) - 22 - 65535)
    at = data.rfind(b"PK\x05\x06", tail_start)
    if at < 0 or at + 22 > len(data):
        return None
    (entries,) = struct.unpack_from("<H", data, at + 10)
    if entries == 0xFFFF and at >= 20 and data[at - 20:at - 16] == b"PK\x06\x07":
        (record,) = struct.unpack_from("<Q", data, at - 20 + 8)
        if data[record:record + 4] == b"PK\x06\x06" and record + 40 <= len(data):
            (entries,) = struct.unpack_from("<Q", data, record + 32)
    return entries


def check_zip(data: bytes) -> str | None:
    """Declared sizes of a zip container, read from its central directory before any inflation."""
    entries = _zip_entry_count(data)
    if entries is not None and entries > MAX_ZIP_ENTRIES:
        return (f"zip container of {entries:,} parts, more than the {MAX_ZIP_ENTRIES:,} a document has "
                f"(limit MAX_ZIP_ENTRIES); not a document: {SPLIT}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None  # damaged: reading it says so
    total = 0
    for info in infos:
        total += info.file_size
        xml = info.filename.lower().endswith((".xml", ".rels"))
        if xml and info.file_size > MAX_ZIP_PART_BYTES:
            return (f"{info.filename} unpacks to {_mib(info.file_size)}, more than the "
                    f"{_mib(MAX_ZIP_PART_BYTES)} limit for one part (MAX_ZIP_PART_BYTES): "
                    f"a zip bomb or a dump; if the document is genuine, {SPLIT}")
        if info.file_size > ZIP_RATIO_FLOOR and info.file_size > MAX_ZIP_RATIO * max(1, info.compress_size):
            ratio = info.file_size / max(1, info.compress_size)
            return (f"{info.filename} unpacks {ratio:,.0f} times its packed size ({_mib(info.compress_size)} "
                    f"to {_mib(info.file_size)}), more than the {MAX_ZIP_RATIO}× limit (MAX_ZIP_RATIO): "
                    f"a zip bomb; if the document is genuine, {SPLIT}")
    if total > MAX_ZIP_TOTAL_BYTES:
        return (f"zip container unpacks to {_mib(total)}, more than the {_mib(MAX_ZIP_TOTAL_BYTES)} limit "
                f"(MAX_ZIP_TOTAL_BYTES); if the document is genuine, {SPLIT}")
    return _sizes_hold(data, infos)


WORD_CELL = re.compile(rb"<w:tc[\s>/]")


def _sizes_hold(data: bytes, infos) -> str | None:
    """Each part inflates to no more than its declared size, and the document's tables hold no
    more than MAX_DOCX_CELLS cells. zipfile stops a part at its declared size, but only after
    inflating, in one piece, all that its compressed data holds when the part is read whole (as
    python-docx does): a part that lies about its size would take all the memory its compressed
    data unpacks to. Read here a chunk at a time, it costs at most the declared sizes (checked
    above) of inflation and one chunk of memory."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in infos:
            cells = 0
            count = info.filename == "word/document.xml"
            try:
                with z.open(info) as part:
                    tail = b""
                    while chunk := part.read(MIB):
                        if count:  # Word table cells, counted as they pass (a match spans no more
                            cells += len(WORD_CELL.findall(tail + chunk))  # than the tail it keeps)
                            tail = chunk[-5:]
                            if cells > MAX_DOCX_CELLS:
                                return (f"{info.filename} holds more than {MAX_DOCX_CELLS:,} table cells "
                                        f"(limit MAX_DOCX_CELLS): a data dump, not a document; {SPLIT}")
            except zipfile.BadZipFile as exc:
                return (f"{info.filename} does not unpack to its declared {info.file_size:,} bytes ({exc}): "
                        "a zip bomb that lies about its sizes, or a damaged file; save it again from Word")
            except (OSError, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error):
                return None  # damaged, encrypted or of an unknown compression: reading it says so
    return None


# --- html ------------------------------------------------------------------------------------------

TAG_START = re.compile(r"<(?:(!--)|(/?)([a-zA-Z][a-zA-Z0-9:-]*))")
VOID = frozenset("area base basefont bgsound br col command embed frame hr image img input isindex keygen "
                 "link meta param source spacer track wbr".split())
# end tags a page may leave out (the parser closes them itself): they add no depth here
OPTIONAL_END = frozenset("html head body p li dt dd tr td th thead tbody tfoot option optgroup colgroup "
                         "caption rt rp".split())
RAW_TEXT = {name: re.compile(rf"</{name}\b", re.I) for name in ("script", "style", "textarea", "title", "xmp")}


def html_shape(text: str, stop_depth: int | None = None, stop_cells: int | None = None) -> tuple[int, int]:
    """(deepest nesting, table cells) of a page, from one linear scan of its tags (no tree).
    Scanning stops early once a `stop_` value is passed."""
    stack: list[str] = []
    open_count: dict[str, int] = {}
    depth = cells = pos = 0
    find, search = text.find, TAG_START.search
    while (m := search(text, pos)) is not None:
        if m.group(1):  # a comment
            end = find("-->", m.end())
            if end < 0:
                break
            pos = end + 3
            continue
        gt = find(">", m.end())
        if gt < 0:
            break
        pos = gt + 1
        name = m.group(3).lower()
        if m.group(2):  # an end tag: close it and whatever was left open inside it
            if open_count.get(name):
                while True:
                    top = stack.pop()
                    open_count[top] -= 1
                    if top == name:
                        break
            continue
        if name in ("td", "th"):
            cells += 1
            if stop_cells is not None and cells > stop_cells:
                break
        if name in RAW_TEXT:
            end = RAW_TEXT[name].search(text, pos)
            if end is None:
                break
            pos = end.start()
            continue
        if name in VOID or name in OPTIONAL_END or text[gt - 1] == "/":
            continue
        stack.append(name)
        open_count[name] = open_count.get(name, 0) + 1
        if len(stack) > depth:
            depth = len(stack)
            if stop_depth is not None and depth > stop_depth:
                break
    return depth, cells


def check_html(text: str) -> str | None:
    """Nesting depth and table cells of a page, from a scan of its tags before it is parsed."""
    depth, cells = html_shape(text, MAX_HTML_DEPTH, MAX_HTML_CELLS)
    if depth > MAX_HTML_DEPTH:
        return (f"html elements nested more than {MAX_HTML_DEPTH} deep (limit MAX_HTML_DEPTH; real pages "
                f"nest some 10 to 60): a broken or hostile page; save the article's text as .txt")
    if cells > MAX_HTML_CELLS:
        return (f"html tables with more than {MAX_HTML_CELLS:,} cells (limit MAX_HTML_CELLS): a data dump, "
                f"not a document; {SPLIT}")
    return None


# --- pdf -------------------------------------------------------------------------------------------

def pdf_pages(data: bytes, stop: int | None = None) -> int | None:
    """Pages in the page tree (walked, not read; counting stops past `stop`); None if unreadable."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        pages = PDFPage.create_pages(document)
        return sum(1 for _ in (itertools.islice(pages, stop + 1) if stop is not None else pages))
    except Exception:  # damaged or encrypted: reading it says so
        return None


def check_pdf(data: bytes) -> str | None:
    """The page count of a pdf, before any page is read."""
    pages = pdf_pages(data, MAX_PDF_PAGES)
    if pages is not None and pages > MAX_PDF_PAGES:
        return (f"pdf of more than {MAX_PDF_PAGES:,} pages (limit MAX_PDF_PAGES): a compilation, not a "
                f"document; split it into its documents (e.g. qpdf --split-pages)")
    return None


# --- records ---------------------------------------------------------------------------------------

def check_tasks(documents) -> str | None:
    """The tasks and sub-items a file gives, counted after parsing and before anything is written."""
    def count(tasks) -> int:
        total, stack = 0, list(tasks)
        while stack:
            task = stack.pop()
            total += 1
            stack.extend(task.subtasks)
        return total

    tasks = sum(count(doc.tasks) for doc in documents)
    if tasks > MAX_TASKS:
        return (f"{tasks:,} tasks, more than the {MAX_TASKS:,} one file may give (limit MAX_TASKS; the longest "
                f"real task lists hold hundreds): {SPLIT}")
    return None
