"""File → text. The format is read from the bytes, not guessed from the name alone.

txt: encoding detected (BOM, UTF-8, GB18030, UTF-16) with charset-normalizer, a Markdown extract's
front matter in English keys written as a page's labels (front_matter.py); html: lxml's parse
events turned into text in one pass (html_text.py) with navigation, scripts and form controls dropped;
docx: python-docx paragraphs and table rows (cells joined by tabs, as PDF converters do); pdf:
pdfplumber's text layer, its lines found by the glyphs' baselines; json: crawled pages kept as
records, a page text each (json_pages.py). Limits (limits.py) are checked
before a file is parsed.
"""
from __future__ import annotations

import io
import re
import zipfile
from operator import itemgetter
from pathlib import Path

from charset_normalizer import from_bytes

from . import limits
from .excel import OLE_ADVICE, sniff_office, xls_to_text, xlsx_to_text, zip_part_names
from .word97 import doc_to_text
from .html_text import html_to_text
from .front_matter import as_labels
from .json_pages import records_to_text

MAX_BYTES = 200 * 1024 * 1024
# The longest policy documents (national five-year plan outlines) hold about 150,000 characters;
# a text 30 times longer is a dump or several documents run together, which would fill the store
# with one giant record. Refuse it with a clear message instead (see notes on bad input).
MAX_TEXT_CHARS = 5_000_000
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS  # a txt/html file beyond this holds more characters for sure


class LoaderError(Exception):
    """A file that cannot be read: the message names the file and the problem."""

    def __init__(self, path, problem: str):
        self.path, self.problem = str(path), problem
        super().__init__(f"{path}: {problem}")


def sniff_format(data: bytes, name: str = "") -> str:
    head = data[:2048].lstrip().lower()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if "word/document.xml" in zip_part_names(data) else "zip"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<div" in head:
        return "html"
    if name.lower().endswith((".html", ".htm")) and b"<" in head:
        return "html"
    if head.startswith((b"{", b"[")) and name.lower().endswith(".json"):
        return "json"
    if len(re.findall(rb"</p>|<br\s*/?>|</div>|</td>", head)) >= 3:  # a crawl that kept the page's markup
        return "html"
    return "txt"


def decode_text(data: bytes, path="", notes: list | None = None) -> str:
    """Decode bytes of unknown encoding; UTF-8 first, then what charset-normalizer finds.
    What a reader should know (a file cut inside a character) is appended to `notes`."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if utf8_error.reason == "unexpected end of data" and utf8_error.start >= len(data) - 3:
        # a download or copy cut short inside the last character: keep the text before it
        if notes is not None:
            notes.append("the file ends inside a UTF-8 character (cut short?); "
                         f"its last {len(data) - utf8_error.start} byte(s) were dropped")
        return data[:utf8_error.start].decode("utf-8")
    for enc in ("utf-16-le", "utf-16-be"):  # UTF-16 without a byte-order mark
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_like_utf16_text(text):
            return text
    sample = data[:20000]
    if sum(1 for b in sample if b < 9 or 13 < b < 27 or 27 < b < 32) > len(sample) // 20:
        raise LoaderError(path, "binary data, not a text document")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise LoaderError(path, f"not text in any known encoding (UTF-8 failed at byte {utf8_error.start})")
    return str(best)


def _cjk_share(text: str) -> float:
    sample = text[:4000]
    return sum(1 for c in sample if "\u4e00" <= c <= "\u9fff") / max(1, len(sample))


def _looks_like_utf16_text(text: str) -> bool:
    """Chinese text, not bytes of another encoding read two at a time: those fall on Hangul,
    private-use and rare code points as often as on common Chinese characters and punctuation."""
    sample = text[:4000]
    plain = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f"
                or "\uff00" <= c <= "\uffef" or c.isascii() and (c.isprintable() or c in "\t\r\n"))
    return _cjk_share(sample) > 0.2 and plain >= 0.97 * len(sample)


# _rels/.rels names the package's main part (word/document.xml in files Word writes)
MAIN_PART = re.compile(rb'<Relationship\b(?=[^>]*?Type="[^"]*/officeDocument")[^>]*?Target="([^"]+)"')


def docx_to_text(data: bytes) -> str:
    """The paragraphs and table rows of a .docx's main part, in order. Only that part is parsed:
    python-docx's Document() parses every part (styles, numbering, settings…), about two thirds
    of the time on the bench corpus's .docx files, for nothing this reads."""
    from docx.oxml import parse_xml
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        main = MAIN_PART.search(package.read("_rels/.rels"))
        if not main:
            raise ValueError("the package names no main document part")
        document = parse_xml(package.read(main.group(1).decode().lstrip("/")))
    if document.tag.rsplit("}", 1)[-1] != "document" or document.body is None:
        raise ValueError(f"its main part is a {document.tag.rsplit('}', 1)[-1]}, not a Word document")
    lines = []
    for block in document.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, None).text)
        elif tag == "tbl":
            for row in Table(block, None).rows:
                cells = []  # a cell merged across columns is listed once a column: keep it once
                for cell in row.cells:
                    if not cells or cell._tc is not cells[-1]._tc:
                        cells.append(cell)
                lines.append("\t".join(cell.text.replace("\n", " ") for cell in cells))
    return "\n".join(lines)


def pdf_to_text(data: bytes, path="") -> str:
    import pdfplumber
    from pdfplumber.utils import extract_text

    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            pages.append(extract_text(on_baselines(page.chars)) or "")
            page.close()  # drop the page's parsed objects: memory stays flat however many pages
    text = "\n".join(pages)
    if not text.strip():
        raise LoaderError(path, "PDF has no text layer (scanned image?); run OCR first")
    return text


def on_baselines(chars: list[dict]) -> list[dict]:
    """Chars placed on the lines their baselines make. pdfplumber groups a line by the tops of the
    glyph boxes, and some fonts draw boxes that do not sit on the line: the digits of
    东公积金委〔2020〕2号 (a font whose box hangs 15 pt low) and an OCR layer's commas (boxes sized to
    the ink) came out on lines of their own. A small glyph (a footnote mark, an OCR comma) joins
    the line whose box holds its middle, as it did before."""
    sizes = sorted(c["size"] for c in chars)
    small = 0.75 * sizes[len(sizes) // 2] if sizes else 0
    lines: dict[int, list] = {}  # baseline → [top, bottom] of the line's glyph boxes
    placed, later = [], []
    for c in sorted(chars, key=itemgetter("top")):
        m = c["matrix"]
        if not c["upright"] or m[1] or m[2]:
            placed.append(c)
        elif c["size"] < small:
            later.append(c)
        else:
            base = round(c["top"] + c["y1"] - m[5])  # the baseline, measured from the page's top
            key = next((k for k in (base, base - 1, base + 1) if k in lines), base)
            box = lines.setdefault(key, [c["top"], c["bottom"]])
            box[0], box[1] = min(box[0], c["top"]), max(box[1], c["bottom"])
            placed.append(dict(c, top=key, bottom=key + c["height"]))
    for c in later:
        middle = (c["top"] + c["bottom"]) / 2
        key = next((k for k, (top, bottom) in lines.items() if top <= middle <= bottom), None)
        placed.append(c if key is None else dict(c, top=key, bottom=key + c["height"]))
    return placed


def _too_long(path, what: str) -> LoaderError:
    return LoaderError(path, f"{what}, more than the {MAX_TEXT_CHARS:,} characters a policy "
                             "document can hold (the longest national plans have about 150,000); "
                             "split it into its documents")


def read_text(path, notes: list | None = None) -> tuple[str, str]:
    """Return (text, format) of a file, or raise LoaderError naming the file and the problem.
    What a reader should know about a file that could be read is appended to `notes`."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LoaderError(path, f"file is {size // 2**20} MB, more than the {MAX_BYTES // 2**20} MB limit")
        data = path.read_bytes()
    except OSError as exc:
        raise LoaderError(path, f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise LoaderError(path, "file is empty")
    if data.startswith(b"PK") and (problem := limits.check_zip(data)):  # before any inflation
        raise LoaderError(path, problem)
    fmt = sniff_office(data) or sniff_format(data, path.name)
    if fmt in ("txt", "html", "json") and len(data) > MAX_TEXT_BYTES:
        raise _too_long(path, f"a {fmt} file of {len(data) / 2**20:.0f} MB")
    try:
        if fmt == "pdf":
            if problem := limits.check_pdf(data):
                raise LoaderError(path, problem)
            text = pdf_to_text(data, path)
        elif fmt == "docx":
            text = docx_to_text(data)
        elif fmt == "xlsx":
            text = xlsx_to_text(data)
        elif fmt == "xls":
            text = xls_to_text(data)
        elif fmt == "ole-doc":
            try:
                text = doc_to_text(data)
            except Exception as exc:  # encrypted, damaged, or an OLE file of another program
                raise LoaderError(path, f"is a Word 97-2003 or WPS file that cannot be read ({exc}); "
                                        + OLE_ADVICE) from None
        elif fmt == "zip":
            raise LoaderError(path, "a zip archive that is not a .docx document")
        elif fmt == "json":  # crawled pages kept as records: a text each (json_pages.py)
            text = records_to_text(decode_text(data, path, notes))
            if text is None:
                raise LoaderError(path, "a JSON file that holds no page texts (no content or text field)")
        elif fmt == "html":
            text = decode_text(data, path, notes)
            if problem := limits.check_html(text):
                raise LoaderError(path, problem)
            text = html_to_text(text)
    except LoaderError:
        raise
    except Exception as exc:  # a library's own error on a damaged file
        raise LoaderError(path, f"damaged {fmt} file ({type(exc).__name__}: {exc})") from None
    if fmt == "txt":
        text = decode_text(data, path, notes)
        control = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\t\n\r\f")
        if control > len(text[:20000]) // 20:
            raise LoaderError(path, "binary data, not a text document")
        text = as_labels(text)  # a Markdown extract's front matter in English keys (front_matter.py)
    if len(text) > MAX_TEXT_CHARS:
        raise _too_long(path, f"its text has {len(text):,} characters")
    return text, fmt
