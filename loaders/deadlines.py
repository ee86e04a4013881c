"""Deadlines stage: a task's time limit as printed (`deadline`) and the date it ends (`due`).

A limit stated for the task (a 完成时限 label, a clause's `；2023年底前完成`, a table's column: read
by tasks.py and ledger.py) is taken as printed; a task that states none is read in its own sentences
(`严厉打击…，2017年底前完成重点品种抽检全覆盖。`). The forms are data (loaders/data/deadline_forms.tsv):
`2020年底前`, `2020年6月底前`, `2020年12月31日前`, `2020年上半年`, `年内`, a year-less `6月底前`
(read in the year of the document's 成文日期), `每年6月底前` (yearly: due the first time on or after
the document's date, `recurs` = `yearly`), `长期坚持`/`持续推进` (no due date). A target year for an
outcome (`到2025年…达到…`) is not a deadline: no deadline is read inside it.

Tried first, as the design suggests: jionlp's `parse_time` reads the dates well, but installs 218 MB
(jionlp and jiojio), prints a banner on stdout at import, fails on 年内 and 长期坚持, and finds no
phrase in a sentence: the phrases must be found here anyway, and the date of a found phrase is a
few lines of calendar arithmetic.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .tables import read_tsv
from .vocabulary import cn_digits, cn_number

# Each placeholder opens with a lookahead for the characters it can start with: the regex engine
# then passes over the other characters of a text fast (a form searched in a task's text, which
# mostly holds no date, costs about half as much).
YEAR = r"(?=[0-9〇○零一二三四五六七八九])(?P<year>[0-9]{4}|[〇○零一二三四五六七八九]{4})"
MONTH = r"(?=[0-9一二三四五六七八九十])(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # a document's date as the records keep it
DAY = r"(?P<day>3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"


@dataclass(frozen=True)
class Form:
    kind: str  # due | yearly | standing | target
    where: str  # text | limit
    pattern: re.Pattern
    needs: tuple[str, ...]  # every match holds one of these words (most texts hold none)


@dataclass(frozen=True)
class Phrase:
    """One time limit found: as printed, its kind, and the date it ends ("" when none)."""

    printed: str
    kind: str
    due: str = ""


@lru_cache(maxsize=None)
def forms() -> tuple[Form, ...]:
    out = []
    for row in read_tsv("deadline_forms.tsv"):
        text = row["pattern"].replace("{Y}", YEAR).replace("{M}", MONTH).replace("{D}", DAY)
        out.append(Form(row["kind"], row["where"], re.compile(text), tuple(row["needs"].split("|"))))
    return tuple(out)


@lru_cache(maxsize=None)
def _needed_words() -> frozenset[str]:
    return frozenset(w for form in forms() for w in form.needs)


def _number(text: str | None) -> int | None:
    if not text:
        return None
    if len(text) == 4 and not text.isdigit():
        text = cn_digits(text)
    return int(text) if text.isdigit() else cn_number(text) or None


def _end_of(year: int, groups: dict) -> date | None:
    """The last day a phrase's groups name in `year` (the year's end when they name no part)."""
    month, day = _number(groups.get("month")), _number(groups.get("day"))
    try:
        if month and day:
            return date(year, month, day)
        if month:
            return date(year, month, calendar.monthrange(year, month)[1])
        if groups.get("half"):
            return date(year, 6, 30) if groups["half"] == "上" else date(year, 12, 31)
        if groups.get("quarter"):
            q = _number(groups["quarter"]) or 0
            return date(year, q * 3, calendar.monthrange(year, q * 3)[1]) if 1 <= q <= 4 else None
        return date(year, 12, 31)
    except ValueError:  # 2月30日: no such day
        return None


def _due(kind: str, groups: dict, base: str) -> str:
    """The date a phrase ends, read against the document's 成文日期 `base` (YYYY-MM-DD or "")."""
    if kind in ("standing", "target"):
        return ""
    try:
        base_day = date.fromisoformat(base) if ISO_DATE.fullmatch(base or "") else None
    except ValueError:  # no such day
        base_day = None
    year = _number(groups.get("year")) or (base_day.year if base_day else None)
    if not year or not 1900 <= year <= 2200:
        return ""
    end = _end_of(year, groups)
    if kind == "yearly" and end and base_day and end < base_day:
        end = _end_of(year + 1, groups)  # 每年3月底前 in a May document: first due next March
    return end.isoformat() if end else ""


def phrases(text: str, base: str = "", limit: bool = False) -> list[Phrase]:
    """The time limits written in `text`, in order; `limit` when the text is a stated limit (a
    clause's time part, a 完成时限 label or column), so that forms read only there count too."""
    if not text:
        return []
    found = []
    present = {w for w in _needed_words() if w in text}
    if not present:
        return []
    for order, form in enumerate(forms()):
        if form.where == "limit" and not limit or present.isdisjoint(form.needs):
            continue
        for m in form.pattern.finditer(text):
            if m.group().strip():
                found.append((m.start(), -(m.end() - m.start()), order, m, form))
    found.sort(key=lambda f: f[:3])
    out, taken = [], -1
    for start, _, _, m, form in found:
        if start < taken:
            continue  # inside a phrase already read (a target's year is no deadline)
        taken = m.end()
        groups = {k: v for k, v in m.groupdict().items() if v}
        out.append(Phrase(m.group().strip(), form.kind, _due(form.kind, groups, base)))
    return out


def stated_in_sentences(text: str, base: str = "") -> str:
    """A task's time limit read in its own sentences, as printed ("" when it states none): every
    deadline phrase, in order, joined with `；`; a standing limit only when no dated one is there.
    A printed date before the document's own is a cut-off, no time limit of the task
    (2000年前建成的小区, 2022年11月11日前已完成合同签订的，按原政策执行); a year-less one is read in
    the document's year whatever its month."""
    found = [p for p in phrases(text, base) if p.kind != "target"]
    day = base if ISO_DATE.fullmatch(base or "") else ""
    dated = [p.printed for p in found if p.kind in ("due", "yearly")
             and not (day and p.due and p.due < day and re.search(r"\d{4}|[〇○零一二三四五六七八九]{4}", p.printed))]
    chosen = dated or [p.printed for p in found if p.kind == "standing"][:1]
    return "；".join(dict.fromkeys(chosen))


def own_text(task) -> str:
    """A task's text without its sub-items' (each sub-item states its own time limit)."""
    if not task.subtasks:
        return task.text
    cut = min((i for i in (task.text.find(sub.text) for sub in task.subtasks if sub.text) if i > 0),
              default=len(task.text))
    return task.text[:cut]


@lru_cache(maxsize=4096)
def read(deadline: str, base: str = "") -> tuple[str, str]:
    """(due, recurs) of a time limit as printed: the latest date it names (the task is done when
    its last part is), `yearly` when it falls due every year; ("", "") when no date can be read
    (cached: a document's tasks share a few limits, 2023年底前)."""
    found = [p for p in phrases(deadline, base, limit=True) if p.kind in ("due", "yearly")]
    dues = [p.due for p in found if p.due]
    recurs = "yearly" if found and all(p.kind == "yearly" for p in found) else ""
    return (max(dues) if dues else ""), recurs


def date_tasks(tasks, base: str) -> None:
    """The stage: a task (or sub-item) that states no time limit in a clause, a label or a
    column is read in its own sentences; every time limit is then dated in the document's year
    (`due`, and `recurs` for a yearly one)."""
    for task in tasks:
        if not task.deadline:
            task.deadline = stated_in_sentences(own_text(task), base)
        task.due, task.recurs = read(task.deadline, base) if task.deadline else ("", "")
        date_tasks(task.subtasks, base)
