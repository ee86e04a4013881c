"""Concurrent commands share one store server; two builds at once equal one build."""
from __future__ import annotations

import subprocess
import sys

from conftest import SAMPLES, graph_snapshot

from policykg.graph.build import build
from policykg.graph.embedded import EmbeddedServer
from policykg.graph.store import open_store


def _cli(store_dir, *args):
    return subprocess.Popen([sys.executable, "-m", "policykg.cli", "--store", str(store_dir), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_builds_at_once_equal_one_build(tmp_path, store_dir, corpus):
    builds = [_cli(store_dir, "build", str(SAMPLES), str(corpus)) for _ in range(2)]
    readers = [_cli(store_dir, "stats") for _ in range(2)]
    for proc in builds + readers:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    assert not EmbeddedServer(store_dir).running()  # the last client stopped it

    single = tmp_path / "single"
    try:
        with open_store(single) as store:
            build(store, [SAMPLES, corpus], progress=False)
            expected_counts, expected = store.counts(), graph_snapshot(store, sort_lists=True)
        with open_store(store_dir) as store:
            assert store.counts() == expected_counts
            assert graph_snapshot(store, sort_lists=True) == expected
    finally:
        from policykg.graph.embedded import stop_server
        stop_server(single)
