"""Which numbered items of a document are tasks: work, or the rules of a procedure.

Most documents that number their items assign work: 加强…, 推进…, often with the bodies that
lead it. Some number rules instead, as a 细则 or a subsidy scheme does (一、适用原则 （一）申请
（二）补贴额度 …): their items state conditions, amounts and steps, and only those that name a
responsible body or open with an action (action_words.tsv) are work. A document is read as rules
when fewer than RULES_SHARE of its top-level items are work and it has at least MIN_ITEMS of them;
its other items are then no tasks. A short notice of a few points (a 限购 or 公积金 notice of six
conditions) is a policy list whose points are its measures, and keeps them. Measured on the
blind-annotated real documents of tests/real: work plans have at least 0.4 of their items work,
and mostly all; the long procedure documents (13 to 51 items) 0.04–0.29; the short policy notices
annotated with their points as tasks have 6 to 11 items.
"""
from __future__ import annotations

from policykg.records import TaskRecord

from .clean import squash
from .vocabulary import ACTION_WORDS

MIN_ITEMS = 12
RULES_SHARE = 0.3


def is_work(task: TaskRecord) -> bool:
    return bool(task.leads) or squash(task.title).startswith(ACTION_WORDS)


def work_items(tasks: list[TaskRecord], numbers: str = "") -> tuple[list[TaskRecord], list[TaskRecord]]:
    """(the tasks, the items read as rules). `numbers` is what the title says the document
    numbers (titles.what_it_numbers): measures (…若干措施), however few of them name a body, or
    rules (…实施细则), however few its items."""
    if numbers == "measures" or numbers != "rules" and len(tasks) < MIN_ITEMS:
        return tasks, []
    work = [t for t in tasks if is_work(t)]
    if numbers != "rules" and len(work) >= RULES_SHARE * len(tasks):
        return tasks, []
    return work, [t for t in tasks if not is_work(t)]
