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
from typing import Iterable
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


def to_rdf(nodes: Iterable[dict], relationships: Iterable[dict]) -> Graph:
    """Nodes and relationships (APOC dicts, with or without "type") as an rdflib Graph.

    Node properties and labels that the ontology does not map are left out; the tests check that
    every key the graph layer writes is mapped.
    """
    m = _mapping()
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    labels_of: dict[str, set] = {}
    for node in nodes:
        nid = _node_id(node)
        subject = iri(nid)
        labels = set(node.get("labels", []))
        labels_of[nid] = labels
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

    part_of: dict[str, str] = {}
    qualified = []
    for rel in relationships:
        rtype = rel.get("label") or rel.get("type")
        edge = m.edges.get(rtype)
        if edge is None:
            continue
        start, end = str(rel["start"]["id"]), str(rel["end"]["id"])
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

    for rtype, edge, start, end, props in qualified:
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
        if props.get("evidence"):
            anchor = start if labels_of.get(start, set()) & {"Document", "Task"} else end
            source = quoted_from(anchor)
            if source is not None:
                g.add((link, PROV.wasQuotedFrom, iri(source)))
    return g


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


def export_rdf(store, fmt: str, path) -> int:
    """Write the whole store as Turtle or JSON-LD to `path`; returns the number of triples."""
    g = to_rdf(store.nodes(), store.relationships())
    text = serialize(g, fmt)

    def write(tmp) -> None:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
    atomic_write(path, write)
    return len(g)


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
