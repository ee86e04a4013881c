"""The benchmark corpus: deterministic, and what the loaders and a real store recover from it is
what the generator wrote (documents, tasks per document, leading agencies, chains)."""
import json
from pathlib import Path

from bench.corpus import generate
from policykg.graph.build import build
from policykg.graph.store import open_store

DOCS = 30


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _truth(folder: Path) -> dict[str, dict]:
    """Ground truth by document number (a forwarded document is written twice, identically)."""
    docs = {}
    for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        for doc in json.loads(line)["documents"]:
            assert docs.setdefault(doc["number"], doc) == doc
    return docs


def test_same_seed_same_bytes_other_seed_other_corpus(tmp_path):
    a, b, c = (generate(DOCS, tmp_path / name, seed=seed) for name, seed in (("a", 3), ("b", 3), ("c", 4)))
    assert a == b
    files_a, files_b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert files_a == files_b
    assert {Path(f).suffix for f in files_a} >= {".txt", ".html", ".docx", ".jsonl", ".json"}
    assert files_a != _files(tmp_path / "c")
    assert a["files"] == DOCS and a["forwarding_files"] > 0


def test_store_recovers_documents_tasks_leads_and_chains(tmp_path, store_dir):
    out = tmp_path / "corpus"
    summary = generate(DOCS, out, seed=1)
    truth = _truth(out)
    with open_store(store_dir) as store:
        result = build(store, [out / "docs"], progress=False)
        assert result.errors == {}
        docs = {r["number"]: r for r in store.query(
            "MATCH (d:Document) OPTIONAL MATCH (t:Task)-[:PART_OF]->(d) "
            "RETURN d.number AS number, d.issuer AS issuer, d.level AS level, d.region AS region, "
            "count(t) AS tasks")}
        leads = {}
        for r in store.query("MATCH (t:Task)-[:PART_OF]->(d:Document) OPTIONAL MATCH (a:Agency)-[:LEADS]->(t) "
                             "RETURN d.number AS number, t.order AS ord, collect(a.name) AS leads"):
            leads.setdefault(r["number"], {})[r["ord"]] = sorted(r["leads"])
        subtasks = store.query("MATCH (:Task)-[:PART_OF]->(:Task) RETURN count(*) AS n")[0]["n"]
        links = {(r["a"], r["type"], r["b"]) for r in store.query(
            "MATCH (a:Document)-[r:IMPLEMENTS|FORWARDS]->(b:Directive) "
            "RETURN a.number AS a, type(r) AS type, b.number AS b")}
        task_links = store.query("MATCH (:Task)-[:IMPLEMENTS]->(:Directive) RETURN count(*) AS n")[0]["n"]
    assert len(docs) == len(truth) == summary["documents"] == DOCS
    for number, doc in truth.items():
        got = docs[number]
        assert (got["issuer"], got["level"], got["region"], got["tasks"]) == (
            doc["issuer"], doc["level"], doc["region"], doc["tasks"]), number
        assert [leads.get(number, {}).get(i + 1) for i in range(doc["tasks"])] == \
            [sorted(x) for x in doc["leads"]], number
        for upstream in doc["implements"]:
            assert (number, "IMPLEMENTS", upstream) in links
        for upstream in doc["forwards"]:
            assert (number, "FORWARDS", upstream) in links
    assert sum(d["tasks"] for d in truth.values()) == summary["tasks"]
    assert subtasks == sum(d["subtasks"] for d in truth.values()) == summary["subtasks"]
    assert task_links == sum(len(d["task_implements"]) for d in truth.values())
    # chains reach the State Council: some county document implements or forwards a city document
    # that implements a provincial one, which implements a national one
    up = {a: b for a, _, b in links}
    levels = {n: d["level"] for n, d in truth.items()}
    chains = [n for n in truth if levels[n] in ("county", "district")
              and levels.get(up.get(up.get(up.get(n, ""), ""), "")) == "national"]
    assert chains
