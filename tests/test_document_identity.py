"""Two different documents never share a node (issue 21); the same document stays one node.

Identity (DESIGN.md): canonical number; else issuer and title; else the document's own text
(a digest blind to whitespace), which stands for "the file and the document's place in it"
without keying on the file's path, so that a moved file is still the same document.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, graph_snapshot
from test_directive_coverage import agencies_counted_true, from_scratch, kept

from policykg.graph.build import build
from policykg.graph.check import check
from policykg.graph.model import AgencyRef, DocumentRecord, TaskRecord
from policykg.graph.remove import remove
from policykg.graph.store import open_store
from policykg.loaders import parse_file

UNTITLED = [  # crawled pages whose number, title and issuer the reader cannot find
    "各区县人民政府，市政府各部门：\n为做好相关工作，现提出如下要求。\n"
    "一、加强基层医疗卫生服务能力建设。各地要加大投入。（市卫生局牵头，市财政局配合）\n"
    "二、完善药品供应保障制度。落实集中采购。（市卫生局、市市场监管局负责）\n",
    "各有关单位：\n现就做好养老服务工作通知如下。\n"
    "一、促进养老服务发展。扩大普惠供给。（市民政局牵头）\n"
    "二、做好就业创业工作。（市人力资源社会保障局牵头，市财政局配合）\n"
    "三、推进分级诊疗制度建设。（市卫生局牵头）\n",
    "各县区：\n一、改革完善药品供应保障。（市医保局牵头）\n",
]

NUMBERED = """淄博市人民政府办公室关于印发全市卫生工作要点的通知
淄政办发〔2019〕12号
各区县人民政府：
一、推进分级诊疗。（市卫生局牵头）
二、做好就业创业工作。（市人力资源社会保障局牵头）
三、加强基层医疗卫生服务。（市卫生局牵头）
淄博市人民政府办公室
2019年3月1日
"""


def _write(folder: Path, texts: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
        out.append(folder / name)
    return out


def _documents(store) -> list[dict]:
    return store.query("MATCH (d:Document) OPTIONAL MATCH (t:Task)-[:PART_OF]->(d) "
                       "RETURN d.id AS id, d.source AS source, d.loaded_from AS files, "
                       "d.number AS number, d.title AS title, count(t) AS tasks ORDER BY id")


def _task_sources(store) -> dict[str, list[str]]:
    return {r["title"]: r["source"] for r in store.query("MATCH (t:Task) RETURN t.title AS title, t.source AS source")}


def test_removing_the_file_a_reprinted_document_was_read_from_reads_the_other_copy(target, tmp_path):
    """A document printed in two files loses nothing when either file goes: what stays is what
    the remaining file prints (before, removing the fuller copy left the document with no task)."""
    abridged = NUMBERED.replace("三、加强基层医疗卫生服务。（市卫生局牵头）\n", "")
    full, short = _write(tmp_path, {"full.txt": NUMBERED, "short.txt": abridged})
    with target.open() as store:
        build(store, [full, short], progress=False)
        gone = remove(store, [str(full)])
        (doc,) = _documents(store)
        assert gone.read_again == [str(short)]
        assert doc["files"] == [str(short)] and doc["tasks"] == 2
        assert _task_sources(store) == {"推进分级诊疗": [str(short)], "做好就业创业工作": [str(short)]}
        assert agencies_counted_true(store) and kept(store) == from_scratch(store)  # counts kept true
        build(store, [full], progress=False)  # the fuller copy comes back: its tasks win again
        assert agencies_counted_true(store) and kept(store) == from_scratch(store)
        remove(store, [str(short)])
        (doc,) = _documents(store)
        assert doc["files"] == [str(full)] and doc["tasks"] == 3
        assert set(map(tuple, _task_sources(store).values())) == {(str(full),)}
        assert check(store) == []
        assert agencies_counted_true(store) and kept(store) == from_scratch(store)


def test_unnumbered_untitled_documents_in_several_files_are_several_nodes(store_dir, tmp_path):
    files = _write(tmp_path / "docs", {f"page{i}.txt": t for i, t in enumerate(UNTITLED)})
    for f in files:  # what the reader gives: no number, no title, no issuer
        (doc,) = parse_file(f).documents
        assert (doc.number, doc.title, doc.issuer) == ("", "", "")
    with open_store(store_dir) as store:
        summary = build(store, [tmp_path / "docs"], progress=False)
        docs = _documents(store)
    assert summary.documents_written == summary.documents == 3
    assert sorted(d["tasks"] for d in docs) == [1, 2, 3]
    assert sorted(tuple(d["source"]) for d in docs) == sorted((str(f),) for f in files)
    assert all(d["id"].startswith("doc:t") for d in docs)


def test_the_same_files_built_twice_change_nothing(store_dir, tmp_path):
    _write(tmp_path / "docs", {f"page{i}.txt": t for i, t in enumerate(UNTITLED)} | {"n.txt": NUMBERED})
    with open_store(store_dir) as store:
        build(store, [tmp_path / "docs"], progress=False)
        before = graph_snapshot(store)
        second = build(store, [tmp_path / "docs"], progress=False)
        assert graph_snapshot(store) == before
    assert second.documents == 4 and not any("also printed" in w for ws in second.warnings.values()
                                            for w in ws)


def test_a_file_moved_to_another_folder_is_the_same_document(store_dir, tmp_path):
    (old,) = _write(tmp_path / "inbox", {"notice.txt": UNTITLED[1]})
    with open_store(store_dir) as store:
        build(store, [old], progress=False)
        (before,) = _documents(store)
        new = tmp_path / "archive" / "2019" / "notice-renamed.txt"
        new.parent.mkdir(parents=True)
        shutil.move(old, new)
        build(store, [tmp_path / "archive"], progress=False)
        docs = _documents(store)
        agencies = store.query("MATCH (a:Agency) RETURN a.source AS source")
    assert len(docs) == 1 and docs[0]["id"] == before["id"] and docs[0]["tasks"] == 3
    assert docs[0]["source"] == docs[0]["files"] == [str(new)]  # the old path is gone
    assert all(a["source"] == [str(new)] for a in agencies)


def test_the_same_text_in_another_encoding_or_wrapping_is_the_same_document(store_dir, tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(UNTITLED[0], encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_bytes(UNTITLED[0].replace("\n", "\r\n").encode("gb18030"))
    assert parse_file(a).documents[0].fingerprint == parse_file(b).documents[0].fingerprint
    with open_store(store_dir) as store:
        build(store, [a, b], progress=False)
        (doc,) = _documents(store)
    assert doc["files"] == [str(a), str(b)] and doc["tasks"] == 2


def _record(source: str, title: str = "", tasks=("任务一",), number: str = "") -> DocumentRecord:
    return DocumentRecord(source=source, number=number, title=title,
                          tasks=[TaskRecord(f"{i}", t, t + "。", leads=[AgencyRef("淄博市卫生局", "市卫生局")])
                                 for i, t in enumerate(tasks, 1)])


def test_two_documents_of_one_file_that_would_share_an_id_are_both_kept(store_dir):
    # two documents of one file under one title and no number (hand-made records: the reader
    # splits a file at 发文字号 lines, so it gives at most one unnumbered document a file)
    docs = [_record("f.txt", "关于做好有关工作的通知", tasks=("甲",)),
            _record("f.txt", "关于做好有关工作的通知", tasks=("乙", "丙"))]
    from policykg.graph.identity import Identities

    with open_store(store_dir) as store:
        plan = Identities(store).plan("f.txt", docs)
        for batch in plan.batches:
            store.write(batch)
        stored = _documents(store)
        again = Identities(store).plan("f.txt", docs)
    assert len({b.document_id for b in plan.batches}) == 2 and len(stored) == 2
    assert sorted(d["tasks"] for d in stored) == [1, 2]
    assert any("documents 1 and 2 of this file would share the id" in w for w in plan.warnings)
    assert [b.document_id for b in again.batches] == [b.document_id for b in plan.batches]
    assert not again.batches[0].forget  # unchanged: nothing to forget


def test_one_number_on_two_different_documents_keeps_both_and_warns(store_dir, tmp_path):
    other = NUMBERED.replace("关于印发全市卫生工作要点的通知", "关于做好食品安全工作的通知")
    a, b = _write(tmp_path, {"a.txt": NUMBERED, "b.txt": other})
    with open_store(store_dir) as store:
        summary = build(store, [a, b], progress=False)
        docs = _documents(store)
        again = build(store, [b], progress=False)
        assert _documents(store) == docs
    assert [d["number"] for d in docs] == ["淄政办发〔2019〕12号"] * 2
    assert {d["files"][0] for d in docs} == {str(a), str(b)}
    (warning,) = [w for w in summary.warnings[str(b)] if "two different documents" in w]
    assert "全市卫生工作要点" in warning and "食品安全" in warning and str(a) in warning
    assert any("two different documents" in w for w in again.warnings[str(b)])


def test_a_reprint_with_fewer_tasks_keeps_the_full_copy_and_check_finds_shared_documents(
        store_dir, tmp_path):
    abridged = NUMBERED.replace("三、加强基层医疗卫生服务。（市卫生局牵头）\n", "")
    full, short = _write(tmp_path, {"full.txt": NUMBERED, "short.txt": abridged})
    with open_store(store_dir) as store:
        summary = build(store, [full, short], progress=False)
        (doc,) = _documents(store)
    assert doc["tasks"] == 3 and doc["files"] == [str(full), str(short)]
    assert any("kept the 3 tasks read there over the 2 read here" in w
               for w in summary.warnings[str(short)])
    with open_store(store_dir) as store:  # each task names the files that print it, its own first
        assert _task_sources(store) == {"推进分级诊疗": [str(full), str(short)],
                                        "做好就业创业工作": [str(full), str(short)],
                                        "加强基层医疗卫生服务": [str(full)]}
    # the same document given twice with as many tasks: one node, read from both files
    copy = tmp_path / "copy.txt"
    copy.write_text(NUMBERED.replace("各区县人民政府：", "各区县人民政府，市政府各部门："), encoding="utf-8")
    with open_store(store_dir) as store:
        build(store, [copy], progress=False)
        (doc,) = _documents(store)
    assert doc["files"] == [str(full), str(short), str(copy)] and doc["tasks"] == 3
    proc = subprocess.run([sys.executable, "-m", "policykg.cli", "--store", str(store_dir), "check"],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "淄政办发〔2019〕12号 was read from several files" in proc.stdout


HEADED = NUMBERED.replace("一、推进分级诊疗。（市卫生局牵头）", "一、推进分级诊疗\n建立城市医疗集团。（市卫生局牵头）")
GLUED = HEADED.replace("推进分级诊疗\n建立", "推进分级诊疗建立")  # a PDF copy: the heading glued to its text


@pytest.mark.parametrize("first, second", [(HEADED, GLUED), (GLUED.replace("三、加强基层医疗卫生服务。（市卫生局牵头）\n", ""), HEADED)],
                         ids=["the copy read second is a reprint", "the fuller copy read second replaces"])
def test_a_copy_that_glued_a_heading_to_its_text_still_prints_the_task(store_dir, tmp_path, first, second):
    a, b = _write(tmp_path, {"a.txt": first, "b.txt": second})
    with open_store(store_dir) as store:
        build(store, [a, b], progress=False)
        sources = _task_sources(store)
    assert set(sources["推进分级诊疗"]) == {str(a), str(b)}


@pytest.mark.parametrize("a, b, agree", [
    ("关于印发《吉安市县域商业体系建设行动实施方案》的通知", "吉安市县域商业体系建设行动实施方案", True),
    ("国务院办公厅关于进一步做好政务舆情回应的通知", "关于进一步做好政务舆情回应的通知", True),
    ("吉安市县域商业体系建设行动实施方案", "关于做好2022年食品安全工作的通知", False),
    ("", "关于做好2022年食品安全工作的通知", True),
])
def test_titles_that_name_one_document(a, b, agree):
    from policykg.graph.identity import titles_agree

    assert titles_agree(a, b) is agree


# ../shared beside the clone (CI); a worktree under wt/ looks one folder further up
ALIGNMENT = next((p / "shared" / "alignment" / "docs" for p in (ROOT.parent, ROOT.parent.parent)
                  if (p / "shared" / "alignment" / "docs").is_dir()), ROOT / "missing")


@pytest.mark.skipif(not ALIGNMENT.is_dir(), reason="needs ../shared/alignment beside the clone")
def test_the_alignment_pages_give_one_node_per_document(store_dir):
    read = [(f, doc) for f in sorted(ALIGNMENT.iterdir()) for doc in parse_file(f).documents]
    with open_store(store_dir) as store:
        summary = build(store, [ALIGNMENT], progress=False)
        docs = _documents(store)
    assert summary.documents == len(read) == len(docs) >= 3
    assert sorted(d["tasks"] for d in docs) == sorted(len(doc.tasks) for _, doc in read)


REAL = ROOT / "tests" / "real"


def test_real_notices_of_one_issuer_and_title_but_two_dates_are_two_documents(store_dir):
    """杭州's 关于进一步加强房地产市场调控的通知 of 2021-01-27 and of 2021-08-05 (real pages, no
    number printed): one issuer, one title, two documents."""
    with open_store(store_dir) as store:
        summary = build(store, [REAL / "same_title"], progress=False)
        docs = _documents(store)
    assert [d["title"] for d in docs] == ["关于进一步加强房地产市场调控的通知"] * 2
    assert sorted(d["tasks"] for d in docs) == [3, 5]  # as annotated (tests/real/gold)
    assert any("both are kept" in w for w in summary.warnings[str(REAL / "same_title" / "c0030.html")])


def test_one_real_notice_as_a_page_and_as_its_attachment_is_one_document(store_dir):
    """安徽's 促进消费 notice as the web page and as the .docx attached to it: same issuer, title and
    成文日期, one node."""
    with open_store(store_dir) as store:
        build(store, [REAL / "docs" / "c0047.html", REAL / "docs" / "c0218.docx"], progress=False)
        docs = _documents(store)
    assert len(docs) == 1 and docs[0]["tasks"] == 11
    assert sorted(Path(f).name for f in docs[0]["files"]) == ["c0047.html", "c0218.docx"]
    assert sorted(Path(f).name for f in docs[0]["source"]) == ["c0047.html", "c0218.docx"]
    with open_store(store_dir) as store:  # both copies print all eleven tasks
        assert all(len(files) == 2 for files in _task_sources(store).values())
