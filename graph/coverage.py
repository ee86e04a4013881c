"""Counts kept with the graph: how many documents, regions and tasks carry out each directive
(cypher.COVERAGE_*; read by the `directive-coverage` saved query), and how many tasks each
agency leads or cooperates on (cypher.AGENCY_TASKS_*; `agencies-one-alias`). A task's due day
(cypher.TASK_DUE_DAY_MISSING) is written with it; `refresh` gives it to the tasks of a store
written before it was kept.

Every write marks the directives above what it changes stale (and adjusts the task counts of the
agencies of what it replaces) and, by default, counts the stale ones again
in its own transaction. A build writes its documents without counting (a national directive
above 10,000 documents would be counted again for each of them) and counts every stale
directive once at its end, a chunk of directives a statement; a build that was interrupted
leaves its directives marked, and the next build or `remove` counts them.
"""
from __future__ import annotations

from . import cypher

CHUNK = 50  # directives counted a statement


def stale(store) -> list[str]:
    return [row["id"] for row in store.query(cypher.COVERAGE_STALE)]


AGENCY_CHUNK = 2000  # agencies counted a statement


def refresh(store) -> int:
    """Count the coverage of every stale directive and the tasks of every agency not counted yet
    again; returns how many directives were stale."""
    ids = stale(store)
    for k in range(0, len(ids), CHUNK):
        store.query(cypher.COVERAGE_REFRESH, {"ids": ids[k:k + CHUNK]}, read_only=False)
    store.query(cypher.TASK_DUE_DAY_MISSING, read_only=False)  # a store written before due days were kept
    agencies = [row["id"] for row in store.query(cypher.AGENCY_TASKS_UNCOUNTED)]
    for k in range(0, len(agencies), AGENCY_CHUNK):
        store.query(cypher.AGENCY_TASKS_COUNT, {"ids": agencies[k:k + AGENCY_CHUNK]}, read_only=False)
    return len(ids)
