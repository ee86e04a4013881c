"""Turn a view graph into one self-contained, offline HTML page with pyvis.

Safety (DESIGN.md "Known pitfalls"): pyvis's own template loads Bootstrap from a CDN in every
mode, does not escape `heading`, and switches to an `innerHTML` popup when a title contains
"href". We therefore render pyvis's data with our own template (`templates/view.html`) in a
Jinja environment with autoescape on; vis-network is inlined (`cdn_resources="in_line"`),
node and edge titles are plain strings, which vis-network 9 shows with `innerText`, and the
template has no popup code at all. Node data reaches the page through `tojson`, which escapes
`<`, `>`, `&` and `'`, so no text from a document can close the script element.
"""
from __future__ import annotations

import math
import os
import re
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
import pyvis
from pyvis.network import Network

from .layout import STYLE

TEMPLATES = Path(str(resources.files("policykg.viz").joinpath("templates")))
PYVIS_TEMPLATES = Path(pyvis.__file__).parent / "templates"
LEVELS = {lv["key"]: lv for lv in STYLE["levels"]}
HIDDEN_PROPS = {"id"}
MAX_VALUE = 300  # characters of one property shown on hover
REMOTE_REFERENCE = re.compile(
    r"<(?:script|link|img|iframe|source|embed)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//",
    re.IGNORECASE)


def _short(value, limit: int = MAX_VALUE) -> str:
    if isinstance(value, (list, tuple)):
        value = "、".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def node_kind(labels) -> str:
    """The label that decides shape: a loaded document wins over its cited-directive self."""
    for label in ("Document", "Directive", "Task", "Agency"):
        if label in labels:
            return label
    return "Task"


def node_label(kind: str, props: dict) -> str:
    if kind in ("Document", "Directive"):
        return props.get("number") or _short(props.get("title") or props.get("id", ""), 18)
    if kind == "Agency":
        return props.get("name") or props.get("id", "")
    title = _short(props.get("title") or "", 12)
    return f"{props.get('label') or ''} {title}".strip()


def hover_text(heading: str, props: dict) -> str:
    """Plain text shown on hover; vis-network renders a string title as text."""
    lines = [heading]
    for key in sorted(props):
        if key in HIDDEN_PROPS or props[key] in (None, "", []):
            continue
        lines.append(f"{key}: {_short(props[key])}")
    return "\n".join(lines)


def _filter_attrs(g: nx.MultiDiGraph, n) -> tuple[str, str]:
    """Region and level a node is filtered by; tasks take their document's."""
    props = g.nodes[n]["props"]
    if "Task" in g.nodes[n]["labels"]:
        for _, e, k in g.out_edges(n, keys=True):
            if k == "PART_OF":
                return _filter_attrs(g, e)
    return props.get("region") or "", props.get("level") or ""


def build_network(g: nx.MultiDiGraph, pos: dict | None, tree: bool = False) -> Network:
    """pyvis network with our styling; `pos` given means physics off from the start."""
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    font = {"face": STYLE["font_face"], "size": 14}
    tasks_of: dict = {}
    for s, e, k, data in g.edges(keys=True, data=True):
        if "tasks" in data and k in ("LEADS", "COOPERATES"):
            tasks_of[s] = tasks_of.get(s, 0) + data["tasks"]
    for n, data in g.nodes(data=True):
        kind = node_kind(data["labels"])
        props = data["props"]
        style = STYLE["labels"][kind]
        region, level = _filter_attrs(g, n)
        color = style.get("color") or LEVELS.get(props.get("level") or "", LEVELS[""])["color"]
        size = style["size"] + (min(18, 3 * math.sqrt(tasks_of[n])) if n in tasks_of else 0)
        heading = "、".join(data["labels"]) + (f" ({tasks_of[n]} tasks)" if n in tasks_of else "")
        label = node_label(kind, props)
        options = dict(title=hover_text(heading, props), size=size,
                       font=font if kind != "Task" else dict(font, size=12),
                       kind=kind, region=region, level=level,
                       search=" ".join(_short(props.get(f, ""), 2000) for f in
                                       ("number", "name", "aliases", "title", "label")).lower())
        if n == g.graph.get("root"):  # the thing the view is about stands out
            options.update(size=size * 1.8, borderWidth=4, font=dict(font, size=18))
        if pos is not None:
            x, y = pos[n]
            options.update(x=round(x, 1), y=round(y, 1), physics=False)
        net.add_node(n, label=label, shape=style["shape"], color=color, **options)
    for s, e, k, data in g.edges(keys=True, data=True):
        style = STYLE["edges"].get(k, STYLE["edges"]["PART_OF"])
        heading = k + (f" — {data['tasks']} tasks" if "tasks" in data else "")
        options = dict(title=hover_text(heading, data.get("props") or {}), kind=k,
                       color=style["color"], dashes=style["dashes"], arrows=style["arrows"],
                       width=style["width"] * (1 + math.log2(data["tasks"]) if "tasks" in data
                                               and data["tasks"] > 1 else 1))
        net.add_edge(s, e, **options)
    net.options = _options(pos is not None, g.number_of_nodes(), tree)
    return net


def _options(fixed: bool, n_nodes: int, tree: bool) -> dict:
    if tree and n_nodes <= 1000:
        smooth = {"type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.5}
    elif fixed or n_nodes > 300:
        smooth = False  # straight lines: curves cost too much on large graphs
    else:
        smooth = {"type": "continuous"}
    return {
        "nodes": {"font": {"face": STYLE["font_face"]}, "borderWidth": 1},
        "edges": {"smooth": smooth,
                  "arrows": {"to": {"scaleFactor": 0.6}}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n_nodes > 1000,
                        "multiselect": True},
        "layout": {"improvedLayout": not fixed and n_nodes <= 150, "randomSeed": 7},
        "physics": {"enabled": not fixed, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -90, "springLength": 140,
                                         "avoidOverlap": 0.8},
                    "stabilization": {"enabled": not fixed, "iterations": 600,
                                      "updateInterval": 25, "fit": True}},
    }


def _environment() -> jinja2.Environment:
    """Our template first, pyvis's folder for the inlined vis-network files; autoescape on."""
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(TEMPLATES)),
                                    jinja2.FileSystemLoader(str(PYVIS_TEMPLATES))]),
        autoescape=True)


def legend(g: nx.MultiDiGraph) -> dict:
    kinds = {node_kind(d["labels"]) for _, d in g.nodes(data=True)}
    levels = {d["props"].get("level") or "" for _, d in g.nodes(data=True)
              if "Task" not in d["labels"]}
    edge_types = {k for _, _, k in g.edges(keys=True)}
    return {
        "shapes": [STYLE["labels"][k] | {"key": k} for k in STYLE["labels"] if k in kinds],
        "levels": [lv for lv in STYLE["levels"] if lv["key"] in levels],
        "edges": [STYLE["edges"][k] | {"key": k} for k in STYLE["edges"] if k in edge_types],
    }


def render(g: nx.MultiDiGraph, pos: dict | None, title: str, subtitle: str = "",
           tree: bool = False) -> str:
    net = build_network(g, pos, tree)
    net.templateEnv = _environment()
    net.path = "view.html"
    net.templateEnv.globals.update(
        page={"title": title, "subtitle": subtitle, "fixed": pos is not None,
              "legend": legend(g), "font_face": STYLE["font_face"]})
    html = net.generate_html(name="view.html")
    if REMOTE_REFERENCE.search(html):  # the page must open offline; never ship a CDN link
        raise RuntimeError("the generated view references a remote resource")
    return html


def write_html(html: str, path) -> None:
    """Write atomically so that a browser never opens half a page."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, path)
