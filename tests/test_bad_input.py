"""Bad input never loses data: a file that cannot be read is named with what is wrong, the rest
of the batch loads, and the store is exactly as it was for the bad file.

Every bad file is made here, in a temporary folder. Odd but readable files (GB18030, UTF-16, a
file cut inside its last character, a page full of scripts, a 10 MB line, 5,000 tasks, the same
file under two names, names with spaces and Chinese) load, with a warning where a reader should
look. Times of the big files are printed, not asserted.
"""
from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import SAMPLES, notice_text
from reportlab.pdfgen import canvas

from policykg.graph.embedded import stop_server
from policykg.graph.model import to_graph
from policykg.graph.store import open_store
from policykg.loaders import LoaderError, iter_files, parse_file

CN = "一二三四五六七八九"


def cli(store_dir, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policykg.cli", "--store", str(store_dir), *map(str, args)],
                          capture_output=True, text=True, timeout=600)


def cn_label(n: int) -> str:
    """1 → 一, 10 → 十, 23 → 二十三 (section headings of the 5,000-task list)."""
    tens, ones = divmod(n, 10)
    return (CN[tens - 1] if tens > 1 else "") + ("十" if tens else "") + (CN[ones - 1] if ones else "")


def scanned_pdf(path: Path) -> None:
    c = canvas.Canvas(str(path))
    c.rect(50, 50, 300, 400, fill=1)  # an image-like page: no text layer at all
    c.save()


def fifty_mb_notice(path: Path) -> None:
    chunk = "".join(notice_text(i) for i in range(40)).encode("utf-8")
    with open(path, "wb") as f:
        for _ in range(50 * 2**20 // len(chunk) + 1):
            f.write(chunk)


def one_line_notice(path: Path, megabytes: int = 10) -> None:
    """A header, then the whole body on a single line (an html-to-text conversion gone wrong)."""
    unit = ("各部门要加强基层医疗卫生服务能力建设，完善制度，落实责任，按照《国务院办公厅关于推进分级诊疗制度建设的"
            "指导意见》（国办发〔2015〕70号）要求做好工作（市卫生局牵头，市财政局配合）；")
    line = unit * (megabytes * 2**20 // len(unit.encode("utf-8")))
    path.write_text("淄博市人民政府关于加强基层工作的通知\n淄政发〔2019〕88号\n" + line +
                    "\n淄博市人民政府\n2019年5月1日\n", encoding="utf-8")


def five_thousand_tasks(path: Path) -> None:
    """50 sections of 100 numbered tasks, each with its own responsibility clause."""
    parts = ["淄博市人民政府办公室关于印发重点任务清单的通知\n淄政办发〔2019〕77号\n各区县人民政府，市政府各部门：\n"
             "现将《重点任务清单》印发给你们，请认真贯彻执行。\n"]
    for s in range(1, 51):
        parts.append(f"{cn_label(s)}、第{s}部分任务\n")
        parts += [f"{i}.加强第{s}-{i}项工作，完善制度。（市卫生局牵头，市财政局配合）\n" for i in range(1, 101)]
    parts.append("淄博市人民政府办公室\n2019年3月1日\n")
    path.write_text("".join(parts), encoding="utf-8")


def hostile_page(body: str) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines())
    return ("<!DOCTYPE html><html><head><title>门户</title><script>alert('head')</script></head><body>"
            "<iframe src='https://evil.example/frame'></iframe>"
            "<script>document.write('注入的脚本文字')</script><noscript>请开启脚本</noscript>"
            f"<div class='article'>{paragraphs}<img src=x onerror=\"alert('img')\"></div>"
            "<object data='https://evil.example/x.swf'></object></body></html>")


def docx_without_its_document(path: Path) -> None:
    """A .docx whose package names a main part it does not hold (a copy cut short)."""
    document = docx.Document()
    document.add_paragraph("一、加强学习。（市教育局牵头）")
    whole = io.BytesIO()
    document.save(whole)
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as cut:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                cut.writestr(item, source.read(item))


def docx_of_a_spreadsheet(path: Path) -> None:
    """A zip whose main part is no Word document, under a .docx name."""
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                         'relationships"><Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.'
                         'openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>')
        package.writestr("word/document.xml", '<w:worksheet xmlns:w="http://schemas.openxmlformats.org/'
                         'wordprocessingml/2006/main"/>')


# refused files: name -> (writer, what the message must say)
REFUSED = {
    "空文件 empty.txt": (lambda p: p.write_bytes(b""), "file is empty"),
    "blank lines.txt": (lambda p: p.write_text(" \n\n\t\n", encoding="utf-8"), "file is empty"),
    "乱码 junk.txt": (lambda p: p.write_bytes(random.Random(1).randbytes(64 * 1024)), "binary data"),
    "扫描件 scan.pdf": (scanned_pdf, "no text layer"),
    "broken.docx": (lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 200), "not a .docx"),
    "cut short.docx": (docx_without_its_document, "not a .docx"),
    "a worksheet.docx": (docx_of_a_spreadsheet, "not a Word document"),
    "只有脚本 scripts only.html": (
        lambda p: p.write_text("<html><body><script>alert(1)</script><iframe src='https://evil.example'>"
                               "</iframe></body></html>", encoding="utf-8"), "no text left"),
    "50MB 通知.txt": (fifty_mb_notice, "split it into its documents"),
}


def _write_odd_files(folder: Path) -> dict[str, Path]:
    """Readable files of odd shapes; returns a name for each, for the tests."""
    files = {
        "gb18030": (folder / "国标 编码 通知.txt", notice_text(1).encode("gb18030")),
        "utf16": (folder / "utf16 通知.txt", notice_text(2).encode("utf-16")),
        "utf16-no-bom": (folder / "utf16 无BOM 通知.txt", notice_text(3).encode("utf-16-le")),
        # a multibyte character cut at the end: 中 is three bytes, two are left
        "truncated": (folder / "截断 cut.txt", notice_text(4).encode("utf-8") + "中".encode("utf-8")[:2]),
        "html": (folder / "网页 page.html", hostile_page(notice_text(5)).encode("utf-8")),
        "no-metadata": (folder / "无文号 no metadata.txt",
                        "关于做好有关工作的一些想法\n大家要认真学习，积极工作。\n一、加强学习\n（一）提高认识。\n".encode("utf-8")),
        # a stray NUL deep in the text (a damaged copy): FalkorDB ends strings at NUL
        "nul": (folder / "空字符 nul.txt", ("\n" * 30000 + notice_text(7).replace("加强第1项", "加强第\x001项"))
                .encode("utf-8")),
        "duplicate-a": (folder / "dup 原件.txt", notice_text(6).encode("utf-8")),
        "duplicate-b": (folder / "副本 copy of dup.txt", notice_text(6).encode("utf-8")),
    }
    for path, data in files.values():
        path.write_bytes(data)
    big = {"one-line": folder / "一行 one 10MB line.txt", "5000-tasks": folder / "5000 项 任务清单.txt"}
    one_line_notice(big["one-line"])
    five_thousand_tasks(big["5000-tasks"])
    return {**{k: p for k, (p, _) in files.items()}, **big}


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    folder = tmp_path_factory.mktemp("bad")
    out = {}
    for name, (write, problem) in REFUSED.items():
        write(folder / name)
        out[name] = (folder / name, problem)
    return out


@pytest.fixture(scope="module")
def batch(tmp_path_factory, bad_files):
    """One folder with every refused and every odd file, built once with `policykg build`."""
    folder = tmp_path_factory.mktemp("batch")
    for name, (path, _) in bad_files.items():
        os.link(path, folder / name)
    odd = _write_odd_files(folder)
    store_dir = tmp_path_factory.mktemp("batch-store") / "store"
    started = time.monotonic()
    proc = cli(store_dir, "build", folder)
    print(f"\nbuild of the bad-input batch ({sum(1 for _ in folder.iterdir())} files, "
          f"{sum(p.stat().st_size for p in folder.iterdir()) / 2**20:.0f} MB): "
          f"{time.monotonic() - started:.1f} s")
    store = open_store(store_dir)
    with store as s:
        yield {"folder": folder, "odd": odd, "proc": proc, "store": s, "store_dir": store_dir}
    stop_server(store_dir)


@pytest.fixture(scope="module")
def loaded_store(tmp_path_factory):
    """The samples in a store kept running (a reader holds it), with its stats and full export."""
    store_dir = tmp_path_factory.mktemp("samples-store") / "store"
    assert cli(store_dir, "build", SAMPLES).returncode == 0
    with open_store(store_dir):
        yield store_dir, _state(store_dir, tmp_path_factory.mktemp("before"))
    stop_server(store_dir)


def _state(store_dir, tmp_path) -> tuple[str, str]:
    out = tmp_path / "export.jsonl"
    stats, export = cli(store_dir, "stats"), cli(store_dir, "export", "--format", "jsonl", "-o", out)
    assert stats.returncode == 0 and export.returncode == 0, stats.stderr + export.stderr
    return stats.stdout, out.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(REFUSED))
def test_a_refused_file_is_named_with_its_problem_and_changes_nothing(name, bad_files, loaded_store, tmp_path):
    path, problem = bad_files[name]
    loaded_store, before = loaded_store
    started = time.monotonic()
    proc = cli(loaded_store, "build", path)
    elapsed = time.monotonic() - started
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("skipped "))
    assert line.startswith(f"skipped {path}: ") and problem in line, line
    assert line.count(str(path)) == 1, line  # named once, then what is wrong
    assert "1 files, 0 documents written" in proc.stdout
    assert _state(loaded_store, tmp_path) == before  # stats and every node, edge and property
    print(f"\n{name} ({path.stat().st_size / 2**20:.1f} MB): refused in {elapsed:.1f} s: {line}")


def test_the_library_raises_loader_error_naming_the_file(bad_files):
    for path, problem in bad_files.values():
        with pytest.raises(LoaderError) as err:
            parse_file(path)
        assert err.value.path == str(path) and problem in str(err.value)


def test_a_batch_with_bad_files_loads_the_rest_and_nothing_of_the_bad(batch, bad_files):
    proc, store = batch["proc"], batch["store"]
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    skipped = [ln for ln in proc.stdout.splitlines() if ln.startswith("skipped ")]
    assert len(skipped) == len(REFUSED)
    for name, (_, problem) in REFUSED.items():
        path = batch["folder"] / name
        assert any(ln.startswith(f"skipped {path}: ") and problem in ln for ln in skipped), (name, skipped)
    # the store holds exactly what the readable files give, nothing from the refused ones
    expected_nodes, expected_rels = set(), set()
    for path in batch["odd"].values():
        for doc in parse_file(path).documents:
            b = to_graph(doc)
            expected_nodes |= {n["id"] for n in b.nodes}
            expected_rels |= {r["id"] for r in b.relationships}
    assert {n["id"] for n in store.nodes()} == expected_nodes
    assert {r["id"] for r in store.relationships()} == expected_rels
    sources = {s for n in store.nodes() for s in n["properties"]["source"]}
    assert sources == {str(p) for p in batch["odd"].values()}


def _document(store, path: Path) -> dict:
    rows = store.query("MATCH (d:Document) WHERE $source IN d.source RETURN properties(d) AS d",
                       {"source": str(path)})
    assert len(rows) == 1, (path, rows)
    return rows[0]["d"]


@pytest.mark.parametrize("kind, number", [("gb18030", "淄政办发〔2019〕2号"), ("utf16", "淄政办发〔2019〕3号"),
                                          ("utf16-no-bom", "淄政办发〔2019〕4号"),
                                          ("truncated", "淄政办发〔2019〕5号")])
def test_other_encodings_and_a_cut_file_load_as_readable_text(batch, kind, number):
    doc = _document(batch["store"], batch["odd"][kind])
    assert doc["number"] == number
    assert doc["title"].startswith("淄博市人民政府办公室关于印发") and "\ufffd" not in doc["title"]
    tasks = batch["store"].query("MATCH (t:Task)-[:PART_OF]->(:Document {id: $id}) RETURN t.text AS text",
                                 {"id": doc["id"]})
    assert tasks and all("\ufffd" not in t["text"] for t in tasks)


def test_a_cut_file_is_loaded_with_a_warning_that_names_it(batch):
    out = batch["proc"].stdout
    path = batch["odd"]["truncated"]
    section = out.split(f"warnings for {path}:", 1)[1]
    assert section.splitlines()[1].strip().startswith("- the file ends inside a UTF-8 character")


def test_stray_nul_characters_are_dropped_with_a_warning(batch):
    path = batch["odd"]["nul"]
    doc = _document(batch["store"], path)
    assert doc["number"] == "淄政办发〔2019〕8号"
    texts = batch["store"].query("MATCH (t:Task)-[:PART_OF]->(:Document {id: $id}) RETURN t.text AS text",
                                 {"id": doc["id"]})
    assert any("加强第1项" in t["text"] for t in texts)
    assert "removed 1 NUL character(s)" in batch["proc"].stdout.split(f"warnings for {path}:", 1)[1]


def test_scripts_iframes_and_handlers_of_a_page_never_reach_the_store(batch):
    doc = _document(batch["store"], batch["odd"]["html"])
    assert doc["number"] == "淄政办发〔2019〕6号"
    text = json.dumps([n["properties"] for n in batch["store"].nodes()] +
                      [r["properties"] for r in batch["store"].relationships()], ensure_ascii=False)
    for payload in ("alert", "evil.example", "注入的脚本文字", "请开启脚本", "onerror", "<script", "<iframe"):
        assert payload not in text


def test_a_document_without_number_date_or_issuer_loads_with_warnings(batch):
    path = batch["odd"]["no-metadata"]
    doc = _document(batch["store"], path)
    assert (doc["number"], doc["date"], doc["issuer"]) == ("", "", "")
    assert doc["id"].startswith("doc:h")  # identity from a hash of issuer and title
    warnings = batch["proc"].stdout.split(f"warnings for {path}:", 1)[1]
    assert "no issuer found" in warnings and "no 成文日期" in warnings


def test_a_single_10_mb_line_loads(batch):
    doc = _document(batch["store"], batch["odd"]["one-line"])
    assert doc["number"] == "淄政发〔2019〕88号" and doc["date"] == "2019-05-01"
    rows = batch["store"].query("MATCH (:Document {id: $id})-[r:IMPLEMENTS]->(d:Directive) "
                                "RETURN d.number AS number, r.evidence AS evidence", {"id": doc["id"]})
    assert [r["number"] for r in rows] == ["国办发〔2015〕70号"]
    assert len(rows[0]["evidence"]) < 200  # the sentence it was read from, not the whole line


def test_five_thousand_tasks_all_load(batch):
    doc = _document(batch["store"], batch["odd"]["5000-tasks"])
    rows = batch["store"].query("MATCH (t:Task)-[:PART_OF]->(:Document {id: $id}) "
                                "RETURN count(t) AS tasks, count(DISTINCT t.section) AS sections",
                                {"id": doc["id"]})
    assert rows == [{"tasks": 5000, "sections": 50}]
    leads = batch["store"].query("MATCH (:Agency {name: '淄博市卫生局'})-[:LEADS]->(t:Task)-[:PART_OF]->"
                                 "(:Document {id: $id}) RETURN count(t) AS n", {"id": doc["id"]})
    assert leads == [{"n": 5000}]


def test_one_list_of_five_thousand_numbered_items_keeps_every_item(tmp_path):
    path = tmp_path / "flat list.txt"
    path.write_text("淄博市人民政府办公室关于印发任务清单的通知\n淄政办发〔2019〕78号\n一、重点任务\n" +
                    "".join(f"{i}.加强第{i}项工作，完善制度。（市卫生局牵头，市财政局配合）\n" for i in range(1, 5001)) +
                    "淄博市人民政府办公室\n2019年3月1日\n", encoding="utf-8")
    result = parse_file(path)
    (doc,) = result.documents
    kept = len(doc.tasks)
    assert kept == 5000 or any("5000" in w or "dropped" in w for w in result.warnings), \
        f"{kept} of 5000 items kept, warnings: {result.warnings}"


def test_the_same_file_under_two_names_is_one_document_with_both_sources(batch):
    a, b = batch["odd"]["duplicate-a"], batch["odd"]["duplicate-b"]
    doc = _document(batch["store"], a)
    assert sorted(doc["source"]) == sorted([str(a), str(b)])
    tasks = batch["store"].query("MATCH (t:Task)-[:PART_OF]->(:Document {id: $id}) RETURN t.id AS id",
                                 {"id": doc["id"]})
    assert len(tasks) == len({t["id"] for t in tasks}) == len(parse_file(a).documents[0].tasks)



def test_a_json_file_of_other_data_is_refused_alone_and_left_unread_in_a_folder(tmp_path):
    settings = tmp_path / "设置 settings.json"  # no page text in it (a .json file of pages is read)
    settings.write_text('{"theme": "dark", "pages": [{"id": 3, "title": "首页"}]}', encoding="utf-8")
    with pytest.raises(LoaderError, match="settings.json: a JSON file that holds no page texts"):
        parse_file(settings)
    not_read: list = []
    assert list(iter_files([tmp_path], not_read)) == [] and not_read == [settings]
