"""Agencies over time: SUCCEEDED_BY {year, basis} between the bodies of one jurisdiction that an
institutional reform renamed or merged (loaders/data/successions.tsv), names never rewritten, and
the queries and the view that follow the lineage on request.

The store holds one city's task lists before and after the 2018–2019 reforms, written as records
through the real store on both engines (the agency names are those a 淄博市 document resolves
市食药监局, 市工商局, 市卫计委, 市环保局, 市市场监管局 … to), and a second city's list, which must
stay apart.
"""
from __future__ import annotations

import pytest

from policykg.graph.build import build
from policykg.graph.model import AgencyRef, DocumentRecord, TaskRecord, to_graph
from policykg.graph.remove import remove
from policykg.graph.successions import links, relink
from policykg.loaders.agencies import Context, resolve
from policykg.loaders.regions import region
from policykg.queries.runner import run_query
from policykg.viz import outline, subgraph

OLD, NEW, OTHER = "淄政办发〔2017〕20号", "淄政办发〔2020〕8号", "济政办发〔2020〕5号"
BASIS_2019 = "市县机构改革（2019年）"


def _agency(name, surface, region_name, role="牵头"):
    return AgencyRef(name=name, surface=surface, region=region_name, level="municipal",
                     role_text=role, evidence=f"（{surface}{role}）")


def _doc(number, date, region_name, tasks, source):
    return DocumentRecord(source=source, number=number, title=f"{region_name}{date[:4]}年重点工作任务分工",
                          issuers=[AgencyRef(name=f"{region_name}人民政府办公厅", surface="市政府办公厅",
                                             region=region_name, level="municipal", kind="government")],
                          date=date, doc_type="通知", level="municipal", region=region_name, tasks=tasks)


def _task(label, title, lead, coop=None, deadline="", due=""):
    return TaskRecord(label, title, title + "。", order=int(label), deadline=deadline, due=due,
                      leads=[lead], cooperates=[coop] if coop else [])


def zibo_2017():
    return _doc(OLD, "2017-03-01", "淄博市", [
        _task("1", "开展食品安全城市创建", _agency("淄博市食品药品监管局", "市食药监局", "淄博市"),
              _agency("淄博市工商行政管理局", "市工商局", "淄博市", "配合"), "2017年底前", "2017-12-31"),
        _task("2", "整顿规范市场秩序", _agency("淄博市工商行政管理局", "市工商局", "淄博市")),
        _task("3", "推进家庭医生签约服务", _agency("淄博市卫生计生委", "市卫计委", "淄博市")),
        _task("4", "加强大气污染防治", _agency("淄博市环境保护局", "市环保局", "淄博市")),
    ], "lists/zibo-2017.txt")


def zibo_2020():
    return _doc(NEW, "2020-02-20", "淄博市", [
        _task("1", "深化食品安全城市创建", _agency("淄博市市场监管局", "市市场监管局", "淄博市"),
              deadline="2020年底前", due="2020-12-31"),
        _task("2", "推进家庭医生签约服务", _agency("淄博市卫生健康委", "市卫健委", "淄博市")),
        _task("3", "打好污染防治攻坚战", _agency("淄博市生态环境局", "市生态环境局", "淄博市")),
    ], "lists/zibo-2020.txt")


def jinan_2020():
    return _doc(OTHER, "2020-03-01", "济南市", [
        _task("1", "加强食品安全监管", _agency("济南市市场监管局", "市市场监管局", "济南市")),
        _task("2", "推进家庭医生签约服务", _agency("济南市卫生健康委", "市卫健委", "济南市")),
    ], "lists/jinan-2020.txt")


def _write(store, *docs):
    for doc in docs:
        store.write(to_graph(doc))
    relink(store)


def _edges(store):
    return sorted((r["old"], r["new"], r["year"], r["basis"]) for r in store.query(
        "MATCH (a:Agency)-[r:SUCCEEDED_BY]->(b:Agency) RETURN a.name AS old, b.name AS new, "
        "r.year AS year, r.basis AS basis"))


def _run(store, name, **params):
    return run_query(store, name, {k: str(v).lower() if isinstance(v, bool) else str(v)
                                   for k, v in params.items()}).records()


EXPECTED = [("淄博市卫生计生委", "淄博市卫生健康委", 2019), ("淄博市工商行政管理局", "淄博市市场监管局", 2019),
            ("淄博市环境保护局", "淄博市生态环境局", 2019), ("淄博市食品药品监管局", "淄博市市场监管局", 2019)]


def test_each_renamed_body_of_the_city_is_linked_to_its_successor_and_no_body_of_another(target):
    with target.open() as store:
        _write(store, zibo_2017(), zibo_2020(), jinan_2020())
        edges = _edges(store)
    assert [e[:3] for e in edges] == EXPECTED
    assert all(e[3].startswith(BASIS_2019) for e in edges)
    assert not any("济南" in e[0] + e[1] for e in edges)


def test_links_do_not_depend_on_the_order_of_loading_and_need_both_bodies(target):
    with target.open() as store:
        _write(store, zibo_2020())
        assert _edges(store) == []  # the successors alone: nothing to link
        _write(store, jinan_2020(), zibo_2017())
        assert [e[:3] for e in _edges(store)] == EXPECTED


def test_names_are_never_rewritten():
    ctx = Context(region("淄博市"))
    assert resolve("市环保局", ctx).name == "淄博市环境保护局"
    assert resolve("市环境保护局", ctx).name == "淄博市环境保护局"
    assert resolve("市生态环境局", ctx).name == "淄博市生态环境局"
    assert resolve("市卫计委", ctx).name == "淄博市卫生计生委"
    assert resolve("省环保厅", Context(region("山东省"))).name == "山东省环境保护厅"


def test_agency_tasks_with_lineage_lists_the_predecessors_tasks_under_their_printed_names(target):
    with target.open() as store:
        _write(store, zibo_2017(), zibo_2020(), jinan_2020())
        plain = _run(store, "agency-tasks", agency="淄博市市场监管局")
        lineage = _run(store, "agency-tasks", agency="淄博市市场监管局", lineage=True)
        by_alias = _run(store, "agency-tasks", agency="市市场监管局", lineage=True)  # two cities
        workload = _run(store, "agency-workload", agency="淄博市市场监管局", lineage=True)
    assert [(r["document"], r["given_to"]) for r in plain] == [(NEW, "淄博市市场监管局")]
    assert [(r["document"], r["task"], r["role"], r["given_to"]) for r in lineage] == [
        (OLD, "1", "LEADS", "淄博市食品药品监管局"), (OLD, "1", "COOPERATES", "淄博市工商行政管理局"),
        (OLD, "2", "LEADS", "淄博市工商行政管理局"), (NEW, "1", "LEADS", "淄博市市场监管局")]
    assert {r["agency"] for r in lineage} == {"淄博市市场监管局"}
    assert [r["due"] for r in lineage] == ["2017-12-31", "2017-12-31", None, "2020-12-31"]
    assert {(r["agency"], r["given_to"]) for r in by_alias} == {
        ("淄博市市场监管局", "淄博市食品药品监管局"), ("淄博市市场监管局", "淄博市工商行政管理局"),
        ("淄博市市场监管局", "淄博市市场监管局"), ("济南市市场监管局", "济南市市场监管局")}
    assert sorted((r["document"], r["given_to"], r["tasks"]) for r in workload) == [
        (OLD, "淄博市工商行政管理局", 2), (OLD, "淄博市食品药品监管局", 1), (NEW, "淄博市市场监管局", 1)]


def test_agency_lineage_shows_predecessors_itself_and_successors(target):
    with target.open() as store:
        _write(store, zibo_2017(), zibo_2020(), jinan_2020())
        new = _run(store, "agency-lineage", agency="淄博市市场监管局")
        old = _run(store, "agency-lineage", agency="淄博市食品药品监管局")
        alone = _run(store, "agency-lineage", agency="济南市市场监管局")
    assert [(r["relation"], r["step"], r["body"], r["year"], r["tasks"], r["first_document"]) for r in new] == [
        ("predecessor", -1, "淄博市工商行政管理局", 2019, 2, "2017-03-01"),
        ("predecessor", -1, "淄博市食品药品监管局", 2019, 1, "2017-03-01"),
        ("self", 0, "淄博市市场监管局", None, 1, "2020-02-20")]
    assert new[0]["basis"].startswith(BASIS_2019)
    assert [(r["relation"], r["body"]) for r in old] == [
        ("self", "淄博市食品药品监管局"), ("successor", "淄博市市场监管局")]
    assert [(r["relation"], r["body"]) for r in alone] == [("self", "济南市市场监管局")]


def test_edges_stay_true_when_a_document_is_removed_and_loaded_again(target):
    with target.open() as store:
        _write(store, zibo_2017(), zibo_2020(), jinan_2020())
        remove(store, [OLD])  # the 2017 list goes: its bodies, and their edges, with it
        assert _edges(store) == []
        assert not store.query("MATCH (a:Agency {name: '淄博市食品药品监管局'}) RETURN a.id AS id")
        _write(store, zibo_2017())
        assert [e[:3] for e in _edges(store)] == EXPECTED
        remove(store, [NEW])  # now the successors go
        assert _edges(store) == []
        assert store.query("MATCH (a:Agency {name: '淄博市食品药品监管局'}) RETURN a.id AS id")


def test_a_build_draws_the_edges_again(target, tmp_path):
    with target.open() as store:
        for doc in (zibo_2017(), zibo_2020()):
            store.write(to_graph(doc))  # written without relinking
        assert _edges(store) == []
        empty = tmp_path / "nothing"
        empty.mkdir()
        build(store, [str(empty)], progress=False)
        assert [e[:3] for e in _edges(store)] == EXPECTED


def test_national_and_provincial_rows_and_levels():
    agencies = [
        {"id": "a", "name": "国家卫生计生委", "region": "", "level": "national"},
        {"id": "b", "name": "国家卫生健康委", "region": "", "level": "national"},
        {"id": "c", "name": "山东省卫生计生委", "region": "山东省", "level": "provincial"},
        {"id": "d", "name": "山东省卫生健康委", "region": "山东省", "level": "provincial"},
        {"id": "e", "name": "农业部", "region": "", "level": ""},
        {"id": "f", "name": "农业农村部", "region": "", "level": ""},
        {"id": "g", "name": "淄博市卫生健康委", "region": "淄博市", "level": "municipal"},
    ]
    got = {(e["start"]["id"], e["end"]["id"], e["properties"]["year"]) for e in links(agencies)}
    assert got == {("a", "b", 2018), ("c", "d", 2018), ("e", "f", 2018)}


def test_the_agency_view_marks_predecessors_and_successors(target):
    with target.open() as store:
        _write(store, zibo_2017(), zibo_2020())
        new = subgraph.agency_graph(store, "淄博市市场监管局")
        old = subgraph.agency_graph(store, "淄博市工商行政管理局")
    marks = {new.nodes[n]["props"]["name"]: new.nodes[n].get("lineage") for n in new
             if "Agency" in new.nodes[n]["labels"]}
    assert marks == {"淄博市市场监管局": None, "淄博市食品药品监管局": "predecessor",
                     "淄博市工商行政管理局": "predecessor"}
    assert new.has_edge("agency:淄博市食品药品监管局", "agency:淄博市市场监管局", "SUCCEEDED_BY")
    assert outline.label_text(new, "agency:淄博市工商行政管理局") == "前身：淄博市工商行政管理局"
    assert old.nodes["agency:淄博市市场监管局"]["lineage"] == "successor"
    assert outline.label_text(old, "agency:淄博市市场监管局") == "继任：淄博市市场监管局"
    # the predecessor also cooperates on a task the successor does not share: still marked
    assert old.nodes["agency:淄博市食品药品监管局"].get("lineage") is None


@pytest.mark.parametrize("name", ["agency-lineage", "agency-tasks", "agency-workload", "tasks-due",
                                  "agency-due-by-month"])
def test_new_queries_are_saved_with_their_parameters(name):
    from policykg.queries.runner import get_query
    q = get_query(name)
    params = {p.name for p in q.params}
    assert {"agency-lineage": {"agency"}, "agency-tasks": {"agency", "role", "lineage"},
            "agency-workload": {"agency", "lineage"}, "tasks-due": {"before", "after", "agency", "region", "limit", "skip"},
            "agency-due-by-month": {"before", "after", "agency", "region", "limit", "skip"}}[name] == params


def test_successions_and_yearly_deadlines_read_as_rdf_and_conform(target):
    import pyshacl
    from rdflib import Literal

    from policykg.ontology.rdf import PKG, iri, ontology_graph, shapes_graph, to_rdf

    yearly = zibo_2020()
    yearly.tasks[1].deadline, yearly.tasks[1].due, yearly.tasks[1].recurs = "每年6月底前", "2020-06-30", "yearly"
    with target.open() as store:
        _write(store, zibo_2017(), yearly)
        g = to_rdf(store.nodes(), store.relationships())
    old, new = iri("agency:淄博市环境保护局"), iri("agency:淄博市生态环境局")
    assert (old, PKG.succeededBy, new) in g
    [link] = list(g.subjects(PKG.predecessor, old))
    assert g.value(link, PKG.successor) == new and g.value(link, PKG.year) == Literal(2019)
    assert str(g.value(link, PKG.basis)).startswith(BASIS_2019)
    assert g.value(iri(f"task:{NEW}#2"), PKG.recurs) == Literal("yearly")
    conforms, _, text = pyshacl.validate(g, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                         inference="rdfs", allow_warnings=True)
    assert conforms, text


def test_a_stale_drawing_does_not_wipe_edges_another_build_drew(target):
    from policykg.graph.model import GraphBatch
    from policykg.graph.successions import AGENCIES
    with target.open() as store:
        _write(store, zibo_2017())
        seen = store.query(AGENCIES)  # build A reads the agencies ...
        _write(store, zibo_2020())  # ... build B writes its documents and draws the edges ...
        store.write(GraphBatch("", successions=links(seen), seen_agencies=[a["id"] for a in seen]))  # A draws late
        assert [e[:3] for e in _edges(store)] == EXPECTED
