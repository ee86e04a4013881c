"""The overview of a large store: documents and agencies grouped by region and level, read with
aggregating queries, and expanded on demand in the page (headless Chromium, network off).

The store holds the hostile national → provincial → municipal → county chain of test_views.py
(titles and agency names that try to inject script), on both engines.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ENGINES, filled_store
from offline_tab import OfflineTab
from policykg.graph.model import to_graph
from policykg.graph.store import open_store
from policykg.viz import groups
from policykg.viz.views import write_view
from test_views import (ARTIFACTS, COUNTY, HOSTILE_AGENCY, MUNICIPAL, NATIONAL, SCRIPT_TAG,
                        hostile_documents)


def _fill(store):
    for doc in hostile_documents():
        store.write(to_graph(doc))


@pytest.fixture(scope="module", params=ENGINES)
def chain(request, tmp_path_factory):
    with filled_store(request, "groups", _fill, tmp_path_factory) as store:
        yield store


def _group(read, kind, region, level):
    found = [g for g in read.groups if g.key == (kind, region, level)]
    assert len(found) == 1, (kind, region, level, [g.key for g in read.groups])
    return found[0]


def test_groups_are_counted_by_region_and_level(chain):
    read = groups.read_groups(chain, members=1)
    assert read.totals() == {"Document": 4, "Agency": 11, "Directive": 1}
    city = _group(read, "Document", "大连市", "municipal")
    assert (city.n, city.tasks) == (1, 3)  # two tasks and a sub-item
    bodies = _group(read, "Agency", "大连市", "municipal")
    assert bodies.n == 4  # 卫生计生委, 财政局, the hostile one, the issuing 市政府办公厅
    # one member listed: the busiest (leads task 1 and its sub-item, cooperates on task 2)
    assert [(m["name"], m["tasks"]) for m in bodies.members] == [("大连市卫生计生委", 3)]
    assert "另有 3 个未列出" in groups.group_hover(bodies)
    cited = _group(read, "Directive", "", "national")  # cited, never loaded
    assert [m["number"] for m in cited.members] == [NATIONAL]
    # links between groups, weighted by the distinct tasks or documents behind them
    agencies, city_docs = bodies.key, city.key
    assert read.links[(agencies, city_docs, "LEADS")]["tasks"] == 3
    assert read.links[(agencies, city_docs, "COOPERATES")]["tasks"] == 2
    county = _group(read, "Document", "长海县", "county").key
    assert read.links[(county, city_docs, "FORWARDS")]["docs"] == 1
    assert read.links[(city_docs, _group(read, "Document", "辽宁省", "provincial").key,
                       "IMPLEMENTS")]["docs"] == 1
    assert read.links[(city_docs, cited.key, "IMPLEMENTS")] == {"tasks": 1, "docs": 0}


def test_small_store_keeps_the_full_overview(chain, tmp_path, monkeypatch):
    drawn = write_view(chain, "overview", None, tmp_path / "o.html")
    assert "groups" not in drawn and drawn["counts"]["Agency"] == 11
    assert groups.overview_size(chain) == 16
    monkeypatch.setattr(groups, "GROUP_THRESHOLD", 10)  # a store above the threshold: grouped
    drawn = write_view(chain, "overview", None, tmp_path / "g.html")
    assert drawn["groups"] == {"Document": 4, "Agency": 4, "Directive": 1}
    assert write_view(chain, "overview", None, tmp_path / "u.html", grouped=False)["nodes"] == 16


class Page(OfflineTab):
    def __init__(self, browser, path, shot):
        super().__init__(browser)
        self.shot = shot
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector('#pkg-status[data-ready="1"]', state="attached", timeout=60000)

    def group_id(self, kind, region):
        return self.page.evaluate("([k, r]) => nodes.get({filter: n => /^g/.test(n.id) && n.kind === k"
                                  " && n.region === r})[0].id", [kind, region])

    def double_click(self, node_id):
        p = self.page
        point = p.evaluate("id => { network.moveTo({position: network.getPositions([id])[id], scale: 1,"
                           " animation: false}); return network.canvasToDOM(network.getPositions([id])[id]); }",
                           node_id)
        box = p.locator("#mynetwork").bounding_box()
        p.mouse.dblclick(box["x"] + point["x"], box["y"] + point["y"])

    def links(self):
        """The links drawn now: (from label, to label, kind, title) for every edge not hidden."""
        return self.page.evaluate("() => edges.get({filter: e => !e.hidden}).map(e => [nodes.get(e.from).label,"
                                  " nodes.get(e.to).label, e.kind, e.title])")

    def save(self, step):
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{self.shot}-{step}.png"))


def test_a_group_expands_in_the_page_offline(chain, browser, tmp_path):
    path = tmp_path / "grouped.html"
    drawn = write_view(chain, "overview", None, path, grouped=True, members=1)
    assert drawn["groups"] == {"Document": 4, "Agency": 4, "Directive": 1}
    assert drawn["listed"] == 9  # one of each group
    text = path.read_text(encoding="utf-8")
    assert SCRIPT_TAG not in text and "<img" not in text
    page = Page(browser, path, f"view-grouped-{'neo4j' if 'Neo4j' in type(chain).__name__ else 'falkordb'}")
    try:
        p = page.page
        assert p.evaluate("() => [nodes.length, edges.length]") == [drawn["nodes"], drawn["edges"]]
        page.save(0)
        # open the city's documents: its one document appears, with the city's agencies' links
        # counted for their group (the store's distinct tasks, not the listed agency's alone)
        page.double_click(page.group_id("Document", "大连市"))
        p.wait_for_selector('#pkg-status[data-expanded="1"]', state="attached")
        assert p.evaluate("() => nodes.get({filter: n => /^m/.test(n.id)}).map(n => n.label)") == [MUNICIPAL]
        leads = [t for s, e, k, t in page.links() if k == "LEADS" and e == MUNICIPAL]
        assert len(leads) == 1 and "3 项任务" in leads[0]
        page.save(1)
        # open the city's agencies too: the listed one links to the document itself
        page.double_click(page.group_id("Agency", "大连市"))
        p.wait_for_selector('#pkg-status[data-expanded="2"]', state="attached")
        drawn_links = {(s, e, k) for s, e, k, _ in page.links()}
        assert ("大连市卫生计生委", MUNICIPAL, "LEADS") in drawn_links
        assert ("大连市卫生计生委", MUNICIPAL, "COOPERATES") in drawn_links
        city = page.group_id("Document", "大连市")
        assert "另有 3 未列出" in p.evaluate("id => nodes.get(id).label", page.group_id("Agency", "大连市"))
        # every node keeps a place of its own after the rows below moved down
        spread = p.evaluate("() => new Set(Object.values(network.getPositions())"
                            ".map(q => Math.round(q.x) + ',' + Math.round(q.y))).size")
        assert spread == p.evaluate("() => nodes.length")
        page.save(2)
        # the button beside the drawing folds a group back
        p.evaluate("id => { network.selectNodes([id]); network.emit('selectNode', {nodes: [id]}); }", city)
        assert p.inner_text("#pkg-expand") == "收起此组"
        p.click("#pkg-expand")
        p.wait_for_selector('#pkg-status[data-expanded="1"]', state="attached")
        assert p.evaluate("() => nodes.get({filter: n => /^m/.test(n.id)}).map(n => n.label)") == ["大连市卫生计生委"]
        # the search finds a group by a member's name; hostile text stays data
        p.fill("#pkg-search", COUNTY)
        assert p.inner_text("#pkg-matches") == "找到 1 个"
        page.double_click(page.group_id("Agency", "大连市"))  # closed again: nothing but groups
        p.wait_for_selector('#pkg-status[data-expanded="0"]', state="attached")
        assert p.evaluate("() => [nodes.length, edges.get({filter: e => !e.hidden}).length]") == \
            [drawn["nodes"], drawn["edges"]]
        assert page.errors == [] and page.requests == [] and page.dialogs == []
        assert p.evaluate("() => document.querySelectorAll('img, a, iframe').length") == 0
    finally:
        page.close()


def test_every_member_is_listed_up_to_the_bound(chain, tmp_path):
    """A group lists its `members` busiest members; the hostile agency is one of them, its name
    escaped in the page."""
    read = groups.read_groups(chain, members=50)
    assert all(len(g.members) == g.n for g in read.groups)
    names = {m.get("name") for g in read.groups for m in g.members}
    assert HOSTILE_AGENCY in names
    path = tmp_path / "all.html"
    write_view(chain, "overview", None, path, grouped=True)
    assert "\\u003cscript\\u003e" in path.read_text(encoding="utf-8")


def test_cli_groups_on_request(store_dir, tmp_path):
    with open_store(store_dir) as store:
        _fill(store)
    out = tmp_path / "o.html"
    run = subprocess.run([sys.executable, "-m", "policykg.cli", "--store", str(store_dir), "view",
                          "overview", "--grouped", "-o", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "按地区与层级分组" in run.stderr and "4 个文件组" in run.stderr and out.exists()
    run = subprocess.run([sys.executable, "-m", "policykg.cli", "--store", str(store_dir), "view",
                          "document", MUNICIPAL, "--grouped", "-o", str(out)], capture_output=True, text=True)
    assert run.returncode == 2 and "--grouped" in run.stderr
