"""`policykg site -o DIR`: a browsable offline site of the whole store.

    from policykg.viz.site import write_site
    write_site(store, "site/")   # -> {"documents": …, "agencies": …, "directives": …, "tasks": …}

DIR/index.html searches and filters every document (by issuer, level, region, year) and finds
tasks and agencies by name; DIR/doc/…html is one document (its 台账 as a table and its view),
DIR/agency/…html one agency (its tasks by year and document, and its view), DIR/directive/…html
one cited directive (its implementation tree as a list, and drawn when small enough to read).
Every page links to the pages of what it shows.

It opens from a file share: pages are plain files that load only files beside them
(`assets/vis-network.min.js`, written once, and the search index `data/*.js`, loaded with
script elements, because browsers refuse `fetch` on file:// URLs); nothing comes from the
network. Pages are made by worker processes, one per core, each reading a batch of the store
through its own connection and writing the batch's pages one at a time; the command lists the
nodes and gathers the search index in order. Memory holds a few batches of graphs and the list of
documents, never the whole graph. File names are a hash of the node's id, so that links are known
before the page is written.
"""
from __future__ import annotations

import hashlib
import json
import os
import multiprocessing
import multiprocessing.util
import shutil
import sys
from collections import defaultdict, deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from . import html, outline, subgraph, views
from ..graph.store import Store
from .layout import STYLE

# One batch of the nodes of a label (the label is fixed text here, never input).
BATCH_OF = {label: f"MATCH (n:{label}) WHERE n.id > $last RETURN n.id AS id, labels(n) AS labels, "
                   "properties(n) AS props ORDER BY n.id LIMIT $limit" for label in ("Agency", "Directive")}
BATCH = 200  # agencies or directives read per query round
DOC_BATCH = 100  # documents read per query round
DIRECTIVE_BATCH = 25  # directives per batch of pages (their trees can hold 60 documents each)
TASK_SHARD = 20000  # tasks per search-index file
TREE_DRAW_LIMIT = 60  # documents in a directive's tree above which the tree is listed, not drawn
LEVEL_NAMES = {lv["key"]: lv["name"] for lv in STYLE["levels"]}


def page_name(kind: str, node_id: str) -> str:
    """Where a node's page is, relative to the site root: doc/, agency/ or directive/."""
    return f"{kind}/{hashlib.sha1(node_id.encode('utf-8')).hexdigest()[:16]}.html"


def page_of(labels, node_id: str) -> str | None:
    if "Document" in labels:
        return page_name("doc", node_id)
    if "Agency" in labels:
        return page_name("agency", node_id)
    if "Directive" in labels:
        return page_name("directive", node_id)
    return None


def _js_data(name: str, value) -> str:
    """A data file that a page loads with <script src>: JSON, with < escaped so that no text
    can end a script element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"{name}({text});\n"


class Pages:
    """Reads the graphs of one batch of pages and writes the pages; several of these work side
    by side, each in a worker process with its own connection to the store."""

    def __init__(self, store, out):
        self.store, self.out = store, Path(out)
        self.env = html.environment()
        self.page_tpl = self.env.get_template("site_page.html")

    def write(self, rel: str, text: str) -> None:
        path = self.out / rel
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)

    def page(self, rel: str, **context) -> None:
        context.setdefault("graph", None)
        text = self.page_tpl.render(root="../", level_names=LEVEL_NAMES, page_of=page_of,
                                    **context)
        if html.REMOTE_REFERENCE.search(text):
            raise RuntimeError(f"{rel} references a remote resource")
        self.write(rel, text)

    def graph_context(self, g, kind: str, title: str, subtitle: str) -> dict:
        """The drawing of a view graph, each node linked to its page."""
        g, pos, mode = views.arrange(g, kind)
        context = html.page_context(g, pos, mode, title, subtitle, links=True)
        for node in context["nodes"]:
            target = page_of(g.nodes[node["id"]]["labels"], node["id"])
            if target:
                node["page"] = "../" + target
        context["options"] = json.dumps(context["options"])
        return context

    def document(self, i: int, row: dict, g) -> tuple[list, list]:
        """A document's page; returns its index row and its tasks' search rows."""
        props = row["props"]
        table = ledger(g, row["id"])
        entry = [page_of(row["labels"], row["id"]), props.get("number") or "",
                 props.get("title") or "", props.get("issuer") or "",
                 props.get("level") or "", props.get("region") or "",
                 str(props.get("year") or (props.get("date") or "")[:4]), len(table)]
        tasks = [[i, t["label"], t["title"], "、".join(a["name"] for a in t["leads"])]
                 for t in table]
        title = views.title_of(g, "文件")
        upstream = [(k, g.nodes[e] | {"id": e}) for _, e, k in g.out_edges(row["id"], keys=True)
                    if k in ("IMPLEMENTS", "FORWARDS")]
        downstream = [(k, g.nodes[s] | {"id": s}) for s, _, k in g.in_edges(row["id"], keys=True)
                      if k in ("IMPLEMENTS", "FORWARDS")]
        issuers = [g.nodes[e] | {"id": e} for _, e, k in g.out_edges(row["id"], keys=True)
                   if k == "ISSUED_BY"]
        context = self.graph_context(g, "document", title, views.VIEWS["document"][3])
        self.page(page_of(row["labels"], row["id"]), kind="document", node=row,
                  title=title, ledger=table, issuers=issuers,
                  upstream=upstream, downstream=downstream,
                  directive_page=page_name("directive", row["id"])
                  if "Directive" in row["labels"] else None, graph=context)
        return entry, tasks

    def agency(self, row: dict, g) -> list:
        """An agency's page; returns its row of the search index."""
        root = row["id"]
        tasks = []
        for _, t, k in g.out_edges(root, keys=True):
            if k in ("LEADS", "COOPERATES"):
                doc = next((e for _, e, kk in g.out_edges(t, keys=True) if kk == "PART_OF"),
                           None)
                tasks.append({"role": k, "task": g.nodes[t]["props"],
                              "doc": g.nodes[doc] | {"id": doc} if doc else None})
        tasks.sort(key=lambda x: ((x["doc"] or {}).get("props", {}).get("date") or "",
                                  (x["doc"] or {}).get("id") or "",
                                  x["task"].get("order") or 0))
        partners = sorted((g.nodes[n] | {"id": n} for n in g
                           if n != root and "Agency" in g.nodes[n]["labels"]),
                          key=lambda n: n["props"].get("name") or "")
        issued = [g.nodes[s] | {"id": s} for s, _, k in g.in_edges(root, keys=True)
                  if k == "ISSUED_BY"]
        title = views.title_of(g, "单位")
        context = (self.graph_context(g, "agency", title, views.VIEWS["agency"][3])
                   if g.number_of_nodes() > 1 else None)
        self.page(page_of(row["labels"], root), kind="agency", node=row, title=title,
                  tasks=tasks, partners=partners, issued=issued, graph=context)
        return [page_of(row["labels"], root), row["props"].get("name") or "",
                row["props"].get("region") or "", len(tasks)]

    def directive(self, row: dict, tree: list, size: int, g) -> None:
        title = views.title_of_props(row["props"], "上级文件")
        context = (self.graph_context(g, "directive", title, views.VIEWS["directive"][3])
                   if g is not None else None)
        self.page(page_name("directive", row["id"]), kind="directive", node=row,
                  title=title, tree=tree, size=size, limit=TREE_DRAW_LIMIT, graph=context)

    def batch(self, kind: str, items):
        """The pages of one batch: documents (rows, with the first one's place in the date
        order, for the task index), agencies (rows) or directives (rows with their trees);
        returns their index rows."""
        if kind == "documents":
            start, rows = items
            graphs = subgraph.document_graphs(self.store, rows)
            return [self.document(start + j, row, graphs.pop(row["id"]))
                    for j, row in enumerate(rows)]
        if kind == "agencies":
            graphs = subgraph.agency_graphs(self.store, items)
            return [self.agency(row, graphs.pop(row["id"])) for row in items]
        graphs = subgraph.directive_graphs(
            self.store, [row for row, _, size in items if 0 < size <= TREE_DRAW_LIMIT])
        for row, tree, size in items:
            self.directive(row, tree, size, graphs.pop(row["id"], None))
        return []


_PARENT_STORE = None  # the store a forked worker inherits, set just before the fork
_PAGES: Pages | None = None  # a worker process's page maker


def _start_worker(out) -> None:
    global _PAGES
    store = _PARENT_STORE.for_child()
    multiprocessing.util.Finalize(None, store.close, exitpriority=10)
    _PAGES = Pages(store, out)


def _work(kind: str, items):
    return _PAGES.batch(kind, items)


class Site:
    """Lists the nodes of the store in batches and hands each batch to the page makers, which
    read its graphs and write its pages: `workers` forked processes (one per core by default),
    or this process when there is one worker, no fork (not Linux) or a store that cannot be
    shared with a child. At most two batches per worker wait at a time, so memory holds a few
    batches, never the whole graph."""

    def __init__(self, store, out, progress=None, workers: int | None = None):
        self.store, self.out, self.progress = store, Path(out), progress
        self.workers = max(1, workers or default_workers())
        self.counts = defaultdict(int)
        self.pages = Pages(store, self.out)
        self.index_rows, self.agency_rows, self.shard, self.shards = [], [], [], 0
        self.pending: deque = deque()
        self.pool = None

    # --- handing batches to the page makers ------------------------------------------------

    def submit(self, kind: str, n: int, items) -> None:
        if self.pool is None:
            self.collect(kind, n, self.pages.batch(kind, items))
            return
        self.pending.append((kind, n, self.pool.submit(_work, kind, items)))
        while len(self.pending) > 2 * self.workers:
            self.collect_one()

    def collect_one(self) -> None:
        kind, n, future = self.pending.popleft()
        self.collect(kind, n, future.result())

    def drain(self) -> None:
        while self.pending:
            self.collect_one()

    def collect(self, kind: str, n: int, result: list) -> None:
        """Results come back in the order the batches were read."""
        self.counts["pages"] += n
        self.counts[kind] += n
        if kind == "documents":
            for entry, tasks in result:
                self.index_rows.append(entry)
                self.counts["tasks"] += len(tasks)
                for task in tasks:
                    self.shard.append(task)
                    if len(self.shard) >= TASK_SHARD:
                        self.flush_shard()
                if self.progress:
                    self.progress("文件", len(self.index_rows), self.total_documents)
        elif kind == "agencies":
            self.agency_rows.extend(result)

    def flush_shard(self) -> None:
        self.pages.write(f"data/tasks-{self.shards:03d}.js", _js_data("PKG.addTasks", self.shard))
        self.shard, self.shards = [], self.shards + 1

    # --- the parts -------------------------------------------------------------------------

    def run(self) -> dict:
        for folder in ("doc", "agency", "directive", "data", "assets"):
            (self.out / folder).mkdir(parents=True, exist_ok=True)
        self.assets()
        self.pool = self.start_pool()
        try:
            self.documents()
            self.agencies()
            self.directives()
            self.drain()
        finally:
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)
        if self.shard:
            self.flush_shard()
        self.index()
        return dict(self.counts)

    def start_pool(self):
        """Worker processes, forked before anything is read (fork needs no import of the
        caller's main module, which spawn would re-run); None to make the pages here."""
        global _PARENT_STORE
        if (self.workers < 2 or sys.platform != "linux"
                or getattr(type(self.store), "for_child", Store.for_child) is Store.for_child):
            return None
        _PARENT_STORE = self.store
        pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_start_worker, initargs=(str(self.out),))
        try:
            pool.submit(int).result()  # forks them all, and they are connected
        except BrokenProcessPool:  # a worker could not connect: make the pages here
            pool.shutdown()
            return None
        finally:
            _PARENT_STORE = None
        return pool

    def assets(self) -> None:
        lib = html.PYVIS_TEMPLATES / "lib" / "vis-9.1.2"
        shutil.copyfile(lib / "vis-network.min.js", self.out / "assets" / "vis-network.min.js")
        css = (lib / "vis-network.css").read_text(encoding="utf-8")
        css += (html.TEMPLATES / "graph.css").read_text(encoding="utf-8")
        css += (html.TEMPLATES / "site.css").read_text(encoding="utf-8")
        self.pages.write("assets/site.css", css)
        shutil.copyfile(html.TEMPLATES / "search.js", self.out / "assets" / "search.js")

    def documents(self) -> None:
        """One page per loaded document, in date order (the index and task rows keep it)."""
        rows = self.store.query(
            "MATCH (d:Document) RETURN d.id AS id, labels(d) AS labels, properties(d) AS props "
            "ORDER BY d.date, d.id", {}, read_only=True)
        self.total_documents = len(rows)
        for start in range(0, len(rows), DOC_BATCH):
            batch = rows[start:start + DOC_BATCH]
            self.submit("documents", len(batch), (start, batch))

    def _batches(self, statement: str):
        """Nodes of one label, BATCH at a time in id order, so that a page's reads can be batched."""
        last = ""
        while rows := self.store.query(statement, {"last": last, "limit": BATCH}, read_only=True):
            yield rows
            last = rows[-1]["id"]

    def agencies(self) -> None:
        for rows in self._batches(BATCH_OF["Agency"]):
            self.submit("agencies", len(rows), rows)

    def directives(self) -> None:
        """One page per cited directive: the documents under it, level by level, as a nested
        list (every level, however large) and drawn when the tree is small enough to read."""
        children = defaultdict(list)
        for row in self.store.query(
                "MATCH (s)-[r:IMPLEMENTS|FORWARDS]->(e) WHERE (s:Document OR s:Task) "
                "AND (e:Directive OR e:Document) "
                "OPTIONAL MATCH (s)-[:PART_OF*1..6]->(d:Document) "
                "RETURN s.id AS s, labels(s) AS sl, s.number AS number, s.title AS title, "
                "s.level AS level, s.label AS label, d.id AS d, d.number AS dnumber, "
                "type(r) AS type, e.id AS e", {}, read_only=True):
            children[row["e"]].append(row)
        for rows in self._batches(BATCH_OF["Directive"]):
            for start in range(0, len(rows), DIRECTIVE_BATCH):
                items = [(row, *_tree(children, row["id"]))
                         for row in rows[start:start + DIRECTIVE_BATCH]]
                self.submit("directives", len(items), items)

    def index(self) -> None:
        self.pages.write("data/documents.js", _js_data("PKG.setDocuments", self.index_rows))
        self.pages.write("data/agencies.js", _js_data("PKG.setAgencies", self.agency_rows))
        text = self.pages.env.get_template("site_index.html").render(
            shards=[f"data/tasks-{i:03d}.js" for i in range(self.shards)],
            counts=dict(self.counts), level_names=LEVEL_NAMES)
        self.pages.write("index.html", text)


def default_workers() -> int:
    """Page makers: one per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _tree(children: dict, root: str, depth: int = 0, seen=None) -> tuple[list, int]:
    """Nested list of what implements or forwards `root`: [(row, subtree)], and its size."""
    seen = set() if seen is None else seen
    out, size = [], 0
    if depth > subgraph.MAX_DEPTH:
        return out, 0
    for row in sorted(children.get(root, ()), key=lambda r: (r["level"] or "", r["number"] or "",
                                                             r["s"])):
        if row["s"] in seen:
            continue
        seen.add(row["s"])
        if "Task" in row["sl"]:
            out.append((row, []))
            continue
        sub, n = _tree(children, row["s"], depth + 1, seen)
        out.append((row, sub))
        size += 1 + n
    return out, size


def ledger(g, doc) -> list:
    """A document's 台账 from its view graph: every task and sub-item in printed order, with
    section, leads, cooperators and deadline (the document-tasks query, for one page)."""
    rows = []

    def agencies(t, kind):
        return sorted(({"id": s, "name": g.nodes[s]["props"].get("name") or s}
                       for s, _, k in g.in_edges(t, keys=True) if k == kind),
                      key=lambda a: a["name"])

    def walk(parent, prefix, depth):
        kids = [t for t, _, k in g.in_edges(parent, keys=True)
                if k == "PART_OF" and "Task" in g.nodes[t]["labels"]]
        for t in outline.task_order(g, kids):
            p = g.nodes[t]["props"]
            rows.append({"id": t, "label": (prefix + " " + (p.get("label") or "")).strip(),
                         "title": p.get("title") or "", "text": p.get("text") or "",
                         "section": (p.get("section") or "").split(" / ")[0] if depth == 0 else "",
                         "deadline": p.get("deadline") or "", "sub": depth > 0,
                         "leads": agencies(t, "LEADS"), "cooperates": agencies(t, "COOPERATES")})
            walk(t, p.get("label") or "", depth + 1)
    walk(doc, "", 0)
    return rows


def write_site(store, out, progress=None, workers: int | None = None) -> dict:
    """Write the site of the whole store into folder `out`; return what it wrote. Pages are
    made by `workers` processes (default: one per core) while this one reads the store."""
    return Site(store, out, progress, workers).run()


def summary(out, counts: dict) -> str:
    return (f"已写出网站 {Path(out) / 'index.html'}：{counts.get('documents', 0)} 个文件、"
            f"{counts.get('tasks', 0)} 项任务、{counts.get('agencies', 0)} 个单位、"
            f"{counts.get('directives', 0)} 个上级文件，共 {counts.get('pages', 0) + 1} 个页面；"
            f"用浏览器打开 index.html 即可，无需服务器和网络")
