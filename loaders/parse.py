"""Temporary thin loader: replaced by the real extraction pipeline."""
from __future__ import annotations

import re
from pathlib import Path

from policykg.graph.model import DocumentRecord, FileResult

SUFFIXES = {".txt", ".html", ".htm", ".docx", ".pdf"}


def iter_files(paths):
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(x for x in p.rglob("*") if x.is_file() and x.suffix.lower() in SUFFIXES)
        else:
            yield p


def parse_text(text: str, source: str) -> FileResult:
    m = re.search(r"([\u4e00-\u9fa5]+)[〔\[［(（](\d{4})[〕\]］)）](\d+)号", text)
    doc = DocumentRecord(source=source, number=f"{m[1]}〔{m[2]}〕{m[3]}号" if m else "")
    return FileResult(source, [doc], [])


def parse_file(path) -> FileResult:
    path = Path(path)
    return parse_text(path.read_text(encoding="utf-8"), str(path))
