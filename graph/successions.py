"""Agencies over time: `(old:Agency)-[:SUCCEEDED_BY {year, basis}]->(new:Agency)`.

The successions of institutional reforms are data (loaders/data/successions.tsv, read by
`loaders.tables.reforms`: old names, new names, year, the levels they apply to, basis). An edge
links two agencies of ONE jurisdiction (the same region, or both national) when both are in the
store; names are never rewritten. The edges are derived from the agencies the store holds, so they are drawn again after
every build and every `remove` (`relink`): an agency that a removed or rebuilt file alone gave takes
its edges with it, and a body that appears later is linked whatever the order of loading. A drawing
replaces only the edges among the agencies it read, so that two builds at once cannot wipe each
other's edges.
"""
from __future__ import annotations

from policykg.loaders.tables import reforms

from .model import GraphBatch

AGENCIES = "MATCH (a:Agency) RETURN a.id AS id, a.name AS name, a.region AS region, a.level AS level"


def own_name(name: str, region: str) -> str:
    """A body's name without its jurisdiction: 淄博市卫生计生委 → 卫生计生委, 国家卫生健康委 → 卫生健康委."""
    if region and name.startswith(region):
        return name[len(region):]
    return name[2:] if not region and name.startswith("国家") else name


def _level(agency: dict) -> str:
    """An agency's level; a body of no region and no level (农业部) is national."""
    return agency.get("level") or ("" if agency.get("region") else "national")


def links(agencies) -> list[dict]:
    """The SUCCEEDED_BY edges among `agencies` (rows of id, name, region, level), each once."""
    by_region: dict[str, list[dict]] = {}
    for a in agencies:
        if a.get("name"):
            by_region.setdefault(a.get("region") or "", []).append(a)
    out = {}
    for rows in by_region.values():
        for s in reforms():
            here = [a for a in rows if _level(a) in s.levels]
            old = [a for a in here if own_name(a["name"], a.get("region") or "") in s.old]
            new = [a for a in here if own_name(a["name"], a.get("region") or "") in s.new]
            for o in old:
                for n in new:
                    if o["id"] != n["id"]:
                        out.setdefault((o["id"], n["id"]), {
                            "label": "SUCCEEDED_BY", "start": {"id": o["id"]}, "end": {"id": n["id"]},
                            "properties": {"year": s.year, "basis": s.basis,
                                           "evidence": f"{o['name']} → {n['name']}（{s.basis}）"}})
    return list(out.values())


def relink(store) -> int:
    """Draw every SUCCEEDED_BY edge again from the agencies in the store (one transaction);
    returns how many there are."""
    agencies = store.query(AGENCIES)
    edges = links(agencies)
    store.write(GraphBatch("", successions=edges, seen_agencies=[a["id"] for a in agencies]))
    return len(edges)
