"""The export formats, one table: the CLI offers exactly these, and `export` writes any of them.

A format is registered by a line here (name, what it is, the library function that writes it);
graph/export.py writes the property-graph formats, ontology/rdf.py the RDF ones, and neither
knows the other.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from policykg.graph.export import export_graphml, export_jsonl


@dataclass(frozen=True)
class ExportFormat:
    name: str
    help: str
    write: Callable[[object, str], str]  # (store, path) → what was written, for the user


def _rdf(fmt: str) -> Callable[[object, str], str]:
    def write(store, path) -> str:
        from policykg.ontology.rdf import export_rdf  # rdflib loads only when RDF is asked for

        return f"{export_rdf(store, fmt, path)} triples"
    return write


EXPORT_FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("jsonl", "JSON lines in the APOC layout (Neo4j's apoc.import.json reads it)", export_jsonl),
    ExportFormat("graphml", "GraphML (lists as JSON strings)", export_graphml),
    ExportFormat("ttl", "RDF as Turtle (ELI, W3C ORG, PROV-O)", _rdf("ttl")),
    ExportFormat("jsonld", "RDF as JSON-LD", _rdf("jsonld")),
)}


def export(store, fmt: str, path) -> str:
    """Write the store to `path` as `fmt`; returns what was written, for the user."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    return EXPORT_FORMATS[fmt].write(store, path)
