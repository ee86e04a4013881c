"""The graph as RDF: nodes and relationships in the APOC layout to an rdflib Graph, Turtle or JSON-LD.

The mapping (node label -> class, property key -> property, relationship type -> property and
qualified-node class) is read from the annotations in policykg.ttl, so the ontology is the one
place that says how the property graph reads as RDF. Every evidence-bearing edge is written as a
direct triple and as a qualified node (see the comment at the top of policykg.ttl).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator
from urllib.parse import quote

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

from policykg.graph.export import atomic_write
from policykg.graph.model import relationship_id

PKG = Namespace("https://w3id.org/policykg/ontology#")
ID = Namespace("https://w3id.org/policykg/id/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")

PREFIXES = {"pkg": PKG, "id": ID, "eli": ELI, "org": ORG, "prov": PROV, "dcterms": DCTERMS,
            "skos": SKOS, "rdfs": RDFS, "xsd": XSD}
FORMATS = {"ttl": "turtle", "jsonld": "json-ld"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iri(node_id: str) -> URIRef:
    """Stable IRI of a graph id: the id percent-encoded (UTF-8) under the id namespace."""
    return ID[quote(str(node_id), safe="")]


def ontology_graph() -> Graph:
    """The OWL ontology shipped with the package (a fresh copy)."""
    return Graph().parse(data=_read("policykg.ttl"), format="turtle")


def shapes_graph() -> Graph:
    """The SHACL shapes shipped with the package (a fresh copy)."""
    return Graph().parse(data=_read("shapes.ttl"), format="turtle")


def _read(name: str) -> str:
    return resources.files("policykg.ontology").joinpath(name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class _Property:
    iri: URIRef
    datatype: URIRef | None  # xsd:date, xsd:integer, xsd:string
    language: str | None  # "zh" for natural-language text


@dataclass(frozen=True)
class _Edge:
    iri: URIRef
    qualified_class: URIRef | None
    start: URIRef | None
    end: URIRef | None
    role: URIRef | None


@dataclass(frozen=True)
class _Mapping:
    classes: dict  # node label -> class
    properties: dict  # property key -> _Property
    edges: dict  # relationship type -> _Edge
    links: tuple  # every object property of the ontology (JSON-LD terms that take an IRI)


@lru_cache(maxsize=1)
def _mapping() -> _Mapping:
    ont = ontology_graph()
    classes = {str(label): cls for cls, label in ont.subject_objects(PKG.graphLabel)}
    properties = {}
    for prop, key in ont.subject_objects(PKG.graphKey):
        lang = ont.value(prop, PKG.textLanguage)
        properties[str(key)] = _Property(prop, ont.value(prop, RDFS.range),
                                         str(lang) if lang is not None else None)
    edges = {}
    for prop, rtype in ont.subject_objects(PKG.graphType):
        edges[str(rtype)] = _Edge(prop, ont.value(prop, PKG.qualifiedClass),
                                  ont.value(prop, PKG.qualifiedStart),
                                  ont.value(prop, PKG.qualifiedEnd), ont.value(prop, PKG.qualifiedRole))
    links = tuple(sorted(p for p in ont.subjects(RDF.type, OWL.ObjectProperty)
                         if str(p).startswith(str(PKG))))
    return _Mapping(classes, properties, edges, links)


def _literal(value, prop: _Property) -> Literal | None:
    """A typed literal; a value that does not fit its datatype is kept as a plain string so the
    shapes report it instead of the export hiding it."""
    if value is None or value == "":
        return None
    if prop.language:
        return Literal(str(value), lang=prop.language)
    if prop.datatype == XSD.integer and isinstance(value, int) and not isinstance(value, bool):
        return Literal(value, datatype=XSD.integer)
    if prop.datatype == XSD.date and isinstance(value, str) and _DATE.match(value):
        try:
            _dt.date.fromisoformat(value)
        except ValueError:
            return Literal(value)
        return Literal(value, datatype=XSD.date)
    return Literal(str(value))


def _node_id(node: dict) -> str:
    return str(node.get("properties", {}).get("id") or node["id"])


def _display_label(labels: set, props: dict) -> str:
    if "Agency" in labels:
        return props.get("name", "")
    if "Task" in labels:
        return " ".join(x for x in (str(props.get("label", "")), props.get("title", "")) if x)
    return props.get("number") or props.get("title", "")


def _new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def _add_node(g: Graph, node: dict, m: _Mapping) -> set:
    """A node's triples (class, mapped properties, display label); returns its labels."""
    nid = _node_id(node)
    subject = iri(nid)
    labels = set(node.get("labels", []))
    for label in labels:
        if label in m.classes:
            g.add((subject, RDF.type, m.classes[label]))
    props = dict(node.get("properties", {}))
    props.setdefault("id", nid)
    for key, value in props.items():
        prop = m.properties.get(key)
        if prop is None:
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        if key == "aliases":  # SKOS keeps prefLabel and altLabel disjoint
            values = [v for v in values if v != props.get("name")]
        for v in values:
            lit = _literal(v, prop)
            if lit is not None:
                g.add((subject, prop.iri, lit))
    shown = _display_label(labels, props)
    if shown:
        g.add((subject, RDFS.label, Literal(shown, lang="zh")))
    return labels


def _edge_of(rel: dict, m: _Mapping):
    """(type, mapping, start id, end id) of a relationship the ontology maps, else None."""
    rtype = rel.get("label") or rel.get("type")
    edge = m.edges.get(rtype)
    if edge is None:
        return None
    return rtype, edge, str(rel["start"]["id"]), str(rel["end"]["id"])


def _evidence_anchor(start: str, end: str, labels_of) -> str:
    """The node whose document an edge's evidence was read from: the document or task end."""
    return start if labels_of(start) & {"Document", "Task"} else end


def _add_qualified(g: Graph, rtype: str, edge: _Edge, start: str, end: str, props: dict, m: _Mapping,
                   source: str | None) -> None:
    """The qualified node of an evidence-bearing edge (`source`: the document it quotes)."""
    link = iri(relationship_id(start, rtype, end))
    g.add((link, RDF.type, edge.qualified_class))
    g.add((link, edge.start, iri(start)))
    g.add((link, edge.end, iri(end)))
    if edge.role is not None:
        g.add((link, PKG.role, edge.role))
    for key, value in props.items():
        prop = m.properties.get(key)
        lit = _literal(value, prop) if prop is not None and key != "id" else None
        if lit is not None:
            g.add((link, prop.iri, lit))
    if props.get("evidence") and source is not None:
        g.add((link, PROV.wasQuotedFrom, iri(source)))


def to_rdf(nodes: Iterable[dict], relationships: Iterable[dict]) -> Graph:
    """Nodes and relationships (APOC dicts, with or without "type") as an rdflib Graph, in memory
    (export_rdf streams the same triples from a store).

    Node properties and labels that the ontology does not map are left out; the tests check that
    every key the graph layer writes is mapped.
    """
    m = _mapping()
    g = _new_graph()
    labels_of: dict[str, set] = {}
    for node in nodes:
        labels_of[_node_id(node)] = _add_node(g, node, m)

    part_of: dict[str, str] = {}
    qualified = []
    for rel in relationships:
        found = _edge_of(rel, m)
        if found is None:
            continue
        rtype, edge, start, end = found
        g.add((iri(start), edge.iri, iri(end)))
        if rtype == "PART_OF":
            part_of[start] = end
        if edge.qualified_class is not None:
            qualified.append((rtype, edge, start, end, rel.get("properties") or {}))

    def quoted_from(nid: str) -> str | None:
        """The loaded document a statement about this node was read from."""
        seen = set()
        while nid in part_of and nid not in seen:
            seen.add(nid)
            nid = part_of[nid]
        return nid if "Document" in labels_of.get(nid, set()) else None

    def labels(nid: str) -> set:
        return labels_of.get(nid, set())

    for rtype, edge, start, end, props in qualified:
        source = quoted_from(_evidence_anchor(start, end, labels)) if props.get("evidence") else None
        _add_qualified(g, rtype, edge, start, end, props, m, source)
    return g


# Nodes (or relationships) turned into triples at a time by the streaming export: a chunk of task
# nodes is some 20 triples each, so a chunk's rdflib graph stays a few tens of MB.
RDF_CHUNK = 1000


def rdf_chunks(store, chunk: int = RDF_CHUNK) -> Iterator[Graph]:
    """The store's triples (the same as `to_rdf(store.nodes(), store.relationships())`) as a
    sequence of small graphs, read from the store a page at a time: memory does not grow with the
    store. A subject may appear in more than one chunk; no triple does."""
    from policykg.graph.export import EXPORT_PAGE

    m = _mapping()
    page = max(chunk, EXPORT_PAGE)  # the store is read in larger pages than the chunks
    g, n = _new_graph(), 0
    for node in store.nodes(page=page):
        _add_node(g, node, m)
        n += 1
        if n % chunk == 0:
            yield g
            g = _new_graph()
    if len(g):
        yield g
    labels_of: dict[str, set] = {}
    rels: list = []

    def flush() -> Graph:
        anchors = {}
        for rtype, edge, start, end, props in rels:
            if edge.qualified_class is not None and props.get("evidence"):
                anchors[(start, end)] = _evidence_anchor(start, end, lambda nid: labels_of.get(nid, set()))
        documents = store.documents_of_tasks(a for a in anchors.values() if "Task" in labels_of.get(a, set()))
        out = _new_graph()
        for rtype, edge, start, end, props in rels:
            out.add((iri(start), edge.iri, iri(end)))
            if edge.qualified_class is None:
                continue
            anchor = anchors.get((start, end))
            source = None
            if anchor is not None:
                source = anchor if "Document" in labels_of.get(anchor, set()) else documents.get(anchor)
            _add_qualified(out, rtype, edge, start, end, props, m, source)
        return out

    for rel in store.relationships(page=page, labels=True):
        found = _edge_of(rel, m)
        if found is None:
            continue
        rtype, edge, start, end = found
        labels_of[start] = set(rel["start"].get("labels", ()))
        labels_of[end] = set(rel["end"].get("labels", ()))
        rels.append((rtype, edge, start, end, rel.get("properties") or {}))
        if len(rels) >= chunk * 4:
            yield flush()
            rels.clear()
            labels_of.clear()
    if rels:
        yield flush()


def jsonld_context() -> dict:
    """A JSON-LD @context: the prefixes, plus a term for each mapped property with its datatype."""
    m = _mapping()
    ctx: dict = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    for prop in m.properties.values():
        name = prop.iri[len(str(PKG)):]
        term = {"@id": "pkg:" + name}
        if prop.datatype in (XSD.date, XSD.integer):
            term["@type"] = "xsd:" + prop.datatype[len(str(XSD)):]
        if prop.language:
            term["@language"] = prop.language
        ctx[name] = term
    for link in m.links:
        name = link[len(str(PKG)):]
        ctx[name] = {"@id": "pkg:" + name, "@type": "@id"}
    ctx["wasQuotedFrom"] = {"@id": "prov:wasQuotedFrom", "@type": "@id"}
    return ctx


def serialize(g: Graph, fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "jsonld":
        return g.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    return g.serialize(format="turtle")


def _write_turtle(chunks: Iterable[Graph], f) -> int:
    """Turtle, chunk by chunk: each chunk serialised by rdflib, its @prefix lines written once
    (Turtle allows a directive before any statement)."""
    declared: set[str] = set()
    triples = 0
    for g in chunks:
        text = g.serialize(format="turtle")
        lines = text.split("\n")
        i = 0
        while i < len(lines) and lines[i].startswith("@prefix"):
            if lines[i] not in declared:
                declared.add(lines[i])
                f.write(lines[i] + "\n")
            i += 1
        f.write("\n".join(lines[i:]).strip("\n") + "\n\n")
        triples += len(g)
    return triples


def _write_jsonld(chunks: Iterable[Graph], f) -> int:
    """JSON-LD, chunk by chunk: one @context, then the node objects of each chunk's compacted
    form in one @graph array (a subject split over two chunks is two objects with one @id, which
    JSON-LD merges)."""
    import json

    context = jsonld_context()
    f.write('{"@context": ' + json.dumps(context, ensure_ascii=False, indent=1) + ',\n"@graph": [')
    first, triples = True, 0
    for g in chunks:
        if not len(g):
            continue
        doc = json.loads(g.serialize(format="json-ld", context=context, auto_compact=True))
        items = doc["@graph"] if "@graph" in doc else [{k: v for k, v in doc.items() if k != "@context"}]
        for item in items:
            f.write(("\n" if first else ",\n") + json.dumps(item, ensure_ascii=False))
            first = False
        triples += len(g)
    f.write("\n]}\n")
    return triples


def export_rdf(store, fmt: str, path, chunk: int = RDF_CHUNK) -> int:
    """Write the whole store as Turtle or JSON-LD to `path`, streamed from the store's pages in
    chunks of `chunk` nodes (bounded memory); returns the number of triples."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; choose one of {', '.join(FORMATS)}")
    writer = _write_jsonld if fmt == "jsonld" else _write_turtle
    count = 0

    def write(tmp):
        nonlocal count
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            count = writer(rdf_chunks(store, chunk), f)

    atomic_write(path, write)
    return count


# --- saved SPARQL queries ----------------------------------------------------------------------

def sparql_queries() -> dict[str, str]:
    """The saved SPARQL queries shipped in ontology/sparql/, by name."""
    folder = resources.files("policykg.ontology").joinpath("sparql")
    return {p.name[:-3]: p.read_text(encoding="utf-8")
            for p in sorted(folder.iterdir(), key=lambda p: p.name) if p.name.endswith(".rq")}


_PARAM = re.compile(r"^# param: (\w+)(?: @([\w-]+))?", re.M)


def sparql_params(text: str) -> dict[str, str | None]:
    """The parameters a saved query declares (`# param: name [@lang] — description`), each with
    the language tag its literal takes (None: a plain string)."""
    return {m[1]: m[2] for m in _PARAM.finditer(text)}


def run_sparql(g: Graph, name: str, params: dict[str, str] | None = None) -> list[dict]:
    """Run a saved SPARQL query with its parameters bound as literals (never spliced into the
    query text); rows as dicts of Python values, unbound columns as None."""
    queries = sparql_queries()
    if name not in queries:
        raise KeyError(f"no saved SPARQL query {name!r}; known: {', '.join(queries)}")
    declared = sparql_params(queries[name])
    unknown = set(params or {}) - set(declared)
    if unknown:
        raise KeyError(f"{name} takes {', '.join(declared) or 'no parameters'}, not {', '.join(sorted(unknown))}")
    bindings = {k: Literal(v, lang=declared[k]) for k, v in (params or {}).items()}
    result = g.query(queries[name], initBindings=bindings)
    columns = [str(v) for v in result.vars]
    return [{c: (row[i].toPython() if row[i] is not None else None) for i, c in enumerate(columns)}
            for row in result]
