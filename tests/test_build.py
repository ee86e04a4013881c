"""Building, on both engines: idempotent, replace-per-document, identity merges, unreadable files
skipped, a document the store refuses skipped whole with the store's error."""
from __future__ import annotations

import pytest
from conftest import SAMPLES, graph_snapshot

from policykg.graph.build import build
from policykg.graph.model import AgencyRef, DocumentRecord, Reference, TaskRecord, to_graph
from policykg.graph.store import StoreError

ZIBO = "淄政办发〔2013〕57号"  # one of the samples


def test_rebuilding_the_same_files_changes_nothing(target, corpus):
    with target.open() as store:
        first = build(store, [SAMPLES, corpus], progress=False)
        before_counts, before = store.counts(), graph_snapshot(store)
        second = build(store, [SAMPLES, corpus], progress=False)
        assert store.counts() == before_counts
        assert graph_snapshot(store) == before  # every property, list order included
    assert first.documents == second.documents >= 5 + 60
    assert (first.tasks, first.agencies, first.relationships) == \
           (second.tasks, second.agencies, second.relationships)
    assert first.documents == before_counts["labels"]["Document"]


def test_unreadable_file_is_reported_and_the_rest_loads(target, tmp_path):
    missing = tmp_path / "missing.txt"
    proc = target.cli("build", missing, SAMPLES)
    assert proc.returncode == 1
    assert str(missing) in proc.stdout and "Traceback" not in proc.stderr
    with target.open() as store:
        assert store.counts()["labels"]["Document"] >= 5


def _doc(number, title, source, cites=(), tasks=("任务一", "任务二"), issuer="淄博市人民政府"):
    return DocumentRecord(
        source=source, number=number, title=title, issuers=[AgencyRef(issuer, "市政府")],
        implements=[Reference(number=n, title="引用时的标题", issuer="某机关", year=2018) for n in cites],
        tasks=[TaskRecord(f"（{i}）", t, t + "。", leads=[AgencyRef("淄博市卫生局", "市卫生局")],
                          subtasks=[TaskRecord("1", "子项", "子项。")]) for i, t in enumerate(tasks, 1)])


def test_cited_directive_later_loaded_becomes_one_document(target):
    with target.open() as store:
        store.write(to_graph(_doc("淄政发〔2019〕1号", "市通知", "a.txt", cites=["鲁政发〔2018〕7号"])))
        store.write(to_graph(_doc("鲁政发〔2018〕7号", "省方案", "b.txt", issuer="山东省人民政府")))
        rows = store.query("MATCH (n {id: $id}) RETURN labels(n) AS labels, n.title AS title, "
                           "n.source AS source", {"id": "doc:鲁政发〔2018〕7号"})
    assert len(rows) == 1
    assert sorted(rows[0]["labels"]) == ["Directive", "Document"]
    assert rows[0]["title"] == "省方案"
    assert rows[0]["source"] == ["a.txt", "b.txt"]


def test_a_citation_never_overwrites_a_loaded_document(target):
    with target.open() as store:
        store.write(to_graph(_doc("鲁政发〔2018〕7号", "省方案", "b.txt", issuer="山东省人民政府")))
        store.write(to_graph(_doc("淄政发〔2019〕1号", "市通知", "a.txt", cites=["鲁政发〔2018〕7号"])))
        rows = store.query("MATCH (n {id: $id}) RETURN labels(n) AS labels, n.title AS title, "
                           "n.issuer AS issuer, n.year AS year", {"id": "doc:鲁政发〔2018〕7号"})
    assert len(rows) == 1
    assert sorted(rows[0]["labels"]) == ["Directive", "Document"]
    assert (rows[0]["title"], rows[0]["issuer"]) == ("省方案", "山东省人民政府")
    assert rows[0]["year"] == 2018  # missing on the Document, filled by the citation


def test_reloading_a_document_replaces_its_tasks_and_links(target):
    with target.open() as store:
        store.write(to_graph(_doc("淄政发〔2019〕1号", "市通知", "a.txt", cites=["国办发〔2018〕1号"],
                                  tasks=("甲", "乙", "丙"))))
        store.write(to_graph(_doc("淄政发〔2019〕1号", "市通知", "a.txt", tasks=("甲",))))
        counts = store.counts()
        tasks = store.query("MATCH (t:Task) RETURN t.title AS title ORDER BY t.id")
        implements = store.query("MATCH (:Document)-[r:IMPLEMENTS]->() RETURN count(r) AS n")
    assert [t["title"] for t in tasks] == ["甲", "子项"]
    assert counts["relationships"]["PART_OF"] == 2 and counts["relationships"]["LEADS"] == 1
    assert implements == [{"n": 0}]
    assert counts["labels"]["Directive"] == 1  # the cited node stays; only the link went


_DOUBLED = ("MATCH (a)-[r]->(b) WITH a, type(r) AS type, b, count(r) AS n WHERE n > 1 "
            "RETURN a.id AS start, type, b.id AS end, n")


def test_a_relationship_is_stored_once_however_often_its_document_is_written(target):
    """A document's relationships are created, not merged (its outgoing ones and its tasks went
    just before, in the same transaction): written again, changed, or given a relationship twice
    in one batch, the store still holds each (start, type, end) once, with the rows' properties."""
    with target.open() as store:
        store.write(to_graph(_doc("淄政发〔2019〕1号", "市通知", "a.txt", cites=["国办发〔2018〕1号"])))
        store.write(to_graph(_doc("淄政发〔2019〕1号", "市通知", "a.txt", cites=["国办发〔2018〕1号"])))
        store.write(to_graph(_doc("淄政发〔2019〕2号", "区通知", "b.txt", cites=["淄政发〔2019〕1号"])))
        batch = to_graph(_doc("淄政发〔2019〕1号", "市通知", "a.txt", cites=["国办发〔2018〕1号"],
                              tasks=("甲", "乙", "丙")))
        lead = next(r for r in batch.relationships if r["label"] == "LEADS")
        batch.relationships.append({**lead, "properties": {"role_text": "牵头（又）"}})
        store.write(batch)
        assert store.query(_DOUBLED) == []
        roles = store.query("MATCH (a:Agency {id: $a})-[r:LEADS]->(t:Task {id: $t}) RETURN r.role_text AS role, "
                            "r.evidence AS evidence", {"a": lead["start"]["id"], "t": lead["end"]["id"]})
        counts = store.counts()
    assert roles == [{"role": "牵头（又）", "evidence": lead["properties"].get("evidence")}]
    assert counts["relationships"]["PART_OF"] == 3 + 3 + 2 + 2  # tasks and their sub-items, both documents
    assert counts["relationships"]["IMPLEMENTS"] == 2


def test_aliases_and_sources_are_unioned_across_files(target):
    with target.open() as store:
        a = _doc("淄政发〔2019〕1号", "一", "a.txt")
        b = _doc("淄政发〔2019〕2号", "二", "b.txt")
        b.tasks[0].leads = [AgencyRef("淄博市卫生局", "市卫计委")]
        store.write(to_graph(a))
        store.write(to_graph(b))
        row = store.query("MATCH (a:Agency {name: '淄博市卫生局'}) RETURN a.aliases AS aliases, "
                          "a.source AS source")[0]
    assert sorted(row["aliases"]) == ["市卫生局", "市卫计委", "淄博市卫生局"]
    assert row["source"] == ["a.txt", "b.txt"]


def _with_a_map_property(batch):
    """The batch with a property no store can hold (a map) on its last task."""
    task = [n for n in batch.nodes if "Task" in n["labels"]][-1]
    task["properties"]["deadline"] = {"year": 2019}
    return batch


def test_a_document_the_store_cannot_hold_is_refused_whole(target):
    good = to_graph(_doc("淄政发〔2019〕1号", "市通知", "a.txt", cites=["国办发〔2018〕1号"]))
    with target.open() as store:
        store.write(good)
        before = graph_snapshot(store)
        bad = _with_a_map_property(to_graph(_doc("淄政发〔2019〕1号", "改过的通知", "a.txt",
                                                 tasks=("甲", "乙", "丙"))))
        with pytest.raises(StoreError, match=r"not writing doc:淄政发〔2019〕1号: task:.*'deadline' is a dict"):
            store.write(bad)
        with pytest.raises(StoreError, match="not writing doc:淄政发〔2019〕2号"):
            store.write(_with_a_map_property(to_graph(_doc("淄政发〔2019〕2号", "新通知", "b.txt"))))
        assert graph_snapshot(store) == before  # the old version stands, nothing of the new


def test_build_skips_a_refused_document_with_the_stores_error(target, monkeypatch):
    import policykg.graph.identity as identity_module

    def refuse_zibo(doc, *args):
        batch = to_graph(doc, *args)
        return _with_a_map_property(batch) if batch.document_id == f"doc:{ZIBO}" else batch

    monkeypatch.setattr(identity_module, "to_graph", refuse_zibo)
    with target.open() as store:
        summary = build(store, [SAMPLES], progress=False)
        numbers = {r["n"] for r in store.query("MATCH (d:Document) RETURN d.number AS n")}
    [(path, reason)] = summary.errors.items()
    assert path.endswith(".txt") and f"not writing doc:{ZIBO}" in reason
    assert ZIBO not in numbers and len(numbers) == summary.documents >= 4


def test_several_parsing_workers_build_the_same_store(sample_store_dir, tmp_path, monkeypatch):
    """Files parsed by three workers (file i by worker i mod 3) are written in their order, one
    transaction a document, as with one: the same store, every property and list order."""
    from policykg.graph.embedded import stop_server
    from policykg.graph.store import open_store

    monkeypatch.setenv("POLICYKG_PARSE_WORKERS", "3")
    path = tmp_path / "store"
    try:
        with open_store(path) as store:
            summary = build(store, [SAMPLES], progress=False)
            assert summary.files > 3
            several = graph_snapshot(store)
        with open_store(sample_store_dir) as store:
            one = graph_snapshot(store)
    finally:
        stop_server(path)
    assert several == one
