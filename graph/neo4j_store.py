"""The Neo4j store, for graphs that outgrow one machine: same Cypher, official driver.

The URI comes from `--neo4j` / NEO4J_URI; credentials only from NEO4J_USER / NEO4J_PASSWORD
(never from the URI, never echoed). Each document is one managed write transaction
(`execute_write` retries transient errors); reads run in `execute_read`. Whatever the server or
the driver refuses comes back as the store's `StoreError`, as on the embedded store, so that a
build skips that one document and the command line prints a message instead of a traceback.
"""
from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

from . import cypher
from .model import GraphBatch
from .store import Store, StoreError


def redact(uri: str) -> str:
    """The URI with any user:password@ replaced, safe for messages and logs."""
    parts = urlsplit(uri)
    if "@" not in parts.netloc:
        return uri
    return urlunsplit(parts._replace(netloc="***@" + parts.netloc.rsplit("@", 1)[1]))


def _plain(value):
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        props = {k: _plain(v) for k, v in value.items()}
        return {"id": props.get("id"), "labels": sorted(value.labels), "properties": props}
    if isinstance(value, Relationship):
        return {"label": value.type, "properties": {k: _plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"nodes": [_plain(n) for n in value.nodes],
                "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _reason(exc) -> str:
    """What went wrong, from the server's message (never the URI's credentials: there are none)."""
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    code = getattr(exc, "code", None)
    return f"{message} ({code})" if code else message


class Neo4jStore(Store):
    kind = "neo4j"

    def __init__(self, uri: str):
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

        self.uri = redact(uri)
        if urlsplit(uri).username or urlsplit(uri).password:
            raise StoreError(f"{self.uri}: put credentials in NEO4J_USER and NEO4J_PASSWORD, "
                             "not in the URI")
        user, password = os.environ.get("NEO4J_USER"), os.environ.get("NEO4J_PASSWORD")
        auth = (user, password or "") if user else None
        self.database = os.environ.get("NEO4J_DATABASE") or None
        self.driver = None
        try:
            self.driver = GraphDatabase.driver(uri, auth=auth)
            self.driver.verify_connectivity()
        except AuthError as exc:
            self.close()
            raise StoreError(f"Neo4j at {self.uri} refused the credentials from "
                             "NEO4J_USER/NEO4J_PASSWORD") from exc
        except (ServiceUnavailable, ValueError, OSError) as exc:
            self.close()
            raise StoreError(f"cannot reach Neo4j at {self.uri}: {type(exc).__name__}") from exc
        try:
            with self._session() as session:
                for text in cypher.neo4j_schema():
                    session.run(text).consume()
        except (Neo4jError, DriverError) as exc:
            self.close()
            raise StoreError(f"Neo4j at {self.uri}: creating the constraints and indexes failed: "
                             f"{_reason(exc)}") from exc

    def for_child(self) -> "Neo4jStore":
        """A new driver (a driver is not fork-safe), with the same URI and credentials."""
        return Neo4jStore(self.uri)

    def _session(self):
        return self.driver.session(database=self.database)

    def write(self, batch: GraphBatch) -> None:
        try:
            statements = cypher.write_statements(batch)
        except ValueError as exc:
            raise StoreError(f"not writing {batch.document_id}: {exc}") from exc

        def replace_document(tx):
            for st in statements:
                tx.run(st.text, st.params).consume()

        from neo4j.exceptions import DriverError, Neo4jError

        try:
            with self._session() as session:
                session.execute_write(replace_document)
        except Neo4jError as exc:  # the server refused a statement: the transaction rolled back
            raise StoreError(f"writing {batch.document_id} failed: {_reason(exc)}") from exc
        except DriverError as exc:  # unreachable, or retries used up
            raise StoreError(f"Neo4j at {self.uri} went away while writing {batch.document_id}: "
                             f"{_reason(exc)}") from exc

    def query(self, text: str, params: dict | None = None, read_only: bool = True) -> list[dict]:
        from neo4j.exceptions import DriverError, Neo4jError

        def run(tx):
            result = tx.run(text, params or {})
            return [{k: _plain(v) for k, v in record.items()} for record in result]

        try:
            with self._session() as session:
                return (session.execute_read if read_only else session.execute_write)(run)
        except Neo4jError as exc:
            raise StoreError(f"query failed: {_reason(exc)}") from exc
        except DriverError as exc:
            raise StoreError(f"Neo4j at {self.uri} went away: {_reason(exc)}") from exc

    def close(self) -> None:
        if self.driver is not None:
            self.driver.close()
            self.driver = None
