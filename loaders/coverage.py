"""Responsibility coverage: how many of the text's responsibility phrases the reader turned into roles.

On documents nobody annotated, this is what tells a user (and a developer) where the reader failed:
a phrase that assigns work (`（牵头单位：A；配合单位：B）`, `（A牵头，B配合）`, `责任单位：A`, a table's
牵头单位 column) that gave no LEADS or COOPERATES edge is listed by the build and by `policykg check`.

A phrase is a label (牵头单位： 责任单位： …) or a bracketed aside naming 牵头, 配合 or 负责, or a
table's lead column; mentions in running prose (各牵头部门要…, 积极配合) assign nothing and are
not counted. A phrase is read when a role's evidence holds it.
"""
from __future__ import annotations

import re

from .responsibility import find_clauses

# a bracketed aside, holding at most one level of brackets itself (（各县（市、区）人民政府负责）)
BRACKETED = re.compile(r"[（(［\[【〔](?:[^（）()［\]【】〔〕\n]|[（(][^（）()\n]{0,20}[）)]){1,240}[）)］\]】〕]")
LABELLED = re.compile(r"(?:牵头|责任|配合|协办|支撑)(?:单位|部门|处室)\s*[:：][^。\n]{1,120}")
OPENS_LABEL = "。；; \t"  # a label opens its line or a sentence
ASSIGNS = re.compile(r"牵头|配合|负责|责任单位|责任部门")
TABLE_LEAD = re.compile(r"^(?:[^\t]*\t)*\s*(?:牵头|责任|推进)(?:单位|部门)\s*(?:\t|$)")
ROLE_WORD = re.compile(r"牵头|配合|负责|责任|协办|支撑")  # a line without one holds no phrase
ASIDE_WORDS = re.compile(r"负责人|负责同志|负责解释|由.{0,6}负责解释|联系人|即为牵头")  # no role: 本办法由市住建局负责解释, 无牵头单位的，责任单位即为牵头单位


def phrases(lines: list[str]) -> list[str]:
    """The responsibility phrases of a document's text, each as printed (a table's header once)."""
    found = []
    for line in lines:
        if "\t" in line:
            if TABLE_LEAD.match(line):
                found.append(line.rstrip())  # (its tab kept: a one-cell row 	责任部门 is a table's too)
            continue
        if not ROLE_WORD.search(line):
            continue
        for m in BRACKETED.finditer(line):
            text = m.group(0)
            if ASSIGNS.search(text) and not ASIDE_WORDS.search(text):
                found.append(text)
        if "：" in line or ":" in line:
            found += [m.group(0).strip() for m in LABELLED.finditer(line)
                      if (m.start() == 0 or line[m.start() - 1] in OPENS_LABEL) and not ASIDE_WORDS.search(m.group(0))]
    return found


def unread(lines: list[str], tasks) -> tuple[int, list[str]]:
    """How many responsibility phrases the text holds, and those that gave no role: no lead's or
    cooperator's evidence holds them, nor a clause the reader parsed (a 台账 may have won over it)."""
    found = phrases(lines)
    if not found:
        return 0, []
    tasks = list(tasks)
    missed = _missed(found, {a.evidence for t in tasks for a in t.leads + t.cooperates})
    if missed:  # the clauses a 台账 won over were read all the same
        missed = _missed(missed, {c.evidence for t in tasks for c in find_clauses(t.text)})
    return len(found), missed


def _missed(found: list[str], evidence: set[str]) -> list[str]:
    """The phrases no evidence holds (a table's lead column is read when the document's tasks have
    roles at all: from its rows, or from the text whose clauses the table repeats)."""
    joined = "\x00".join(evidence)
    tables = bool(evidence)
    cores = [e.strip("（()）［］[]【】") for e in evidence if len(e) > 4]  # stripped once, not once a phrase
    missed = []
    for phrase in found:
        if "\t" in phrase:
            if not tables:
                missed.append(phrase.replace("\t", " | "))
            continue
        core = phrase.strip("（()）［］[]【】")
        if core in joined or any(e in core for e in cores):
            continue
        missed.append(phrase)
    return missed
