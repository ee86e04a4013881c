"""The RDF export: stable IRIs, typed literals, edges with their evidence, SHACL conformance
(pyshacl with the ontology and RDFS inference), the specific violations of a broken graph, and
SPARQL queries that answer what their saved Cypher twins answer."""
from __future__ import annotations

import copy
import json
from urllib.parse import unquote

import pyshacl
import pytest
from rdflib import RDF, Graph, Literal, Namespace
from rdflib import namespace as ns
from rdflib.compare import isomorphic

from policykg.graph.embedded import stop_server
from policykg.graph.model import AgencyRef, DocumentRecord, Reference, TaskRecord, to_graph
from policykg.graph.store import open_store
from policykg.ontology.rdf import (ID, PKG, PROV, export_rdf, iri, ontology_graph, run_sparql,
                                   serialize, shapes_graph, sparql_queries, to_rdf)
from policykg.queries.runner import get_query

SH = Namespace("http://www.w3.org/ns/shacl#")
PKGSH = Namespace("https://w3id.org/policykg/shapes#")


# --- a small hand-made chain: county forwards city, city implements national -------------------

def agency(name, surface, region="淄博市", level="municipal", kind="department", role="", evidence=""):
    return AgencyRef(name, surface, region, level, kind, role_text=role, evidence=evidence)


def chain_records() -> list[DocumentRecord]:
    national = Reference("国办发〔2018〕83号", "国务院办公厅关于印发深化医药卫生体制改革2018年下半年重点工作任务的通知",
                         "国务院办公厅", "national", year=2018,
                         evidence="根据《国务院办公厅关于印发……的通知》（国办发〔2018〕83号）")
    other = Reference("国办发〔2018〕88号", "", "国务院办公厅", "national", year=2018,
                      evidence="落实《……》（国办发〔2018〕88号）")
    health = agency("淄博市卫生局", "市卫生局", role="牵头", evidence="市卫生局牵头，市财政局配合")
    finance = agency("淄博市财政局", "市财政局", role="配合", evidence="市卫生局牵头，市财政局配合")
    civil = agency("淄博市民政局", "市民政局", evidence="由市民政局负责")
    city = DocumentRecord(
        "city.txt", number="淄政办发〔2018〕9号", title="淄博市人民政府办公厅关于深化医改重点工作任务分工的通知",
        issuers=[agency("淄博市人民政府办公厅", "淄博市人民政府办公厅", kind="government",
                        evidence="淄博市人民政府办公厅")],
        date="2018-12-21", doc_type="通知", level="municipal", region="淄博市",
        implements=[national],
        tasks=[
            TaskRecord("（一）", "推进分级诊疗", "推进分级诊疗。市卫生局牵头，市财政局配合。", section="一、重点任务",
                       order=1, deadline="2018年底前", due="2018-12-31", leads=[health], cooperates=[finance]),
            TaskRecord("（二）", "加强养老服务", "加强养老服务。", section="一、重点任务", order=2,
                       leads=[civil], subtasks=[
                           TaskRecord("1", "建设养老机构", "建设养老机构。由市民政局负责。", order=1, leads=[civil],
                                      cooperates=[health])]),
            TaskRecord("（三）", "落实药品政策", "落实《……》（国办发〔2018〕88号）。", order=3, leads=[health],
                       implements=[other]),
        ])
    county = DocumentRecord(
        "county.txt", number="桓政办发〔2019〕3号", title="桓台县人民政府办公室转发淄博市人民政府办公厅关于深化医改重点工作任务分工的通知",
        issuers=[agency("桓台县人民政府办公室", "桓台县人民政府办公室", region="桓台县", level="county",
                        kind="government", evidence="桓台县人民政府办公室")],
        date="2019-01-08", doc_type="通知", level="county", region="桓台县",
        forwards=[Reference("淄政办发〔2018〕9号", "淄博市人民政府办公厅关于深化医改重点工作任务分工的通知",
                            "淄博市人民政府办公厅", "municipal", "淄博市", 2018,
                            evidence="现将……（淄政办发〔2018〕9号）转发给你们")])
    return [city, county]


def batches_as_apoc(records):
    nodes, rels = {}, {}
    for rec in records:
        b = to_graph(rec)
        for n in b.nodes:
            if n["id"] in nodes:
                nodes[n["id"]]["labels"] = sorted(set(nodes[n["id"]]["labels"]) | set(n["labels"]))
            else:
                nodes[n["id"]] = copy.deepcopy(n)
        for r in b.relationships:
            rels.setdefault(r["id"], copy.deepcopy(r))
    return list(nodes.values()), list(rels.values())


@pytest.fixture(scope="module")
def chain_store(tmp_path_factory):
    """The hand-made chain written through the real embedded store."""
    path = tmp_path_factory.mktemp("rdf-chain") / "store"
    with open_store(path) as store:
        for rec in chain_records():
            store.write(to_graph(rec))
        yield store
    stop_server(path)


def validate(g: Graph):
    conforms, report, text = pyshacl.validate(g, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                              inference="rdfs", allow_warnings=True)
    return conforms, report, text


def violations(report: Graph) -> set[tuple]:
    """(focus node id, source shape local name) of every sh:Violation in a report."""
    out = set()
    for res in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(res, SH.resultSeverity) != SH.Violation:
            continue
        focus = report.value(res, SH.focusNode)
        shape = report.value(res, SH.sourceShape)
        name = str(shape)[len(str(PKGSH)):] if str(shape).startswith(str(PKGSH)) else "anonymous"
        out.add((unquote(str(focus)[len(str(ID)):]) if str(focus).startswith(str(ID)) else str(focus), name))
    return out


# --- to_rdf: IRIs, literals, edges ----------------------------------------------------------------

def test_iris_are_percent_encoded_graph_ids_and_round_trip():
    nodes, rels = batches_as_apoc(chain_records())
    g = to_rdf(nodes, rels)
    for n in nodes:
        subject = iri(n["id"])
        assert str(subject) == "https://w3id.org/policykg/id/" + "".join(
            c if c.isascii() and (c.isalnum() or c in "-._~") else "".join(f"%{b:02X}" for b in c.encode())
            for c in n["id"])
        assert unquote(str(subject)[len(str(ID)):]) == n["id"]
        assert (subject, PKG.graphId, Literal(n["id"])) in g
    assert str(iri("doc:国办发〔2018〕83号")).endswith("doc%3A%E5%9B%BD%E5%8A%9E%E5%8F%91%E3%80%942018%E3%80%9583%E5%8F%B7")


def test_literals_are_typed_and_lists_are_repeated_triples():
    nodes, rels = batches_as_apoc(chain_records())
    g = to_rdf(nodes, rels)
    city = iri("doc:淄政办发〔2018〕9号")
    assert g.value(city, PKG.date) == Literal("2018-12-21", datatype=ns.XSD.date)
    assert g.value(city, PKG.year) == Literal(2018, datatype=ns.XSD.integer)
    assert g.value(city, PKG.number) == Literal("淄政办发〔2018〕9号")
    assert g.value(city, PKG.title).language == "zh"
    task = iri("task:淄政办发〔2018〕9号#1")
    assert g.value(task, PKG.due) == Literal("2018-12-31", datatype=ns.XSD.date)
    assert g.value(task, PKG.order) == Literal(1, datatype=ns.XSD.integer)
    assert g.value(task, PKG.deadline) == Literal("2018年底前", lang="zh")
    # city.txt wrote the city document, county.txt cited it: one node, both labels, both sources
    assert {PKG.Document, PKG.Directive} <= set(g.objects(city, RDF.type))
    health = iri("agency:淄博市卫生局")
    assert set(g.objects(health, PKG.alias)) == {Literal("市卫生局", lang="zh")}  # name is prefLabel only
    assert g.value(health, PKG.name) == Literal("淄博市卫生局", lang="zh")


def test_sources_from_several_files_are_repeated_triples(chain_store):
    g = to_rdf(chain_store.nodes(), chain_store.relationships())
    sources = {str(s) for s in g.objects(iri("doc:淄政办发〔2018〕9号"), PKG.sourceFile)}
    assert sources == {"city.txt", "county.txt"}


def test_every_property_key_and_edge_type_the_graph_writes_is_mapped():
    nodes, rels = batches_as_apoc(chain_records())
    g = to_rdf(nodes, rels)
    predicates = {str(p) for p in g.predicates()}
    ont = ontology_graph()
    keys = {str(k) for k in ont.objects(None, PKG.graphKey)}
    types = {str(t) for t in ont.objects(None, PKG.graphType)}
    written = {k for n in nodes for k in n["properties"]} | {k for r in rels for k in r["properties"]}
    assert written <= keys, written - keys
    assert {r["label"] for r in rels} <= types
    assert {"LEADS", "COOPERATES", "IMPLEMENTS", "FORWARDS", "PART_OF", "ISSUED_BY"} <= types
    assert str(PKG.leads) in predicates and str(PKG.forwards) in predicates


def test_edges_are_direct_triples_and_qualified_nodes_with_evidence():
    nodes, rels = batches_as_apoc(chain_records())
    g = to_rdf(nodes, rels)
    health, finance = iri("agency:淄博市卫生局"), iri("agency:淄博市财政局")
    task = iri("task:淄政办发〔2018〕9号#1")
    city = iri("doc:淄政办发〔2018〕9号")
    assert (health, PKG.leads, task) in g and (finance, PKG.cooperatesOn, task) in g
    [lead] = [a for a in g.subjects(PKG.task, task) if g.value(a, PKG.agent) == health]
    assert g.value(lead, RDF.type) == PKG.Assignment
    assert g.value(lead, PKG.role) == PKG.LeadRole
    assert g.value(lead, PKG.roleText) == Literal("牵头", lang="zh")
    assert g.value(lead, PKG.evidence) == Literal("市卫生局牵头，市财政局配合", lang="zh")
    assert g.value(lead, PROV.wasQuotedFrom) == city
    # a sub-item's assignment is quoted from the document two PART_OF steps up
    sub = iri("task:淄政办发〔2018〕9号#2.1")
    assert (sub, PKG.partOf, iri("task:淄政办发〔2018〕9号#2")) in g
    [coop] = list(set(g.subjects(PKG.task, sub)) & set(g.subjects(PKG.role, PKG.CooperateRole)))
    assert g.value(coop, PROV.wasQuotedFrom) == city
    # implementation and forwarding links
    [impl] = list(g.subjects(PKG.implementer, city))
    assert g.value(impl, PKG.implemented) == iri("doc:国办发〔2018〕83号")
    assert "国办发〔2018〕83号" in str(g.value(impl, PKG.evidence))
    county = iri("doc:桓政办发〔2019〕3号")
    [fwd] = list(g.subjects(PKG.forwarder, county))
    assert g.value(fwd, RDF.type) == PKG.ForwardingLink and g.value(fwd, PKG.forwarded) == city
    assert (county, PKG.forwards, city) in g
    # one qualified node per evidence-bearing edge, none for PART_OF
    qualified = [r for r in rels if r["label"] != "PART_OF"]
    links = set(g.subjects(RDF.type, PKG.Assignment)) | set(g.subjects(RDF.type, PKG.ImplementationLink)) \
        | set(g.subjects(RDF.type, PKG.ForwardingLink)) | set(g.subjects(RDF.type, PKG.IssuingLink))
    assert len(links) == len(qualified)


def test_turtle_and_jsonld_serialisations_round_trip():
    nodes, rels = batches_as_apoc(chain_records())
    g = to_rdf(nodes, rels)
    assert isomorphic(g, Graph().parse(data=serialize(g, "ttl"), format="turtle"))
    text = serialize(g, "jsonld")
    doc = json.loads(text)
    assert doc["@context"]["pkg"] == str(PKG)
    assert doc["@context"]["date"] == {"@id": "pkg:date", "@type": "xsd:date"}
    assert isomorphic(g, Graph().parse(data=text, format="json-ld"))
    with pytest.raises(ValueError):
        serialize(g, "rdfxml")


def test_export_rdf_writes_the_store(chain_store, tmp_path):
    for fmt, parser in (("ttl", "turtle"), ("jsonld", "json-ld")):
        path = tmp_path / f"graph.{fmt}"
        count = export_rdf(chain_store, fmt, path)
        back = Graph().parse(path, format=parser)
        assert count == len(back) > 100
        assert (iri("doc:桓政办发〔2019〕3号"), PKG.forwards, iri("doc:淄政办发〔2018〕9号")) in back


# --- SHACL -----------------------------------------------------------------------------------------

def test_hand_made_chain_conforms(chain_store):
    conforms, _, text = validate(to_rdf(chain_store.nodes(), chain_store.relationships()))
    assert conforms, text


def test_export_of_the_samples_conforms(sample_store):
    g = to_rdf(sample_store.nodes(), sample_store.relationships())
    assert len(set(g.subjects(RDF.type, PKG.Document))) >= 5  # one file may hold two
    conforms, _, text = validate(g)
    assert conforms, text


def test_orders_on_real_pages_conform():
    # an order is known by its printed number, which has no 〔year〕: one promulgated (c0203) and
    # cited ones (c0162: 国务院令第350号, c0161: a joint 公告)
    from pathlib import Path

    from policykg.loaders import parse_file

    real = Path(__file__).parent / "real" / "docs"
    records = [d for name in ("c0203.docx", "c0162.html", "c0161.html") for d in parse_file(real / name).documents]
    nodes, rels = batches_as_apoc(records)
    assert {"北京市人民政府第15号令", "国务院令第350号", "财政部税务总局住房城乡建设部公告2023年第28号"} <= {
        n["properties"].get("number") for n in nodes}
    conforms, _, text = validate(to_rdf(nodes, rels))
    assert conforms, text


def broken_graph():
    nodes, rels = batches_as_apoc(chain_records())
    by_id = {n["id"]: n for n in nodes}
    # a bad date, a date that does not exist, a number not in canonical form, a level not allowed
    by_id["doc:淄政办发〔2018〕9号"]["properties"]["date"] = "2018年12月21日"
    by_id["task:淄政办发〔2018〕9号#1"]["properties"]["due"] = "2018-02-30"
    by_id["doc:桓政办发〔2019〕3号"]["properties"]["number"] = "桓政办发[2019]3号"
    by_id["doc:桓政办发〔2019〕3号"]["properties"]["level"] = "city"
    # a task with no document
    nodes.append({"id": "task:孤立#1", "labels": ["Task"],
                  "properties": {"id": "task:孤立#1", "source": ["x.txt"], "label": "1", "title": "无主任务"}})
    # LEADS from a non-agency (the county document)
    rels.append({"id": "rel:bad", "label": "LEADS", "start": {"id": "doc:桓政办发〔2019〕3号"},
                 "end": {"id": "task:淄政办发〔2018〕9号#3"}, "properties": {"evidence": "x"}})
    return to_rdf(nodes, rels)


def test_broken_graph_is_reported_with_the_specific_violations():
    conforms, report, text = validate(broken_graph())
    assert not conforms
    found = violations(report)
    expected = {
        ("task:孤立#1", "TaskParent"),
        ("task:孤立#1", "TaskInDocument"),
        ("doc:淄政办发〔2018〕9号", "DocumentDate"),
        ("task:淄政办发〔2018〕9号#1", "TaskDue"),
        ("doc:桓政办发〔2019〕3号", "DocumentNumber"),
        ("doc:桓政办发〔2019〕3号", "DocumentLevel"),
        ("task:淄政办发〔2018〕9号#3", "TaskLead"),
    }
    assert expected <= found, (expected - found, text)
    # nothing else in the graph is blamed on these shapes
    blamed = {f for f, s in found if s in {"TaskInDocument", "DocumentDate", "TaskDue", "TaskLead"}}
    assert blamed == {"task:孤立#1", "doc:淄政办发〔2018〕9号", "task:淄政办发〔2018〕9号#1",
                      "task:淄政办发〔2018〕9号#3"}


def test_lead_check_also_holds_without_inference():
    conforms, report, _ = pyshacl.validate(broken_graph(), shacl_graph=shapes_graph(), inference="none",
                                           allow_warnings=True)
    assert not conforms
    assert ("task:淄政办发〔2018〕9号#3", "TaskLead") in violations(report)


def test_qualified_node_without_its_direct_triple_is_reported():
    nodes, rels = batches_as_apoc(chain_records())
    g = to_rdf(nodes, rels)
    health, task = iri("agency:淄博市卫生局"), iri("task:淄政办发〔2018〕9号#1")
    g.remove((health, PKG.leads, task))
    conforms, report, _ = validate(g)
    assert not conforms
    [assignment] = [a for a in g.subjects(PKG.agent, health) if g.value(a, PKG.task) == task]
    results = [(report.value(r, SH.focusNode), report.value(r, SH.sourceShape), report.value(r, SH.value))
               for r in report.subjects(RDF.type, SH.ValidationResult)]
    assert results == [(PKG.Assignment, PKGSH.QualifiedLinkHasDirectTriple, assignment)]


def test_document_without_title_is_reported():
    nodes, rels = batches_as_apoc(chain_records())
    for n in nodes:
        if n["id"] == "doc:桓政办发〔2019〕3号":
            n["properties"]["title"] = ""
    conforms, report, _ = validate(to_rdf(nodes, rels))
    assert not conforms
    assert violations(report) == {("doc:桓政办发〔2019〕3号", "DocumentTitle")}


# --- SPARQL twins of the saved Cypher queries --------------------------------------------------------

def split(text) -> frozenset:
    return frozenset(x for x in (text or "").split("、") if x)


def document_tasks_both(store, g, number):
    cypher = store.query(get_query("document-tasks").text, {"number": number}, read_only=True)
    sparql = run_sparql(g, "document-tasks", {"number": number})
    return ({(r["id"], r["title"], frozenset(r["leads"]), frozenset(r["cooperates"]), r["deadline"])
             for r in cypher},
            {(r["id"], r["title"], split(r["leads"]), split(r["cooperates"]), r["deadline"]) for r in sparql})


def trace_down_both(store, g, number):
    cypher = store.query(get_query("trace-directive-down").text, {"number": number, "limit": 0, "skip": 0},
                         read_only=True)
    sparql = run_sparql(g, "trace-directive-down", {"number": number})
    cypher_ids = {r["id"] for r in store.query(
        "MATCH (top:Directive {number: $number}) "
        "MATCH p = (n)-[:PART_OF|FORWARDS|IMPLEMENTS*1..10]->(top) "
        "WHERE (n:Document OR n:Task) AND any(r IN relationships(p) WHERE type(r) <> 'PART_OF') "
        "RETURN DISTINCT n.id AS id", {"number": number}, read_only=True)}
    # the saved query's rows, keyed by what they show: document, task label (None for a document), title
    shown = {(r["document"], r["task"], r["title"]) for r in cypher}
    return shown, cypher_ids, sparql


def workload_both(store, g, name):
    cypher = store.query(get_query("agency-workload").text, {"agency": name, "lineage": False}, read_only=True)
    sparql = run_sparql(g, "agency-workload", {"agency": name})
    return ({(r["agency"], r["year"], r["document"] or "", r["leads"], r["cooperates"], r["tasks"]) for r in cypher},
            {(r["agencyName"], r["year"], r["document"] or "", r["leads"], r["cooperates"], r["tasks"])
             for r in sparql})


def test_sparql_queries_are_shipped_with_their_cypher_twins():
    queries = sparql_queries()
    assert set(queries) >= {"document-tasks", "trace-directive-down", "agency-workload"}
    for name, text in queries.items():
        twin = text.split("# cypher-twin:")[1].split()[0]
        assert get_query(twin).name == twin
        Graph().query(text)  # parses


def check_twins(store):
    g = to_rdf(store.nodes(), store.relationships())
    numbers = [r["n"] for r in store.query("MATCH (d:Document) WHERE d.number <> '' RETURN d.number AS n")]
    directives = [r["n"] for r in store.query("MATCH (d:Directive) WHERE d.number <> '' RETURN d.number AS n")]
    names = [r["n"] for r in store.query(
        "MATCH (a:Agency)-[:LEADS|COOPERATES]->() RETURN DISTINCT a.name AS n ORDER BY n")]
    aliases = [r["n"] for r in store.query(
        "MATCH (a:Agency)-[:LEADS|COOPERATES]->() UNWIND a.aliases AS n "
        "WITH n WHERE n <> '' RETURN DISTINCT n ORDER BY n LIMIT 20")]
    for number in numbers:
        cypher, sparql = document_tasks_both(store, g, number)
        assert cypher == sparql, number
    for number in directives:
        shown, ids, sparql = trace_down_both(store, g, number)
        assert ids == {r["id"] for r in sparql}, number
        assert shown == {(r["document"], r["label"] if r["kind"] == "task" else None, r["title"])
                         for r in sparql}, number
    for name in names[::max(1, len(names) // 25)] + aliases[:10]:  # a spread, to keep the suite fast
        cypher, sparql = workload_both(store, g, name)
        assert cypher == sparql, name
    return numbers, directives, names


def test_sparql_twins_match_cypher_on_the_hand_made_chain(chain_store):
    numbers, directives, names = check_twins(chain_store)
    assert len(numbers) == 2 and len(directives) == 3 and len(names) == 3
    g = to_rdf(chain_store.nodes(), chain_store.relationships())
    traced = {r["id"] for r in run_sparql(g, "trace-directive-down", {"number": "国办发〔2018〕83号"})}
    assert traced == {"doc:淄政办发〔2018〕9号", "doc:桓政办发〔2019〕3号", "task:淄政办发〔2018〕9号#1",
                      "task:淄政办发〔2018〕9号#2", "task:淄政办发〔2018〕9号#2.1", "task:淄政办发〔2018〕9号#3"}
    traced = {r["id"] for r in run_sparql(g, "trace-directive-down", {"number": "淄政办发〔2018〕9号"})}
    assert traced == {"doc:桓政办发〔2019〕3号"}  # the city document's own tasks do not count
    rows = run_sparql(g, "agency-workload", {"agency": "市卫生局"})
    assert [(r["leads"], r["cooperates"]) for r in rows] == [(2, 1)]


def test_sparql_twins_match_cypher_on_the_samples(sample_store):
    check_twins(sample_store)


# --- facts of the samples (need the real extraction) ----------------------------------------------

def test_sample_facts_in_rdf(sample_store):
    g = to_rdf(sample_store.nodes(), sample_store.relationships())
    zibo = iri("doc:淄政办发〔2013〕57号")
    assert len(set(g.subjects(PKG.partOf, zibo))) == 30  # the 30 numbered tasks of the 分工 table
    assert (iri("doc:桓政办发〔2013〕92号"), PKG.forwards, zibo) in g
    traced = {r["document"] for r in run_sparql(g, "trace-directive-down", {"number": "国办发〔2018〕83号"})}
    assert "大医改办〔2018〕5号" in traced
    dalian = iri("doc:大医改办〔2018〕5号")
    assert (dalian, PKG.implements, iri("doc:国办发〔2018〕83号")) in g
    assert g.value(dalian, PKG.date) == Literal("2018-11-27", datatype=ns.XSD.date)


def test_streamed_rdf_export_has_the_triples_of_the_whole_graph(sample_store, tmp_path):
    """Turtle and JSON-LD are written in chunks from the store's pages (here of 7 nodes, so that a
    subject's triples and an edge's qualified node fall in different chunks): parsed back, they
    hold exactly the triples of the graph built whole in memory."""
    whole = set(to_rdf(sample_store.nodes(), sample_store.relationships()))
    assert any(p == PROV.wasQuotedFrom for _, p, _ in whole)
    for fmt, parser in (("ttl", "turtle"), ("jsonld", "json-ld")):
        for chunk in (7, 1000):
            path = tmp_path / f"graph-{chunk}.{fmt}"
            count = export_rdf(sample_store, fmt, path, chunk=chunk)
            back = set(Graph().parse(path, format=parser))
            assert back == whole, (fmt, chunk, len(back - whole), len(whole - back))
            assert count == len(whole)
