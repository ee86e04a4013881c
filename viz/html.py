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

import json
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
HIDDEN_PROPS = {"id", "due_day"}  # due_day: `due` as a number, for the index (graph/cypher.py)
CONFLICT_COLOR = "#c0392b"  # a link through a number conflict (graph/check.py mark_conflicts)
MAX_VALUE = 300  # characters of one property shown on hover
REMOTE_REFERENCE = re.compile(
    r"<(?:script|link|img|iframe|source|embed)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//",
    re.IGNORECASE)


FIELDS = STYLE["fields"]
FIELD_ORDER = {key: i for i, key in enumerate(FIELDS)}
KINDS = STYLE["kinds"]
WORDS = STYLE["words"]
STRUCTURE_ONLY = {"PART_OF"}  # drawn as indentation in the structured views


def _short(value, limit: int = MAX_VALUE) -> str:
    if type(value) is str and len(value) <= limit:  # most values: as they are
        return value
    if isinstance(value, (list, tuple)):
        value = "、".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def node_kind(labels) -> str:
    """The label that decides shape: a loaded document wins over its cited-directive self."""
    for label in ("Section", "Year", "Document", "Directive", "Task", "Agency"):
        if label in labels:
            return label
    return "Task"


def node_label(kind: str, props: dict) -> str:
    """A short label for the compact (overview) drawing."""
    if kind in ("Document", "Directive"):
        return props.get("number") or _short(props.get("title") or props.get("id", ""), 18)
    if kind == "Agency":
        return props.get("name") or props.get("id", "")
    title = _short(props.get("title") or "", 12)
    return f"{props.get('label') or ''} {title}".strip()


def _value(key: str, value) -> str:
    if key == "level":
        return LEVELS.get(value, LEVELS[""])["name"]
    if key == "kind":
        return KINDS.get(value, value)
    return _short(value)


def hover_text(heading: str, props: dict) -> str:
    """Plain text shown on hover, with Chinese field names; vis-network renders a string
    title as text."""
    lines = [heading]
    for key in sorted(props, key=lambda k: (FIELD_ORDER.get(k, 99), k)):
        if key in HIDDEN_PROPS or props[key] in (None, "", []):
            continue
        lines.append(f"{FIELDS.get(key, key)}：{_value(key, props[key])}")
    return "\n".join(lines)


def _filter_attrs(g: nx.MultiDiGraph, n, depth: int = 0, known: dict | None = None) -> tuple[str, str]:
    """Region and level a node is filtered by; tasks and headings take their document's
    (`known` keeps what was found for each node of one drawing: a task's parents are asked
    once, not once per sub-item)."""
    if known is not None and n in known:
        return known[n]
    found = None
    if depth < 8 and ({"Task", "Section"} & set(g.nodes[n]["labels"])):
        for _, e, k in g.out_edges(n, keys=True):
            if k == "PART_OF":
                found = _filter_attrs(g, e, depth + 1, known)
                break
    if found is None:
        props = g.nodes[n]["props"]
        found = props.get("region") or "", props.get("level") or ""
    if known is not None:
        known[n] = found
    return found


def _box_style(kind: str, props: dict, root: bool) -> dict:
    """Colours and border of a box in the structured views."""
    level = LEVELS.get(props.get("level") or "", LEVELS[""])["color"]
    if kind == "Document":
        style = {"color": {"background": "#ffffff", "border": level}, "borderWidth": 2}
    elif kind == "Directive":
        style = {"color": {"background": "#fbfbfb", "border": level}, "borderWidth": 2,
                 "shapeProperties": {"borderDashes": [6, 4]}}
    elif kind == "Agency":
        style = {"color": {"background": "#fef9e7", "border": "#b7950b"}, "borderWidth": 1,
                 "shapeProperties": {"borderRadius": 14}}
    elif kind == "Unanswered":  # an upstream task that a document below it left out
        style = {"color": {"background": "#fdecea", "border": "#e01b1b"}, "borderWidth": 3,
                 "shapeProperties": {"borderDashes": [3, 3]}}
    elif kind in ("Section", "Year"):
        # white, so that a line passing behind a heading never crosses its words
        style = {"color": {"background": "#ffffff", "border": "#ffffff"},
                 "borderWidth": 0, "font": {"color": "#34495e" if kind == "Section" else "#000"}}
    else:
        style = {"color": {"background": "#f4ecf7", "border": "#8e44ad"}, "borderWidth": 1}
    if root:
        style["borderWidth"] = 4
    return style


def _heading(kind: str, labels, extra: str = "") -> str:
    words = [WORDS[label] for label in ("Document", "Directive", "Task", "Agency")
             if label in labels]
    return "、".join(words or [WORDS.get(kind, kind)]) + extra


class _Ids(list):
    """pyvis keeps node ids in a list and checks every new node and both ends of every new
    edge against it (O(n) each, minutes for a 10k-node view); this list answers `in` from a
    set."""

    def __init__(self):
        super().__init__()
        self._set = set()

    def append(self, item):
        self._set.add(item)
        super().append(item)

    def __contains__(self, item):
        return item in self._set


def _edge_options(g: nx.MultiDiGraph, s, k: str, data: dict, mode: str, structured: bool) -> dict:
    """How one relationship is drawn: its style, a hover that names its tasks, thin lines in a
    large overview, structure lines hidden where indentation shows them, bowed task lines in a tree."""
    style = STYLE["edges"].get(k, STYLE["edges"]["PART_OF"])
    heading = style["name"]
    if "tasks" in data:
        heading += f" — {data['tasks']} 项任务"
        if data.get("task_names"):
            heading += "：" + "；".join(data["task_names"][:8])
            if data["tasks"] > 8:
                heading += " 等"
    options = dict(title=hover_text(heading, data.get("props") or {}), kind=k,
                   color=style["color"], dashes=style["dashes"], arrows=style["arrows"],
                   width=style["width"] * (1 + math.log2(data["tasks"]) if "tasks" in data
                                           and data["tasks"] > 1 else 1))
    if (data.get("props") or {}).get("conflict"):  # a citation whose title names another document
        options.update(color=CONFLICT_COLOR, width=max(options["width"], 2.5))
    if mode == "compact" and g.number_of_nodes() > 1000:
        # thousands of long links between bands: thin and see-through, so that the bands
        # and their clusters stay visible under them (hover still names each)
        options.update(color={"color": style["color"], "opacity": 0.25}, width=1)
    if structured and k in STRUCTURE_ONLY:
        options["hidden"] = True
    elif mode == "tree" and "Task" in g.nodes[s]["labels"] and g.number_of_nodes() <= 3000:
        # from a task up to a document: bowed, so that it leaves the task list sideways
        # instead of running behind the tasks above it
        options["smooth"] = {"type": "curvedCW", "roundness": 0.35}
    return options


def build_network(g: nx.MultiDiGraph, pos: dict | None, mode: str = "compact") -> Network:
    """pyvis network with our styling. `mode` is "structured" (boxes laid out by
    outline.py), "tree" (the same, directive tree) or "compact" (overview: glyphs);
    `pos` given means physics off from the start."""
    structured = mode in ("structured", "tree")
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.node_ids = _Ids()
    font = {"size": 14}  # the face is set once for all nodes in the options
    tasks_of: dict = {}
    for s, e, k, data in g.edges(keys=True, data=True):
        if "tasks" in data and k in ("LEADS", "COOPERATES"):
            tasks_of[s] = tasks_of.get(s, 0) + data["tasks"]
    root = g.graph.get("root")
    known: dict = {}
    for n, data in g.nodes(data=True):
        kind = node_kind(data["labels"])
        props = data["props"]
        look = kind  # how the node is drawn
        if kind == "Task" and data.get("left_out_by"):  # an upstream task someone left out
            look = "Unanswered"
            props = {**props, "left_out_by": data["left_out_by"]}
        region, level = _filter_attrs(g, n, known=known)
        extra = f"（{tasks_of[n]} 项任务）" if n in tasks_of else ""
        if data.get("leads"):
            props = dict(props, leads=data["leads"])
        options = dict(title=hover_text(_heading(kind, data["labels"], extra), props),
                       kind=kind, region=region, level=level,
                       search=" ".join(_short(props.get(f, ""), 2000) for f in
                                       ("number", "name", "aliases", "title", "label")).lower())
        if structured and "box" in data:
            box = data["box"]
            label = "\n".join(box["lines"])
            options.update(_box_style(look, props, n == root), shape="box",
                           widthConstraint={"minimum": box["width"], "maximum": box["width"]},
                           heightConstraint={"minimum": box["height"] - 12, "valign": "middle"},
                           margin=6, font=dict(font, **_box_style(kind, props, False).get("font", {})))
            if n == root:
                options["font"] = dict(options["font"], size=14)
        else:
            style = STYLE["labels"][look]
            color = style.get("color") or LEVELS.get(props.get("level") or "", LEVELS[""])["color"]
            size = style["size"] + (min(18, 3 * math.sqrt(tasks_of[n])) if n in tasks_of else 0)
            label = node_label(kind, props)
            options.update(shape=style["compact_shape"], color=color, size=size,
                           font=font if kind != "Task" else dict(font, size=12))
            if n == root:
                options.update(size=size * 1.8, borderWidth=4, font=dict(font, size=18))
        if pos is not None:
            x, y = pos[n]
            options.update(x=round(x, 1), y=round(y, 1), physics=False)
        net.add_node(n, label=label, **options)
    for s, e, k, data in g.edges(keys=True, data=True):
        net.add_edge(s, e, **_edge_options(g, s, k, data, mode, structured))
    net.options = _options(pos is not None, g.number_of_nodes(), mode)
    return net


def _options(fixed: bool, n_nodes: int, mode: str) -> dict:
    if mode == "tree" and n_nodes <= 3000:
        smooth = {"type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.45}
    elif mode == "structured" and n_nodes <= 3000:
        smooth = {"type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.5}
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
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(TEMPLATES)),
                                    jinja2.FileSystemLoader(str(PYVIS_TEMPLATES))]),
        autoescape=True, keep_trailing_newline=True, auto_reload=False)
    # Chinese as UTF-8, not \uXXXX (half the size); tojson still escapes < > & and '
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False,
                                         "separators": (",", ":")}
    return env


def _swatch_css(kind: str, compact: bool) -> str:
    if compact:
        return f"color:{STYLE['labels'][kind].get('color') or '#555'}"
    style = _box_style(kind, {}, False)
    border = "dashed" if style.get("shapeProperties", {}).get("borderDashes") else "solid"
    radius = style.get("shapeProperties", {}).get("borderRadius", 0)
    return (f"background:{style['color']['background']};border:{max(style['borderWidth'], 1)}px "
            f"{border} {style['color']['border']};border-radius:{min(radius, 6)}px")


def legend(g: nx.MultiDiGraph, compact: bool = False) -> dict:
    kinds = {node_kind(d["labels"]) for _, d in g.nodes(data=True)}
    if any(d.get("left_out_by") for _, d in g.nodes(data=True)):
        kinds.add("Unanswered")
    levels = {d["props"].get("level") or "" for _, d in g.nodes(data=True)
              if not {"Task", "Section", "Year"} & set(d["labels"])}
    edge_types = {k for _, _, k in g.edges(keys=True)}
    return {
        "compact": compact,
        "shapes": [STYLE["labels"][k] | {"key": k, "css": _swatch_css(k, compact)}
                   for k in STYLE["labels"] if k in kinds and k not in ("Section", "Year")],
        "levels": [lv for lv in STYLE["levels"] if lv["key"] in levels],
        "edges": [STYLE["edges"][k] | {"key": k, "hidden": not compact and k in STRUCTURE_ONLY}
                  for k in STYLE["edges"] if k in edge_types],
    }


MIN_SCALE = 0.8  # structured views open at least this large (labels of 11 px and more)


def page_context(g: nx.MultiDiGraph, pos: dict | None, mode: str, title: str,
                 subtitle: str = "", links: bool = False) -> dict:
    """What the graph part of a page needs: nodes, edges, options and the `page` words."""
    net = build_network(g, pos, mode)
    return {"nodes": net.nodes, "edges": net.edges, "options": net.options,
            "page": {"title": title, "subtitle": subtitle, "fixed": pos is not None,
                     "legend": legend(g, compact=mode == "compact"), "links": links,
                     "min_scale": MIN_SCALE if mode != "compact" else None,
                     "anchor": g.graph.get("root") if mode == "tree" else None,
                     "level_names": {k: v["name"] for k, v in LEVELS.items()},
                     "font_face": STYLE["font_face"]}}


def environment() -> jinja2.Environment:
    """Our templates first, pyvis's folder for the inlined vis-network files; autoescape on."""
    return _environment()


def render(g: nx.MultiDiGraph, pos: dict | None, title: str, subtitle: str = "",
           mode: str = "compact") -> str:
    return render_context(page_context(g, pos, mode, title, subtitle))


def render_context(context: dict) -> str:
    """The view page of a context (nodes, edges, options, page), checked to open offline."""
    context["options"] = json.dumps(context["options"])
    html = environment().get_template("view.html").render(**context)
    if REMOTE_REFERENCE.search(html):  # the page must open offline; never ship a CDN link
        raise RuntimeError("the generated view references a remote resource")
    return html


def write_html(html: str, path) -> None:
    """Write atomically so that a browser never opens half a page."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, path)
