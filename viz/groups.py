"""The overview of a large store: documents and agencies grouped by region and level.

Drawing every document, directive and agency stops being useful (and fast) in the thousands:
the 10k-document benchmark store has 39,190 of them. Above `GROUP_THRESHOLD` nodes (or when
asked) the overview draws one node per (kind, region, level) instead — 大连市 · 市级文件,
大连市 · 市级单位, and for directives only cited, never loaded, 上级文件 by region and level —
sized by how many it holds, with links between groups weighted by what is behind them: the
distinct tasks an agency group leads or cooperates on in a document group, the documents of a
group that carry out or forward a document of another (and the tasks that cite it themselves).

Everything here is read with aggregating queries: counts per group and per pair of groups are
computed by the store, and of each group only its `members` busiest members (by task count,
ties by id) come back, with their links. Those members travel in the page as data, so that a
double-click on a group lays them out beside it and draws their links — to the other member
when its group is open too, to its group otherwise — with no request and no server; each group
says how many members it holds and how many are not listed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from .html import LEVELS, MIN_SCALE, STYLE, _options, _short, hover_text
from .layout import LEVEL_ROW

GROUP_THRESHOLD = 3000  # documents + directives + agencies above which the overview is grouped
MEMBERS = 50  # members of a group listed in the page, busiest first
KINDS = ("Document", "Agency", "Directive")
KIND_WORDS = {"Document": ("份", "文件"), "Agency": ("个", "单位"), "Directive": ("份", "上级文件")}
GROUP_NAMES = {"Document": "文件组（双击展开为文件）", "Agency": "单位组（双击展开为单位）",
               "Directive": "上级文件组（仅被引用）"}
EDGE_TYPES = ("LEADS", "COOPERATES", "IMPLEMENTS", "FORWARDS")
CELL_W, CELL_H = 300.0, 130.0  # px a region's groups take in the grouped drawing
BAND_GAP = 220.0  # px between the bands of two levels

_GROUPS = {
    # kind -> the nodes of a group, each with its task count, busiest first
    "Document": (
        "MATCH (d:Document) OPTIONAL MATCH (t:Task)-[:PART_OF*1..6]->(d) "
        "WITH d, count(DISTINCT t) AS tasks ORDER BY tasks DESC, d.id "
        "WITH d.region AS region, d.level AS level, count(d) AS n, sum(tasks) AS tasks, "
        "collect({id: d.id, number: d.number, title: d.title, date: d.date, issuer: d.issuer, "
        "doc_type: d.doc_type, tasks: tasks})[0..$members] AS members "
        "RETURN region, level, n, tasks, members"),
    "Agency": (
        "MATCH (a:Agency) OPTIONAL MATCH (a)-[:LEADS|COOPERATES]->(t:Task) "
        "WITH a, count(DISTINCT t) AS tasks ORDER BY tasks DESC, a.id "
        "WITH a.region AS region, a.level AS level, count(a) AS n, sum(tasks) AS tasks, "
        "collect({id: a.id, name: a.name, kind: a.kind, tasks: tasks})[0..$members] AS members "
        "RETURN region, level, n, tasks, members"),
    "Directive": (  # cited, never loaded
        "MATCH (x:Directive) WHERE NOT x:Document "
        "OPTIONAL MATCH (s)-[:IMPLEMENTS|FORWARDS]->(x) "
        "WITH x, count(DISTINCT s) AS cited ORDER BY cited DESC, x.id "
        "WITH x.region AS region, x.level AS level, count(x) AS n, 0 AS tasks, "
        "collect({id: x.id, number: x.number, title: x.title, issuer: x.issuer, year: x.year, "
        "cited: cited})[0..$members] AS members "
        "RETURN region, level, n, tasks, members"),
}
# The distinct tasks the agencies of a group lead or cooperate on (a task two of them share
# counts once).
_AGENCY_GROUP_TASKS = (
    "MATCH (a:Agency)-[:LEADS|COOPERATES]->(t:Task) "
    "RETURN a.region AS region, a.level AS level, count(DISTINCT t) AS tasks")
# Links between groups: what the store counts per pair of groups.
_ROLES_BY_GROUP = (
    "MATCH (a:Agency)-[r:LEADS|COOPERATES]->(t:Task)-[:PART_OF*1..6]->(d:Document) "
    "RETURN a.region AS sr, a.level AS sl, type(r) AS type, d.region AS er, d.level AS el, "
    "count(DISTINCT t) AS tasks")
_CITES_BY_GROUP = (
    "MATCH (s:Document)-[r:IMPLEMENTS|FORWARDS]->(e:Directive) "
    "RETURN s.region AS sr, s.level AS sl, type(r) AS type, e.region AS er, e.level AS el, "
    "'Document' IN labels(e) AS loaded, count(DISTINCT s) AS docs")
_TASK_CITES_BY_GROUP = (
    "MATCH (t:Task)-[:IMPLEMENTS]->(e:Directive) MATCH (t)-[:PART_OF*1..6]->(s:Document) "
    "RETURN s.region AS sr, s.level AS sl, 'IMPLEMENTS' AS type, e.region AS er, e.level AS el, "
    "'Document' IN labels(e) AS loaded, count(DISTINCT t) AS tasks")
# Links of the listed members, read from the members through the id index (never a filter
# over every link): from a listed member to a node (`s` an id), and into a listed member from
# a group (`s` a group, counted per group by the store). A page draws the first kind when the
# member's group is open, the second when only the other end's group is.
_MEMBER_LINKS = (
    ("UNWIND $agencies AS id MATCH (a:Agency {id: id})-[r:LEADS|COOPERATES]->(t:Task)"
     "-[:PART_OF*1..6]->(e:Document) RETURN a.id AS s, type(r) AS type, e.id AS e, "
     "e.region AS er, e.level AS el, true AS loaded, count(DISTINCT t) AS tasks, 0 AS docs"),
    ("UNWIND $documents AS id MATCH (e:Document {id: id})<-[:PART_OF*1..6]-(t:Task)"
     "<-[r:LEADS|COOPERATES]-(a:Agency) RETURN 'Agency' AS sk, a.region AS sr, a.level AS sl, "
     "type(r) AS type, e.id AS e, count(DISTINCT t) AS tasks, 0 AS docs"),
    ("UNWIND $documents AS id MATCH (d:Document {id: id})-[r:IMPLEMENTS|FORWARDS]->(e:Directive) "
     "RETURN d.id AS s, type(r) AS type, e.id AS e, e.region AS er, e.level AS el, "
     "'Document' IN labels(e) AS loaded, 0 AS tasks, 1 AS docs"),
    ("UNWIND $cited AS id MATCH (d:Document)-[r:IMPLEMENTS|FORWARDS]->(e:Directive {id: id}) "
     "RETURN 'Document' AS sk, d.region AS sr, d.level AS sl, type(r) AS type, e.id AS e, "
     "0 AS tasks, count(DISTINCT d) AS docs"),
    ("UNWIND $documents AS id MATCH (d:Document {id: id})<-[:PART_OF*1..6]-(t:Task)"
     "-[:IMPLEMENTS]->(e:Directive) RETURN d.id AS s, 'IMPLEMENTS' AS type, e.id AS e, "
     "e.region AS er, e.level AS el, 'Document' IN labels(e) AS loaded, "
     "count(DISTINCT t) AS tasks, 0 AS docs"),
    ("UNWIND $cited AS id MATCH (e:Directive {id: id})<-[:IMPLEMENTS]-(t:Task)"
     "-[:PART_OF*1..6]->(d:Document) RETURN 'Document' AS sk, d.region AS sr, d.level AS sl, "
     "'IMPLEMENTS' AS type, e.id AS e, count(DISTINCT t) AS tasks, 0 AS docs"),
)
_SIZE = ("MATCH (n:Document) RETURN count(n) AS n UNION ALL "
         "MATCH (n:Agency) RETURN count(n) AS n UNION ALL "
         "MATCH (n:Directive) WHERE NOT n:Document RETURN count(n) AS n")


def overview_size(store) -> int:
    """Documents, directives and agencies in the store: what an ungrouped overview draws."""
    return sum(int(row["n"]) for row in store.query(_SIZE, {}, read_only=True))


@dataclass
class Group:
    kind: str
    region: str
    level: str
    n: int
    tasks: int
    members: list = field(default_factory=list)  # dicts, busiest first

    @property
    def key(self) -> tuple:
        return (self.kind, self.region, self.level)

    @property
    def place(self) -> str:
        return self.region or LEVELS.get(self.level, LEVELS[""])["name"]


@dataclass
class Grouped:
    """The grouped overview as read: groups, links between groups, links of members."""
    groups: list  # of Group
    links: dict  # (source key, target key, type) -> {"tasks": n, "docs": n}
    member_links: dict  # (source, target, type) -> {"tasks": n, "docs": n}: see read_groups

    def totals(self) -> dict:
        out = {}
        for g in self.groups:
            out[g.kind] = out.get(g.kind, 0) + g.n
        return {k: out[k] for k in KINDS if out.get(k)}


def _text(value) -> str:
    return "" if value is None else str(value)


def _key(kind: str, region, level) -> tuple:
    return (kind, _text(region), _text(level))


def read_groups(store, members: int = MEMBERS) -> Grouped:
    """Groups with counts, their busiest `members`, the links between groups and the links of
    the members listed: aggregating queries only."""
    groups = []
    for kind, text in _GROUPS.items():
        for row in store.query(text, {"members": members}, read_only=True):
            groups.append(Group(kind, _text(row["region"]), _text(row["level"]), int(row["n"]),
                                int(row["tasks"] or 0), [dict(m) for m in row["members"] or []]))
    shared = {_key("Agency", row["region"], row["level"]): int(row["tasks"])
              for row in store.query(_AGENCY_GROUP_TASKS, {}, read_only=True)}
    for g in groups:
        if g.kind == "Agency":
            g.tasks = shared.get(g.key, 0)
    links: dict = {}

    def add(into: dict, s, e, type_, **counts):
        entry = into.setdefault((s, e, type_), {"tasks": 0, "docs": 0})
        for k, v in counts.items():
            entry[k] += int(v or 0)
        return entry

    for row in store.query(_ROLES_BY_GROUP, {}, read_only=True):
        add(links, _key("Agency", row["sr"], row["sl"]), _key("Document", row["er"], row["el"]),
            row["type"], tasks=row["tasks"])
    for text in (_CITES_BY_GROUP, _TASK_CITES_BY_GROUP):
        for row in store.query(text, {}, read_only=True):
            target = _key("Document" if row["loaded"] else "Directive", row["er"], row["el"])
            # documents that cite it themselves; tasks that cite it (of any document)
            add(links, _key("Document", row["sr"], row["sl"]), target, row["type"],
                tasks=row.get("tasks", 0), docs=row.get("docs", 0))
    listed = {kind: sorted(m["id"] for g in groups if g.kind == kind for m in g.members)
              for kind in KINDS}
    params = {"agencies": listed["Agency"], "documents": listed["Document"],
              "cited": listed["Document"] + listed["Directive"]}
    member_links: dict = {}  # (source, target, type) -> counts; an end is ("m", id) or ("g", key)
    for text in _MEMBER_LINKS:
        for row in store.query(text, params, read_only=True):
            if "sk" in row:  # into a listed member, counted per group of the other end
                source = ("g", _key(row["sk"], row["sr"], row["sl"]))
                target = ("m", row["e"])
            else:  # from a listed member to a node: the node itself, or its group
                source = ("m", row["s"])
                target = ("m", row["e"], _key("Document" if row["loaded"] else "Directive",
                                              row["er"], row["el"]))
            add(member_links, source, target, row["type"], tasks=row["tasks"], docs=row["docs"])
    return Grouped(groups, links, member_links)


# --- drawing --------------------------------------------------------------------------------

def group_layout(groups: list) -> dict:
    """Positions of the group nodes: one band per level (national at the top), in it one cell
    per region (its document group, agency group and directive group together), the regions
    with the most members first, wrapped into rows."""
    cells: dict = {}
    for g in groups:
        row = LEVEL_ROW.get(g.level, LEVEL_ROW[""])
        cells.setdefault(row, {}).setdefault((g.region, g.level), []).append(g)
    offsets = {"Document": (-72.0, 0.0), "Agency": (72.0, 0.0), "Directive": (0.0, 62.0)}
    pos, top = {}, 0.0
    for row in sorted(cells):
        ordered = sorted(cells[row].items(), key=lambda kv: (-sum(g.n for g in kv[1]), kv[0]))
        cols = max(1, min(len(ordered), math.ceil(math.sqrt(len(ordered) * 4))))
        for i, (_, members) in enumerate(ordered):
            x = (i % cols - (cols - 1) / 2) * CELL_W
            y = top + (i // cols) * CELL_H
            for g in members:
                dx, dy = offsets[g.kind]
                pos[g.key] = (x + dx, y + dy)
        top += math.ceil(len(ordered) / cols) * CELL_H + BAND_GAP
    return pos


def _group_label(g: Group) -> str:
    unit, word = KIND_WORDS[g.kind]
    return f"{g.place}\n{g.n} {unit}{word}"


def group_hover(g: Group) -> str:
    unit, word = KIND_WORDS[g.kind]
    lines = [f"{word}组（按地区与层级）",
             f"地区：{g.region or '—'}",
             f"层级：{LEVELS.get(g.level, LEVELS[''])['name']}",
             f"{word}：{g.n} {unit}"]
    if g.tasks:
        lines.append(f"{'牵头或配合的任务' if g.kind == 'Agency' else '任务'}：{g.tasks} 项")
    hidden = g.n - len(g.members)
    order = "被引用最多" if g.kind == "Directive" else "任务最多"
    if hidden > 0:
        lines.append(f"双击展开：列出{order}的 {len(g.members)} {unit}，另有 {hidden} {unit}未列出"
                     f"（可用 policykg view {'agency' if g.kind == 'Agency' else 'document'} 或 site 查看）")
    else:
        lines.append(f"双击展开：列出全部 {g.n} {unit}")
    return "\n".join(lines)


def _member_label(kind: str, m: dict) -> str:
    if kind == "Agency":
        return _text(m.get("name")) or _text(m.get("id"))
    return _text(m.get("number")) or _short(_text(m.get("title") or m.get("id")), 18)


def _member_hover(kind: str, m: dict, g: Group) -> str:
    props = {k: v for k, v in m.items() if k not in ("tasks", "cited", "id")}
    props.update(region=g.region, level=g.level)
    heading = STYLE["words"][kind]
    if m.get("tasks"):
        heading += f"（{m['tasks']} 项任务）"
    if m.get("cited"):
        heading += f"（被 {m['cited']} 份文件引用）"
    return hover_text(heading, props)


def _level_color(level: str) -> str:
    return LEVELS.get(level or "", LEVELS[""])["color"]


def _edge_style(type_: str) -> dict:
    style = STYLE["edges"][type_]
    color = style["color"]
    return {"color": {"color": color, "highlight": color, "hover": color, "opacity": 0.45},
            "dashes": style["dashes"],
            "arrows": style["arrows"], "kind": type_}


def _weight_text(type_: str, counts: dict) -> str:
    words = []
    if type_ in ("IMPLEMENTS", "FORWARDS") and counts.get("docs"):
        words.append(f"{counts['docs']} 份文件")
    if counts.get("tasks"):
        words.append(f"{counts['tasks']} 项任务")
    return "，".join(words)


def page_data(grouped: Grouped, pos: dict) -> tuple[list, list, dict]:
    """vis-network nodes and edges of the groups, and the data the page expands groups from:
    each member as [group, label, hover text, size] (drawn like its group, smaller), and each
    link of a member as [source member or -1, source group, target member or -1, target group,
    type, tasks, documents] (-1: the group stands for that end)."""
    index = {g.key: i for i, g in enumerate(grouped.groups)}
    nodes, members, member_of = [], [], {}
    for i, g in enumerate(grouped.groups):
        style = STYLE["labels"][g.kind]
        unit, word = KIND_WORDS[g.kind]
        x, y = pos[g.key]
        nodes.append({"id": f"g{i}", "label": _group_label(g), "title": group_hover(g),
                      "kind": g.kind, "region": g.region, "level": g.level,
                      "shape": style["compact_shape"], "color": _level_color(g.level),
                      "size": 10 + min(26.0, 3 * math.sqrt(g.n)), "font": {"size": 16},
                      "search": f"{g.place} {word}".lower(), "x": round(x, 1), "y": round(y, 1),
                      "physics": False})
        for m in g.members:
            member_of[m["id"]] = (len(members), i)
            extra = m.get("tasks") or m.get("cited") or 0
            members.append([i, _member_label(g.kind, m), _member_hover(g.kind, m, g),
                            round(style["size"] * 0.6 + min(8.0, 1.5 * math.sqrt(extra)), 1)])
    edges = []
    for (s, e, type_), counts in sorted(grouped.links.items()):
        if s == e or s not in index or e not in index:
            continue  # links inside a group show when it is expanded
        weight = counts["docs"] if type_ in ("IMPLEMENTS", "FORWARDS") and counts["docs"] else counts["tasks"]
        edges.append({"id": f"e{len(edges)}", "from": f"g{index[s]}", "to": f"g{index[e]}",
                      "title": f"{STYLE['edges'][type_]['name']} — {_weight_text(type_, counts)}\n"
                               f"{grouped.groups[index[s]].place} → {grouped.groups[index[e]].place}",
                      "width": 1 + min(7.0, math.log2(max(1, weight))), **_edge_style(type_)})
    pairs = []
    types = list(EDGE_TYPES)
    for (source, target, type_), counts in grouped.member_links.items():
        if source[0] == "m":
            if source[1] not in member_of or target[2] not in index:
                continue
            sm, sg = member_of[source[1]]
            em, eg = member_of.get(target[1], (-1, index[target[2]]))
        else:
            if source[1] not in index or target[1] not in member_of:
                continue
            sm, sg = -1, index[source[1]]
            em, eg = member_of[target[1]]
        pairs.append([sm, sg, em, eg, types.index(type_), counts["tasks"], counts["docs"]])
    pairs.sort()
    data = {"members": members, "pairs": pairs,
            "types": [{"name": STYLE["edges"][t]["name"], **_edge_style(t)} for t in types],
            "listed": [len(g.members) for g in grouped.groups],
            "sizes": [g.n for g in grouped.groups]}
    return nodes, edges, data


def legend(grouped: Grouped, edges: list) -> dict:
    kinds = {g.kind for g in grouped.groups}
    levels = {g.level for g in grouped.groups}
    edge_types = {e["kind"] for e in edges} | {t for (_, _, t) in grouped.member_links}
    shapes = []
    for k in KINDS:
        if k in kinds:
            style = STYLE["labels"][k]
            shapes.append({**style, "key": k, "name": GROUP_NAMES[k],
                           "css": f"color:{style.get('color') or '#555'}"})
    return {"compact": True, "shapes": shapes,
            "levels": [lv for lv in STYLE["levels"] if lv["key"] in levels],
            "edges": [STYLE["edges"][k] | {"key": k, "hidden": False}
                      for k in STYLE["edges"] if k in edge_types]}


def page_context(grouped: Grouped, title: str, subtitle: str) -> dict:
    """What the page template needs (as `html.page_context` gives for the other views)."""
    pos = group_layout(grouped.groups)
    nodes, edges, data = page_data(grouped, pos)
    top = min(nodes, key=lambda n: (n["y"], abs(n["x"])))["id"] if nodes else None
    return {"nodes": nodes, "edges": edges, "options": _options(True, len(nodes), "compact"),
            "page": {"title": title, "subtitle": subtitle, "fixed": True,
                     "legend": legend(grouped, edges), "links": False,
                     "min_scale": MIN_SCALE, "anchor": top, "groups": data,
                     "level_names": {k: v["name"] for k, v in LEVELS.items()},
                     "font_face": STYLE["font_face"]}}
