"""A Markdown extract's YAML front matter → the page labels the header reads.

Tools that save pages as Markdown put the page's metadata in a front matter between two `---`
lines. Chinese keys (标题: …, 文号: …) read as a page's information box already and are left as
they are. English keys (title, official_number, issuer, date) are written as the labels they stand
for (data/record_fields.tsv, the table JSON records use), a list's items joined with 、; the other
English keys (ids, aliases, provenance, codes) are the tool's own and no part of the page, but for
one whose whole value is a 发文字号 (a blog post's subtitle), which is the page's number.
"""
from __future__ import annotations

import re

import yaml

from policykg.numbers import NUMBER

from .json_pages import field_key, fields

WEB_ADDRESS = re.compile(r"^\s*https?://")
KEY_TAB = re.compile(r"^([A-Za-z_][\w-]*:)[ \t]*\t[ \t]*", re.M)
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?\r?\n)---[ \t]*(?:\r?\n|\Z)", re.S)


def as_labels(text: str) -> str:
    """`text` with an English-keyed front matter turned into labelled lines (标题: …); any other
    text (no front matter, Chinese keys only, or one YAML cannot read) unchanged."""
    m = FRONT_MATTER.match(text)
    if not m:
        return text
    try:  # a tab after a key (title: \t"…", as Jekyll posts have it) is YAML 1.2's separator, not PyYAML's
        data = yaml.safe_load(KEY_TAB.sub(r"\1 ", m.group(1)))
    except yaml.YAMLError:
        return text
    if not isinstance(data, dict) or all(not str(key).isascii() for key in data):
        return text
    label_of = dict(fields())
    lines = []
    for key, value in data.items():
        key = str(key)
        label = label_of.get(field_key(key), key if not key.isascii() else None)
        if value is None or isinstance(value, dict):
            continue
        value = "、".join(map(str, value)) if isinstance(value, list) else str(value)
        if WEB_ADDRESS.match(value):
            label = "原文链接"  # source: "https://…": the page's address, whatever the key (not its publisher)
        elif label is None and NUMBER.fullmatch(value.strip().strip("（）()")):
            label = "文号"  # subtitle: "（苏政办发〔2021〕61号）": a field of another name that holds the 发文字号
        if label is None or label == "正文":
            continue
        lines.append(f"{label}: {value.strip()}")
    return "\n".join(lines) + "\n" + text[m.end():]
