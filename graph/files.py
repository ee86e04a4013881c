"""The files a store was built from: which ones, which are gone, and forgetting what they gave."""
from __future__ import annotations

import os

from .model import GraphBatch

LOADED_FILES = ("MATCH (d:Document) WHERE d.loaded_from IS NOT NULL "
                "UNWIND d.loaded_from AS file RETURN DISTINCT file ORDER BY file")


def loaded_files(store) -> list[str]:
    return [row["file"] for row in store.query(LOADED_FILES)]


def under(stored: str, target: str) -> bool:
    """Is a stored source path the target file, or inside the target folder? Paths are compared
    as written at build time and as absolute paths from here."""
    if stored == target:
        return True
    a, t = os.path.abspath(stored), os.path.abspath(target)
    return a == t or a.startswith(t.rstrip(os.sep) + os.sep)


# The documents a set of files loaded, with every file that prints each and the files their
# tasks were read from.
PRINTED_IN = ("MATCH (d:Document) WHERE any(f IN d.loaded_from WHERE f IN $files) "
              "OPTIONAL MATCH (t:Task)-[:PART_OF]->(d) "
              "RETURN d.loaded_from AS files, collect(DISTINCT t.source[0]) AS read_from")


def still_printing(store, files) -> list[str]:
    """The other files that print a document whose tasks were read from one of `files`: once
    those are forgotten, the document is what these files print (they are read again)."""
    gone, left = set(files), set()
    for row in store.query(PRINTED_IN, {"files": sorted(gone)}):
        if not row["read_from"] or gone & set(row["read_from"]):
            left.update(f for f in row["files"] if f not in gone)
    return sorted(f for f in left if os.path.exists(f))


def forget_files(store, files) -> list[str]:
    """Forget what `files` gave; returns the files that still print a document whose tasks went
    with them, for the caller to read again."""
    again = still_printing(store, files) if files else []
    for f in files:
        store.write(GraphBatch("", forget=[f]))
    return again


def missing_under(store, folders) -> list[str]:
    """Files once loaded from these folders that are no longer there."""
    return [f for f in loaded_files(store)
            if any(under(f, str(d)) for d in folders) and not os.path.exists(f)]
