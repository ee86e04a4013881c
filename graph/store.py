"""One interface over both stores: the embedded FalkorDB (default) and a Neo4j server.

    from policykg.graph.store import open_store
    with open_store("policykg-store") as store:     # or open_store(neo4j_uri="neo4j://host")
        store.write(batch)                           # one document, one transaction
        rows = store.query("MATCH (d:Document) RETURN d.number AS number")

Reads (`nodes`, `relationships`, `counts`) are the same Cypher on both engines, so they live
here; a concrete store only provides `query`, `write` and `close`.
"""
from __future__ import annotations

import os
from typing import Iterator

from . import cypher
from .model import GraphBatch, relationship_id

DEFAULT_STORE_DIR = "policykg-store"
PAGE = 20000


class StoreError(Exception):
    """A store cannot be opened or used; the message is meant for the user."""


class Store:
    """What every store offers. Rows are dicts of plain Python values."""

    kind = "store"

    def write(self, batch: GraphBatch) -> None:
        raise NotImplementedError

    def query(self, text: str, params: dict | None = None, read_only: bool = True) -> list[dict]:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def for_child(self) -> "Store":
        """A handle on this store for a forked child process, with a connection of its own
        (the parent's must not be shared); the parent keeps its own and outlives the child.
        A store that cannot raises NotImplementedError and is read by the parent alone."""
        raise NotImplementedError

    def compact(self) -> None:
        """Make the store quick to reopen (the embedded store rewrites its AOF)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # shared reads ------------------------------------------------------------------------
    def _pages(self, text: str, key, page: int | None = None) -> Iterator[dict]:
        """Rows of a statement paged by node id: `key(row)` is the id the next page starts after
        (`page` rows at a time, PAGE by default)."""
        page = page or PAGE
        after = ""
        while True:
            rows = self.query(text, {"after": after, "limit": page}, read_only=True)
            keys = {key(row) for row in rows}
            yield from rows
            if len(keys) < page:
                return
            after = max(keys)

    def nodes(self, page: int | None = None) -> Iterator[dict]:
        """Nodes in the APOC export layout, ordered by id (`page` of them read at a time)."""
        for row in self._pages(cypher.NODES_PAGE, lambda row: row["props"]["id"], page):
            props = row["props"]
            yield {"type": "node", "id": props["id"], "labels": sorted(row["labels"]),
                   "properties": props}

    def relationships(self, page: int | None = None, labels: bool = False) -> Iterator[dict]:
        """Relationships in the APOC export layout; the id is derived from (start, type, end).
        Grouped by start node, in id order (the outgoing edges of `page` nodes read at a time).
        With `labels`, `start` and `end` carry the nodes' labels too, as in APOC's own export."""
        text = cypher.RELATIONSHIPS_LABELLED_PAGE if labels else cypher.RELATIONSHIPS_PAGE
        for row in self._pages(text, lambda row: row["start"], page):
            if row["type"] is None:
                continue
            start, end = {"id": row["start"]}, {"id": row["end"]}
            if labels:
                start["labels"], end["labels"] = sorted(row["start_labels"]), sorted(row["end_labels"] or [])
            yield {"type": "relationship",
                   "id": relationship_id(row["start"], row["type"], row["end"]),
                   "label": row["type"], "start": start, "end": end,
                   "properties": row["props"] or {}}

    def documents_of_tasks(self, task_ids) -> dict[str, str]:
        """task id → id of the loaded document it belongs to (up its PART_OF chain)."""
        ids = sorted(set(task_ids))
        return {row["id"]: row["document"] for row in self.query(cypher.TASK_DOCUMENTS, {"ids": ids})} if ids else {}

    def counts(self) -> dict:
        labels = {label: 0 for label in cypher.LABELS}
        for row in self.query(cypher.LABEL_COUNTS):
            labels[row["label"]] = row["count"]
        rels = {rtype: 0 for rtype in cypher.RELATIONSHIP_TYPES}
        for row in self.query(cypher.RELATIONSHIP_COUNTS):
            rels[row["type"]] = row["count"]
        return {"labels": labels, "relationships": rels}


# what every embedded store folder holds once a store was opened in it
STORE_MARKERS = ("redis.conf", "appendonlydir")


def is_store_folder(path) -> bool:
    return os.path.isdir(path) and any(os.path.exists(os.path.join(path, m)) for m in STORE_MARKERS)


def open_store(store_dir: str | os.PathLike | None = None, neo4j_uri: str | None = None,
               create: bool = True) -> Store:
    """Open the embedded store in `store_dir` (default ./policykg-store or $POLICYKG_STORE),
    or a Neo4j server when `neo4j_uri` is given. Use it in a `with` block, or call close().
    With `create=False` (commands that only read or take out), a folder that holds no store is
    an error instead of a new, empty store."""
    if neo4j_uri:
        from .neo4j_store import Neo4jStore
        return Neo4jStore(neo4j_uri)
    from .embedded import EmbeddedStore
    store_dir = store_dir or os.environ.get("POLICYKG_STORE") or DEFAULT_STORE_DIR
    if not create and not is_store_folder(store_dir):
        what = "holds no store" if os.path.isdir(store_dir) else "does not exist"
        raise StoreError(f"store folder {store_dir} {what}; give the folder a build wrote "
                         f"(--store DIR or POLICYKG_STORE), or build one: "
                         f"policykg --store {store_dir} build PATH...")
    return EmbeddedStore(store_dir)
