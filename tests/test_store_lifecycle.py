"""The embedded server: started on demand, private, shared by clients, stopped by the last."""
from __future__ import annotations

import stat

from policykg.graph.embedded import EmbeddedServer
from policykg.graph.model import AgencyRef, DocumentRecord, TaskRecord, to_graph
from policykg.graph.store import open_store


def _doc(number="淄政发〔2018〕1号"):
    return DocumentRecord(
        source="a.txt", number=number, title="关于印发方案的通知",
        issuers=[AgencyRef("淄博市人民政府", "市政府")], date="2018-01-02",
        tasks=[TaskRecord("（一）", "任务一", "全文", leads=[AgencyRef("淄博市卫生局", "市卫生局")])])


def test_write_then_query_and_counts(store_dir):
    with open_store(store_dir) as store:
        store.write(to_graph(_doc()))
        rows = store.query("MATCH (d:Document) RETURN d.number AS number, d.source AS source")
        counts = store.counts()
        nodes = list(store.nodes())
        rels = list(store.relationships())
    assert rows == [{"number": "淄政发〔2018〕1号", "source": ["a.txt"]}]
    assert counts["labels"]["Document"] == 1 and counts["labels"]["Task"] == 1
    assert counts["labels"]["Agency"] == 2
    assert counts["relationships"]["PART_OF"] == 1 and counts["relationships"]["LEADS"] == 1
    assert len(nodes) == 4 and all(n["type"] == "node" for n in nodes)
    assert {r["label"] for r in rels} == {"PART_OF", "LEADS", "ISSUED_BY"}


def test_second_client_reuses_server_and_last_close_stops_it(store_dir):
    server = EmbeddedServer(store_dir)
    with open_store(store_dir) as first:
        pid = first.server._pid()
        assert server.running()
        with open_store(store_dir) as second:
            assert second.server._pid() == pid  # reused, not a second server
            first.write(to_graph(_doc()))
            assert second.counts()["labels"]["Document"] == 1
        assert server.running()  # `first` still holds a lease
    assert not server.running()
    assert not server.socket.exists()
    with open_store(store_dir) as again:  # data survives a clean stop
        assert again.counts()["labels"]["Document"] == 1


def test_store_folder_and_socket_are_private(store_dir):
    with open_store(store_dir) as store:
        assert stat.S_IMODE(store_dir.stat().st_mode) == 0o700
        sock = store.server.socket
        assert stat.S_ISSOCK(sock.stat().st_mode)
        assert stat.S_IMODE(sock.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(sock.stat().st_mode) & 0o077 == 0
        assert "port 0\n" in (store_dir / "redis.conf").read_text()


def test_a_stale_lease_of_a_killed_client_is_ignored(store_dir):
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    with open_store(store_dir) as store:
        (store.server.leases / f"{dead.stdout.strip()}-deadbeef").touch()
    assert not EmbeddedServer(store_dir).running()
    assert list((store_dir / "leases").iterdir()) == []


def test_a_long_store_path_gets_a_short_private_socket(tmp_path):
    from policykg.graph.embedded import stop_server

    store_dir = tmp_path / ("a-very-long-folder-name-" * 5) / "store"
    try:
        with open_store(store_dir) as store:
            sock = store.server.socket
            assert len(str(sock).encode()) <= 107 and not str(sock).startswith(str(store_dir))
            assert stat.S_IMODE(sock.parent.stat().st_mode) == 0o700
            store.write(to_graph(_doc()))
            assert store.counts()["labels"]["Document"] == 1
    finally:
        stop_server(store_dir)


def test_without_binaries_the_error_points_to_neo4j(store_dir, monkeypatch):
    import pytest

    from policykg.graph.store import StoreError

    monkeypatch.setenv("POLICYKG_REDIS_SERVER", str(store_dir / "no-redis-server"))
    monkeypatch.setenv("POLICYKG_FALKORDB_MODULE", str(store_dir / "no-falkordb.so"))
    with pytest.raises(StoreError, match="--neo4j"):
        with open_store(store_dir):
            pass


def test_env_overrides_choose_the_binaries(store_dir, tmp_path, monkeypatch):
    from policykg.graph.embedded import find_binaries

    server, module = find_binaries()
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "redis-server").symlink_to(server)
    (tmp_path / "bin" / "falkordb.so").symlink_to(module)
    monkeypatch.setenv("POLICYKG_REDIS_SERVER", str(tmp_path / "bin" / "redis-server"))
    monkeypatch.setenv("POLICYKG_FALKORDB_MODULE", str(tmp_path / "bin" / "falkordb.so"))
    with open_store(store_dir) as store:
        assert store.query("RETURN 1 AS one") == [{"one": 1}]
        assert str(tmp_path / "bin" / "falkordb.so") in (store_dir / "redis.conf").read_text()


def test_a_folder_that_is_not_a_store_is_left_alone(tmp_path):
    import pytest

    from policykg.graph.store import StoreError

    (tmp_path / "notes.txt").write_text("mine")
    mode = stat.S_IMODE(tmp_path.stat().st_mode)
    with pytest.raises(StoreError, match="not a policykg store"):
        with open_store(tmp_path):
            pass
    assert stat.S_IMODE(tmp_path.stat().st_mode) == mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_neo4j_errors_never_show_credentials(monkeypatch):
    import subprocess
    import sys

    monkeypatch.setenv("NEO4J_USER", "analyst")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-pw")
    cli = [sys.executable, "-m", "policykg.cli"]
    for uri in ["bolt://127.0.0.1:1", "bolt://analyst:s3cret-pw@127.0.0.1:1"]:
        proc = subprocess.run([*cli, "--neo4j", uri, "stats"], capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == 1
        assert "s3cret-pw" not in proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr and "Error:" in proc.stderr


def test_a_replay_that_hangs_is_killed_and_started_again(store_dir, monkeypatch):
    """FalkorDB can deadlock while it replays its AOF (every thread waiting, no CPU used, no Ready
    line, for good). A real server in that state, frozen with SIGSTOP before it logs Ready, is
    killed and started again, and the store opens with its data."""
    import os
    import signal

    from policykg.graph import embedded

    with open_store(store_dir) as store:
        store.write(to_graph(_doc()))
    server = EmbeddedServer(store_dir)
    with server.lock:
        server.start()
        frozen = server._pid()
        os.kill(frozen, signal.SIGSTOP)
    # loading until it logs Ready: had it got that far before the SIGSTOP, take the line back
    lines = server.logfile.read_text().splitlines(keepends=True)
    server.logfile.write_text("".join(line for line in lines if "Ready to accept connections" not in line))
    assert server.state() == "loading"
    monkeypatch.setattr(embedded, "STALL_TIMEOUT", 1.0)
    with open_store(store_dir) as store:
        assert store.server._pid() != frozen
        assert store.counts()["labels"]["Document"] == 1
    assert f"killed pid {frozen}" in (store_dir / "redis.log.1").read_text()


def _freeze(pid: int) -> None:
    """Stand in for FalkorDB's deadlock (every thread waiting, no CPU used, no answer for good)
    with the real server stopped by SIGSTOP."""
    import os
    import signal

    os.kill(pid, signal.SIGSTOP)


def test_a_server_that_hangs_under_a_command_is_killed_and_the_command_sent_again(store_dir, monkeypatch):
    """A query or a document's write that waits on a hung server is not left waiting for ever:
    the server is killed, started again with what it had acknowledged, and the command is sent
    once more."""
    from policykg.graph import embedded

    monkeypatch.setattr(embedded, "STALL_TIMEOUT", 1.0)
    with open_store(store_dir) as store:
        store.write(to_graph(_doc()))
        frozen = store.server._pid()
        _freeze(frozen)
        assert store.counts()["labels"]["Document"] == 1
        assert store.server._pid() != frozen
        assert f"killed pid {frozen}" in (store_dir / "redis.log.1").read_text()
        _freeze(store.server._pid())
        store.write(to_graph(_doc("淄政发〔2018〕2号")))
    with open_store(store_dir) as store:
        assert store.counts()["labels"]["Document"] == 2


def test_a_server_that_hangs_after_it_is_ready_is_started_again_on_open_and_on_stop(store_dir, monkeypatch):
    """Seen in CI: a fresh server logged Ready and never answered the first INFO. Opening the
    store and stopping its server both get past such a server."""
    from policykg.graph import embedded
    from policykg.graph.embedded import stop_server

    monkeypatch.setattr(embedded, "STALL_TIMEOUT", 1.0)
    monkeypatch.setattr(embedded, "ADMIN_TIMEOUT", 1.0)
    with open_store(store_dir) as store:
        store.write(to_graph(_doc()))
    server = EmbeddedServer(store_dir)
    with server.lock:
        server.start()
    server.wait_loaded()
    frozen = server._pid()
    _freeze(frozen)
    with open_store(store_dir) as store:
        assert store.server._pid() != frozen
        assert store.counts()["labels"]["Document"] == 1
    with server.lock:
        server.start()
    server.wait_loaded()
    frozen = server._pid()
    _freeze(frozen)
    stop_server(store_dir)
    assert server.state() == "stopped"
    with open_store(store_dir) as store:
        assert store.counts()["labels"]["Document"] == 1
