"""Read the part of the store a view draws into a networkx graph.

Every view is a `networkx.MultiDiGraph` whose nodes carry `labels` and `props` (the stored
properties) and whose edges are keyed by relationship type and carry `props`; aggregated
edges (the overview's agency→document) also carry `tasks`, the number of tasks behind them.
Cypher is fixed text with parameters only; the store is only read.
"""
from __future__ import annotations

import networkx as nx

from policykg.numbers import canonicalize

# One row shape for "relationship with both ends", so one function can add any of them.
_ENDS = ("RETURN s.id AS s, labels(s) AS sl, properties(s) AS sp, type(r) AS type, "
         "properties(r) AS rp, e.id AS e, labels(e) AS el, properties(e) AS ep")
_NODE = "RETURN n.id AS id, labels(n) AS labels, properties(n) AS props"
# What the agency pages show of a task and of a document (not the full text, which is long).
_TASK_BRIEF = ("{id: t.id, label: t.label, title: t.title, order: t.order, section: t.section, "
               "deadline: t.deadline, due: t.due}")
_DOC_BRIEF = ("{id: d.id, number: d.number, title: d.title, issuer: d.issuer, date: d.date, "
              "year: d.year, level: d.level, region: d.region, doc_type: d.doc_type}")
LINEAGE = {"predecessor": "前身（机构改革前的名称）", "successor": "继任（机构改革后的名称）"}
MAX_DEPTH = 8  # directive tree: county notice → city → province → State Council, with margin


class ViewNotFound(LookupError):
    """The document, agency or directive asked for is not in the store."""


def canonical_number(number: str) -> str:
    """发文字号 as stored (吉医改发 [2021] 1号 → 吉医改发〔2021〕1号); other keys as typed."""
    return canonicalize(number or "") or (number or "").strip()


def _add_node(g: nx.MultiDiGraph, nid: str, labels, props) -> None:
    if nid not in g:
        g.add_node(nid, labels=sorted(labels or []), props=dict(props or {}))


def _add_rows(g: nx.MultiDiGraph, rows) -> None:
    for row in rows:
        _add_node(g, row["s"], row["sl"], row["sp"])
        _add_node(g, row["e"], row["el"], row["ep"])
        g.add_edge(row["s"], row["e"], key=row["type"], type=row["type"], props=row["rp"] or {})


def _one(store, text: str, params: dict, what: str, key: str) -> dict:
    rows = store.query(text, params, read_only=True)
    if not rows:
        raise ViewNotFound(f"no {what} {key!r} in the store")
    return rows[0]


# --- overview -------------------------------------------------------------------------------

def overview_graph(store) -> nx.MultiDiGraph:
    """Documents, directives and agencies; tasks folded into weighted agency→document edges."""
    g = nx.MultiDiGraph()
    for row in store.query("MATCH (n) WHERE n:Document OR n:Directive OR n:Agency " + _NODE,
                           {}, read_only=True):
        _add_node(g, row["id"], row["labels"], row["props"])
    for row in store.query(
            "MATCH (s)-[r:IMPLEMENTS|FORWARDS|ISSUED_BY]->(e) WHERE s:Document OR s:Directive "
            "RETURN s.id AS s, type(r) AS type, e.id AS e, properties(r) AS rp", {}, read_only=True):
        if row["s"] in g and row["e"] in g:
            g.add_edge(row["s"], row["e"], key=row["type"], type=row["type"], props=row["rp"] or {})
    for row in store.query(
            "MATCH (a:Agency)-[r:LEADS|COOPERATES]->(t:Task)-[:PART_OF*1..6]->(d:Document) "
            "RETURN a.id AS s, type(r) AS type, d.id AS e, count(DISTINCT t) AS tasks",
            {}, read_only=True):
        g.add_edge(row["s"], row["e"], key=row["type"], type=row["type"], props={},
                   tasks=row["tasks"])
    for row in store.query(
            "MATCH (t:Task)-[:IMPLEMENTS]->(x), (t)-[:PART_OF*1..6]->(d:Document) "
            "RETURN d.id AS s, x.id AS e, count(DISTINCT t) AS tasks", {}, read_only=True):
        if row["s"] not in g or row["e"] not in g:
            continue
        if g.has_edge(row["s"], row["e"], key="IMPLEMENTS"):
            g.edges[row["s"], row["e"], "IMPLEMENTS"]["tasks"] = row["tasks"]
        else:
            g.add_edge(row["s"], row["e"], key="IMPLEMENTS", type="IMPLEMENTS", props={},
                       tasks=row["tasks"])
    return g


# --- one document ---------------------------------------------------------------------------

def find_document(store, key: str) -> dict:
    return _one(store, "MATCH (n:Document) WHERE n.number = $number OR n.id = $key " + _NODE
                + " ORDER BY n.id LIMIT 1", {"number": canonical_number(key), "key": key},
                "document numbered", key)


def document_graph(store, key: str) -> nx.MultiDiGraph:
    """A document, its tasks and their agencies, what it implements and forwards, and what
    implements or forwards it."""
    return document_graph_of(store, find_document(store, key))


def _rooted(row: dict) -> nx.MultiDiGraph:
    """A view's graph holding only its root node (a row with id, labels, props)."""
    g = nx.MultiDiGraph()
    _add_node(g, row["id"], row["labels"], row["props"])
    g.graph["root"] = row["id"]
    return g


def document_graph_of(store, doc: dict) -> nx.MultiDiGraph:
    """The document view graph of a document row (id, labels, props)."""
    return document_graphs(store, [doc])[doc["id"]]


def document_graphs(store, docs: list[dict]) -> dict:
    """The document view graph of each of `docs` (rows with id, labels, props), read with a
    fixed number of queries for the lot (the site writes thousands)."""
    graphs = {doc["id"]: _rooted(doc) for doc in docs}
    ids = sorted(graphs)
    # a 转发 notice takes on the tasks of the document it forwards: those, when it is loaded
    forwarded: dict[str, list] = {}
    owners = {i: [i] for i in ids}  # whose tasks go into which view
    for row in store.query(
            "MATCH (d:Document)-[:FORWARDS]->(f:Document) WHERE d.id IN $ids "
            "RETURN d.id AS d, f.id AS id, labels(f) AS labels, properties(f) AS props",
            {"ids": ids}, read_only=True):
        forwarded.setdefault(row["d"], []).append(row)
        owners.setdefault(row["id"], []).append(row["d"])
    p = {"ids": sorted(owners)}
    for owner, rows in forwarded.items():
        for row in rows:
            _add_node(graphs[owner], row["id"], row["labels"], row["props"])
    # tasks and sub-items with what they are part of
    parts = store.query(
        "MATCH (s:Task)-[:PART_OF*1..6]->(d:Document) WHERE d.id IN $ids "
        "MATCH (s)-[:PART_OF]->(e) RETURN d.id AS d, s.id AS s, labels(s) AS sl, "
        "properties(s) AS sp, e.id AS e", p, read_only=True)
    for row in parts:
        for root in owners[row["d"]]:
            _add_node(graphs[root], row["s"], row["sl"], row["sp"])
    for row in parts:
        for root in owners[row["d"]]:
            g = graphs[root]
            if row["e"] in g:
                g.add_edge(row["s"], row["e"], key="PART_OF", type="PART_OF", props={})
    # their agencies, each read once
    roles = store.query(
        "MATCH (t:Task)-[:PART_OF*1..6]->(d:Document) WHERE d.id IN $ids "
        "MATCH (a:Agency)-[r:LEADS|COOPERATES]->(t) RETURN d.id AS d, a.id AS a, "
        "type(r) AS type, properties(r) AS rp, t.id AS t", p, read_only=True)
    agencies = {row["id"]: row for row in store.query(
        "MATCH (n:Agency) WHERE n.id IN $ids " + _NODE,
        {"ids": sorted({r["a"] for r in roles})}, read_only=True)}
    for row in roles:
        a = agencies[row["a"]]
        for root in owners[row["d"]]:
            g = graphs[root]
            _add_node(g, a["id"], a["labels"], a["props"])
            g.add_edge(a["id"], row["t"], key=row["type"], type=row["type"], props=row["rp"] or {})
    # what the tasks carry out; what the document carries out, forwards, is issued by; and
    # what carries it out or forwards it
    for text, root_key in (
            ("MATCH (s:Task)-[:PART_OF*1..6]->(d:Document) WHERE d.id IN $ids "
             "MATCH (s)-[r:IMPLEMENTS]->(e) WITH d.id AS root, s, r, e ", "root"),
            ("MATCH (s:Document)-[r:IMPLEMENTS|FORWARDS|ISSUED_BY]->(e) WHERE s.id IN $ids "
             "WITH s.id AS root, s, r, e ", "root"),
            ("MATCH (s)-[r:IMPLEMENTS|FORWARDS]->(e:Document) WHERE e.id IN $ids "
             "WITH e.id AS root, s, r, e ", "root")):
        for row in store.query(text + _ENDS + ", root", {"ids": ids}, read_only=True):
            g = graphs[row[root_key]]
            _add_node(g, row["s"], row["sl"], row["sp"])
            _add_node(g, row["e"], row["el"], row["ep"])
            g.add_edge(row["s"], row["e"], key=row["type"], type=row["type"], props=row["rp"] or {})
    return graphs


# --- one agency -----------------------------------------------------------------------------

def find_agency(store, key: str) -> dict:
    rows = store.query("MATCH (n:Agency) WHERE n.name = $key " + _NODE, {"key": key},
                       read_only=True)
    if not rows:
        rows = store.query("MATCH (n:Agency) WHERE $key IN n.aliases " + _NODE + " ORDER BY n.id",
                           {"key": key}, read_only=True)
    if not rows:
        raise ViewNotFound(f"no agency named {key!r} in the store")
    if len(rows) > 1:
        names = "、".join(r["props"].get("name", r["id"]) for r in rows)
        raise ViewNotFound(f"{key!r} names several agencies ({names}); give the full name")
    return rows[0]


def agency_graph(store, key: str) -> nx.MultiDiGraph:
    """An agency, the tasks it leads or cooperates on (with their documents), the agencies it
    shares those tasks with, and the documents it issued."""
    agency = find_agency(store, key)
    return agency_graphs(store, [agency])[agency["id"]]


def agency_graphs(store, agencies: list[dict]) -> dict:
    """The agency view graph of each of `agencies` (rows with id, labels, props), read with
    five queries for the lot (the site writes thousands)."""
    graphs = {a["id"]: _rooted(a) for a in agencies}
    p = {"ids": sorted(graphs)}
    # Each task with its document; a sub-item is drawn straight to its document. A document
    # is read once, not once per task of it.
    rows = store.query(
        "MATCH (a:Agency)-[r:LEADS|COOPERATES]->(t:Task)-[:PART_OF*1..6]->(d:Document) "
        "WHERE a.id IN $ids RETURN a.id AS a, type(r) AS type, properties(r) AS rp, "
        "t.id AS t, labels(t) AS tl, " + _TASK_BRIEF + " AS tp, d.id AS d", p, read_only=True)
    docs = {row["d"]: row for row in store.query(
        "MATCH (d:Document) WHERE d.id IN $ids RETURN d.id AS d, labels(d) AS dl, "
        + _DOC_BRIEF + " AS dp", {"ids": sorted({row["d"] for row in rows})}, read_only=True)}
    for row in rows:
        g = graphs[row["a"]]
        doc = docs[row["d"]]
        _add_node(g, row["t"], row["tl"], row["tp"])
        _add_node(g, row["d"], doc["dl"], doc["dp"])
        g.add_edge(row["a"], row["t"], key=row["type"], type=row["type"], props=row["rp"] or {})
        g.add_edge(row["t"], row["d"], key="PART_OF", type="PART_OF", props={})
    partners = {}
    for row in store.query(
            "MATCH (a:Agency)-[:LEADS|COOPERATES]->(t:Task)<-[r:LEADS|COOPERATES]-(b:Agency) "
            "WHERE a.id IN $ids AND b.id <> a.id RETURN a.id AS a, t.id AS t, type(r) AS type, "
            "properties(r) AS rp, b.id AS b", p, read_only=True):
        partners.setdefault(row["b"], []).append(row)
    for row in store.query("MATCH (n:Agency) WHERE n.id IN $ids " + _NODE,
                           {"ids": sorted(partners)}, read_only=True):
        for edge in partners[row["id"]]:
            g = graphs[edge["a"]]
            _add_node(g, row["id"], row["labels"], row["props"])
            g.add_edge(row["id"], edge["t"], key=edge["type"], type=edge["type"],
                       props=edge["rp"] or {})
    for row in store.query(
            "MATCH (s)-[r:ISSUED_BY]->(a:Agency) WHERE a.id IN $ids RETURN a.id AS a, "
            "s.id AS s, labels(s) AS sl, properties(s) AS sp, properties(r) AS rp",
            p, read_only=True):
        g = graphs[row["a"]]
        _add_node(g, row["s"], row["sl"], row["sp"])
        g.add_edge(row["s"], row["a"], key="ISSUED_BY", type="ISSUED_BY", props=row["rp"] or {})
    # The bodies it succeeded and that succeeded it in an institutional reform, marked as such.
    for row in store.query("MATCH (s:Agency)-[r:SUCCEEDED_BY]->(e:Agency) WHERE s.id IN $ids OR e.id IN $ids "
                           + _ENDS, p, read_only=True):
        for mine, other, other_labels, other_props, mark in (
                (row["s"], row["e"], row["el"], row["ep"], "successor"),
                (row["e"], row["s"], row["sl"], row["sp"], "predecessor")):
            if mine in graphs and other != mine:
                g = graphs[mine]
                _add_node(g, other, other_labels, dict(other_props or {}, lineage=LINEAGE[mark]))
                g.nodes[other]["lineage"] = mark
                g.add_edge(row["s"], row["e"], key="SUCCEEDED_BY", type="SUCCEEDED_BY", props=row["rp"] or {})
    return graphs


# --- the implementation tree below a directive ----------------------------------------------

def find_directive(store, key: str) -> dict:
    """A cited directive or a loaded document by 发文字号 or id (each label read through its
    index: an unlabelled match would scan every node)."""
    params = {"number": canonical_number(key), "key": key}
    for label in ("Directive", "Document"):
        rows = store.query(f"MATCH (n:{label}) WHERE n.number = $number OR n.id = $key " + _NODE
                           + " ORDER BY n.id LIMIT 1", params, read_only=True)
        if rows:
            return rows[0]
    raise ViewNotFound(f"no directive numbered {key!r} in the store")


def directive_graph(store, key: str) -> nx.MultiDiGraph:
    """Everything that implements or forwards the directive, transitively (documents and the
    tasks that cite it), then the tasks of every document in that tree."""
    return directive_graph_of(store, find_directive(store, key))


def directive_graph_of(store, root: dict) -> nx.MultiDiGraph:
    """The implementation tree under a directive row (id, labels, props)."""
    return directive_graphs(store, [root])[root["id"]]


def directive_graphs(store, roots: list[dict]) -> dict:
    """The implementation tree under each of `roots` (directive rows), read level by level
    with one query a level for the lot (the site draws thousands)."""
    if not roots:
        return {}
    graphs, frontier, seen = {}, {}, {}
    for root in roots:
        graphs[root["id"]] = _rooted(root)
        frontier[root["id"]], seen[root["id"]] = [root["id"]], {root["id"]}
    for _ in range(MAX_DEPTH):
        if not any(frontier.values()):
            break
        _grow_one_level(store, graphs, frontier, seen)
    _add_document_tasks(store, graphs)
    add_leads(store, *graphs.values())
    add_answers(store, *graphs.values())
    for g in graphs.values():
        mark_left_out(g)
    return graphs


def _grow_one_level(store, graphs: dict, frontier: dict, seen: dict) -> None:
    """What implements or forwards the nodes of each tree's frontier, and the documents of the
    tasks among them; the frontier moves on to the new nodes (one query a level for all trees)."""
    wanted = sorted({n for ids in frontier.values() for n in ids})
    # only a cited node (label Directive) is implemented or forwarded: its index, no scan
    rows = store.query("MATCH (s)-[r:IMPLEMENTS|FORWARDS]->(e:Directive) WHERE e.id IN $ids "
                       + _ENDS, {"ids": wanted}, read_only=True)
    mine = {}
    for key, ids in frontier.items():
        if ids:
            ids = set(ids)
            mine[key] = [r for r in rows if r["e"] in ids]
    tasks = sorted({r["s"] for r in rows if "Task" in r["sl"]})
    # a task that cites the directive brings its document into the tree
    documents = store.query(
        "MATCH (t:Task)-[:PART_OF*1..6]->(d:Document) WHERE t.id IN $ids "
        "RETURN t.id AS t, d.id AS id, labels(d) AS labels, properties(d) AS props",
        {"ids": tasks}, read_only=True) if tasks else []
    for key, g in graphs.items():
        if key not in mine:
            frontier[key] = []
            continue
        _add_rows(g, mine[key])
        cited = {r["s"] for r in mine[key] if "Task" in r["sl"]}
        for row in documents:
            if row["t"] in cited:
                _add_node(g, row["id"], row["labels"], row["props"])
                g.add_edge(row["t"], row["id"], key="PART_OF", type="PART_OF", props={})
        frontier[key] = sorted(n for n in g if n not in seen[key] and "Task" not in g.nodes[n]["labels"])
        seen[key].update(frontier[key])


def _add_document_tasks(store, graphs: dict) -> None:
    """The tasks and sub-items of every document in the trees (read once for all of them)."""
    docs_of = {key: {n for n in g if "Document" in g.nodes[n]["labels"]} for key, g in graphs.items()}
    docs = sorted(set().union(*docs_of.values()))
    tasks = store.query("MATCH (s:Task)-[r:PART_OF]->(e:Document) WHERE e.id IN $ids "
                        + _ENDS, {"ids": docs}, read_only=True)
    items = store.query("MATCH (s:Task)-[r:PART_OF]->(e:Task)-[:PART_OF]->(d:Document) "
                        "WHERE d.id IN $ids " + _ENDS + ", d.id AS d", {"ids": docs},
                        read_only=True)
    for key, g in graphs.items():
        _add_rows(g, [r for r in tasks if r["e"] in docs_of[key]])
        _add_rows(g, [r for r in items if r["d"] in docs_of[key]])


def _tasks_of(graphs) -> list:
    return sorted({n for g in graphs for n, d in g.nodes(data=True) if "Task" in d["labels"]})


def add_answers(store, *graphs: nx.MultiDiGraph) -> None:
    """Links between tasks of a tree: a local task that carries out an upstream task
    (ANSWERS), drawn between the two task boxes (read once for all the `graphs`)."""
    tasks = _tasks_of(graphs)
    for i in range(0, len(tasks), 2000):
        rows = store.query("MATCH (s:Task)-[r:ANSWERS]->(e:Task) WHERE s.id IN $ids "
                           "AND e.id IN $all " + _ENDS,
                           {"ids": tasks[i:i + 2000], "all": tasks}, read_only=True)
        for g in graphs:
            _add_rows(g, [r for r in rows if r["s"] in g and r["e"] in g])


def add_leads(store, *graphs: nx.MultiDiGraph) -> None:
    """Each task node's `leads`: the names of the agencies leading it (the tree names them
    in the task's box instead of drawing every agency)."""
    tasks = _tasks_of(graphs)
    for i in range(0, len(tasks), 2000):
        for row in store.query("MATCH (a:Agency)-[:LEADS]->(t:Task) WHERE t.id IN $ids "
                               "RETURN t.id AS t, a.name AS name ORDER BY name",
                               {"ids": tasks[i:i + 2000]}, read_only=True):
            for g in graphs:
                if row["t"] in g:
                    g.nodes[row["t"]].setdefault("leads", []).append(row["name"])


def _document_of(g: nx.MultiDiGraph, n):
    for _, e, k in g.out_edges(n, keys=True):
        if k == "PART_OF":
            return e if "Document" in g.nodes[e]["labels"] else _document_of(g, e)
    return None


def mark_left_out(g: nx.MultiDiGraph) -> None:
    """Flag each task of a document in the tree that a document below it (one with tasks of its
    own) does not answer: node attribute `left_out_by`, the documents that left it out. Framing
    items (指导思想…, marked by the alignment) are never flagged."""
    below = nx.DiGraph()  # document -> the documents it implements or forwards (task citations too)
    tasks_of: dict = {}
    for s, e, k in g.edges(keys=True):
        if k in ("IMPLEMENTS", "FORWARDS"):
            src = s if "Task" not in g.nodes[s]["labels"] else _document_of(g, s)
            if src is not None:
                below.add_edge(src, e)
        elif k == "PART_OF" and "Document" in g.nodes[e]["labels"]:
            tasks_of.setdefault(e, []).append(s)
    for doc, tasks in tasks_of.items():
        if doc not in below:
            continue
        locals_ = [d for d in nx.ancestors(below, doc) if tasks_of.get(d)]
        for t in tasks:
            if g.nodes[t]["props"].get("framing"):
                continue
            answered = {_document_of(g, s) for s, _, k in g.in_edges(t, keys=True) if k == "ANSWERS"}
            left = sorted(d for d in locals_ if d not in answered)
            if left:
                g.nodes[t]["left_out_by"] = [g.nodes[d]["props"].get("number") or d for d in left]
