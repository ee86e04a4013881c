"""Write the whole graph to a file: JSON lines in the APOC layout, or GraphML (the RDF formats
are the ontology's; policykg/exports.py is the table of every format).

JSON lines follow APOC's export so Neo4j's `apoc.import.json` reads them: nodes, then
relationships, one object a line, sorted for stable output. GraphML keeps lists as JSON strings,
the one form networkx and Gephi both read back.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

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


def export_jsonl(store, path) -> str:
    nodes = sorted(store.nodes(), key=lambda n: natural_key(n["id"]))
    rels = sorted(store.relationships(),
                  key=lambda r: (r["start"]["id"], r["label"], r["end"]["id"]))

    def write(tmp):
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            for obj in [*map(_apoc_node, nodes), *map(_apoc_relationship, rels)]:
                f.write(json.dumps(obj, ensure_ascii=False) + "\n")

    atomic_write(path, write)
    return f"{len(nodes)} nodes, {len(rels)} relationships"


def _graphml_value(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_networkx(store):
    """The store as a networkx MultiDiGraph (node key = id, edge key = relationship id)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for node in sorted(store.nodes(), key=lambda n: natural_key(n["id"])):
        attrs = {k: v for k, v in node["properties"].items() if k != "id"}
        graph.add_node(node["id"], labels=sorted(node["labels"]), **attrs)
    for rel in sorted(store.relationships(), key=lambda r: (r["start"]["id"], r["label"], r["end"]["id"])):
        graph.add_edge(rel["start"]["id"], rel["end"]["id"], key=rel["id"], type=rel["label"],
                       **rel["properties"])
    return graph


def export_graphml(store, path) -> str:
    import networkx as nx

    graph = to_networkx(store)
    for _, attrs in graph.nodes(data=True):
        attrs.update({k: _graphml_value(v) for k, v in attrs.items()})
    for _, _, attrs in graph.edges(data=True):
        attrs.update({k: _graphml_value(v) for k, v in attrs.items()})
    atomic_write(path, lambda tmp: nx.write_graphml(graph, tmp, encoding="utf-8"))
    return f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships"
