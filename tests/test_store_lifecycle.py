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
