"""发文字号: find them in any bracket and spacing style and write them the GB/T 9704 way.

    吉医改发 [2021] 1号 → 吉医改发〔2021〕1号

Shared by the loaders (reading numbers in text) and by every command that takes a number (views,
queries): it imports nothing of policykg. The words that can stand before a 代字 in running text
are data (policykg/data/number_leading_words.tsv).
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

OPEN, CLOSE = "〔[［(（【„", "〕]］)）】‟"  # „2009‟: the brackets a Word conversion left (国办发„2009‟3号)
# The 代字 is a run of Chinese characters right before the bracketed year. The run is possessive
# ({1,16}+): giving a character back cannot help, as no bracket or space is a Chinese character, and
# not trying to makes a search of a long text about five times faster.
NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,16}+)\s*[" + re.escape(OPEN) + r"]\s*((?:19|20)\d{2})\s*[" + re.escape(CLOSE)
    + r"]\s*第?\s*0*([1-9]\d{0,4})\s*号"
)


@lru_cache(maxsize=None)
def leading_words() -> tuple[str, ...]:
    """Words that can stand right before a 代字 in running text (根据鲁政发… / 贯彻国办发…), in the
    order they are tried."""
    text = resources.files("policykg").joinpath("data", "number_leading_words.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader([x for x in text.splitlines() if x and not x.startswith("#")], delimiter="\t",
                          quoting=csv.QUOTE_NONE)
    return tuple(r["word"] for r in rows)


def canonical(code: str, year: str | int, seq: str | int) -> str:
    return f"{code}〔{int(year)}〕{int(seq)}号"


# A bracketed year: every 发文字号 holds one. Most texts have none, and looking for it first
# spares NUMBER's backtracking over every run of Chinese characters.
BRACKETED_YEAR = re.compile(r"[" + re.escape(OPEN) + r"]\s*(?:19|20)\d{2}\s*[" + re.escape(CLOSE) + r"]")


def find_numbers(text: str):
    """Yield (start, end, code-run, year, seq) for every 发文字号 in the text."""
    if not BRACKETED_YEAR.search(text):
        return
    for m in NUMBER.finditer(text):
        yield m.start(1), m.end(), m.group(1), m.group(2), m.group(3)


def strip_leading_words(run: str) -> str:
    """Cut words of running text from the front of a 代字 run (贯彻鲁政发 → 鲁政发)."""
    changed = True
    while changed and len(run) > 1:
        changed = False
        for w in leading_words():
            if run.startswith(w) and len(run) > len(w):
                run = run[len(w):]
                changed = True
                break
    return run


# An order (令) or an announcement (公告) prints no bracketed year: it is known by its issuer and
# order number, kept as printed but for spaces (国务院令第350号, 国土资源部第39号令,
# 财政部 税务总局公告2023年第28号 → 财政部税务总局公告2023年第28号).
ORDER = (r"令\s*(?:[" + re.escape(OPEN) + r"]\s*\d{4}\s*[" + re.escape(CLOSE) + r"]\s*年?)?\s*第\s*\d{1,4}\s*号"
         r"|第\s*\d{1,4}\s*号令"
         r"|公告\s*(?:\d{4}\s*年|〔[^〕]{1,8}〕)?\s*第\s*\d{1,4}\s*号")
ORDER_NUMBER = re.compile(r"([\u4e00-\u9fff][\u4e00-\u9fff\s]{1,40}?)\s*(" + ORDER + ")")


def order_number(issuer: str, order: str) -> str:
    """国务院令 第350号 → 国务院令第350号; the State Council's orders under its short name."""
    return re.sub(r"^中华人民共和国(?=国务院)", "", re.sub(r"\s+", "", issuer + order))


def canonicalize(number: str) -> str:
    """Canonical form of one 发文字号 (or order number) written in any style; "" when it is not one."""
    m = NUMBER.search(number)
    if m:
        return canonical(strip_leading_words(m.group(1)), m.group(2), m.group(3))
    m = ORDER_NUMBER.fullmatch(number.strip())
    return order_number(m.group(1), m.group(2)) if m else ""
