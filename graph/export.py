"""Write the whole graph to a file: JSON lines in the APOC layout, or GraphML (the RDF formats
are the ontology's; policykg/exports.py is the table of every format).

JSON lines follow APOC's export so Neo4j's `apoc.import.json` reads them: nodes, then
relationships, one object a line, sorted for stable output. GraphML keeps lists as JSON strings,
the one form networkx and Gephi both read back.

Both stream: the store is read a page at a time and sorted on disk (an SQLite file in a
temporary folder sorts the lines by key), so an export's memory does not grow with the store.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

# Nodes of the store an export reads at a time: a page of task texts stays some 10 MB, and pages
# are few enough that their queries (each scans the nodes after the last id) are not the cost.
EXPORT_PAGE = 5000


def atomic_write(path, write) -> None:
    """Write to a temporary file next to `path`, then rename: no half-written exports, and the file
    gets the mode of any new file here (the umask), also when it replaces an older one."""
    path = Path(path)
    if path.exists() and not path.is_file():  # /dev/stdout, a named pipe: written as it is
        write(str(path))
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:  # name the file asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    os.close(fd)
    try:
        write(tmp)
        umask = os.umask(0)  # mkstemp made it 0600: give it the mode any new file gets here
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _apoc_node(node: dict) -> dict:
    return {"type": "node", "id": node["id"], "labels": sorted(node["labels"]),
            "properties": dict(sorted(node["properties"].items()))}


def _apoc_relationship(rel: dict) -> dict:
    return {"type": "relationship", "id": rel["id"], "label": rel["label"],
            "start": {"id": rel["start"]["id"]}, "end": {"id": rel["end"]["id"]},
            "properties": dict(sorted(rel["properties"].items()))}


def natural_key(node_id: str) -> list:
    """Sort ids as people read them: task …#2 before …#10, so tasks come in document order."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", node_id)]


def natural_sort_key(node_id: str) -> str:
    """natural_key as one string that sorts the same by code point (so SQLite can sort by it):
    each run of digits becomes \\x01, its length without leading zeros, then the digits. \\x01 is
    below every character of an id, so a text part ends before any longer one, as in the list."""
    def number(m: re.Match) -> str:
        digits = m[0].lstrip("0") or "0"
        return "\x01" + chr(0x20 + len(digits)) + digits
    return re.sub(r"\d+", number, node_id)


def relationship_sort_key(rel: dict) -> str:
    """(start id, type, end id) as one string that sorts like the tuple."""
    return "\x01".join((rel["start"]["id"], rel["label"], rel["end"]["id"]))


def sorted_on_disk(items: Iterable[tuple[str, str]]) -> Iterator[str]:
    """The values of (key, value) pairs in key order, sorted in an SQLite file (bounded memory)."""
    with tempfile.TemporaryDirectory(prefix="policykg-sort-") as folder:
        db = sqlite3.connect(os.path.join(folder, "sort.db"))
        try:
            for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-16000",
                           "temp_store=FILE"):
                db.execute(f"PRAGMA {pragma}")
            db.execute("CREATE TABLE t (k TEXT NOT NULL, v TEXT NOT NULL)")
            db.executemany("INSERT INTO t VALUES (?, ?)", items)
            cursor = db.execute("SELECT v FROM t ORDER BY k")
            while True:
                rows = cursor.fetchmany(1000)
                if not rows:
                    break
                for (value,) in rows:
                    yield value
        finally:
            db.close()


def sorted_nodes(store) -> Iterator[dict]:
    """Every node in the APOC layout, in natural id order, read and sorted in bounded memory."""
    pairs = ((natural_sort_key(n["id"]), json.dumps(_apoc_node(n), ensure_ascii=False))
             for n in store.nodes(page=EXPORT_PAGE))
    return map(json.loads, sorted_on_disk(pairs))


def sorted_relationships(store) -> Iterator[dict]:
    """Every relationship in the APOC layout, by (start id, type, end id), in bounded memory."""
    pairs = ((relationship_sort_key(r), json.dumps(_apoc_relationship(r), ensure_ascii=False))
             for r in store.relationships(page=EXPORT_PAGE))
    return map(json.loads, sorted_on_disk(pairs))


def export_jsonl(store, path) -> str:
    counts = {"node": 0, "relationship": 0}

    def write(tmp):
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            for objects in (sorted_nodes(store), sorted_relationships(store)):
                for obj in objects:
                    counts[obj["type"]] += 1
                    f.write(json.dumps(obj, ensure_ascii=False) + "\n")

    atomic_write(path, write)
    return f"{counts['node']} nodes, {counts['relationship']} relationships"


def _graphml_value(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_networkx(store):
    """The store as a networkx MultiDiGraph (node key = id, edge key = relationship id); held in
    memory, for analysis of a store that fits (the exports stream instead)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for node in sorted_nodes(store):
        attrs = {k: v for k, v in node["properties"].items() if k != "id"}
        graph.add_node(node["id"], labels=sorted(node["labels"]), **attrs)
    for rel in sorted_relationships(store):
        graph.add_edge(rel["start"]["id"], rel["end"]["id"], key=rel["id"], type=rel["label"],
                       **rel["properties"])
    return graph


GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_GRAPHML_TYPES = ((bool, "boolean"), (int, "long"), (float, "double"), (str, "string"))


def _graphml_type(value) -> str:
    """The GraphML attr.type networkx gives a value (lists and dicts are JSON strings)."""
    for python_type, name in _GRAPHML_TYPES:
        if isinstance(value, python_type):
            return name
    return "string"


def _graphml_text(value) -> str:
    value = _graphml_value(value)
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def export_graphml(store, path) -> str:
    """GraphML as networkx writes it (a key per attribute name, type and scope; lists as JSON
    strings), streamed: the elements go to a temporary body file while the keys are collected,
    then the keys, the body and the closing tags make the file."""
    from lxml import etree

    keys: dict[tuple[str, str, str], str] = {}  # (name, type, for) → key id
    counts = {"nodes": 0, "edges": 0}

    def data(xf, scope: str, attrs: dict) -> None:
        for name, value in attrs.items():
            kind = _graphml_type(_graphml_value(value))
            key = keys.setdefault((name, kind, scope), f"d{len(keys)}")
            el = etree.Element("data", key=key)
            el.text = _graphml_text(value)
            xf.write(el)

    def write(tmp):
        body_path = tmp + ".body"
        try:
            with etree.xmlfile(body_path, encoding="utf-8") as xf:
                with xf.element("graph", edgedefault="directed"):
                    for node in sorted_nodes(store):
                        with xf.element("node", id=node["id"]):
                            attrs = {"labels": sorted(node["labels"]),
                                     **{k: v for k, v in node["properties"].items() if k != "id"}}
                            data(xf, "node", attrs)
                        counts["nodes"] += 1
                    for rel in sorted_relationships(store):
                        with xf.element("edge", source=rel["start"]["id"], target=rel["end"]["id"],
                                        id=rel["id"]):
                            data(xf, "edge", {"type": rel["label"], **rel["properties"]})
                        counts["edges"] += 1
            with open(tmp, "wb") as out, open(body_path, "rb") as body:
                out.write(b"<?xml version='1.0' encoding='utf-8'?>\n")
                out.write(f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{_XSI}" xsi:schemaLocation='
                          f'"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd">'.encode())
                for (name, kind, scope), key in keys.items():
                    el = etree.Element("key", id=key, attrib={"for": scope, "attr.name": name,
                                                              "attr.type": kind})
                    out.write(etree.tostring(el, encoding="utf-8") + b"\n")
                while chunk := body.read(1 << 20):
                    out.write(chunk)
                out.write(b"</graphml>\n")
        finally:
            Path(body_path).unlink(missing_ok=True)

    atomic_write(path, write)
    return f"{counts['nodes']} nodes, {counts['edges']} relationships"
