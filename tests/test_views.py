"""HTML views, checked as a person would: opened in headless Chromium with the network off.

Each view is written from a real store, opened from a file:// URL in /usr/bin/chromium (driven
by Playwright, which never downloads a browser here), and the test reads from the page how many
nodes and links vis-network drew, that no script error happened, that no request left the page,
and that text from documents (including markup and script) is shown as text. Screenshots are
kept in test-artifacts/ for a human to look at.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from offline_tab import OfflineTab
from policykg.graph.model import AgencyRef, DocumentRecord, Reference, TaskRecord, to_graph
from policykg.graph.store import open_store
from policykg.viz.views import write_view

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
SCRIPT_TAG = "<script>alert(1)</script>"
ATTRIBUTE = '"onmouseover=alert(1)'
JS_URL = "javascript:alert(1)"
LINK = '<a href="javascript:alert(1)">link</a><img src=x onerror="alert(1)">'
NATIONAL = "国办发〔2018〕88号"
PROVINCIAL = "辽政办发〔2018〕5号"
MUNICIPAL = "大政办发〔2018〕12号"
COUNTY = "长政办发〔2019〕3号"
HOSTILE_AGENCY = f"大连市{SCRIPT_TAG}局"


def _agency(name, surface, region, level, role="", evidence="", kind="department"):
    return AgencyRef(name=name, surface=surface, region=region, level=level, kind=kind,
                     role_text=role, evidence=evidence)


def hostile_documents() -> list[DocumentRecord]:
    """A national → provincial → municipal → county chain whose texts try to inject script."""
    national = Reference(number=NATIONAL, title="关于印发深化医药卫生体制改革2018年下半年重点工作任务的通知",
                         issuer="国务院办公厅", level="national", year=2018,
                         evidence=f"根据《国务院办公厅关于…的通知》（{NATIONAL}）")
    province = DocumentRecord(
        source="prov.txt", number=PROVINCIAL, title="辽宁省深化医药卫生体制改革实施方案",
        issuers=[_agency("辽宁省人民政府办公厅", "省政府办公厅", "辽宁省", "provincial",
                         kind="government")],
        date="2018-11-02", doc_type="实施方案", level="provincial", region="辽宁省",
        implements=[national],
        tasks=[TaskRecord(label="（一）", title="推进分级诊疗", text="推进分级诊疗制度建设。", order=1,
                          leads=[_agency("辽宁省卫生计生委", "省卫生计生委", "辽宁省", "provincial",
                                         "牵头", "省卫生计生委牵头")],
                          cooperates=[_agency("辽宁省财政厅", "省财政厅", "辽宁省", "provincial",
                                              "配合", "省财政厅配合")]),
               TaskRecord(label="（二）", title="完善药品供应保障", text="完善药品供应保障制度。", order=2,
                          leads=[_agency("辽宁省卫生计生委", "省卫生计生委", "辽宁省", "provincial",
                                         "牵头", "省卫生计生委牵头")])])
    city = DocumentRecord(
        source="city.txt", number=MUNICIPAL,
        title=f"大连市实施方案{SCRIPT_TAG}{ATTRIBUTE}",
        issuers=[_agency("大连市人民政府办公厅", "市政府办公厅", "大连市", "municipal",
                         kind="government")],
        date="2018-12-21", doc_type="实施方案", level="municipal", region="大连市",
        implements=[Reference(number=PROVINCIAL, title="辽宁省深化医药卫生体制改革实施方案",
                              issuer="辽宁省人民政府办公厅", level="provincial", year=2018,
                              evidence=f"按照{PROVINCIAL}要求 {JS_URL}")],
        tasks=[TaskRecord(label="1", title=f"建立医联体{ATTRIBUTE}", text=f"建立医联体。{LINK}", order=1,
                          deadline="2018年底前", due="2018-12-31",
                          leads=[_agency("大连市卫生计生委", "市卫计委", "大连市", "municipal",
                                         "牵头", f"市卫计委牵头 {JS_URL}")],
                          cooperates=[_agency(HOSTILE_AGENCY, "市局", "大连市", "municipal", "配合",
                                              f"{SCRIPT_TAG}配合")],
                          subtasks=[TaskRecord(label="（1）", title="城市医联体", text="城市医联体。",
                                               order=1,
                                               leads=[_agency("大连市卫生计生委", "市卫计委", "大连市",
                                                              "municipal", "牵头", "市卫计委牵头")])]),
               TaskRecord(label="2", title="落实国办要求", text=f"落实{NATIONAL}。", order=2,
                          leads=[_agency("大连市财政局", "市财政局", "大连市", "municipal", "负责",
                                         "市财政局负责")],
                          cooperates=[_agency("大连市卫生计生委", "市卫计委", "大连市", "municipal",
                                              "配合", "市卫计委配合")],
                          implements=[national])])
    county = DocumentRecord(
        source="county.txt", number=COUNTY, title="长海县转发大连市实施方案的通知",
        issuers=[_agency("长海县人民政府办公室", "县政府办公室", "长海县", "county",
                         kind="government")],
        date="2019-01-10", doc_type="通知", level="county", region="长海县",
        forwards=[Reference(number=MUNICIPAL, title="大连市实施方案", issuer="大连市人民政府办公厅",
                            level="municipal", year=2018, evidence=f"现将{MUNICIPAL}转发给你们")],
        tasks=[TaskRecord(label="一", title="县级落实", text=f"落实{NATIONAL}。", order=1,
                          leads=[_agency("长海县卫生计生局", "县卫计局", "长海县", "county", "牵头",
                                         "县卫计局牵头")],
                          implements=[national])])
    zibo = DocumentRecord(  # another city whose 市卫计委 is a different body
        source="zibo.txt", number="淄政办发〔2018〕7号", title="淄博市实施方案",
        issuers=[_agency("淄博市人民政府办公厅", "市政府办公厅", "淄博市", "municipal",
                         kind="government")],
        date="2018-12-01", doc_type="实施方案", level="municipal", region="淄博市",
        tasks=[TaskRecord(label="1", title="淄博任务", text="淄博任务。", order=1,
                          leads=[_agency("淄博市卫生计生委", "市卫计委", "淄博市", "municipal", "牵头",
                                         "市卫计委牵头")])])
    return [province, city, county, zibo]


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    with open_store(tmp_path_factory.mktemp("views") / "store") as store:
        for doc in hostile_documents():
            store.write(to_graph(doc))
        yield store


class Page(OfflineTab):
    """One view opened offline; what the page drew and everything that went wrong."""

    def __init__(self, browser, path: Path, shot: str):
        super().__init__(browser)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector('#pkg-status[data-ready="1"]', state="attached", timeout=60000)
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{shot}.png"))

    def drawn(self) -> dict:
        return self.page.evaluate("() => ({nodes: network.body.data.nodes.length,"
                                  " edges: network.body.data.edges.length,"
                                  " status: [Number(document.getElementById('pkg-status').dataset.nodes),"
                                  "          Number(document.getElementById('pkg-status').dataset.edges)],"
                                  " physics: network.physics.physicsEnabled})")



VIEWS = [("overview", None), ("document", MUNICIPAL), ("agency", "大连市卫生计生委"),
         ("directive", NATIONAL)]


@pytest.mark.parametrize("kind,key", VIEWS)
def test_view_draws_its_graph_offline(hostile_store, browser, tmp_path, kind, key):
    path = tmp_path / f"{kind}.html"
    counts = write_view(hostile_store, kind, key, path)
    assert counts["nodes"] > 3 and counts["edges"] > 2
    page = Page(browser, path, f"view-hostile-{kind}")
    try:
        drawn = page.drawn()
        assert (drawn["nodes"], drawn["edges"]) == (counts["nodes"], counts["edges"])
        assert drawn["status"] == [counts["nodes"], counts["edges"]]
        assert drawn["physics"] is False  # stabilised, then switched off
        assert page.errors == [] and page.requests == [] and page.dialogs == []
        assert page.page.evaluate("() => document.scripts.length") == 2  # vis-network + ours
    finally:
        page.close()


def test_view_contents(hostile_store, tmp_path):
    """Which nodes each view holds, from the store (not from the page)."""
    cases = {("document", MUNICIPAL): {f"doc:{MUNICIPAL}", f"doc:{PROVINCIAL}", f"doc:{COUNTY}",
                                       f"doc:{NATIONAL}", f"agency:{HOSTILE_AGENCY}",
                                       "agency:大连市卫生计生委", "agency:大连市财政局"},
             ("agency", "大连市卫生计生委"): {"agency:大连市卫生计生委", "agency:大连市财政局",
                                       f"agency:{HOSTILE_AGENCY}", f"doc:{MUNICIPAL}"},
             ("directive", NATIONAL): {f"doc:{NATIONAL}", f"doc:{PROVINCIAL}", f"doc:{MUNICIPAL}",
                                       f"doc:{COUNTY}"}}
    from policykg.viz import subgraph
    for (kind, key), expected in cases.items():
        g = getattr(subgraph, f"{kind}_graph")(hostile_store, key)
        assert expected <= set(g), (kind, expected - set(g))
    agency = subgraph.agency_graph(hostile_store, "大连市卫生计生委")
    assert "agency:辽宁省卫生计生委" not in agency  # other jurisdictions never join in
    tree = subgraph.directive_graph(hostile_store, NATIONAL)
    assert sum("Task" in d["labels"] for _, d in tree.nodes(data=True)) >= 5
    overview = subgraph.overview_graph(hostile_store)
    assert not any("Task" in d["labels"] for _, d in overview.nodes(data=True))
    lead = overview.edges["agency:大连市卫生计生委", f"doc:{MUNICIPAL}", "LEADS"]
    assert lead["tasks"] == 2  # task 1 and its sub-item (1)


def test_hostile_text_is_shown_as_text(hostile_store, browser, tmp_path):
    path = tmp_path / "document.html"
    write_view(hostile_store, "document", MUNICIPAL, path)
    page = Page(browser, path, "view-hostile-tooltip")
    try:
        p = page.page
        assert SCRIPT_TAG in p.inner_text("h1") and ATTRIBUTE in p.inner_text("h1")
        assert p.title().startswith("文件 " + MUNICIPAL)
        # hover the hostile agency: the tooltip shows its name and evidence as text
        for node_id, expected in ((f"agency:{HOSTILE_AGENCY}", SCRIPT_TAG),
                                  (f"task:{MUNICIPAL}#1", "href=")):
            point = p.evaluate("id => network.canvasToDOM(network.getPositions([id])[id])", node_id)
            box = p.locator("#mynetwork").bounding_box()
            p.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
            p.wait_for_function("t => { const el = document.querySelector('div.vis-tooltip');"
                                " return el && el.offsetParent && el.innerText.includes(t); }",
                                arg=expected, timeout=5000)
            tip = p.locator("div.vis-tooltip")
            # text only: innerText turns line breaks into <br>, and nothing else is markup
            assert tip.evaluate("el => [...el.querySelectorAll('*')].map(c => c.tagName)"
                                ".filter(t => t !== 'BR')") == []
        assert p.evaluate("() => document.querySelectorAll('img, a, iframe').length") == 0
        # the region filter offers the names as text and hides what does not match
        p.select_option("#pkg-region", "长海县")
        hidden = p.evaluate("() => nodes.get({filter: n => n.hidden}).length")
        assert 0 < hidden < p.evaluate("() => nodes.length")
        p.fill("#pkg-search", "alert(1)")
        assert p.inner_text("#pkg-matches") == "找到 3 个"
        assert page.errors == [] and page.requests == [] and page.dialogs == []
    finally:
        page.close()


def test_html_has_no_remote_reference_or_raw_markup(hostile_store, tmp_path):
    path = tmp_path / "overview.html"
    write_view(hostile_store, "overview", None, path)
    text = path.read_text(encoding="utf-8")
    remote = re.findall(r"<(?:script|link|img|iframe)\b[^>]*(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//"
                        r"|url\(\s*[\"']?\s*(?:https?:)?//|@import", text, re.IGNORECASE)
    assert remote == []
    assert not re.search(r"jsdelivr|cdnjs|bootstrap\.(?:min|bundle)", text)
    assert SCRIPT_TAG not in text  # every copy is escaped (\u003c in data, &lt; in markup)
    assert "popup.innerHTML" not in text


@pytest.mark.parametrize("kind,key", [("document", "京政发〔1999〕1号"), ("agency", "月球办"),
                                      ("directive", "国发〔1900〕9号")])
def test_unknown_key_is_a_clear_error(hostile_store, tmp_path, kind, key):
    with pytest.raises(LookupError, match=re.escape(key)):
        write_view(hostile_store, kind, key, tmp_path / "x.html")
    assert not (tmp_path / "x.html").exists()


def test_alias_and_number_forms(hostile_store, tmp_path):
    # 市卫计委 is an alias of two bodies (大连 and 淄博): say so, and name both
    with pytest.raises(LookupError, match="大连市卫生计生委.*淄博市卫生计生委"):
        write_view(hostile_store, "agency", "市卫计委", tmp_path / "a.html")
    assert write_view(hostile_store, "agency", "县卫计局", tmp_path / "a.html")["nodes"] > 1
    # a number typed with ASCII brackets and spaces finds the canonical 〔〕 form
    counts = write_view(hostile_store, "document", "大政办发 [2018] 12号", tmp_path / "d.html")
    assert counts == write_view(hostile_store, "document", MUNICIPAL, tmp_path / "e.html")


def test_directive_tree_runs_top_to_bottom(hostile_store, browser, tmp_path):
    path = tmp_path / "directive.html"
    write_view(hostile_store, "directive", NATIONAL, path)
    page = Page(browser, path, "view-hostile-directive-tree")
    try:
        y = page.page.evaluate("() => { const p = network.getPositions(); const out = {};"
                               " for (const id in p) out[id] = p[id].y; return out; }")
        tasks = [v for k, v in y.items() if k.startswith("task:")]
        assert (y[f"doc:{NATIONAL}"] < y[f"doc:{PROVINCIAL}"] < y[f"doc:{MUNICIPAL}"]
                < y[f"doc:{COUNTY}"] < min(tasks))
    finally:
        page.close()


def test_large_view_opens_with_positions_and_physics_off(hostile_store, browser, tmp_path):
    path = tmp_path / "large.html"
    counts = write_view(hostile_store, "overview", None, path, physics_limit=5)
    page = Page(browser, path, "view-hostile-overview-fixed")
    try:
        drawn = page.drawn()
        assert (drawn["nodes"], drawn["edges"]) == (counts["nodes"], counts["edges"])
        assert drawn["physics"] is False and page.errors == [] and page.requests == []
        spread = page.page.evaluate("() => new Set(Object.values(network.getPositions())"
                                    ".map(p => Math.round(p.x) + ',' + Math.round(p.y))).size")
        assert spread == counts["nodes"]  # every node has its own place
    finally:
        page.close()


def _busiest(store, text: str) -> str:
    rows = store.query(text, {}, read_only=True)
    assert rows, text
    return rows[0]["key"]


def test_sample_views_open_offline(sample_store, browser, tmp_path):
    """The five real notices: every view of their busiest document, agency and directive."""
    keys = {
        "overview": None,
        "document": _busiest(sample_store, "MATCH (t:Task)-[:PART_OF]->(d:Document) WHERE d.number <> '' "
                             "RETURN d.number AS key, count(t) AS n ORDER BY n DESC, key LIMIT 1"),
        "agency": _busiest(sample_store, "MATCH (a:Agency)-[:LEADS]->(t:Task) "
                           "RETURN a.name AS key, count(t) AS n ORDER BY n DESC, key LIMIT 1"),
        "directive": _busiest(sample_store, "MATCH (x)-[:IMPLEMENTS|FORWARDS]->(d:Directive) "
                              "WHERE d.number <> '' RETURN d.number AS key, count(x) AS n "
                              "ORDER BY n DESC, key LIMIT 1"),
    }
    for kind, key in keys.items():
        path = tmp_path / f"{kind}.html"
        counts = write_view(sample_store, kind, key, path)
        assert counts["nodes"] > 3, (kind, key, counts)
        page = Page(browser, path, f"view-sample-{kind}")
        try:
            drawn = page.drawn()
            assert (drawn["nodes"], drawn["edges"]) == (counts["nodes"], counts["edges"]), kind
            assert drawn["physics"] is False
            assert page.errors == [] and page.requests == [] and page.dialogs == [], kind
        finally:
            page.close()


OVERLAPS = """() => {
  // a box's own size as drawn (its label is wrapped inside it)
  const boxes = nodes.getIds().map(id => {
    const n = network.body.nodes[id], w = n.shape.width, h = n.shape.height;
    return [id, {left: n.x - w / 2, right: n.x + w / 2, top: n.y - h / 2, bottom: n.y + h / 2}];
  }).sort((a, b) => a[1].left - b[1].left);
  const out = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length && boxes[j][1].left < boxes[i][1].right - 1; j++) {
      const a = boxes[i][1], b = boxes[j][1];
      if (a.top < b.bottom - 1 && b.top < a.bottom - 1) out.push([boxes[i][0], boxes[j][0]]);
    }
  }
  return out;
}"""


def legend_covers_nothing(page) -> bool:
    return page.evaluate("() => { const l = document.getElementById('legend').getBoundingClientRect();"
                         " const c = document.getElementById('mynetwork').getBoundingClientRect();"
                         " return l.left >= c.right || l.top >= c.bottom; }")


def test_structured_views_have_no_overlapping_labels(hostile_store, sample_store, browser, tmp_path):
    """Every box of the document, agency and directive views has a place of its own (label
    included, as vis-network measures it), and the legend sits beside the drawing."""
    cases = [(hostile_store, "document", MUNICIPAL), (hostile_store, "document", COUNTY),
             (hostile_store, "agency", "大连市卫生计生委"), (hostile_store, "directive", NATIONAL),
             (sample_store, "document", _busiest(sample_store, "MATCH (t:Task)-[:PART_OF]->(d:Document) "
              "WHERE d.number <> '' RETURN d.number AS key, count(t) AS n ORDER BY n DESC, key LIMIT 1")),
             (sample_store, "agency", _busiest(sample_store, "MATCH (a:Agency)-[:LEADS]->(t:Task) "
              "RETURN a.name AS key, count(t) AS n ORDER BY n DESC, key LIMIT 1"))]
    for i, (store, kind, key) in enumerate(cases):
        path = tmp_path / f"{kind}{i}.html"
        write_view(store, kind, key, path)
        page = Page(browser, path, f"view-layout-{i}-{kind}")
        try:
            assert page.page.evaluate(OVERLAPS) == [], (kind, key)
            assert legend_covers_nothing(page.page)
            assert page.errors == [] and page.requests == []
        finally:
            page.close()


def test_forwarding_notice_shows_what_it_takes_on(hostile_store):
    """The county notice forwards the city plan: its view holds the city plan's tasks and
    their agencies."""
    from policykg.viz import subgraph
    g = subgraph.document_graph(hostile_store, COUNTY)
    assert f"task:{MUNICIPAL}#1" in g and f"task:{MUNICIPAL}#2" in g
    assert "agency:大连市财政局" in g


@pytest.fixture(scope="module")
def bench_store(tmp_path_factory):
    """120 documents of the benchmark corpus (national → provincial → municipal → county
    chains, 台账 tables, forwarding notices) in a real store."""
    from bench.corpus import generate
    from policykg.graph.build import build
    folder = tmp_path_factory.mktemp("bench")
    generate(120, folder / "corpus", seed=1)
    with open_store(folder / "store") as store:
        build(store, [folder / "corpus" / "docs"], progress=False)
        yield store


def test_bench_views_have_no_overlapping_labels(bench_store, browser, tmp_path):
    """The busiest document, agency, forwarding notice and provincial directive of a generated
    corpus, and the national directive's whole tree: every box in a place of its own."""
    q = {"document": "MATCH (t:Task)-[:PART_OF]->(d:Document) WHERE d.number <> '' "
                     "RETURN d.number AS key, count(t) AS n ORDER BY n DESC, key LIMIT 1",
         "agency": "MATCH (a:Agency)-[:LEADS|COOPERATES]->(t:Task) "
                   "RETURN a.name AS key, count(t) AS n ORDER BY n DESC, key LIMIT 1",
         "forwarding": "MATCH (d:Document)-[:FORWARDS]->(f:Document)<-[:PART_OF]-(:Task) "
                       "RETURN d.number AS key, count(*) AS n ORDER BY n DESC, key LIMIT 1",
         "provincial": "MATCH (x)-[:IMPLEMENTS|FORWARDS]->(d {level: 'provincial'}) WHERE d.number <> '' "
                       "RETURN d.number AS key, count(x) AS n ORDER BY n DESC, key LIMIT 1",
         "national": "MATCH (x)-[:IMPLEMENTS|FORWARDS]->(d {level: 'national'}) WHERE d.number <> '' "
                     "RETURN d.number AS key, count(x) AS n ORDER BY n DESC, key LIMIT 1"}
    kinds = {"forwarding": "document", "provincial": "directive", "national": "directive"}
    for name, text in q.items():
        kind, key = kinds.get(name, name), _busiest(bench_store, text)
        path = tmp_path / f"{name}.html"
        drawn = write_view(bench_store, kind, key, path)
        assert drawn["nodes"] > 5, (name, key)
        page = Page(browser, path, f"view-bench-{name}")
        try:
            assert page.page.evaluate(OVERLAPS) == [], (name, key)
            assert legend_covers_nothing(page.page)
            assert page.errors == [] and page.requests == []
        finally:
            page.close()


def test_directive_tree_draws_task_alignment(store_dir, tmp_path):
    """A local task that carries out an upstream task (ANSWERS, written here by hand as the
    alignment step would) is drawn between the two task boxes, with its legend line."""
    from policykg.viz import subgraph
    with open_store(store_dir) as store:
        for doc in hostile_documents():
            store.write(to_graph(doc))
        store.query("MATCH (s:Task {id: $s}), (e:Task {id: $e}) "
                    "MERGE (s)-[:ANSWERS {score: 0.9, method: 'lexical'}]->(e)",
                    {"s": f"task:{MUNICIPAL}#1", "e": f"task:{PROVINCIAL}#1"}, read_only=False)
        g = subgraph.directive_graph(store, NATIONAL)
        assert g.has_edge(f"task:{MUNICIPAL}#1", f"task:{PROVINCIAL}#1", "ANSWERS")
        path = tmp_path / "tree.html"
        write_view(store, "directive", NATIONAL, path)
        assert "承接上级任务 ANSWERS" in path.read_text(encoding="utf-8")
