"""Concurrent commands share one store server; two builds at once equal one build."""
from __future__ import annotations

import json
import subprocess
import sys
import time

from conftest import SAMPLES, graph_snapshot

from policykg.graph.build import build
from policykg.graph.embedded import EmbeddedServer
from policykg.graph.store import is_store_folder, open_store
from policykg.queries.runner import get_query


def _cli(store_dir, *args):
    return subprocess.Popen([sys.executable, "-m", "policykg.cli", "--store", str(store_dir), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_builds_at_once_equal_one_build(tmp_path, store_dir, corpus):
    builds = [_cli(store_dir, "build", str(SAMPLES), str(corpus)) for _ in range(2)]
    deadline = time.monotonic() + 60  # read commands refuse a folder that holds no store yet
    while not is_store_folder(store_dir) and time.monotonic() < deadline:
        time.sleep(0.05)
    readers = [_cli(store_dir, "stats") for _ in range(2)]
    queries = []
    for _ in range(3):  # saved queries at several points of the builds
        queries.append(_cli(store_dir, "query", "run", "documents-list", "--format", "json"))
        time.sleep(0.7)
    seen = []
    for proc in builds + readers + queries:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
        if proc in queries:
            seen.append({row["document"]: row["tasks"] for row in json.loads(out)})
    assert not EmbeddedServer(store_dir).running()  # the last client stopped it

    single = tmp_path / "single"
    try:
        with open_store(single) as store:
            build(store, [SAMPLES, corpus], progress=False)
            expected_counts, expected = store.counts(), graph_snapshot(store, sort_lists=True)
        with open_store(store_dir) as store:
            assert store.counts() == expected_counts
            assert graph_snapshot(store, sort_lists=True) == expected
            final = {r["document"]: r["tasks"] for r in store.query(get_query("documents-list").text,
                                                                     get_query("documents-list").bind({}))}
        # the saved queries that ran during the builds saw whole documents only
        for rows in seen:
            assert {doc: final.get(doc) for doc in rows} == rows
    finally:
        from policykg.graph.embedded import stop_server
        stop_server(single)
