"""SIGKILL a build, or the store server itself, at random points: only whole documents remain,
the store opens again, and re-running the build completes it."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from conftest import SAMPLES, Target

from policykg.graph.check import check
from policykg.graph.embedded import EmbeddedServer
from policykg.graph.model import AgencyRef, DocumentRecord, Reference, TaskRecord, relationship_id, to_graph
from policykg.graph.store import open_store
from policykg.graph.successions import links
from policykg.loaders import iter_files, parse_file

TESTS = Path(__file__).resolve().parent


class Expected:
    """What each document must look like in the store if it is there at all."""

    def __init__(self, batches):
        self.batches = batches = list(batches)
        self.tasks, self.rels, self.owner = {}, {}, {}
        self.all_nodes, self.all_rels = set(), set()
        for b in batches:
            tasks = {n["id"] for n in b.nodes if "Task" in n["labels"]}
            self.tasks[b.document_id] = tasks
            self.rels[b.document_id] = {r["id"] for r in b.relationships}
            for nid in tasks | {b.document_id}:
                self.owner[nid] = b.document_id
            self.all_nodes |= {n["id"] for n in b.nodes}
            self.all_rels |= {r["id"] for r in b.relationships}

    def check_whole(self, store) -> int:
        """Assert every stored document is whole; returns how many documents are stored."""
        docs = {r["id"] for r in store.query("MATCH (d:Document) RETURN d.id AS id")}
        tasks = {}
        for row in store.query("MATCH (t:Task)-[:PART_OF*1..]->(d:Document) RETURN d.id AS doc, t.id AS task"):
            tasks.setdefault(row["doc"], set()).add(row["task"])
        rels = {}
        for r in store.relationships():
            owner = self.owner.get(r["start"]["id"]) or self.owner.get(r["end"]["id"])
            rels.setdefault(owner, set()).add(r["id"])
        all_tasks = {r["id"] for r in store.query("MATCH (t:Task) RETURN t.id AS id")}
        assert docs <= set(self.tasks), "a document that no file gives"
        for doc in docs:
            assert tasks.get(doc, set()) == self.tasks[doc], f"{doc} is not whole"
            assert rels.get(doc, set()) == self.rels[doc], f"{doc} has partial relationships"
        assert all_tasks == set().union(set(), *(self.tasks[d] for d in docs)), "orphan tasks"
        return len(docs)

    def check_complete(self, store) -> None:
        assert {n["id"] for n in store.nodes()} == self.all_nodes
        assert {r["id"] for r in store.relationships()} == self.all_rels


def _expected_from_files(paths) -> Expected:
    expected = Expected(to_graph(d) for f in iter_files(paths) for d in parse_file(f).documents)
    # and the SUCCEEDED_BY edges a whole build draws between the agencies (graph/successions.py)
    agencies = {n["id"]: n["properties"] for b in expected.batches for n in b.nodes if "Agency" in n["labels"]}
    edges = links([{"id": i, "name": p.get("name"), "region": p.get("region"), "level": p.get("level")}
                   for i, p in agencies.items()])
    expected.all_rels |= {relationship_id(e["start"]["id"], e["label"], e["end"]["id"]) for e in edges}
    return expected


def _transactions(server) -> int | None:
    """Document transactions (EXECs) the running server has committed, None when none runs."""
    try:
        conn = server.client()
        try:
            return conn.info("commandstats").get("cmdstat_exec", {}).get("calls", 0)
        finally:
            conn.close()
    except (redis.ConnectionError, redis.TimeoutError, OSError):
        return None


def _wait_for_transactions(proc, server, count, timeout=120.0) -> None:
    """Wait until `proc` has committed `count` more documents (or ended): kills then land at
    a point of the build's own progress, however slow the machine is."""
    start, deadline = None, time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        done = _transactions(server)
        if done is not None:
            start = done if start is None else start
            if done - start >= count:
                return
        time.sleep(0.005)


def _build(store_dir, paths):
    return subprocess.Popen([sys.executable, "-m", "policykg.cli", "--store", str(store_dir),
                             "build", *map(str, paths)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    from conftest import make_corpus
    return make_corpus(tmp_path_factory.mktemp("big_corpus"), 100)


def test_killed_builds_leave_whole_documents(store_dir, big_corpus):
    paths = [SAMPLES, big_corpus]
    expected = _expected_from_files(paths)
    rng = random.Random(20181221)
    mid_build, stored = 0, []
    with open_store(store_dir) as checker:  # keeps the server up across the killed clients
        for _ in range(20):
            proc = _build(store_dir, paths)
            _wait_for_transactions(proc, checker.server, rng.randint(0, 25))
            time.sleep(rng.uniform(0, 0.02))  # anywhere inside the next document
            if proc.poll() is None:
                mid_build += 1
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            stored.append(expected.check_whole(checker))
            assert check(checker) == []  # what `policykg check` runs: no dangling edge, duplicate id, orphan task
    print(f"\n20 SIGKILLed builds, {mid_build} killed mid-build; documents stored after each: {stored}")
    assert mid_build >= 15, "the builds ended before the kills"
    proc = _build(store_dir, paths)
    assert proc.wait(timeout=300) == 0, proc.stderr.read()
    with open_store(store_dir) as store:
        expected.check_whole(store)
        expected.check_complete(store)
    checked = subprocess.run([sys.executable, "-m", "policykg.cli", "--store", str(store_dir), "check"],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0 and "no problems found" in checked.stderr, checked.stdout + checked.stderr


def _open_transactions(session) -> set[str]:
    """Ids of the transactions open on the Neo4j server now, other than the one asking."""
    return {r["id"] for r in session.run(
        "SHOW TRANSACTIONS YIELD transactionId AS id, currentQuery AS q "
        "WHERE NOT q CONTAINS 'SHOW TRANSACTIONS' RETURN id")}


@pytest.mark.neo4j
def test_killed_builds_leave_whole_documents_on_neo4j(neo4j, big_corpus):
    """SIGKILL `policykg --neo4j … build` while one of its transactions is open on the server."""
    db = neo4j.scratch
    assert db.holds is None, f"Neo4j's scratch database is in use by {db.holds}"
    db.empty()
    target = Target("neo4j", database=db)
    paths = [SAMPLES, big_corpus]
    expected = _expected_from_files(paths)
    rng = random.Random(20181221)
    mid_transaction, stored = 0, []
    with target.open() as checker, db.driver() as driver, driver.session() as session:
        for _ in range(6):
            proc = subprocess.Popen([sys.executable, "-m", "policykg.cli", *target.args, "build",
                                     *map(str, paths)], env=target.env(), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True)
            seen, wanted, deadline = set(), rng.randint(1, 80), time.monotonic() + 120
            while proc.poll() is None and time.monotonic() < deadline:
                now = _open_transactions(session)
                seen |= now
                if now and len(seen) >= wanted:
                    break
            if proc.poll() is None:
                mid_transaction += bool(_open_transactions(session))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            stored.append(expected.check_whole(checker))
            assert check(checker) == []
    print(f"\n6 SIGKILLed Neo4j builds, {mid_transaction} with a transaction open; "
          f"documents stored after each: {stored}")
    assert mid_transaction >= 3, "the kills missed the builds' transactions"
    proc = target.cli("build", *paths)
    assert proc.returncode == 0, proc.stderr
    with target.open() as store:
        expected.check_whole(store)
        expected.check_complete(store)
    checked = target.cli("check")
    assert checked.returncode == 0 and "no problems found" in checked.stderr, checked.stdout + checked.stderr


def test_killed_store_server_leaves_whole_documents(store_dir, big_corpus):
    paths = [SAMPLES, big_corpus]
    expected = _expected_from_files(paths)
    server = EmbeddedServer(store_dir)
    rng = random.Random(88)
    for _ in range(5):
        proc = _build(store_dir, paths)
        deadline = time.monotonic() + 60
        while not server.running() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        _wait_for_transactions(proc, server, rng.randint(1, 25))
        time.sleep(rng.uniform(0, 0.02))
        pid = server._pid()
        assert pid is not None, "the build ended before the server could be killed"
        os.kill(pid, signal.SIGKILL)
        _, err = proc.communicate(timeout=120)
        if proc.returncode:  # the build lost its server: a clean message, no traceback
            assert "Traceback" not in err and "went away" in err, err
        with open_store(store_dir) as store:  # restarts the server from the AOF
            expected.check_whole(store)
    proc = _build(store_dir, paths)
    assert proc.wait(timeout=300) == 0, proc.stderr.read()
    with open_store(store_dir) as store:
        expected.check_whole(store)
        expected.check_complete(store)


# --- a writer of many-task documents, independent of what the loader extracts today ----------

def many_task_documents(count=400):
    for i in range(count):
        tasks = [TaskRecord(f"（{j}）", f"任务{i}-{j}", f"第{i}号文件第{j}项任务。", order=j,
                            leads=[AgencyRef(f"淄博市第{(i + j) % 9}局", f"市第{(i + j) % 9}局")],
                            cooperates=[AgencyRef(f"淄博市第{(i + j + 1) % 9}局", f"市第{(i + j + 1) % 9}局")],
                            subtasks=[TaskRecord(str(k), f"子项{k}", "子项。") for k in range(1, 4)])
                 for j in range(1, 16)]
        yield DocumentRecord(source=f"gen/{i}.txt", number=f"淄政发〔2019〕{i + 1}号", title=f"文件{i}",
                             issuers=[AgencyRef("淄博市人民政府", "市政府")], tasks=tasks,
                             implements=[Reference(number=f"国办发〔2018〕{i % 7 + 1}号")])


def write_many(store_dir):
    with open_store(store_dir) as store:
        for doc in many_task_documents():
            store.write(to_graph(doc))


def test_killed_writer_of_large_documents_leaves_whole_documents(store_dir):
    expected = Expected(to_graph(d) for d in many_task_documents())
    code = f"import sys; sys.path.insert(0, {str(TESTS)!r}); import test_crash_safety as t; t.write_many({str(store_dir)!r})"
    rng = random.Random(7)
    counts = []
    with open_store(store_dir) as checker:
        for _ in range(8):
            proc = subprocess.Popen([sys.executable, "-c", code])
            _wait_for_transactions(proc, checker.server, rng.randint(1, 30))
            time.sleep(rng.uniform(0, 0.02))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            counts.append(expected.check_whole(checker))
    print(f"\n8 SIGKILLed writers of 15-task documents; documents stored after each: {counts}")
    assert any(0 < c < 400 for c in counts), "no kill landed mid-write"


def test_a_killed_server_reopens_with_every_committed_document(store_dir):
    """Many writes, then SIGKILL the server: the AOF (rewritten in the background as it grows)
    replays to exactly what was committed."""
    docs = list(many_task_documents(200))
    with open_store(store_dir) as store:
        for doc in docs:
            store.write(to_graph(doc))
        persistence = store.server.info("persistence")
        pid = store.server._pid()
        os.kill(pid, signal.SIGKILL)
        while store.server.state() != "stopped":
            time.sleep(0.01)
    started = time.monotonic()
    with open_store(store_dir) as store:
        reopened = time.monotonic() - started
        expected = Expected(to_graph(d) for d in docs)
        assert expected.check_whole(store) == 200
        expected.check_complete(store)
    print(f"\n200 documents, {persistence['aof_rewrites']} background AOF rewrites; "
          f"reopened after SIGKILL in {reopened:.2f} s")


def test_a_killed_build_leaves_no_parsing_worker_behind(tmp_path):
    """The build parses in a worker process ahead of its writes; killing the build ends it too."""
    import psutil

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k in range(40):  # enough files that the build is still running when it is killed
        for path in sorted(SAMPLES.glob("*.txt")):
            (corpus / f"{k:02d}-{path.name}").write_bytes(path.read_bytes())
    build = subprocess.Popen([sys.executable, "-m", "policykg.cli", "--store", str(tmp_path / "store"),
                              "build", str(corpus)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(build.pid)

    def command(p) -> str:  # the store server's launcher is a zombie for a moment while it starts
        try:
            return " ".join(p.cmdline())
        except psutil.Error:
            return ""

    deadline = time.monotonic() + 30
    workers = []
    while not workers and time.monotonic() < deadline and build.poll() is None:
        workers = [p for p in parent.children() if "policykg" in command(p)]
        time.sleep(0.05)
    assert workers, "no parsing worker seen"
    build.send_signal(signal.SIGKILL)
    build.wait()
    gone, alive = psutil.wait_procs(workers, timeout=5)
    assert not alive, [p.pid for p in alive]
    subprocess.run([sys.executable, "-c", "from policykg.graph.embedded import stop_server; "
                    f"stop_server({str(tmp_path / 'store')!r})"], check=False)
