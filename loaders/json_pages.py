"""Crawled pages kept as JSON records → page texts.

A crawl or a RAG dataset often keeps each page as a JSON object: its text under a field such as
`content`, its title, date and publisher beside it or in a `metadata` object
(`{"Documents": [{"metadata": {"title": …, "publish_date": …}, "content": "…"}, …]}`). Each record
becomes the text a saved page would give: its labels (标题: …, 发布时间: …) above its 正文, so that
the header stage reads them as it reads a page's information box. The field names are data
(data/record_fields.tsv).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .tables import read_tsv

RECORD_SEPARATOR = "\x1e"  # between the records' texts: each is parsed as a file of its own
TEXT_MIN = 20  # a text field shorter than this is a label, not a page's text
DEPTH_MAX = 6  # how deep records are sought (a list of records inside an object or two)


SNIFF_BYTES = 1 << 20  # how much of a .json file is looked at to tell a file of pages


KEY_WITH_TEXT = re.compile(r'"([^"\\]{1,40})"\s*:\s*"')  # a key whose value is a string


def field_key(name) -> str:
    """A field name as the table lists it: crawlers spell one field fullText, full_text or FULL-TEXT."""
    return re.sub(r"[\s_-]", "", str(name)).lower()


@lru_cache(maxsize=1)
def fields() -> list[tuple[str, str]]:
    """(field key, the page label it stands for), in the order they are tried."""
    return [(field_key(r["field"]), r["label"]) for r in read_tsv("record_fields.tsv")]


@lru_cache(maxsize=1)
def _text_keys() -> frozenset[str]:
    return frozenset(key for key, label in fields() if label == "正文")


def holds_pages(path: Path) -> bool:
    """Does a .json file hold page texts ("content": "…"), or other data (a configuration, an
    annotation file beside the documents), which a folder's build leaves unread?"""
    with open(path, "rb") as f:
        head = f.read(SNIFF_BYTES).decode("utf-8", "ignore")
    return any(field_key(m.group(1)) in _text_keys() for m in KEY_WITH_TEXT.finditer(head))


def records_to_text(data: str) -> str | None:
    """The records' page texts joined by RECORD_SEPARATOR, or None when `data` is no JSON or holds
    no record."""
    try:
        value = json.loads(data)
    except ValueError:
        return None
    names = fields()
    pages = [_page(record, names) for record in _records(value, names, 0)]
    return RECORD_SEPARATOR.join(pages) if pages else None


def _keyed(record: dict) -> dict:
    """A record's fields under their keys (field_key), the first of two spellings kept."""
    keyed = {}
    for name, value in record.items():
        keyed.setdefault(field_key(name), value)
    return keyed


def _records(value, fields, depth: int):
    """The objects that hold a page's text (their fields keyed), in the file's order."""
    if depth > DEPTH_MAX:
        return
    if isinstance(value, dict):
        if _text_of(keyed := _keyed(value), fields):
            yield keyed
            return
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from _records(item, fields, depth + 1)


def _text_of(record: dict, fields) -> str:
    return next((record[f] for f, label in fields if label == "正文" and isinstance(record.get(f), str)
                 and len(record[f].strip()) >= TEXT_MIN), "")


def _page(record: dict, fields) -> str:
    """A record as a saved page: its labels, then its text."""
    meta = {**(_keyed(record["metadata"]) if isinstance(record.get("metadata"), dict) else {}), **record}
    lines = []
    for label in dict.fromkeys(label for _, label in fields if label != "正文"):
        value = next((meta[f] for f, lab in fields if lab == label and isinstance(meta.get(f), str)
                      and meta[f].strip()), "")
        if value:
            lines.append(f"{label}: {value.strip()}")
    return "\n".join(lines + ["==================== 正文 ====================", _text_of(record, fields)])
