"""Positions computed in Python, so that large views open with physics off.

vis-network's physics takes minutes to settle on ~1,500 nodes (pyvis #204) and networkx's
spring layout is O(n²) per step, so large views are laid out in bands instead: one band per
administrative level (national at the top), each band split into blocks by region, each
block laid out by networkx (spring layout with a fixed seed when small, a grid when large).
The directive tree uses the same bands with documents ordered under what they implement.
"""
from __future__ import annotations

import json
import math
from collections import defaultdict
from importlib import resources

import networkx as nx

STYLE = json.loads(resources.files("policykg.viz").joinpath("data/style.json")
                   .read_text(encoding="utf-8"))
LEVEL_ROW = {lv["key"]: lv["row"] for lv in STYLE["levels"]}
TASK_ROW = max(LEVEL_ROW.values()) + 1
SPACING = 90.0  # px between neighbouring nodes
ROW_GAP = 260.0  # px between bands
SPRING_LIMIT = 150  # larger blocks get a grid: spring is O(n²) per iteration


def is_task(g: nx.MultiDiGraph, n) -> bool:
    return "Task" in g.nodes[n]["labels"]


def level_row(g: nx.MultiDiGraph, n) -> int:
    """Band of a node: its administrative level; tasks below every level."""
    if is_task(g, n):
        return TASK_ROW
    return LEVEL_ROW.get(g.nodes[n]["props"].get("level") or "", LEVEL_ROW[""])


def _block(g: nx.MultiDiGraph, members: list, seed: int = 7) -> dict:
    """Local positions of one block, centred on (0, 0), about SPACING apart."""
    members = sorted(members, key=lambda n: (-g.degree(n), str(n)))
    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    radius = SPACING * math.sqrt(len(members)) / 1.6
    sub = nx.Graph(g.subgraph(members).to_undirected())
    if len(members) <= SPRING_LIMIT and sub.number_of_edges():
        pos = nx.spring_layout(sub, seed=seed, iterations=60, scale=radius)
        return {n: (float(x), float(y)) for n, (x, y) in pos.items()}
    cols = math.ceil(math.sqrt(len(members)))
    return {n: ((i % cols - (cols - 1) / 2) * SPACING, (i // cols - (cols - 1) / 2) * SPACING)
            for i, n in enumerate(members)}


def _pack(blocks: list[dict], top: float, max_width: float) -> tuple[dict, float]:
    """Place blocks left to right from `top`, wrapping at max_width; return positions and
    the y below the last line."""
    pos, x, y, line_h, line = {}, 0.0, top, 0.0, []
    lines = []
    for local in blocks:
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        w, h = max(xs) - min(xs) + SPACING, max(ys) - min(ys) + SPACING
        if line and x + w > max_width:
            lines.append((line, x, y))
            y += line_h + SPACING
            x, line_h, line = 0.0, 0.0, []
        line.append((local, x - min(xs), y - min(ys)))
        x += w + SPACING / 2
        line_h = max(line_h, h)
    if line:
        lines.append((line, x, y))
    for line, width, _ in lines:  # centre every line on x = 0
        for local, dx, dy in line:
            for n, (lx, ly) in local.items():
                pos[n] = (lx + dx - width / 2, ly + dy)
    return pos, y + line_h


def banded_layout(g: nx.MultiDiGraph) -> dict:
    """Bands by level (national on top), blocks by region inside a band; tasks in the
    bottom band, one block per document."""
    bands: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for n in g:
        if is_task(g, n):
            bands[TASK_ROW][_task_document(g, n) or ""].append(n)
        else:
            bands[level_row(g, n)][g.nodes[n]["props"].get("region") or ""].append(n)
    max_width = max(3000.0, SPACING * math.sqrt(g.number_of_nodes()) * 3)
    pos, top = {}, 0.0
    for row in sorted(bands):
        blocks = [_block(g, members) for _, members in sorted(bands[row].items())]
        placed, bottom = _pack(blocks, top, max_width)
        pos.update(placed)
        top = bottom + ROW_GAP
    return pos


def _task_document(g: nx.MultiDiGraph, n):
    """The document (or parent task's document) a task belongs to, within the view."""
    for _ in range(8):
        parents = [e for _, e, k in g.out_edges(n, keys=True) if k == "PART_OF"]
        if not parents:
            return None
        n = parents[0]
        if not is_task(g, n):
            return n
    return None


def tree_rows(g: nx.MultiDiGraph, root) -> dict[int, list]:
    """Documents and directives of an implementation tree by row: one row per level (national
    at the top), a node of unknown level one row below what it implements; each row ordered
    under its parents (barycentre of their places in the row above)."""
    row_of: dict = {}
    for n in nx.bfs_tree(g.reverse(copy=False), root) if root in g else g:
        if is_task(g, n) or "Section" in g.nodes[n]["labels"]:
            continue
        level = g.nodes[n]["props"].get("level") or ""
        if level:
            row = LEVEL_ROW.get(level, LEVEL_ROW[""])
        else:  # unknown level: one row below what it implements
            ups = [row_of[e] for _, e in g.out_edges(n) if e in row_of]
            row = min(max(ups) + 1, TASK_ROW - 1) if ups else 0
        row_of[n] = row
    for n in g:  # not reached through links: by its level
        if n not in row_of and not is_task(g, n) and "Section" not in g.nodes[n]["labels"]:
            row_of[n] = level_row(g, n)
    rows: dict[int, list] = defaultdict(list)
    for n, row in row_of.items():
        rows[row].append(n)
    place: dict = {}
    for row in sorted(rows):
        def barycentre(n):
            xs = [place[e] for _, e in g.out_edges(n) if e in place]
            return (sum(xs) / len(xs)) if xs else math.inf
        rows[row] = sorted(rows[row], key=lambda n: (barycentre(n), str(n)))
        for i, n in enumerate(rows[row]):
            place[n] = i - (len(rows[row]) - 1) / 2
    return dict(rows)
