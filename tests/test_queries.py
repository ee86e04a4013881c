"""Saved queries: headers, parameters, read-only runs, and the answers they give.

Two graphs: a small hand-made chain written through the real store (county 桓政办发 forwards city
淄政办发, which like 济政办发 implements the provincial 鲁政办发, which implements a national
国办发), where every answer is known exactly; and the sample documents built by the real loaders.
"""
from __future__ import annotations

import json

import pytest
from conftest import ENGINES, filled_store

from policykg.graph.cypher import FALKORDB_LIST_LOOKUPS
from policykg.graph.embedded import EmbeddedStore
from policykg.graph.model import AgencyRef, DocumentRecord, Reference, TaskRecord, to_graph
from policykg.graph.store import open_store
from policykg.queries.runner import QueryError, get_query, list_queries, parse_query, run_query

NATIONAL = "国办发〔2013〕14号"
NATIONAL_FOR_TASK = "国办发〔2013〕15号"
PROVINCE = "鲁政办发〔2013〕21号"
ZIBO = "淄政办发〔2013〕57号"
JINAN = "济政办发〔2013〕30号"
COUNTY = "桓政办发〔2013〕92号"


def _agency(name, surface=None, region="", level="municipal", role="", kind="department"):
    return AgencyRef(name=name, surface=surface or name, region=region, level=level, kind=kind,
                     role_text=role, evidence=f"（{surface or name}{role}）")


def _ref(number, title, issuer, level, region, evidence):
    return Reference(number, title, issuer, level, region, int(number.split("〔")[1][:4]), evidence)


def chain_records() -> list[DocumentRecord]:
    zibo_health = _agency("淄博市卫生局", "市卫生局", "淄博市", role="牵头")
    zibo_finance = _agency("淄博市财政局", "市财政局", "淄博市", role="配合")
    province = DocumentRecord(
        source="chain/prov.txt", number=PROVINCE, title="山东省深化医药卫生体制改革2013年主要工作安排",
        issuers=[_agency("山东省人民政府办公厅", level="provincial", kind="government")],
        date="2013-06-01", doc_type="通知", level="provincial", region="山东省",
        implements=[_ref(NATIONAL, "关于巩固完善基本药物制度和基层运行新机制的意见", "国务院办公厅",
                         "national", "", "根据《…》（国办发〔2013〕14号）")],
        tasks=[TaskRecord("（一）", "巩固扩大基本医保覆盖面", "巩固扩大基本医保覆盖面。参保率稳定在97%以上。",
                          order=1, leads=[_agency("山东省人力资源社会保障厅", "省人力资源社会保障厅",
                                                  "山东省", "provincial", "牵头")])])
    zibo = DocumentRecord(
        source="chain/zibo.txt", number=ZIBO, title="关于深化医药卫生体制改革重点工作任务分工的通知",
        issuers=[_agency("淄博市人民政府办公厅", kind="government")], date="2013-10-22",
        doc_type="通知", level="municipal", region="淄博市",
        implements=[_ref(PROVINCE, "关于印发山东省深化医药卫生体制改革2013年主要工作安排的通知",
                         "山东省人民政府办公厅", "provincial", "山东省",
                         "为贯彻落实省政府办公厅《…》（鲁政办发〔2013〕21号）精神")],
        tasks=[
            TaskRecord("（一）", "巩固扩大基本医保覆盖面", "巩固扩大基本医保覆盖面。医保参保率稳定在97%以上。",
                       order=1, deadline="2013年底前", due="2013-12-31",
                       leads=[_agency("淄博市人力资源社会保障局", "市人力资源社会保障局", "淄博市",
                                      role="负责")]),
            TaskRecord("（二）", "完善医疗救助制度", "完善医疗救助制度。落实国办发〔2013〕15号。", order=2,
                       leads=[zibo_health, _agency("淄博市民政局", "市民政局", "淄博市", role="牵头")],
                       cooperates=[zibo_finance],
                       implements=[_ref(NATIONAL_FOR_TASK, "关于开展重特大疾病医疗救助试点工作的意见",
                                        "国务院办公厅", "national", "",
                                        "落实《…》（国办发〔2013〕15号）")]),
            TaskRecord("（三）", "加强医保基金监管", "加强医保基金监管。", order=3, cooperates=[zibo_finance],
                       subtasks=[TaskRecord("1", "开展专项检查", "开展专项检查，保障医保基金安全运行。",
                                            order=1, leads=[zibo_health], cooperates=[zibo_finance])]),
        ])
    jinan = DocumentRecord(
        source="chain/jinan.txt", number=JINAN, title="济南市深化医药卫生体制改革2013年工作安排",
        issuers=[_agency("济南市人民政府办公厅", kind="government")], date="2013-09-01",
        doc_type="通知", level="municipal", region="济南市",
        implements=[_ref(PROVINCE, "", "山东省人民政府办公厅", "provincial", "山东省",
                         "根据《…》（鲁政办发〔2013〕21号）")],
        tasks=[TaskRecord("一", "扩大医保覆盖面", "扩大医保覆盖面，参保率达到97%。", order=1,
                          leads=[_agency("济南市卫生局", "市卫生局", "济南市", role="牵头")],
                          cooperates=[_agency("济南市财政局", "市财政局", "济南市", role="配合")])])
    county = DocumentRecord(
        source="chain/county.txt", number=COUNTY,
        title="转发淄博市人民政府办公厅关于深化医药卫生体制改革重点工作任务分工的通知",
        issuers=[_agency("桓台县人民政府办公室", level="county", kind="government")],
        date="2013-12-19", doc_type="通知", level="county", region="桓台县",
        forwards=[_ref(ZIBO, "关于深化医药卫生体制改革重点工作任务分工的通知", "淄博市人民政府办公厅",
                       "municipal", "淄博市", "现将淄博市人民政府办公厅《…》（淄政办发〔2013〕57号）转发给你们")])
    return [province, zibo, jinan, county]


def _write_chain(store):
    for record in chain_records():
        store.write(to_graph(record))


@pytest.fixture(scope="module", params=ENGINES)
def chain_store(request, tmp_path_factory):
    with filled_store(request, "chain", _write_chain, tmp_path_factory) as store:
        yield store


def run(store, name, **params):
    return run_query(store, name, {k: str(v) for k, v in params.items()}).records()


# --- the saved files ----------------------------------------------------------------------------

def test_at_least_twelve_saved_queries_with_complete_headers():
    queries = list_queries()
    assert len(queries) >= 12
    assert len({q.name for q in queries}) == len(queries)
    for q in queries:
        assert q.description, q.name
        assert q.columns, q.name
        for p in q.params:
            assert p.description and p.example, (q.name, p.name)
            p.convert(p.example)  # every example is a valid value of its declared type


def test_saved_query_text_stays_in_the_common_subset():
    for q in list_queries():
        upper = q.text.upper()
        for banned in ("SHORTESTPATH", "APOC.", "EXISTS(", "CREATE ", "MERGE ", "DELETE ", " SET ",
                       "REMOVE "):
            assert banned not in upper, (q.name, banned)


def test_header_parse_reads_types_defaults_and_columns():
    q = parse_query("// name: demo\n// description: demo query\n"
                    "// param: number string 国办发〔2018〕83号 — the 发文字号\n"
                    "// param: year int = 0 2018 — only this year\n"
                    "// param: strict bool = false true — strict matching\n"
                    "MATCH (d:Document) WHERE d.number = $number\n"
                    "RETURN d.number AS number, [x IN [1] | x] AS xs ORDER BY number LIMIT 3\n")
    assert q.name == "demo" and q.columns == ("number", "xs")
    assert [(p.name, p.type, p.required, p.default) for p in q.params] == [
        ("number", "string", True, None), ("year", "int", False, 0), ("strict", "bool", False, False)]
    assert q.bind({"number": "x", "year": "2018", "strict": "yes"}) == {
        "number": "x", "year": 2018, "strict": True}
    assert q.bind({"number": "x"}) == {"number": "x", "year": 0, "strict": False}


def test_header_errors_are_reported():
    with pytest.raises(QueryError, match="no `// name:` header"):
        parse_query("MATCH (n) RETURN n.id AS id")
    with pytest.raises(QueryError, match="cannot read parameter line"):
        parse_query("// name: x\n// param: year integer 2018 — a year\nRETURN 1 AS one")
    with pytest.raises(QueryError, match="one-of names undeclared parameters: nope"):
        parse_query("// name: x\n// one-of: nope\nRETURN 1 AS one")
    with pytest.raises(QueryError, match="default of year is not of type int"):
        parse_query("// name: x\n// param: year int = \"\" 2018 — a year\nRETURN 1 AS one")


# --- errors -------------------------------------------------------------------------------------

def test_unknown_query_names_the_saved_ones(chain_store):
    with pytest.raises(QueryError, match="no saved query named 'nope'.*trace-directive-down"):
        run_query(chain_store, "nope", {})


def test_missing_parameter_lists_the_query_parameters(chain_store):
    with pytest.raises(QueryError) as err:
        run_query(chain_store, "trace-directive-down", {})
    assert "missing required parameter(s) number" in str(err.value)
    assert "number (string, required, e.g. 国办发〔2018〕83号)" in str(err.value)


def test_unknown_parameter_is_refused(chain_store):
    with pytest.raises(QueryError, match=r"unknown parameter\(s\) nmber .*parameters of trace-directive-down"):
        run_query(chain_store, "trace-directive-down", {"nmber": NATIONAL})


def test_one_of_groups_need_one_group_in_full(chain_store):
    with pytest.raises(QueryError, match="query trace-task-up needs task or number and label"):
        run_query(chain_store, "trace-task-up", {"number": ZIBO})
    assert run_query(chain_store, "trace-task-up", {"task": f"task:{ZIBO}#1"}).rows


def test_badly_typed_parameter_is_refused(chain_store):
    with pytest.raises(QueryError, match="parameter year: 'last year' is not of type int"):
        run_query(chain_store, "documents-list", {"year": "last year"})
    with pytest.raises(QueryError, match="is not of type bool"):
        run_query(chain_store, "agencies-one-alias", {"abbreviated_only": "maybe"})


def test_read_only_path_refuses_writes(chain_store):
    with pytest.raises(Exception):
        chain_store.query("CREATE (n:X {id: 'x'}) RETURN n.id AS id", {}, read_only=True)
    assert chain_store.query("MATCH (n:X) RETURN count(n) AS n", {}) == [{"n": 0}]


def test_parameters_travel_as_values_not_as_cypher(chain_store):
    rows = run(chain_store, "search-tasks", keyword="' OR 1=1 //")
    assert rows == []


# --- answers on the hand-made chain -------------------------------------------------------------

def test_trace_directive_down_follows_forwarding_and_implementing_chains(chain_store):
    rows = run(chain_store, "trace-directive-down", number=NATIONAL)
    docs = {(r["document"], r["hops"]) for r in rows if r["task"] is None}
    assert docs == {(PROVINCE, 1), (ZIBO, 2), (JINAN, 2), (COUNTY, 3)}
    tasks = [(r["document"], r["task"]) for r in rows if r["task"] is not None]
    assert sorted(tasks) == sorted([(JINAN, "一"), (PROVINCE, "（一）"), (ZIBO, "1"), (ZIBO, "（一）"),
                                    (ZIBO, "（三）"), (ZIBO, "（二）")])
    county = next(r for r in rows if r["document"] == COUNTY)
    assert county["chain"] == f"{COUNTY} -FORWARDS-> {ZIBO} -IMPLEMENTS-> {PROVINCE} -IMPLEMENTS-> {NATIONAL}"
    assert county["levels"] == "county → municipal → provincial → national"
    assert county["evidence"] == ["现将淄博市人民政府办公厅《…》（淄政办发〔2013〕57号）转发给你们",
                                  "为贯彻落实省政府办公厅《…》（鲁政办发〔2013〕21号）精神",
                                  "根据《…》（国办发〔2013〕14号）"]
    sub = next(r for r in rows if r["task"] == "1")
    assert sub["hops"] == 4 and sub["chain"].startswith(f"1 -PART_OF-> （三） -PART_OF-> {ZIBO}")
    assert [r["hops"] for r in rows] == sorted(r["hops"] for r in rows)
    own = run(chain_store, "trace-directive-down", number=PROVINCE)  # a loaded directive
    assert (PROVINCE, "（一）") not in {(r["document"], r["task"]) for r in own}
    assert {r["document"] for r in own} == {ZIBO, JINAN, COUNTY}


def test_trace_directive_down_takes_tasks_that_implement_directly(chain_store):
    rows = run(chain_store, "trace-directive-down", number=NATIONAL_FOR_TASK)
    assert [(r["document"], r["task"], r["hops"]) for r in rows] == [(ZIBO, "（二）", 1)]
    assert rows[0]["evidence"] == ["落实《…》（国办发〔2013〕15号）"]
    assert run(chain_store, "trace-directive-down", number="国办发〔1999〕1号") == []


@pytest.mark.parametrize("name, params", [("trace-directive-down", {"number": NATIONAL}),
                                          ("agencies-one-alias", {"abbreviated_only": "false"}),
                                          ("directive-coverage", {})])
def test_large_answers_come_a_page_at_a_time_with_their_total(chain_store, name, params):
    """Queries that can answer with thousands of rows take `limit` and `skip` and state the whole
    answer's size: the pages, joined, are the whole answer in the same order."""
    whole = run_query(chain_store, name, {**params, "limit": "0"})
    assert whole.total == len(whole.rows) >= 4 and whole.page_note() == ""
    pages, skip = [], 0
    while True:
        page = run_query(chain_store, name, {**params, "limit": "3", "skip": str(skip)})
        if not page.rows:
            break
        assert page.total == whole.total and len(page.rows) <= 3
        assert page.page_note().startswith(f"rows {skip + 1}–{skip + len(page.rows)} of {whole.total}")
        pages += page.rows
        skip += 3
    assert pages == whole.rows and "total" not in whole.columns
    default = run_query(chain_store, name, params)  # the default page holds the whole small answer
    assert default.rows == whole.rows


def test_cli_states_which_page_it_printed(sample_target, sample_store):
    total = run_query(sample_store, "trace-directive-down", {"number": DALIAN_NATIONAL}).total
    proc = sample_target.cli("query", "run", "trace-directive-down", "-p", f"number={DALIAN_NATIONAL}",
                             "-p", "limit=2", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) == 2
    assert f"rows 1–2 of {total}; next page: -p skip=2" in proc.stderr


def test_trace_task_up_reaches_the_national_directive(chain_store):
    by_label = run(chain_store, "trace-task-up", number=ZIBO, label="（二）")
    by_id = run(chain_store, "trace-task-up", task=f"task:{ZIBO}#2")
    assert by_label == by_id
    ups = {r["upstream"]: r["hops"] for r in by_id}
    assert ups == {ZIBO: 1, PROVINCE: 2, NATIONAL: 3, NATIONAL_FOR_TASK: 1}
    national = next(r for r in by_id if r["upstream"] == NATIONAL)
    assert national["loaded"] is False and national["level"] == "national"
    assert national["levels"] == "task → municipal → provincial → national"
    assert len(national["evidence"]) == 2
    sub = run(chain_store, "trace-task-up", task=f"task:{ZIBO}#3.1")
    assert {r["upstream"]: r["hops"] for r in sub} == {ZIBO: 2, PROVINCE: 3, NATIONAL: 4}


def test_directive_coverage_counts_documents_regions_tasks(chain_store):
    rows = {r["directive"]: r for r in run(chain_store, "directive-coverage")}
    national = rows[NATIONAL]
    assert (national["documents"], national["region_count"], national["tasks"]) == (4, 4, 6)
    assert set(national["regions"]) == {"山东省", "淄博市", "济南市", "桓台县"}
    assert national["loaded"] is False and rows[PROVINCE]["loaded"] is True
    assert (rows[ZIBO]["documents"], rows[ZIBO]["tasks"]) == (1, 0)  # the county forwards it
    assert (rows[PROVINCE]["documents"], rows[PROVINCE]["tasks"]) == (3, 5)  # not its own task
    assert (rows[NATIONAL_FOR_TASK]["documents"], rows[NATIONAL_FOR_TASK]["tasks"]) == (1, 1)
    national_only = run(chain_store, "directive-coverage", level="national")
    assert {r["directive"] for r in national_only} == {NATIONAL, NATIONAL_FOR_TASK}


def test_directives_not_loaded(chain_store):
    rows = run(chain_store, "directives-not-loaded")
    assert [(r["directive"], r["cited_by"], r["cited_in"]) for r in rows] == [
        (NATIONAL, 1, [PROVINCE]), (NATIONAL_FOR_TASK, 1, [ZIBO])]


def test_document_tasks_is_the_ledger_in_printed_order(chain_store):
    rows = run(chain_store, "document-tasks", number=ZIBO)
    assert [r["task"] for r in rows] == ["（一）", "（二）", "（三）", "（三） 1"]
    assert sorted(rows[1]["leads"]) == ["淄博市卫生局", "淄博市民政局"]
    assert rows[1]["cooperates"] == ["淄博市财政局"]
    assert rows[2]["leads"] == [] and rows[3]["leads"] == ["淄博市卫生局"]
    assert rows[0]["deadline"] == "2013年底前"


def test_agency_workload_and_alias_lookup(chain_store):
    rows = run(chain_store, "agency-workload", agency="淄博市财政局")
    assert [(r["document"], r["year"], r["leads"], r["cooperates"], r["tasks"]) for r in rows] == [
        (ZIBO, 2013, 0, 3, 3)]
    by_alias = run(chain_store, "agency-workload", agency="市卫生局")  # two jurisdictions
    assert {(r["agency"], r["leads"]) for r in by_alias} == {("济南市卫生局", 1), ("淄博市卫生局", 2)}


NO_ALIAS_TWICE = ("MATCH (a:Agency) WHERE any(i IN range(0, size(a.aliases) - 1) "
                  "WHERE a.aliases[i] IN a.aliases[i + 1..]) RETURN a.name AS name")


AGENCY_LOOKUPS = ("agency-tasks", "agency-lineage", "agency-partners", "agency-workload", "tasks-due")


def test_an_agency_is_looked_up_by_its_aliases_which_hold_its_name(chain_store):
    """The agency queries find a body by `$agency IN a.aliases` alone, which finds it by its full
    name only because the name is always one of its aliases (graph/model.py; the samples' stores
    are checked below). In FalkorDB that is an index lookup (an index on each element of
    `aliases`, when graph/cypher.py creates it), not a scan of every agency."""
    assert chain_store.query("MATCH (a:Agency) RETURN count(a) AS n")[0]["n"] > 5
    assert chain_store.query("MATCH (a:Agency) WHERE NOT a.name IN a.aliases RETURN a.name AS name") == []
    assert chain_store.query(NO_ALIAS_TWICE) == []  # agencies-one-alias counts other forms by size
    assert {r["agency"] for r in run(chain_store, "agency-tasks", agency="淄博市卫生局")} == {"淄博市卫生局"}
    assert {r["agency"] for r in run(chain_store, "agency-tasks", agency="市卫生局")} == {"淄博市卫生局",
                                                                                       "济南市卫生局"}
    if isinstance(chain_store, EmbeddedStore) and ("Agency", "aliases") in FALKORDB_LIST_LOOKUPS:
        for name in AGENCY_LOOKUPS:
            q = get_query(name)
            plan = str(chain_store.graph.explain(q.text, q.bind({"agency": "市卫生局", "before": "2014-01-01"}
                                                                if name == "tasks-due" else {"agency": "市卫生局"})))
            assert "Node By Index Scan | (a:Agency)" in plan or "Node By Index Scan | (x:Agency)" in plan, plan
            assert "Label Scan | (a:Agency)" not in plan and "Label Scan | (x:Agency)" not in plan, plan


def test_agency_partners_counts_co_assignments(chain_store):
    rows = run(chain_store, "agency-partners", agency="淄博市卫生局")
    assert [(r["partner"], r["shared_tasks"], r["agency_leads"], r["partner_leads"]) for r in rows] == [
        ("淄博市财政局", 2, 2, 0), ("淄博市民政局", 1, 1, 1)]
    assert len(run(chain_store, "agency-partners", agency="淄博市卫生局", limit=1)) == 1


def test_agency_tasks_by_role(chain_store):
    rows = run(chain_store, "agency-tasks", agency="淄博市卫生局")
    assert [(r["task"], r["role"]) for r in rows] == [("（二）", "LEADS"), ("（三） 1", "LEADS")]
    assert run(chain_store, "agency-tasks", agency="淄博市卫生局", role="cooperates") == []


def test_tasks_without_lead_and_with_several_leads(chain_store):
    assert [(r["document"], r["task"], r["cooperates"]) for r in run(chain_store, "tasks-without-lead")] == [
        (ZIBO, "（三）", ["淄博市财政局"])]
    assert run(chain_store, "tasks-without-lead", number=JINAN) == []
    several = run(chain_store, "tasks-with-several-leads")
    assert [(r["task"], r["lead_count"], r["leads"]) for r in several] == [
        ("（二）", 2, ["淄博市卫生局", "淄博市民政局"])]
    assert run(chain_store, "tasks-with-several-leads", min_leads=3) == []


def test_agencies_one_alias(chain_store):
    rows = {r["agency"]: r for r in run(chain_store, "agencies-one-alias")}
    assert rows["淄博市卫生局"]["known_as"] == "市卫生局" and rows["淄博市卫生局"]["tasks"] == 2
    assert "淄博市人民政府办公厅" not in rows  # printed in full: not an abbreviation
    everyone = {r["agency"]: r for r in run(chain_store, "agencies-one-alias", abbreviated_only="false")}
    assert everyone["淄博市人民政府办公厅"]["abbreviated"] is False
    assert set(rows) < set(everyone)


def test_search_tasks_with_optional_filters(chain_store):
    everywhere = run(chain_store, "search-tasks", keyword="医保")
    assert len(everywhere) == 5
    zibo = run(chain_store, "search-tasks", keyword="医保", region="淄博市")
    assert [r["task"] for r in zibo] == ["（一）", "（三）", "（三） 1"]
    provincial = run(chain_store, "search-tasks", keyword="医保", level="provincial")
    assert [(r["document"], r["leads"]) for r in provincial] == [(PROVINCE, ["山东省人力资源社会保障厅"])]
    assert len(run(chain_store, "search-tasks", keyword="医保", limit=2)) == 2


def test_compare_regions_side_by_side(chain_store):
    rows = {r["region"]: r for r in run(chain_store, "compare-regions", number=PROVINCE)}
    assert set(rows) == {"桓台县", "淄博市", "济南市"}
    assert rows["桓台县"]["documents"] == [COUNTY] and rows["桓台县"]["task_source"] == [ZIBO]
    assert rows["桓台县"]["tasks"] == rows["淄博市"]["tasks"]
    assert rows["淄博市"]["task_count"] == 4
    assert rows["济南市"]["tasks"] == ["一 扩大医保覆盖面"]
    assert rows["济南市"]["lead_agencies"] == ["济南市卫生局"]


def test_documents_list_filters(chain_store):
    assert [r["document"] for r in run(chain_store, "documents-list")] == sorted(
        [PROVINCE, ZIBO, JINAN, COUNTY])
    municipal = run(chain_store, "documents-list", level="municipal")
    assert {(r["document"], r["tasks"]) for r in municipal} == {(ZIBO, 4), (JINAN, 1)}
    assert [r["upstream"] for r in run(chain_store, "documents-list", issuer="桓台县")] == [[ZIBO]]
    assert run(chain_store, "documents-list", year=2012) == []


def test_forwarding_tree_above_and_below(chain_store):
    rows = run(chain_store, "forwarding-tree", number=ZIBO)
    assert [(r["depth"], r["from_document"], r["relation"], r["to_document"]) for r in rows] == [
        (-2, PROVINCE, "IMPLEMENTS", NATIONAL), (-1, ZIBO, "IMPLEMENTS", PROVINCE),
        (1, COUNTY, "FORWARDS", ZIBO)]
    national = run(chain_store, "forwarding-tree", number=NATIONAL)
    assert [(r["depth"], r["from_document"]) for r in national] == [
        (1, PROVINCE), (2, JINAN), (2, ZIBO), (3, COUNTY)]


def test_columns_follow_the_return_clause(chain_store):
    for q in list_queries():
        params = {p.name: p.example for p in q.params if p.required or q.one_of}
        result = run_query(chain_store, q.name, params)
        assert result.columns == list(get_query(q.name).columns)
        for row in result.rows:
            assert len(row) == len(result.columns)


# --- answers on the sample documents (real loaders, real store) ---------------------------------

DALIAN = "大医改办〔2018〕5号"
DALIAN_NATIONAL = "国办发〔2018〕83号"


def count(store, cypher, **params):
    return store.query(cypher, params)[0]["n"]


def test_samples_trace_national_directive_down_to_the_36_dalian_tasks(sample_store):
    rows = run(sample_store, "trace-directive-down", number=DALIAN_NATIONAL)
    tasks = [r for r in rows if r["task"] is not None]
    assert len(tasks) == 36 and {r["document"] for r in tasks} == {DALIAN}
    assert len({r["task"] for r in tasks}) == 36
    [doc] = [r for r in rows if r["task"] is None]
    assert (doc["document"], doc["region"], doc["hops"]) == (DALIAN, "大连市", 1)
    assert DALIAN_NATIONAL in doc["evidence"][0] and doc["levels"] == "municipal → national"
    direct = run(sample_store, "trace-directive-down", number="国办发〔2018〕88号")
    assert [(r["document"], r["task"], r["hops"]) for r in direct] == [(DALIAN, "16", 1)]


def test_samples_county_notice_reaches_the_shandong_directive_through_zibo(sample_store):
    rows = run(sample_store, "trace-directive-down", number=PROVINCE)
    docs = {r["document"]: r for r in rows if r["task"] is None}
    assert set(docs) == {ZIBO, COUNTY}
    county = docs[COUNTY]
    assert county["chain"] == f"{COUNTY} -FORWARDS-> {ZIBO} -IMPLEMENTS-> {PROVINCE}"
    assert county["levels"] == "county → municipal → provincial"
    assert "转发" in county["evidence"][0] and PROVINCE in county["evidence"][1]
    tasks = [r for r in rows if r["task"] is not None]
    assert len(tasks) == 30 and {r["document"] for r in tasks} == {ZIBO}  # gold: 30 tasks


def test_samples_trace_task_up_from_zibo_reaches_shandong(sample_store):
    rows = run(sample_store, "trace-task-up", number=ZIBO, label="（一）")
    ups = {r["upstream"]: r for r in rows}
    assert ups[ZIBO]["hops"] == 1
    shandong = ups[PROVINCE]
    assert (shandong["hops"], shandong["level"], shandong["loaded"]) == (2, "provincial", False)
    assert shandong["chain"] == f"（一） -PART_OF-> {ZIBO} -IMPLEMENTS-> {PROVINCE}"
    assert PROVINCE in shandong["evidence"][0]
    seventh = {r["upstream"]: r["hops"] for r in run(sample_store, "trace-task-up", number=ZIBO, label="（七）")}
    assert seventh["国办发〔2013〕14号"] == 1 and seventh[PROVINCE] == 2  # gold: （七） cites 国办发14


def test_samples_directive_coverage(sample_store):
    rows = {r["directive"]: r for r in run(sample_store, "directive-coverage")}
    assert (rows[DALIAN_NATIONAL]["documents"], rows[DALIAN_NATIONAL]["tasks"]) == (1, 36)
    shandong = rows[PROVINCE]
    assert (shandong["documents"], shandong["tasks"], shandong["loaded"]) == (2, 30, False)
    assert set(shandong["regions"]) == {"淄博市", "桓台县"}
    zibo = rows[ZIBO]  # loaded and cited: the county forwards it
    assert (zibo["loaded"], zibo["documents"], zibo["regions"], zibo["tasks"]) == (True, 1, ["桓台县"], 0)
    assert {"粤府〔2017〕32号", "江府〔2017〕25号"} <= set(rows)


def test_samples_directives_not_loaded(sample_store):
    rows = {r["directive"]: r for r in run(sample_store, "directives-not-loaded")}
    assert {DALIAN_NATIONAL, "国办发〔2018〕88号", PROVINCE, "粤府〔2017〕32号", "江府〔2017〕25号",
            "国办发〔2013〕14号", "国办发〔2013〕15号"} <= set(rows)
    assert ZIBO not in rows
    assert rows["粤府〔2017〕32号"]["cited_in"] == ["江开〔2018〕19号"]
    assert rows[DALIAN_NATIONAL]["level"] == "national"


def test_samples_document_tasks_ledger(sample_store):
    dalian = run(sample_store, "document-tasks", number=DALIAN)
    assert len(dalian) == 36
    assert (dalian[0]["task"], dalian[0]["title"], dalian[0]["leads"]) == ("1", "推进紧密型医疗联合体建设", ["大连市卫生计生委"])
    assert [r["task"] for r in dalian[:3]] == ["1", "2", "3"]
    zibo = {r["task"]: r for r in run(sample_store, "document-tasks", number=ZIBO)}
    assert len(zibo) == 30
    assert sorted(zibo["（六）"]["leads"]) == ["淄博市卫生局", "淄博市民政局"]  # gold
    assert run(sample_store, "document-tasks", number=COUNTY) == []  # a forwarding notice


def test_samples_agency_workload_matches_its_task_list(sample_store):
    [zibo] = run(sample_store, "agency-workload", agency="淄博市卫生局")
    assert (zibo["document"], zibo["year"], zibo["leads"]) == (ZIBO, 2013, 18)  # gold: leads 18
    [dalian] = run(sample_store, "agency-workload", agency="市卫生计生委")  # an alias
    assert (dalian["agency"], dalian["document"], dalian["year"]) == ("大连市卫生计生委", DALIAN, 2018)
    listed = run(sample_store, "agency-tasks", agency="大连市卫生计生委")
    assert dalian["leads"] == sum(r["role"] == "LEADS" for r in listed) >= 20
    assert dalian["cooperates"] == sum(r["role"] == "COOPERATES" for r in listed)
    assert dalian["leads"] == count(sample_store, "MATCH (:Agency {name: $a})-[:LEADS]->(t:Task) "
                                    "RETURN count(DISTINCT t) AS n", a="大连市卫生计生委")


def test_samples_every_agency_name_is_among_its_aliases_and_none_twice(sample_store):
    assert sample_store.query("MATCH (a:Agency) RETURN count(a) AS n")[0]["n"] > 50
    assert sample_store.query("MATCH (a:Agency) WHERE NOT a.name IN a.aliases RETURN a.name AS name") == []
    assert sample_store.query(NO_ALIAS_TWICE) == []


def test_samples_agency_partners(sample_store):
    rows = run(sample_store, "agency-partners", agency="淄博市卫生局", limit=5)
    assert len(rows) == 5
    assert {"淄博市财政局", "淄博市人力资源社会保障局", "淄博市发展改革委"} <= {r["partner"] for r in rows[:3]}
    assert [r["shared_tasks"] for r in rows] == sorted((r["shared_tasks"] for r in rows), reverse=True)
    top = rows[0]
    assert top["shared_tasks"] == count(
        sample_store, "MATCH (:Agency {name: $a})-[:LEADS|COOPERATES]->(t:Task)<-[:LEADS|COOPERATES]-"
        "(:Agency {name: $b}) RETURN count(DISTINCT t) AS n", a="淄博市卫生局", b=top["partner"])


def test_samples_lead_checks(sample_store):
    several = run(sample_store, "tasks-with-several-leads", number=ZIBO)
    assert {r["task"] for r in several} == {"（六）", "（十三）", "（二十四）"}  # gold
    assert run(sample_store, "tasks-without-lead", number=ZIBO) == []  # gold: every task has a lead
    unled = run(sample_store, "tasks-without-lead")
    assert len(unled) == count(sample_store, "MATCH (t:Task) WHERE NOT (t)<-[:LEADS]-(:Agency) "
                                             "RETURN count(t) AS n")


def test_samples_agencies_known_by_one_abbreviation(sample_store):
    rows = {r["agency"]: r for r in run(sample_store, "agencies-one-alias")}
    assert rows["淄博市卫生局"]["known_as"] == "市卫生局"
    assert rows["大连市卫生计生委"]["known_as"] == "市卫生计生委"
    assert all(r["abbreviated"] and r["known_as"] != name for name, r in rows.items())


def test_samples_search_tasks(sample_store):
    rows = run(sample_store, "search-tasks", keyword="家庭医生")
    assert (DALIAN, "2", "推进家庭医生签约服务") in {(r["document"], r["task"], r["title"]) for r in rows}
    assert len({r["region"] for r in rows}) >= 3
    dalian = run(sample_store, "search-tasks", keyword="家庭医生", region="大连市")
    assert {r["region"] for r in dalian} == {"大连市"} and len(dalian) < len(rows)
    county = run(sample_store, "search-tasks", keyword="家庭医生", level="county")
    assert {r["level"] for r in county} <= {"county"}


def test_samples_compare_regions(sample_store):
    rows = {r["region"]: r for r in run(sample_store, "compare-regions", number=PROVINCE)}
    assert set(rows) == {"淄博市", "桓台县"}
    assert rows["桓台县"]["task_source"] == [ZIBO] and rows["桓台县"]["task_count"] == 30
    assert rows["桓台县"]["tasks"] == rows["淄博市"]["tasks"]
    assert rows["淄博市"]["tasks"][0] == "（一） 巩固扩大基本医保覆盖面"
    assert "淄博市卫生局" in rows["淄博市"]["lead_agencies"]


def test_samples_documents_list(sample_store):
    everything = run(sample_store, "documents-list")
    assert len(everything) == 6
    assert {r["document"] for r in run(sample_store, "documents-list", year=2013)} == {ZIBO, COUNTY}
    assert {r["document"] for r in run(sample_store, "documents-list", level="county")} >= {COUNTY}
    [zibo] = run(sample_store, "documents-list", issuer="淄博市人民政府办公厅")
    assert (zibo["document"], zibo["tasks"], zibo["upstream"]) == (ZIBO, 30, [PROVINCE])


def test_samples_forwarding_tree(sample_store):
    rows = run(sample_store, "forwarding-tree", number=ZIBO)
    assert [(r["depth"], r["from_document"], r["relation"], r["to_document"]) for r in rows] == [
        (-1, ZIBO, "IMPLEMENTS", PROVINCE), (1, COUNTY, "FORWARDS", ZIBO)]
    assert rows[1]["from_level"] == "county" and "转发" in rows[1]["evidence"]


def test_every_saved_query_runs_on_the_samples_with_its_examples(sample_store):
    for q in list_queries():
        full = run_query(sample_store, q.name, {p.name: p.example for p in q.params})
        assert full.columns == list(q.columns)
        assert full.rows, f"{q.name}: the header's examples ask a question the samples answer"
