"""The four HTML views the CLI writes: `policykg view overview|document|agency|directive`.

    from policykg.viz.views import write_view
    write_view(store, "document", "淄政发〔2018〕1号", "doc.html")
    # -> {"nodes": N, "edges": M, "counts": {"Document": …, "Task": …, …}, "title": "…"}

Each view reads its subgraph from the store (`subgraph.py`), lays it out and writes one offline
HTML page (`html.py`). The document, agency and directive views are laid out as what they are
(`outline.py`: an outline of sections and tasks with the agencies beside them, a list by year,
a tree by level); the overview arranges itself when small and is laid out in bands by level when
large (`layout.py`). An unknown key raises `ViewNotFound` (a `LookupError`) naming the key.
"""
from __future__ import annotations

from collections import Counter

from . import groups, html, layout, outline, subgraph
from .subgraph import ViewNotFound  # noqa: F401  (re-exported for the CLI)

PHYSICS_LIMIT = 400  # above this many nodes, the overview's positions are computed in Python

# kind -> (reads the subgraph, lays it out, heading word, subtitle)
VIEWS = {
    "overview": (lambda store, key: subgraph.overview_graph(store), None, "总览",
                 "全部文件、上级文件与单位；单位到文件的连线代表其承担的任务，线越粗任务越多"),
    "document": (subgraph.document_graph, outline.document_layout, "文件",
                 "左：发文机关、所依据和转发的上级文件、贯彻落实本文件的下级文件；中：章节与任务；"
                 "右：牵头（实线）与配合（虚线）单位"),
    "agency": (subgraph.agency_graph, outline.agency_layout, "单位",
               "按年份与文件列出其牵头或配合的任务；右侧为共同承担任务的单位及其发出的文件"),
    "directive": (subgraph.directive_graph, outline.directive_layout, "上级文件",
                  "贯彻落实树：国家级 → 省级 → 市级 → 县区级，其下为各文件的章节与任务（注明牵头单位）"),
}


def title_of(g, heading: str) -> str:
    if "root" not in g.graph:
        return "policykg " + heading
    return title_of_props(g.nodes[g.graph["root"]]["props"], heading)


def title_of_props(props: dict, heading: str) -> str:
    words = (props.get("number"), props.get("title") or props.get("name"))
    return heading + " " + " ".join(w for w in words if w)


def counts(g) -> dict:
    """What a view draws, by kind of node, for the summary the command prints."""
    kinds = Counter(html.node_kind(d["labels"]) for _, d in g.nodes(data=True))
    return {k: kinds[k] for k in ("Document", "Directive", "Task", "Agency") if kinds[k]}


def prepare(store, kind: str, key: str | None, *, physics_limit: int = PHYSICS_LIMIT):
    """Read and lay out one view: (graph, positions or None, mode, title, subtitle)."""
    if kind not in VIEWS:
        raise ValueError(f"unknown view {kind!r}; choose one of {', '.join(VIEWS)}")
    if kind != "overview" and not key:
        raise ValueError(f"the {kind} view needs a {'name' if kind == 'agency' else 'number'}")
    read, lay_out, heading, subtitle = VIEWS[kind]
    g = read(store, key)
    return arrange(g, kind, physics_limit=physics_limit) + (title_of(g, heading), subtitle)


def arrange(g, kind: str, *, physics_limit: int = PHYSICS_LIMIT) -> tuple:
    """Positions and drawing mode of a view graph of this kind: (graph, positions, mode)."""
    lay_out = VIEWS[kind][1]
    if lay_out is not None:
        pos = lay_out(g, g.graph["root"])
        return g, pos, "tree" if kind == "directive" else "structured"
    pos = layout.banded_layout(g) if g.number_of_nodes() > physics_limit else None
    return g, pos, "compact"


GROUPED_SUBTITLE = ("文件与单位按地区和层级分组（节点大小随数量）；组间连线代表其背后的任务与文件，线越粗越多；"
                    "双击一组列出其中的文件或单位")


def write_view(store, kind: str, key: str | None, path, *,
               physics_limit: int = PHYSICS_LIMIT, grouped: bool | None = None,
               members: int = groups.MEMBERS) -> dict:
    """Write one view to `path`; return how many nodes and links it draws, by kind.

    The overview is grouped by region and level when `grouped` is true, or when it is None
    (the default) and the store holds more than `groups.GROUP_THRESHOLD` documents, directives
    and agencies; each group lists its `members` busiest members."""
    if kind == "overview" and (grouped or (grouped is None and
                                           groups.overview_size(store) > groups.GROUP_THRESHOLD)):
        return write_grouped_overview(store, path, members=members)
    g, pos, mode, title, subtitle = prepare(store, kind, key, physics_limit=physics_limit)
    page = html.render(g, pos, title, subtitle, mode=mode)
    html.write_html(page, path)
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "counts": counts(g),
            "title": title}


def write_grouped_overview(store, path, *, members: int = groups.MEMBERS) -> dict:
    """The overview of a large store: groups by region and level that expand in the page."""
    read = groups.read_groups(store, members=members)
    title = "policykg 总览（按地区与层级分组）"
    context = groups.page_context(read, title, GROUPED_SUBTITLE)
    html.write_html(html.render_context(context), path)
    by_kind = Counter(g.kind for g in read.groups)
    return {"nodes": len(context["nodes"]), "edges": len(context["edges"]), "counts": read.totals(),
            "groups": {k: by_kind[k] for k in groups.KINDS if by_kind[k]},
            "listed": len(context["page"]["groups"]["members"]), "title": title}


WORDS = {"Document": "文件", "Directive": "上级文件", "Task": "任务", "Agency": "单位"}


def summary(path, drawn: dict) -> str:
    """One line in Chinese for the command line: what was written and what it shows."""
    parts = "、".join(f"{n} 个{WORDS[k]}" if k != "Task" else f"{n} 项任务"
                     for k, n in drawn["counts"].items())
    if drawn.get("groups"):
        made = "、".join(f"{n} 个{WORDS[k]}组" for k, n in drawn["groups"].items())
        return (f"已写出 {path}：{drawn['title']}（{made}，共 {parts}；{drawn['edges']} 条组间连线；"
                f"页内可展开 {drawn['listed']} 个成员）")
    return f"已写出 {path}：{drawn['title']}（{parts}，{drawn['edges']} 条连线）"
