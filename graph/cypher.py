"""The Cypher text of writes, shared by the embedded FalkorDB store and Neo4j.

One `GraphBatch` (one document) becomes a list of simple statements that a store runs in ONE
transaction, with "replace" semantics: the document's old tasks and its outgoing relationships
go, then nodes and relationships are merged by id. Labels and relationship types cannot be
query parameters, so statements are grouped by label / type in code, from fixed allow-lists;
every value travels as a parameter. Statements stay deliberately simple (one MERGE, with the SET
of the merged node's or relationship's properties): FalkorDB's tracker has server crashes on
complex `UNWIND … MERGE` shapes.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import GraphBatch

LABELS = ("Agency", "Directive", "Document", "Task")
RELATIONSHIP_TYPES = ("ANSWERS", "CONTINUES", "COOPERATES", "FORWARDS", "IMPLEMENTS", "ISSUED_BY", "LEADS",
                      "PART_OF", "SUCCEEDED_BY")
LIST_PROPERTIES = ("source", "aliases", "loaded_from")  # unioned across files, never overwritten
# What only a loaded document has: a node that stops being loaded but is still cited loses these.
DOCUMENT_ONLY_PROPERTIES = ("date", "doc_type", "fingerprint", "loaded_from")
# Properties a citation may give a Directive; they only fill what a loaded Document lacks.
CITATION_PROPERTIES = ("number", "title", "issuer", "level", "region", "year")


@dataclass(frozen=True)
class Statement:
    text: str
    params: dict


# --- replace: what a document owned before -------------------------------------------------

DELETE_TASKS = (
    "MATCH (:Document {id: $doc_id})<-[:PART_OF*1..]-(t:Task) DETACH DELETE t"
)
DELETE_OUTGOING = "MATCH (:Document {id: $doc_id})-[r]->() DELETE r"

# --- forget: take out what one file gave (a changed file before it is written again, `remove`) --
# `loaded_from` lists the files a Document was read from; `source` every file that gave a node
# (loaded or cited it, named the agency). A node no file gives any more goes; a Document no file
# loads any more but that others still cite stays, as a Directive.
FORGET_FILE = (
    "MATCH (t:Task) WHERE t.source[0] = $file DETACH DELETE t",
    "MATCH (d:Document)-[r]->() WHERE d.loaded_from = [$file] DELETE r",
    "MATCH (d:Document) WHERE $file IN d.loaded_from "
    "SET d.loaded_from = [x IN d.loaded_from WHERE x <> $file]",
    "MATCH (d:Document) WHERE size(d.loaded_from) = 0 AND (d)<-[:IMPLEMENTS|FORWARDS]-() "
    "REMOVE d:Document SET d:Directive, "
    + ", ".join(f"d.{p} = NULL" for p in DOCUMENT_ONLY_PROPERTIES),
    "MATCH (d:Document) WHERE size(d.loaded_from) = 0 DETACH DELETE d",
    "MATCH (n) WHERE $file IN n.source SET n.source = [x IN n.source WHERE x <> $file]",
    "MATCH (n) WHERE size(n.source) = 0 DETACH DELETE n",
)


# A document taken out by number: its tasks and what it cites go; still cited, it stays as a
# Directive; then agencies and citations nothing points to any more.
FORGET_DOCUMENT = (
    "MATCH (:Document {id: $doc_id})<-[:PART_OF*1..]-(t:Task) DETACH DELETE t",
    "MATCH (:Document {id: $doc_id})-[r]->() DELETE r",
    "MATCH (d:Document {id: $doc_id}) WHERE (d)<-[:IMPLEMENTS|FORWARDS]-() "
    "REMOVE d:Document SET d:Directive, "
    + ", ".join(f"d.{p} = NULL" for p in DOCUMENT_ONLY_PROPERTIES),
    "MATCH (d:Document {id: $doc_id}) DETACH DELETE d",
    # an agency no task or document names any more goes (its SUCCEEDED_BY edges with it)
    "MATCH (a:Agency) WHERE NOT (a)-[:LEADS|COOPERATES]->() AND NOT ()-[:ISSUED_BY]->(a) DETACH DELETE a",
    "MATCH (d:Directive) WHERE NOT d:Document AND NOT (d)<--() DETACH DELETE d",
)


# --- reprint: a file that prints a stored document whose tasks come from a fuller copy --------
# The file is added to the document's files, and to the `source` of the stored tasks its copy
# prints; the tasks it printed before and no longer prints lose it.
REPRINT = (
    "MATCH (d:Document {id: $doc_id}) SET "
    "d.loaded_from = [x IN d.loaded_from WHERE x <> $file] + [$file], "
    "d.source = [x IN d.source WHERE x <> $file] + [$file]",
    # `WITH t WHERE`: with the test in the MATCH, FalkorDB scans every Task first (4 ms a reprint at 1k)
    "MATCH (:Document {id: $doc_id})<-[:PART_OF*1..]-(t:Task) WITH t WHERE $file IN t.source AND t.source[0] <> $file "
    "SET t.source = [x IN t.source WHERE x <> $file]",
    # the same place and title, or one title the start of the other (model.same_headline)
    "UNWIND $rows AS row MATCH (t:Task {id: row.id}) WHERE (t.title = row.title OR row.title <> '' AND "
    "t.title <> '' AND (t.title STARTS WITH row.title OR row.title STARTS WITH t.title)) AND NOT $file IN t.source "
    "SET t.source = t.source + [$file]",
)


def forget_statements(files, documents=()) -> list[Statement]:
    return ([Statement(text, {"file": f}) for f in files for text in (AGENCY_TASKS_LESS_FILE, *FORGET_FILE)]
            + [Statement(text, {"doc_id": d}) for d in documents
               for text in (AGENCY_TASKS_LESS_DOCUMENT, *FORGET_DOCUMENT)])


# --- agency task counts: kept with the graph (`agencies-one-alias` orders 16k agencies by them) ---
# `Agency.task_count` is how many tasks and sub-items the agency leads or cooperates on. A task
# belongs to one document, so a write takes the document's old tasks off the count of each of
# their agencies just before it deletes them, and adds its new ones after writing them. A count
# that is null (an agency new to the store, or a store built before counts were kept) stays null
# under these and is counted whole: in the write's transaction, or at the end of a build.
_LESS = "WITH a, count(DISTINCT t) AS n SET a.task_count = a.task_count - n"
AGENCY_TASKS_LESS_FILE = ("MATCH (t:Task) WHERE t.source[0] = $file "  # the tasks FORGET_FILE deletes
                          "MATCH (a:Agency)-[:LEADS|COOPERATES]->(t) " + _LESS)
AGENCY_TASKS_LESS_DOCUMENT = ("MATCH (:Document {id: $doc_id})<-[:PART_OF*1..]-(t:Task) "
                              "MATCH (a:Agency)-[:LEADS|COOPERATES]->(t) " + _LESS)
# what a document's write adds: counted from its batch ($rows: agency id, how many of its tasks)
AGENCY_TASKS_MORE = "UNWIND $rows AS row MATCH (a:Agency {id: row.id}) SET a.task_count = a.task_count + row.n"
AGENCY_TASKS_UNCOUNTED = "MATCH (a:Agency) WHERE a.task_count IS NULL RETURN a.id AS id ORDER BY id"
_COUNT_AGENCY = ("OPTIONAL MATCH (a)-[:LEADS|COOPERATES]->(t:Task) "
                 "WITH a, count(DISTINCT t) AS n SET a.task_count = n")
AGENCY_TASKS_COUNT_NEW = "MATCH (a:Agency) WHERE a.task_count IS NULL WITH a " + _COUNT_AGENCY
AGENCY_TASKS_COUNT = "UNWIND $ids AS id MATCH (a:Agency {id: id}) WITH a " + _COUNT_AGENCY


def _union(prop: str) -> str:
    """`n.prop` extended by the row's values it does not hold yet (first-seen order)."""
    return (f"n.{prop} = CASE WHEN n.{prop} IS NULL THEN row.{prop} "
            f"ELSE n.{prop} + [x IN row.{prop} WHERE NOT x IN n.{prop}] END")


def _fill_missing(prop: str) -> str:
    if prop == "year":
        return "n.year = coalesce(n.year, row.props.year)"
    return (f"n.{prop} = CASE WHEN coalesce(n.{prop}, '') = '' "
            f"THEN row.props.{prop} ELSE n.{prop} END")


def add_label(label: str, where: str) -> str:
    """A node already stored under `where` also gets `label` (labels are only ever added)."""
    return f"UNWIND $rows AS row MATCH (n:{where} {{id: row.id}}) SET n:{label}"


def merge_nodes(label: str) -> str:
    """Each row's node, found or created by id, with its properties set: loaded facts (a Document,
    Task, Agency) overwrite, lists are unioned; a Task also gets its `due_day` (TASK_DUE_DAY_MISSING).
    (One statement per label: a MERGE and a SET in two statements sent every id twice and cost the
    server a statement more per label.)"""
    sets = ["n += row.props", _union("source")]
    if label == "Agency":
        sets.append(_union("aliases"))
    if label == "Document":
        sets.append(_union("loaded_from"))
    if label == "Task":
        sets.append("n.due_day = " + _DUE_DAY.format(due="row.props.due"))
    return f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET " + ", ".join(sets)


# --- due days: a task's `due` (YYYY-MM-DD) kept as a number too, YYYYMMDD (`due_day`) --------------
# `tasks-due` and `agency-due-by-month` read the tasks of a window by a range index on it instead
# of testing every task's date. The index is on a number because FalkorDB's range index on a
# string drops `<` bounds (FalkorDB/FalkorDB#2239: `t.due < $before` returned every dated task
# once `due` was indexed), and numbers of YYYYMMDD order as the dates do. Written with the task
# (merge_nodes); a store written before it was kept gets it at the end of the next build
# (TASK_DUE_DAY_MISSING, graph/coverage.refresh).
_DUE_DAY = "toInteger(replace({due}, '-', ''))"
TASK_DUE_DAY_MISSING = ("MATCH (t:Task) WHERE t.due IS NOT NULL AND t.due_day IS NULL "
                        "SET t.due_day = " + _DUE_DAY.format(due="t.due"))


def merge_citations() -> str:
    """Cited directives, found or created by id; a citation fills only what is missing: it never
    overwrites a loaded Document's title."""
    sets = [_fill_missing(p) for p in CITATION_PROPERTIES] + [_union("source")]
    return "UNWIND $rows AS row MERGE (n:Directive {id: row.id}) SET " + ", ".join(sets)


def merge_relationships(rel_type: str, start_label: str, end_label: str, new: bool = False) -> str:
    """Each row's relationship, found or created (`new`: created, for relationships the same
    transaction deleted every possible copy of just before: the server then looks for none)."""
    return (f"UNWIND $rows AS row MATCH (a:{start_label} {{id: row.start}}) "
            f"MATCH (b:{end_label} {{id: row.end}}) "
            f"{'CREATE' if new else 'MERGE'} (a)-[r:{rel_type}]->(b) SET r += row.props")


def primary_label(labels) -> str:
    """The label a node is merged under: a loaded Document wins over a citation."""
    labels = set(labels)
    unknown = labels - set(LABELS)
    if unknown or not labels:
        raise ValueError(f"unknown node labels: {sorted(unknown) or 'none'}")
    for label in ("Document", "Directive", "Task", "Agency"):
        if label in labels:
            return label
    raise AssertionError  # pragma: no cover


def _row(node: dict) -> dict:
    props = dict(node["properties"])
    row = {"id": node["id"], "source": list(props.pop("source", []))}
    props.pop("id", None)
    for prop in ("aliases", "loaded_from"):
        if prop in props:
            row[prop] = list(props.pop(prop))
    row["props"] = props
    return row


_SCALARS = (str, bool, int, float)


def _unstorable(value) -> str | None:
    """Why neither store can hold `value` as a property, or None when both can: a scalar, or a
    list of scalars of one type (Neo4j refuses maps, nested and mixed lists; FalkorDB maps)."""
    if value is None or isinstance(value, _SCALARS):
        return "holds a NUL character" if isinstance(value, str) and "\x00" in value else None
    if isinstance(value, (list, tuple)):
        kinds = {bool if isinstance(v, bool) else str if isinstance(v, str) else
                 (int, float) if isinstance(v, (int, float)) else None for v in value}
        if None in kinds or len(kinds) > 1:
            return "is a list that is not all strings, all numbers or all booleans"
        return next((why for v in value if (why := _unstorable(v))), None)
    return f"is a {type(value).__name__}, not a string, number, boolean or list of them"


def _refuse_unstorable(batch: GraphBatch) -> None:
    """Refuse the whole document before sending any statement when a property cannot be stored:
    a failed statement inside FalkorDB's MULTI/EXEC does not undo the others (a NUL character ends
    a string there and fails its statement; a map fails it too)."""
    for item in [*batch.nodes, *batch.relationships]:
        for key, value in (item.get("properties") or {}).items():
            if why := _unstorable(value):
                raise ValueError(f"{item['id']}: property {key!r} {why}")


# --- directive coverage: counts kept with the graph (the `directive-coverage` query reads them) --
# For each Directive: how many loaded documents and tasks carry it out, directly or through chains
# of forwarding and implementing documents (a path of at most 10 steps, PART_OF first, then
# FORWARDS/IMPLEMENTS, as `trace-directive-down` walks it; the directive's own tasks are not
# counted), and their regions in sorted order. Walking every chain to every directive takes
# seconds at 10k documents, so the counts are kept on the directive: a write marks the
# directives above what it changes (before and after, in its transaction) stale, and the stale
# ones are counted again, in the same transaction by default, or once at the end of a build.
_ABOVE = ("MATCH (d)<-[:PART_OF*0..4]-(n)-[:FORWARDS|IMPLEMENTS*1..10]->(x:Directive) "
          "WITH DISTINCT x SET x.coverage_stale = true")
COVERAGE_MARK_DOCUMENT = "MATCH (d:Document {id: $doc_id}) " + _ABOVE
COVERAGE_MARK_FILE = "MATCH (d:Document) WHERE $file IN d.loaded_from " + _ABOVE
_STALE = "dir.coverage_stale = true OR dir.coverage_documents IS NULL"
COVERAGE_STALE = f"MATCH (dir:Directive) WHERE {_STALE} RETURN dir.id AS id ORDER BY id"
_COUNT = (
    "OPTIONAL MATCH q = (dir)<-[:FORWARDS|IMPLEMENTS*1..10]-(a) "
    "WHERE a:Document OR a:Task "
    "WITH dir, a, min(length(q)) AS dist "
    "OPTIONAL MATCH r = (a)<-[:PART_OF*0..4]-(n) "
    "WHERE dist + length(r) <= 10 "
    "WITH DISTINCT dir, n "
    "OPTIONAL MATCH (n)-[:PART_OF*0..4]->(home) "
    "WHERE home:Document "
    "WITH dir, collect(DISTINCT home) AS docs, count(DISTINCT CASE WHEN n:Task THEN n END) AS tasks "
    "UNWIND CASE WHEN size(docs) = 0 THEN [null] ELSE docs END AS doc "
    "WITH dir, size(docs) AS documents, tasks, doc.region AS region ORDER BY region "
    "WITH dir, documents, tasks, collect(DISTINCT region) AS regions "
    "SET dir.coverage_documents = documents, dir.coverage_tasks = tasks, "
    "dir.coverage_regions = regions, dir.coverage_stale = false"
)
COVERAGE_REFRESH_STALE = f"MATCH (dir:Directive) WHERE {_STALE} WITH dir " + _COUNT
COVERAGE_REFRESH = "UNWIND $ids AS id MATCH (dir:Directive {id: id}) WITH dir " + _COUNT


# --- successions: derived from the agencies in the store, drawn again whole ---------------------
# Among the agencies the drawing saw ($seen), the edges it did not draw go; an agency another
# build wrote meanwhile is not in $seen, so its edges (drawn by that build) stay.
DELETE_SUCCESSIONS = ("MATCH (a:Agency)-[r:SUCCEEDED_BY]->(b:Agency) WHERE a.id IN $seen AND b.id IN $seen "
                      "AND NOT ((a.id + ' -> ' + b.id) IN $keep) DELETE r")


def write_statements(batch: GraphBatch) -> list[Statement]:
    """All statements that replace one document, in the order they must run."""
    out = _write_statements(batch)
    if batch.document_id or batch.forget or batch.forget_documents:
        # the directives above what the batch changes, before it (the chains it takes out) and
        # after it (the chains it adds), are counted again (batch.coverage: in this transaction)
        before = ([Statement(COVERAGE_MARK_FILE, {"file": f}) for f in batch.forget]
                  + [Statement(COVERAGE_MARK_DOCUMENT, {"doc_id": d})
                     for d in [*batch.forget_documents, batch.document_id] if d])
        after = [Statement(COVERAGE_MARK_DOCUMENT, {"doc_id": batch.document_id})] if batch.document_id else []
        if batch.coverage:
            after += [Statement(COVERAGE_REFRESH_STALE, {}), Statement(AGENCY_TASKS_COUNT_NEW, {})]
        out = before + out + after
    return out


def _write_statements(batch: GraphBatch) -> list[Statement]:
    _refuse_unstorable(batch)
    out = forget_statements(batch.forget, batch.forget_documents)
    if batch.successions is not None:
        rows = [{"start": r["start"]["id"], "end": r["end"]["id"], "props": dict(r.get("properties") or {})}
                for r in batch.successions]
        out.append(Statement(DELETE_SUCCESSIONS, {"seen": sorted(batch.seen_agencies),
                                                  "keep": [f"{r['start']} -> {r['end']}" for r in rows]}))
        if rows:
            out.append(Statement(merge_relationships("SUCCEEDED_BY", "Agency", "Agency"), {"rows": rows}))
    if batch.reprint:
        params = {"doc_id": batch.reprint["document"], "file": batch.reprint["file"]}
        out += [Statement(REPRINT[0], params), Statement(REPRINT[1], params),
                Statement(REPRINT[2], {"file": params["file"], "rows": batch.reprint["tasks"]})]
    if not batch.document_id:
        return out
    doc = {"doc_id": batch.document_id}
    out += [Statement(AGENCY_TASKS_LESS_DOCUMENT, doc), Statement(DELETE_TASKS, doc), Statement(DELETE_OUTGOING, doc)]

    groups: dict[str, list[dict]] = {label: [] for label in LABELS}
    extra: dict[tuple[str, str], list[dict]] = {}
    label_of: dict[str, str] = {}
    for node in batch.nodes:
        label = primary_label(node["labels"])
        label_of[node["id"]] = label
        groups[label].append(_row(node))
        for other in sorted(set(node["labels"]) - {label}):
            extra.setdefault((other, label), []).append({"id": node["id"]})

    if groups["Document"]:
        rows = groups["Document"]
        # a cited-only Directive that is now loaded becomes Document+Directive (one node)
        out.append(Statement(add_label("Document", "Directive"), {"rows": [{"id": r["id"]} for r in rows]}))
        out.append(Statement(merge_nodes("Document"), {"rows": rows}))
    if groups["Directive"]:
        rows = groups["Directive"]
        # a loaded Document that is now cited keeps Document and gains Directive
        out.append(Statement(add_label("Directive", "Document"), {"rows": [{"id": r["id"]} for r in rows]}))
        out.append(Statement(merge_citations(), {"rows": rows}))
    for label in ("Task", "Agency"):
        if groups[label]:
            out.append(Statement(merge_nodes(label), {"rows": groups[label]}))
    for (label, where), rows in sorted(extra.items()):
        out.append(Statement(add_label(label, where), {"rows": rows}))

    # Every relationship of a document's batch is new to the store: it leaves the document (whose
    # outgoing relationships DELETE_OUTGOING took out) or touches one of its tasks (a task's id
    # names its document, task:<document>#<place>, and DELETE_TASKS took out all of them with
    # their relationships). So they are CREATEd, one per (start, type, end), the rows' properties
    # merged in order as MERGE … SET would; any other (a hand-made batch) is MERGEd.
    rel_groups: dict[tuple[str, str, str, bool], dict[tuple[str, str], dict]] = {}
    tasks_of: dict[str, set[str]] = {}  # agency id -> the tasks it leads or cooperates on here
    for rel in batch.relationships:
        rtype = rel["label"]
        if rtype not in RELATIONSHIP_TYPES:
            raise ValueError(f"unknown relationship type: {rtype!r}")
        start, end = rel["start"]["id"], rel["end"]["id"]
        if start not in label_of or end not in label_of:
            raise ValueError(f"relationship {rtype} {start} -> {end} names a node outside its batch")
        new = start == batch.document_id or "Task" in (label_of[start], label_of[end])
        key = (rtype, label_of[start], label_of[end], new)
        if rtype in ("LEADS", "COOPERATES") and key[1:3] == ("Agency", "Task"):
            tasks_of.setdefault(start, set()).add(end)
        row = rel_groups.setdefault(key, {}).setdefault((start, end), {"start": start, "end": end, "props": {}})
        row["props"].update(rel.get("properties") or {})
    for (rtype, start_label, end_label, new), rows in sorted(rel_groups.items()):
        out.append(Statement(merge_relationships(rtype, start_label, end_label, new), {"rows": list(rows.values())}))
    if tasks_of:  # every task of the batch is part of its document, and only those are
        out.append(Statement(AGENCY_TASKS_MORE, {"rows": [{"id": a, "n": len(t)} for a, t in sorted(tasks_of.items())]}))
    return out


# --- schema: the only statements that differ between the stores -----------------------------

# Besides `id`, the properties saved queries look nodes up by (`{number: $number}`), so that
# they start from an index lookup instead of a label scan.
# the tasks of a due-date window (`due_day`, a number: see TASK_DUE_DAY_MISSING) and the yearly ones
LOOKUP_PROPERTIES = (("Directive", "number"), ("Document", "number"), ("Task", "due_day"), ("Task", "recurs"))


# FalkorDB can index each element of a list property, which would make `$agency IN a.aliases` (an
# agency by its name or any printed form: its name is always one of its aliases, graph/model.py) an
# index lookup instead of a scan of every agency (~11 ms of each agency query's ~15 at 10k
# documents). Not created: with an index on Agency.aliases, one test's embedded server once hung
# while loading its store (blocked on a lock in FalkorDB's loading code), and a hang costs more
# than 11 ms. Put ("Agency", "aliases") here to create it. Neo4j's range indexes do not answer
# list membership, so it would not be created there either.
FALKORDB_LIST_LOOKUPS: tuple[tuple[str, str], ...] = ()


def falkordb_schema() -> list[str]:
    return ([f"CREATE INDEX FOR (n:{label}) ON (n.id)" for label in LABELS]
            + [f"CREATE INDEX FOR (n:{label}) ON (n.{prop})"
               for label, prop in LOOKUP_PROPERTIES + FALKORDB_LIST_LOOKUPS])


def neo4j_schema() -> list[str]:
    return ([f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
             f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" for label in LABELS]
            + [f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
               for label, prop in LOOKUP_PROPERTIES])


# --- reads used by every store (nodes(), relationships(), counts()) -------------------------

# Pages are keyed by node id (`n.id > $after`), not SKIP: a SKIP page sorts the whole graph again,
# which made a 10k-document export quadratic. A relationships page holds every outgoing edge of the
# next $limit nodes (a node without one comes back once with a null `type`, to carry the key on).
NODES_PAGE = ("MATCH (n) WHERE n.id > $after RETURN labels(n) AS labels, properties(n) AS props "
              "ORDER BY n.id LIMIT $limit")
RELATIONSHIPS_PAGE = ("MATCH (a) WHERE a.id > $after WITH a ORDER BY a.id LIMIT $limit "
                      "OPTIONAL MATCH (a)-[r]->(b) "
                      "RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props")
# The same page with both ends' labels (the RDF export chooses what an edge's evidence quotes by them).
RELATIONSHIPS_LABELLED_PAGE = ("MATCH (a) WHERE a.id > $after WITH a ORDER BY a.id LIMIT $limit "
                               "OPTIONAL MATCH (a)-[r]->(b) "
                               "RETURN a.id AS start, labels(a) AS start_labels, type(r) AS type, b.id AS end, "
                               "CASE WHEN b IS NULL THEN [] ELSE labels(b) END AS end_labels, "
                               "properties(r) AS props")
# The loaded document each task belongs to, up its PART_OF chain (tasks, then sub-items).
TASK_DOCUMENTS = ("UNWIND $ids AS id MATCH (t:Task {id: id})-[:PART_OF*1..]->(d:Document) "
                  "RETURN id, d.id AS document")
LABEL_COUNTS = "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count"
RELATIONSHIP_COUNTS = "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS count"


def read_statements() -> list[str]:
    return [NODES_PAGE, RELATIONSHIPS_PAGE, RELATIONSHIPS_LABELLED_PAGE, TASK_DOCUMENTS, LABEL_COUNTS,
            RELATIONSHIP_COUNTS]
