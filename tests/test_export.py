"""Exports read back with the same counts as `stats`; `check` finds nothing wrong in a build."""
from __future__ import annotations

import json
from collections import Counter

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.graph.check import check
from policykg.graph.export import natural_key, natural_sort_key
from policykg.exports import export
from policykg.graph.store import StoreError


def _counts_from_jsonl(path):
    labels, types, kinds = Counter(), Counter(), []
    for line in path.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        kinds.append(obj["type"])
        if obj["type"] == "node":
            assert set(obj) == {"type", "id", "labels", "properties"}
            assert obj["properties"]["id"] == obj["id"]
            assert isinstance(obj["properties"]["source"], list)
            labels.update(obj["labels"])
        else:
            assert set(obj) == {"type", "id", "label", "start", "end", "properties"}
            assert set(obj["start"]) == {"id"} and set(obj["end"]) == {"id"}
            types[obj["label"]] += 1
    assert kinds == sorted(kinds), "nodes first, then relationships"
    return labels, types


def test_jsonl_round_trip_matches_stats(sample_store, tmp_path):
    path = tmp_path / "graph.jsonl"
    export(sample_store, "jsonl", path)
    labels, types = _counts_from_jsonl(path)
    counts = sample_store.counts()
    assert labels == Counter({k: v for k, v in counts["labels"].items() if v})
    assert types == Counter({k: v for k, v in counts["relationships"].items() if v})
    assert "\\u" not in path.read_text(encoding="utf-8")  # Chinese stays readable
    again = tmp_path / "again.jsonl"
    export(sample_store, "jsonl", again)
    assert again.read_bytes() == path.read_bytes()  # stable output


def test_graphml_loads_in_networkx_with_same_counts(sample_store, tmp_path):
    path = tmp_path / "graph.graphml"
    export(sample_store, "graphml", path)
    graph = nx.read_graphml(path)
    counts = sample_store.counts()
    assert graph.number_of_nodes() == len(list(sample_store.nodes()))
    assert graph.number_of_edges() == sum(counts["relationships"].values())
    labels = Counter(l for _, d in graph.nodes(data=True) for l in json.loads(d["labels"]))
    assert labels == Counter({k: v for k, v in counts["labels"].items() if v})
    for _, data in graph.nodes(data=True):
        assert isinstance(json.loads(data["source"]), list)


def test_cli_export_stats_and_check_on_samples(sample_target, sample_store, tmp_path):
    for fmt in ("jsonl", "graphml", "ttl", "jsonld"):
        out = tmp_path / f"cli.{fmt}"
        proc = sample_target.cli("export", "--format", fmt, "-o", out)
        assert proc.returncode == 0, proc.stderr
        assert out.stat().st_size > 0
    labels, types = _counts_from_jsonl(tmp_path / "cli.jsonl")
    counts = sample_store.counts()
    assert labels == Counter({k: v for k, v in counts["labels"].items() if v})
    assert types == Counter({k: v for k, v in counts["relationships"].items() if v})
    proc = sample_target.cli("stats")
    assert proc.returncode == 0, proc.stderr
    assert str(counts["labels"]["Task"]) in proc.stdout
    proc = sample_target.cli("check")
    assert proc.returncode == 0 and "no problems found" in proc.stderr, proc.stdout + proc.stderr


def test_check_reports_broken_graphs(target):
    with target.open() as store:
        assert check(store) == []
        store.query("CREATE (:Task {id: 'task:x#1'}), (:Agency {id: 'task:x#1'}), "
                    "(:Document {id: 'doc:d'})-[:LEADS]->(:Task {id: 'task:y#1'})", read_only=False)
        if target.engine == "neo4j":  # a unique constraint on id per label refuses the duplicate
            with pytest.raises(StoreError, match="already exists with label `Task` and property `id`"):
                store.query("CREATE (:Task {id: 'task:x#1'})", read_only=False)
        else:
            store.query("CREATE (:Task {id: 'task:x#1'})", read_only=False)
        problems = check(store)
    assert any("duplicate id task:x#1" in p for p in problems)
    assert any("task without a document: task:x#1" in p for p in problems)
    assert any("LEADS must run from an Agency" in p for p in problems)


def test_pages_of_nodes_and_relationships_join_up_whole(sample_store, monkeypatch):
    """Reads are paged by node id: small pages give exactly what one page gives."""
    import policykg.graph.store as store_module

    whole = ({n["id"] for n in sample_store.nodes()}, [r["id"] for r in sample_store.relationships()])
    monkeypatch.setattr(store_module, "PAGE", 7)
    paged = ({n["id"] for n in sample_store.nodes()}, [r["id"] for r in sample_store.relationships()])
    assert paged[0] == whole[0] and sorted(paged[1]) == sorted(whole[1]) and len(set(paged[1])) == len(paged[1])


def test_streamed_exports_do_not_depend_on_the_page_size(sample_store, tmp_path, monkeypatch):
    """jsonl and GraphML are read a page at a time and sorted on disk: pages of 7 give the same
    bytes as one page, and the order is the natural id order of the whole graph."""
    import policykg.graph.export as export_module

    for fmt in ("jsonl", "graphml"):
        export(sample_store, fmt, tmp_path / f"whole.{fmt}")
    monkeypatch.setattr(export_module, "EXPORT_PAGE", 7)
    for fmt in ("jsonl", "graphml"):
        export(sample_store, fmt, tmp_path / f"paged.{fmt}")
        assert (tmp_path / f"paged.{fmt}").read_bytes() == (tmp_path / f"whole.{fmt}").read_bytes()
    lines = [json.loads(line) for line in (tmp_path / "paged.jsonl").read_text(encoding="utf-8").splitlines()]
    ids = [o["id"] for o in lines if o["type"] == "node"]
    assert ids == sorted({n["id"] for n in sample_store.nodes()}, key=export_module.natural_key)
    rels = [(o["start"]["id"], o["label"], o["end"]["id"]) for o in lines if o["type"] == "relationship"]
    assert rels == sorted(rels) and len(rels) == sum(sample_store.counts()["relationships"].values())
    # GraphML as networkx reads it back: every node and edge with its attributes
    graph = nx.read_graphml(tmp_path / "paged.graphml")
    assert list(graph.nodes) == ids
    assert graph.nodes[ids[0]]["labels"] == json.dumps(lines[0]["labels"])


@settings(deadline=None)  # a loaded machine makes a case take longer, not go wrong
@given(st.lists(st.text(alphabet="ab0123456789#.:〔〕号-", max_size=12), min_size=2, max_size=30))
def test_the_on_disk_sort_key_sorts_like_the_natural_key(ids):
    assert [natural_key(i) for i in sorted(ids, key=natural_sort_key)] == sorted(map(natural_key, ids))
