"""发文字号: find them in any bracket and spacing style and write them the GB/T 9704 way.

    吉医改发 [2021] 1号 → 吉医改发〔2021〕1号
"""
from __future__ import annotations

import re

OPEN, CLOSE = "〔[［(（【", "〕]］)）】"
# The 代字 is a run of Chinese characters right before the bracketed year.
NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,16})\s*[" + re.escape(OPEN) + r"]\s*((?:19|20)\d{2})\s*[" + re.escape(CLOSE)
    + r"]\s*第?\s*0*([1-9]\d{0,4})\s*号"
)
# Words that can stand right before a 代字 in running text (根据鲁政发… / 贯彻国办发…).
LEADING_WORDS = ("关于认真贯彻", "认真贯彻", "贯彻落实", "关于", "根据", "按照", "依据", "依照", "遵照", "贯彻",
                 "落实", "执行", "转发", "印发", "参照", "对照", "文件", "以及", "和", "及", "与", "即", "见", "的")


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
        for w in LEADING_WORDS:
            if run.startswith(w) and len(run) > len(w):
                run = run[len(w):]
                changed = True
                break
    return run


def canonicalize(number: str) -> str:
    """Canonical form of one 发文字号 written in any style; "" when it is not one."""
    m = NUMBER.search(number)
    if not m:
        return ""
    return canonical(strip_leading_words(m.group(1)), m.group(2), m.group(3))
