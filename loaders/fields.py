"""A task's fields, read the same way from a provision (tasks.py) and from a 台账 row (ledger.py):
its title, the date its time limit ends, and one role per body.
"""
from __future__ import annotations

import re

from policykg.records import TaskRecord

from .deadlines import read as read_deadline
from .responsibility import find_clauses


def headline(text: str) -> str:
    """The task's title: its text up to the first 。 (or an early ：, or up to its clause); after the
    clause when the text opens with it (由区公安局牵头组织，立即开展…专项整治)."""
    if text.startswith("由"):
        clauses = find_clauses(text)
        if clauses and clauses[0].span[0] == 0:
            rest = re.sub(r"^[^，,。；;]{0,6}[，,]\s*", "", text[clauses[0].span[1]:])
            if rest.strip():
                return headline(rest)
    cut = text.find("。")
    colon = min((i for i in (text.find("："), text.find(":")) if i >= 0), default=-1)
    if 0 < colon <= 25 and (cut < 0 or colon < cut):
        cut = colon
    if cut < 0 or "（" in text[:cut] or "(" in text[:cut]:  # …违规装载的（牵头单位：…）。: up to its clause
        clauses = [c for c in find_clauses(text[:cut] if cut >= 0 else text) if c.span[0] > 0]
        cut = clauses[0].span[0] if clauses else (cut if cut >= 0 else len(text))
    return text[:cut].strip(" \n\t：:，,；;")


def due_date(deadline: str) -> str:
    """完成时限 as written → YYYY-MM-DD when it names a day (2018年底前 → 2018-12-31); the deadlines
    stage (deadlines.py) reads it again in the document's year."""
    return read_deadline(deadline)[0]


def dedupe_roles(task: TaskRecord) -> None:
    """A body named twice keeps its strongest role only."""
    seen: set[str] = set()
    leads = []
    for a in task.leads:
        if a.name not in seen:
            seen.add(a.name)
            leads.append(a)
    coops = []
    for a in task.cooperates:
        if a.name not in seen:
            seen.add(a.name)
            coops.append(a)
    task.leads, task.cooperates = leads, coops
