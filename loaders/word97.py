"""Word 97–2003 (.doc) and WPS (.wps) files → text.

Both are OLE compound files (read with olefile) whose `WordDocument` stream holds the text in
pieces that the piece table lists ([MS-DOC] 2.8.35 Clx, 2.9.177 PlcPcd): each piece is either
8-bit (cp1252, for Latin text) or UTF-16 (any text with Chinese). The main document is the first
`ccpText` characters; footnotes, headers and text boxes follow and are left out. Word's marks
become what the other readers give: a paragraph mark a line, a table cell a tab, a row a line;
of a field (a page number, a hyperlink) only its shown result is kept.
"""
from __future__ import annotations

import io
import re
import struct

import olefile

ENCRYPTED = 0x0100  # FibBase.fEncrypted
WHICH_TABLE = 0x0200  # FibBase.fWhichTblStm: the piece table is in 1Table, else 0Table
CCP_TEXT = 0x4C  # FibRgLw97.ccpText: characters of the main document
FC_CLX = 0x01A2  # FibRgFcLcb97.fcClx / lcbClx: where the piece table is, in the table stream
COMPRESSED = 0x40000000  # FcCompressed.fCompressed: an 8-bit piece


class DocError(ValueError):
    """A .doc whose text cannot be read (encrypted, or no Word document inside)."""


def _pieces(word: bytes, clx: bytes):
    """(characters, text) of each piece, in document order."""
    i = 0
    while i < len(clx) and clx[i] == 0x01:  # Prc: formatting of pieces, not text
        i += 3 + struct.unpack_from("<H", clx, i + 1)[0]
    if i >= len(clx) or clx[i] != 0x02:
        raise DocError("no piece table")
    size = struct.unpack_from("<I", clx, i + 1)[0]
    plc = clx[i + 5:i + 5 + size]
    n = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}I", plc)
    for k in range(n):
        fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * k + 2)[0]
        count = cps[k + 1] - cps[k]
        if fc & COMPRESSED:
            start = (fc & ~COMPRESSED) // 2
            yield count, word[start:start + count].decode("cp1252", "replace")
        else:
            yield count, word[fc:fc + 2 * count].decode("utf-16-le", "replace")


FIELD = re.compile(r"\x13[^\x13\x14\x15]*(?:\x14([^\x13\x14\x15]*))?\x15")  # code, then shown result


def _plain(text: str) -> str:
    """Word's marks → lines and tabs."""
    while "\x13" in text and FIELD.search(text):  # fields nest: innermost first
        text = FIELD.sub(lambda m: m.group(1) or "", text)
    text = text.replace("\x07\r\x07", "\n").replace("\x07\x07", "\n")  # a table row ends
    text = text.replace("\x07", "\t").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    return re.sub(r"[\x00-\x08\x0e-\x1f]", "", text)


def doc_to_text(data: bytes) -> str:
    """The main document's text of a Word 97–2003 or WPS file."""
    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        if not ole.exists("WordDocument"):
            raise DocError("an OLE file with no Word document in it")
        word = ole.openstream("WordDocument").read()
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if flags & ENCRYPTED:
            raise DocError("the document is encrypted")
        table_name = "1Table" if flags & WHICH_TABLE else "0Table"
        if not ole.exists(table_name):
            raise DocError(f"its {table_name} stream is missing")
        table = ole.openstream(table_name).read()
    main = struct.unpack_from("<I", word, CCP_TEXT)[0]
    fc, size = struct.unpack_from("<II", word, FC_CLX)
    out, seen = [], 0
    for count, text in _pieces(word, table[fc:fc + size]):
        out.append(text[:max(0, main - seen)])
        seen += count
        if seen >= main:
            break
    return _plain("".join(out))
