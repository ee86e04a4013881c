"""Identity rules: the plain records of policykg/records.py → nodes and relationships.

Loaders know no store: they fill the record dataclasses of policykg.records (re-exported here),
with the text each fact was read from (`evidence`). `to_graph` applies the identity rules of
DESIGN.md and returns one `GraphBatch` per document, which a store writes in one transaction.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from policykg.records import AgencyRef, DocumentRecord, FileResult, Reference, TaskRecord

__all__ = ["AgencyRef", "DocumentRecord", "FileResult", "GraphBatch", "Reference", "TaskRecord",
           "agency_id", "document_id", "identity", "record_fingerprint", "relationship_id", "reprint",
           "same_headline", "task_id", "to_graph"]


@dataclass
class GraphBatch:
    """Nodes and relationships of one document, in the APOC export layout (without `type`)."""

    document_id: str
    nodes: list[dict] = field(default_factory=list)
    relationships: list[dict] = field(default_factory=list)
    # files whose earlier contributions go first, in the same transaction (a changed or removed
    # file: its tasks, documents and citations that it alone gave)
    forget: list[str] = field(default_factory=list)
    forget_documents: list[str] = field(default_factory=list)  # document ids (`remove NUMBER`)
    # the SUCCEEDED_BY edges among `seen_agencies` (the agency ids they were drawn from), drawn
    # again (graph/successions.py); None: untouched
    successions: list[dict] | None = None
    seen_agencies: list[str] = field(default_factory=list)
    # a stored document printed in another file too, whose copy there is not written (the stored
    # one has more tasks): {"file", "document", "tasks": [{"id", "title"}]}; the file joins the
    # document's `loaded_from` and `source`, and the `source` of each stored task it prints
    reprint: dict | None = None
    # count the coverage of the directives this batch makes stale again in its own transaction
    # (False: the caller does it later with graph.coverage.refresh, as a build does once at its end)
    coverage: bool = True


# --- identity -------------------------------------------------------------------------------

def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def document_id(number: str, issuer: str = "", title: str = "", fingerprint: str = "") -> str:
    """Identity (DESIGN.md): `doc:` + canonical number; else a hash of issuer and title; else,
    when neither number nor title is printed, the digest of the document's text (`doc:t…`,
    records.text_fingerprint). "" when nothing identifies it (a citation with neither)."""
    if number:
        return "doc:" + number
    if title:
        return "doc:h" + _digest(issuer, title)
    if fingerprint:
        return "doc:t" + fingerprint
    return ""


def record_fingerprint(doc: DocumentRecord) -> str:
    """The loader's text digest; for a record made by hand, a digest of what it holds."""
    if doc.fingerprint:
        return doc.fingerprint
    import json
    from dataclasses import asdict
    content = {k: v for k, v in asdict(doc).items() if k not in ("source", "fingerprint")}
    return _digest(json.dumps(content, ensure_ascii=False, sort_keys=True))


def identity(doc: DocumentRecord) -> str:
    """The id a loaded document gets by the rules (before any clash with another document)."""
    return document_id(doc.number, doc.issuer, doc.title, record_fingerprint(doc))


def agency_id(name: str) -> str:
    return "agency:" + name


def task_id(doc_id: str, path: str) -> str:
    return f"task:{doc_id[4:]}#{path}"


def relationship_id(start: str, label: str, end: str) -> str:
    return "rel:" + _digest(start, label, end)


# --- records to graph -----------------------------------------------------------------------

def _node(nid: str, labels: list[str], source: str, **props) -> dict:
    props = {k: v for k, v in props.items() if v is not None}
    return {"id": nid, "labels": labels, "properties": {"id": nid, "source": [source], **props}}


def _rel(start: str, label: str, end: str, **props) -> dict:
    props = {k: v for k, v in props.items() if v not in (None, "")}
    return {"id": relationship_id(start, label, end), "label": label,
            "start": {"id": start}, "end": {"id": end}, "properties": props}


def _agency_node(a: AgencyRef, source: str) -> dict:
    aliases = sorted({a.name, a.surface, *a.aliases} - {""})
    return _node(agency_id(a.name), ["Agency"], source, name=a.name, aliases=aliases,
                 region=a.region, level=a.level, kind=a.kind)


def _directive_node(r: Reference, source: str) -> dict | None:
    nid = document_id(r.number, r.issuer, r.title)
    if not nid:  # neither number nor title: nothing to identify it by
        return None
    return _node(nid, ["Directive"], source, number=r.number, title=r.title, issuer=r.issuer,
                 level=r.level, region=r.region, year=r.year)


def to_graph(doc: DocumentRecord, doc_id: str = "") -> GraphBatch:
    """Apply the identity rules: one batch per document, nodes de-duplicated by id. `doc_id`
    overrides the rules' id (the build gives a document that clashes with another its own)."""
    did = doc_id or identity(doc)
    batch = GraphBatch(did)
    nodes: dict[str, dict] = {}
    rels: dict[str, dict] = {}

    def add_node(n: dict | None) -> str:
        if n is None:
            return ""
        old = nodes.get(n["id"])
        if old is None:
            nodes[n["id"]] = n
        else:
            old["labels"] = sorted(set(old["labels"]) | set(n["labels"]))
            if "aliases" in n["properties"]:
                merged = set(old["properties"].get("aliases", [])) | set(n["properties"]["aliases"])
                old["properties"]["aliases"] = sorted(merged)
        return n["id"]

    def add_rel(r: dict) -> None:
        if r["start"]["id"] and r["end"]["id"]:
            rels.setdefault(r["id"], r)

    year = int(doc.date[:4]) if doc.date[:4].isdigit() else None
    add_node(_node(did, ["Document"], doc.source, number=doc.number, title=doc.title,
                   issuer=doc.issuer, date=doc.date, doc_type=doc.doc_type, level=doc.level,
                   region=doc.region, year=year, role_phrases=doc.role_phrases,
                   unread_role_phrases=doc.unread_role_phrases,
                   fingerprint=record_fingerprint(doc), loaded_from=[doc.source]))
    for a in doc.issuers:
        add_rel(_rel(did, "ISSUED_BY", add_node(_agency_node(a, doc.source)), evidence=a.evidence))
    for r in doc.implements:
        add_rel(_rel(did, "IMPLEMENTS", add_node(_directive_node(r, doc.source)), evidence=r.evidence,
                    cited_title=r.title))
    for r in doc.forwards:
        add_rel(_rel(did, "FORWARDS", add_node(_directive_node(r, doc.source)), evidence=r.evidence,
                    cited_title=r.title))

    def add_task(t: TaskRecord, parent: str, path: str) -> None:
        tid = task_id(did, path)
        add_node(_node(tid, ["Task"], doc.source, label=t.label, title=t.title, text=t.text,
                       section=t.section, order=t.order, deadline=t.deadline or None,
                       due=t.due or None, recurs=t.recurs or None))
        add_rel(_rel(tid, "PART_OF", parent))
        strongest = {a.name for a in t.leads}
        for a in t.leads:
            add_rel(_rel(add_node(_agency_node(a, doc.source)), "LEADS", tid,
                         role_text=a.role_text, evidence=a.evidence))
        for a in t.cooperates:
            if a.name in strongest:
                continue
            add_rel(_rel(add_node(_agency_node(a, doc.source)), "COOPERATES", tid,
                         role_text=a.role_text, evidence=a.evidence))
        for r in t.implements:
            add_rel(_rel(tid, "IMPLEMENTS", add_node(_directive_node(r, doc.source)), evidence=r.evidence,
                    cited_title=r.title))
        for i, sub in enumerate(t.subtasks, 1):
            add_task(sub, tid, f"{path}.{i}")

    for i, t in enumerate(doc.tasks, 1):
        add_task(t, did, str(i))
    batch.nodes = list(nodes.values())
    batch.relationships = list(rels.values())
    return batch


def same_headline(a: str, b: str) -> bool:
    """Do two copies print one task at one place? The same title, or one the start of the other
    (a PDF that glued 二、鼓励在县城购房，提供就学、落户保障 to the text under it)."""
    return a == b or bool(a and b) and (a.startswith(b) or b.startswith(a))


def reprint(doc: DocumentRecord, did: str, source: str) -> GraphBatch:
    """What a copy of a stored document that is not written gives: the file that prints it, and
    which of the stored tasks it prints (the same place and title, as same_headline reads it)."""
    tasks = [{"id": n["id"], "title": n["properties"]["title"]}
             for n in to_graph(doc, did).nodes if "Task" in n["labels"]]
    return GraphBatch("", reprint={"file": source, "document": did, "tasks": tasks})
