"""Neo4j 5 against the embedded FalkorDB: the same answers, Neo4j's schema, its errors, and the
jsonl export read back by APOC's `apoc.import.json`.

The rest of the store behaviour (build, queries, exports, views, check) runs on both engines
through the `target`, `sample_target` and `sample_store` fixtures of conftest.py.
"""
from __future__ import annotations

import json
import math
import re

import pytest
from conftest import Target, graph_snapshot, make_corpus

from policykg.exports import export
from policykg.graph.store import StoreError
from policykg.queries.runner import list_queries, run_query

pytestmark = pytest.mark.neo4j


@pytest.fixture
def scratch(neo4j):
    """Neo4j's scratch database, emptied: no node, constraint or index."""
    db = neo4j.scratch
    assert db.holds is None, f"Neo4j's scratch database is in use by {db.holds}"
    db.empty()
    return Target("neo4j", database=db)


def _plain(value):
    """A cell compared across engines: floats rounded (the engines sum in different orders), and
    lists as multisets: `collect()` and pattern comprehensions give no order on either engine."""
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, list):
        return sorted((_plain(v) for v in value), key=_key)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _key(row) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True, default=str)


def _parameter_sets(q):
    """The header's examples, and each one-of group alone, so every branch of a query runs."""
    required = {p.name: p.example for p in q.params if p.required}
    sets = [{p.name: p.example for p in q.params}]
    for group in q.one_of:
        sets.append({**required, **{p.name: p.example for p in q.params if p.name in group}})
    sets.append(required) if not q.one_of and required != sets[0] else None
    return sets


def _ordered(text: str) -> bool:
    """The query's last RETURN sets an order (then rows compare in order)."""
    return "ORDER BY" in text[text.rfind("RETURN"):]


def test_every_saved_query_gives_the_same_rows_on_both_engines(falkordb_samples, neo4j_samples):
    compared = 0
    with falkordb_samples.open() as falkor, neo4j_samples.open() as neo:
        for q in list_queries():
            for params in _parameter_sets(q):
                a = run_query(falkor, q.name, params)
                b = run_query(neo, q.name, params)
                assert a.columns == b.columns == list(q.columns)
                rows_a = [_plain(row) for row in a.records()]
                rows_b = [_plain(row) for row in b.records()]
                if not _ordered(q.text):
                    rows_a, rows_b = sorted(rows_a, key=_key), sorted(rows_b, key=_key)
                assert rows_a == rows_b, f"{q.name} {params}"
                compared += bool(rows_a)
    assert compared >= len(list_queries())  # every query answered something on the samples


def test_the_samples_are_the_same_graph_on_both_engines(falkordb_samples, neo4j_samples):
    with falkordb_samples.open() as falkor, neo4j_samples.open() as neo:
        assert neo.counts() == falkor.counts()
        assert graph_snapshot(neo) == graph_snapshot(falkor)  # list order included


def test_constraints_and_indexes_are_made_when_the_store_opens(scratch):
    with scratch.database.driver() as driver, driver.session() as session:
        assert list(session.run("SHOW CONSTRAINTS")) == []
        with scratch.open():
            pass
        constraints = {(r["labelsOrTypes"][0], r["properties"][0], r["type"])
                       for r in session.run("SHOW CONSTRAINTS")}
        indexes = {(r["labelsOrTypes"][0], r["properties"][0]) for r in session.run(
            "SHOW INDEXES YIELD labelsOrTypes, properties, state, type WHERE type = 'RANGE' "
            "AND state = 'ONLINE'")}
    assert constraints == {(label, "id", "UNIQUENESS")
                           for label in ("Agency", "Directive", "Document", "Task")}
    assert indexes >= {("Document", "number"), ("Directive", "number")} | \
        {(label, "id") for label, _, _ in constraints}  # each constraint is backed by an index
    with scratch.open():  # opening again changes nothing (IF NOT EXISTS)
        pass


def test_a_statement_the_server_refuses_rolls_back_its_document_and_the_build_goes_on(scratch, tmp_path):
    """Two nodes of one id under different labels (as a foreign tool might leave them): giving the
    cited Directive its Document label breaks the Document id constraint mid-document."""
    corpus = make_corpus(tmp_path / "corpus", 3)
    number = "淄政办发〔2019〕1号"  # notice_0000.txt
    with scratch.open() as store:
        store.query("CREATE (:Directive {id: $id, number: $n, source: ['x']}), "
                    "(:Document {id: $id, number: $n, source: ['x']})",
                    {"id": f"doc:{number}", "n": number}, read_only=False)
        before = graph_snapshot(store)
    proc = scratch.cli("build", corpus)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert re.search(rf"skipped \S*notice_0000.txt: writing doc:{re.escape(number)} failed: .*"
                     r"already exists with label `Document` and property `id`", proc.stdout), proc.stdout
    with scratch.open() as store:
        numbers = sorted(r["n"] for r in store.query("MATCH (d:Document) RETURN d.number AS n"))
        tasks = store.query("MATCH (t:Task)-[:PART_OF]->(:Document {number: $n}) RETURN t.id AS id",
                            {"n": number})
        stray = store.query("MATCH (n {id: $id}) RETURN labels(n) AS l, n.source AS s ORDER BY l",
                            {"id": f"doc:{number}"})
        after = graph_snapshot(store)
    assert numbers == [number, "淄政办发〔2019〕2号", "淄政办发〔2019〕3号"]  # the stray and the others
    assert tasks == [] and stray == [{"l": ["Directive"], "s": ["x"]}, {"l": ["Document"], "s": ["x"]}]
    # untouched, but for the coverage counts a build keeps on every directive (graph/coverage.py)
    derived = ("coverage_documents", "coverage_tasks", "coverage_regions", "coverage_stale")
    untouched = [{**n, "properties": {k: v for k, v in n["properties"].items() if k not in derived}}
                 for n in after[0] if n["id"] == f"doc:{number}"]
    assert untouched == before[0]


def test_read_only_queries_are_refused_a_write(neo4j_samples):
    with neo4j_samples.open() as store:
        before = store.counts()
        with pytest.raises(StoreError, match="[Ww]rit"):
            store.query("MATCH (d:Document) SET d.title = 'x' RETURN d.id AS id")
        with pytest.raises(StoreError, match="[Ww]rit"):
            store.query("MATCH (d:Document) DETACH DELETE d")
        assert store.query("MATCH (d:Document {title: 'x'}) RETURN count(d) AS n") == [{"n": 0}]
        assert store.counts() == before
    proc = neo4j_samples.cli("query", "run", "documents-list", "-p", "region=x') DETACH DELETE d //")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr


def _same_value(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(a, b)
    return a == b


def test_apoc_import_of_the_jsonl_export_gives_the_same_graph(neo4j, falkordb_samples, scratch, tmp_path):
    """`policykg export --format jsonl` from the embedded store, read by apoc.import.json into an
    empty Neo4j: the same nodes, labels, relationships and properties."""
    assert neo4j.versions.get("apoc"), "APOC Core is not installed on this Neo4j"
    path = tmp_path / "graph.jsonl"
    with falkordb_samples.open() as falkor:
        export(falkor, "jsonl", path)
        counts = falkor.counts()
        nodes, rels = graph_snapshot(falkor)
    with scratch.open() as store:  # the store's constraints on `id`, which the import keys on
        with scratch.database.driver() as driver, driver.session() as session:
            row = session.run("CALL apoc.import.json($url, {importIdName: 'id'}) "
                              "YIELD nodes, relationships RETURN nodes, relationships",
                              url=path.as_uri()).single()
        assert (row["nodes"], row["relationships"]) == (len(nodes), len(rels))
        assert store.counts() == counts
        imported_nodes, imported_rels = graph_snapshot(store)
    assert [(n["id"], n["labels"]) for n in imported_nodes] == [(n["id"], n["labels"]) for n in nodes]
    for mine, theirs in zip(imported_nodes, nodes):
        assert mine["properties"].keys() == theirs["properties"].keys(), mine["id"]
        assert all(_same_value(mine["properties"][k], v) for k, v in theirs["properties"].items()), mine["id"]
    assert [(r["id"], r["start"], r["end"]) for r in imported_rels] == \
        [(r["id"], r["start"], r["end"]) for r in rels]
    for mine, theirs in zip(imported_rels, rels):
        assert mine["properties"].keys() == theirs["properties"].keys(), mine["id"]
        assert all(_same_value(mine["properties"][k], v) for k, v in theirs["properties"].items()), mine["id"]


def test_the_offline_site_has_the_same_pages_on_both_engines(falkordb_samples, neo4j_samples, tmp_path):
    sites = {}
    for name, target in (("falkordb", falkordb_samples), ("neo4j", neo4j_samples)):
        out = tmp_path / name
        proc = target.cli("site", "-o", out)
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
        summary = re.search(r"：(\d+) 个文件、(\d+) 项任务", proc.stdout + proc.stderr)
        assert summary, proc.stdout + proc.stderr
        sites[name] = (summary.groups(), sorted(str(p.relative_to(out)) for p in out.rglob("*.html")))
    assert sites["neo4j"] == sites["falkordb"]
