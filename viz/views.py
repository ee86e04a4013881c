"""The four HTML views the CLI writes: `policykg view overview|document|agency|directive`.

    from policykg.viz.views import write_view
    write_view(store, "document", "淄政发〔2018〕1号", "doc.html")   # -> {"nodes": N, "edges": M}

Each view reads its subgraph from the store (`subgraph.py`), lays it out (physics that
stabilises and then stops for small views, positions computed in Python for large ones and
for the directive tree: `layout.py`) and writes one offline HTML page (`html.py`).
An unknown key raises `ViewNotFound` (a `LookupError`) whose message names the key.
"""
from __future__ import annotations

from . import html, layout, subgraph
from .subgraph import ViewNotFound  # noqa: F401  (re-exported for the CLI)

PHYSICS_LIMIT = 400  # above this many nodes, positions are computed in Python, physics off

# kind -> (reads the subgraph, heading word, subtitle)
VIEWS = {
    "overview": (lambda store, key: subgraph.overview_graph(store), "",
                 "documents, directives and agencies; an agency→document link counts the tasks "
                 "behind it"),
    "document": (subgraph.document_graph, "Document",
                 "its tasks, who leads 牵头 and cooperates 配合, what it implements and forwards"),
    "agency": (subgraph.agency_graph, "Agency", "its tasks and the agencies it works with"),
    "directive": (subgraph.directive_graph, "Directive",
                  "implementation tree: national → provincial → municipal → county → tasks"),
}


def _title(g, heading: str) -> str:
    if "root" not in g.graph:
        return "policykg overview"
    props = g.nodes[g.graph["root"]]["props"]
    words = (props.get("number"), props.get("title") or props.get("name"))
    return heading + " " + " ".join(w for w in words if w)


def write_view(store, kind: str, key: str | None, path, *,
               physics_limit: int = PHYSICS_LIMIT) -> dict:
    """Write one view to `path`; return how many nodes and edges it draws."""
    if kind not in VIEWS:
        raise ValueError(f"unknown view {kind!r}; choose one of {', '.join(VIEWS)}")
    if kind != "overview" and not key:
        raise ValueError(f"the {kind} view needs a {'name' if kind == 'agency' else 'number'}")
    read, heading, subtitle = VIEWS[kind]
    g = read(store, key)
    if kind == "directive":
        pos = layout.tree_layout(g, g.graph["root"])
    elif g.number_of_nodes() > physics_limit:
        pos = layout.banded_layout(g)
    else:
        pos = None
    page = html.render(g, pos, _title(g, heading), subtitle, tree=kind == "directive")
    html.write_html(page, path)
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
