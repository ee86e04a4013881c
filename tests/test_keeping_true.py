"""Keeping the graph true as documents change (issue 16): changed and removed files, number
conflicts, numbers in any bracket style, stores that do not exist, every file of a folder named,
Excel in and out, and the small things a user meets (file modes, Ctrl-C, warnings in a file)."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES

from policykg.graph.build import build
from policykg.graph.store import open_store

PLAN = """淄博市人民政府办公室关于印发全市卫生工作要点的通知
淄政办发〔2019〕12号
各区县人民政府：
根据《山东省人民政府关于推进分级诊疗的意见》（鲁政发〔2018〕7号），现印发如下。
一、推进分级诊疗。（市卫生局牵头，市财政局配合）
二、做好就业创业工作。（市人力资源社会保障局牵头）
三、加强基层医疗卫生服务。（市卫生局牵头）
淄博市人民政府办公室
2019年3月1日
"""

COUNTY = """桓台县人民政府办公室关于落实全市卫生工作要点的通知
桓政办发〔2019〕3号
各镇人民政府：
为贯彻落实《淄博市人民政府办公室关于印发全市卫生工作要点的通知》（淄政办发〔2019〕12号），现通知如下。
一、落实分级诊疗。（县卫生局牵头）
桓台县人民政府办公室
2019年4月1日
"""


def cli(store_dir, *args, **kw):
    return subprocess.run([sys.executable, "-m", "policykg.cli", "--store", str(store_dir), *map(str, args)],
                          capture_output=True, text=True, **kw)


def documents(store):
    return store.query("MATCH (d:Document) OPTIONAL MATCH (t:Task)-[:PART_OF]->(d) "
                       "RETURN d.number AS number, d.loaded_from AS files, count(t) AS tasks ORDER BY number")


# --- a changed file replaces what it gave; remove; drop files gone from a folder ------------------

def test_a_corrected_number_leaves_no_ghost(store_dir, tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN.replace("12号", "21号"), encoding="utf-8")  # a typo in the number
    with open_store(store_dir) as store:
        build(store, [path], progress=False)
        path.write_text(PLAN.replace("，市财政局配合", ""), encoding="utf-8")  # corrected, one role less
        build(store, [path], progress=False)
        assert documents(store) == [{"number": "淄政办发〔2019〕12号", "files": [str(path)], "tasks": 3}]
        agencies = {r["name"] for r in store.query("MATCH (a:Agency) RETURN a.name AS name")}
        assert "淄博市财政局" not in agencies  # nothing of the old version is left
    assert cli(store_dir, "check").returncode == 0


def test_a_changed_file_that_stops_citing_drops_the_citation(store_dir, tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    with open_store(store_dir) as store:
        build(store, [path], progress=False)
        assert store.query("MATCH (d:Directive {number: '鲁政发〔2018〕7号'}) RETURN count(d) AS n")[0]["n"] == 1
        path.write_text(PLAN.replace("根据《山东省人民政府关于推进分级诊疗的意见》（鲁政发〔2018〕7号），", ""),
                        encoding="utf-8")
        build(store, [path], progress=False)
        assert store.query("MATCH (d:Directive {number: '鲁政发〔2018〕7号'}) RETURN count(d) AS n")[0]["n"] == 0


def test_remove_a_file_keeps_a_document_others_cite_as_a_directive(store_dir, tmp_path):
    plan, county = tmp_path / "plan.txt", tmp_path / "county.txt"
    plan.write_text(PLAN, encoding="utf-8")
    county.write_text(COUNTY, encoding="utf-8")
    with open_store(store_dir) as store:
        build(store, [tmp_path], progress=False)
    proc = cli(store_dir, "remove", plan)
    assert proc.returncode == 0, proc.stderr
    assert f"file {plan}" in proc.stdout
    with open_store(store_dir) as store:
        assert [d["number"] for d in documents(store)] == ["桓政办发〔2019〕3号"]
        (node,) = store.query("MATCH (d {number: '淄政办发〔2019〕12号'}) "
                              "RETURN labels(d) AS labels, d.source AS source")
        assert node["labels"] == ["Directive"] and node["source"] == [str(county)]
        assert store.query("MATCH (t:Task) RETURN count(t) AS n")[0]["n"] == 1
        names = {r["name"] for r in store.query("MATCH (a:Agency) RETURN a.name AS name")}
        assert not any(n.startswith("淄博市") for n in names)
        assert not store.query("MATCH (d:Directive {number: '鲁政发〔2018〕7号'}) RETURN d")
    assert cli(store_dir, "check").returncode == 0


def test_remove_by_number_in_any_bracket_style_and_unknown_targets(store_dir, tmp_path):
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    with open_store(store_dir) as store:
        build(store, [tmp_path], progress=False)
    proc = cli(store_dir, "remove", "淄政办发 [2019] 12 号", "淄政办发[2019]99号", tmp_path / "nothing.txt")
    assert proc.returncode == 1
    assert "document doc:淄政办发〔2019〕12号" in proc.stdout
    assert "no document numbered 淄政办发〔2019〕99号" in proc.stdout and "nothing.txt" in proc.stdout
    with open_store(store_dir) as store:
        assert documents(store) == [] and store.counts()["labels"]["Agency"] == 0


def test_a_folder_build_can_drop_what_files_no_longer_in_it_gave(store_dir, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "plan.txt").write_text(PLAN, encoding="utf-8")
    (folder / "county.txt").write_text(COUNTY, encoding="utf-8")
    with open_store(store_dir) as store:
        build(store, [folder], progress=False)
    (folder / "county.txt").unlink()
    proc = cli(store_dir, "build", folder)  # off by default
    with open_store(store_dir) as store:
        assert len(documents(store)) == 2
    proc = cli(store_dir, "build", "--drop-missing", folder)
    assert proc.returncode == 0
    assert f"dropped what 1 file(s) no longer in the folders gave:\n  - {folder / 'county.txt'}" in proc.stdout
    with open_store(store_dir) as store:
        assert [d["number"] for d in documents(store)] == ["淄政办发〔2019〕12号"]


# --- number conflicts -----------------------------------------------------------------------

CONFLICTING = """桓台县人民政府办公室关于推进商业网点建设的通知
桓政办发〔2019〕8号
各镇人民政府：
为落实《淄博市县域商业体系建设行动实施方案》（淄政办发〔2013〕57号），现通知如下。
一、建设县域商业网点。（县商务局牵头）
桓台县人民政府办公室
2019年5月1日
"""


def test_check_names_a_number_cited_with_another_title(store_dir, tmp_path):
    path = tmp_path / "conflict.txt"
    path.write_text(CONFLICTING, encoding="utf-8")
    with open_store(store_dir) as store:
        summary = build(store, [SAMPLES, path], progress=False)
    (warning,) = [w for w in summary.warnings[str(path)] if "one number, two titles" in w]
    assert "淄博市县域商业体系建设行动实施方案" in warning and "深化医药卫生体制改革" in warning
    proc = cli(store_dir, "check")
    assert proc.returncode == 1
    assert "number conflict 淄政办发〔2013〕57号" in proc.stdout
    assert "淄博市县域商业体系建设行动实施方案" in proc.stdout


def test_the_samples_alone_have_no_conflict(sample_store_dir):
    proc = cli(sample_store_dir, "check")
    assert proc.returncode == 0, proc.stdout


# The scenario (tests/layouts/docs, written for the tests in the layout of real notices):
# 安福县's 县域商业 plan cites 吉府办字〔2022〕31号 as 《吉安市…县域商业体系建设行动实施方案的通知》,
# while the loaded 吉府办字〔2022〕31号 is 吉安市's 食品安全 notice (forwarded by 永丰县, which cites it
# by its own title), which forwards 赣府厅字〔2022〕18号.
LAYOUTS = ROOT / "tests" / "layouts" / "docs"
FOOD = LAYOUTS / "C5_yongfeng_zhuanfa_shipinanquan.txt"
COMMERCE = LAYOUTS / "D5_anfu_xianyushangye.txt"


def _json_rows(target, *args):
    import json

    proc = target.cli("query", "run", *args, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_traces_show_a_link_through_a_conflicting_number(target):
    assert target.cli("build", FOOD, COMMERCE).returncode == 0
    up = _json_rows(target, "trace-task-up", "-p", "number=安府办发[2022]23号", "-p", "label=（一）")
    by_upstream = {r["upstream"]: r["conflicts"] for r in up}
    assert by_upstream["安府办发〔2022〕23号"] == [] and by_upstream["商流通函〔2021〕99号"] == []
    for through in ("吉府办字〔2022〕31号", "赣府厅字〔2022〕18号"):  # the 食品安全 chain
        (conflict,) = by_upstream[through]
        assert conflict.startswith("吉府办字〔2022〕31号 cited as 《吉安市人民政府办公室关于印发吉安市县域商业")
        assert "but the loaded 吉府办字〔2022〕31号 is 《关于转发江西省2022年食品安全重点工作安排的通知》" in conflict
    down = _json_rows(target, "trace-directive-down", "-p", "number=赣府厅字〔2022〕18号")
    documents = {r["document"]: r["conflicts"] for r in down if r["task"] is None}
    assert documents["永府办字〔2022〕45号"] == []  # cites it by its own title (with the issuer in front)
    assert len(documents["安府办发〔2022〕23号"]) == 1
    assert all(r["conflicts"] for r in down if r["document"] == "安府办发〔2022〕23号")
    tree = _json_rows(target, "forwarding-tree", "-p", "number=吉府办字〔2022〕31号")
    assert {r["from_document"]: bool(r["conflict"]) for r in tree if r["depth"] == 1} == {
        "安府办发〔2022〕23号": True, "永府办字〔2022〕45号": False}
    assert target.cli("check").returncode == 1
    # the citation keeps its own title; once the 食品安全 notice is taken out, no conflict is left
    assert target.cli("remove", FOOD).returncode == 0
    up = _json_rows(target, "trace-task-up", "-p", "number=安府办发〔2022〕23号", "-p", "label=（一）")
    assert {r["upstream"] for r in up} == {"安府办发〔2022〕23号", "吉府办字〔2022〕31号", "商流通函〔2021〕99号"}
    assert all(r["conflicts"] == [] for r in up)
    assert target.cli("check").returncode == 0


def test_a_conflict_found_when_the_loaded_document_comes_later_is_marked_and_said_too(store_dir, tmp_path):
    with open_store(store_dir) as store:
        first = build(store, [COMMERCE], progress=False)  # the citation first, as a directive
        assert not store.query("MATCH ()-[r]->() WHERE r.conflict IS NOT NULL RETURN r")
        assert not any("one number" in w for w in first.warnings.get(str(COMMERCE), []))
        second = build(store, [FOOD], progress=False)
        (row,) = store.query("MATCH (s)-[r]->(d) WHERE r.conflict IS NOT NULL "
                             "RETURN s.id AS s, d.id AS d, r.cited_title AS cited")
    assert row["s"] == "doc:安府办发〔2022〕23号" and row["d"] == "doc:吉府办字〔2022〕31号"
    assert "县域商业体系建设行动实施方案" in row["cited"]
    (warning,) = [w for w in second.warnings[str(FOOD)] if "one number, two titles" in w]
    assert warning.startswith("吉府办字〔2022〕31号: this document, 《关于转发江西省2022年食品安全重点工作安排的通知》, "
                              "is cited by doc:安府办发〔2022〕23号 (" + str(COMMERCE) + ") as 《吉安市")
    # in one build, whichever file comes first, the build says it once, under the citing file
    for order in ([COMMERCE, FOOD], [FOOD, COMMERCE]):
        with open_store(tmp_path / f"store-{order[0].name}") as store:
            summary = build(store, order, progress=False)
        said = [(f, w) for f, ws in summary.warnings.items() for w in ws if "one number" in w]
        assert len(said) == 1 and said[0][0] == str(COMMERCE), said
        assert said[0][1].startswith("吉府办字〔2022〕31号: cited as 《吉安市人民政府办公室关于印发吉安市县域商业")
        assert f"the loaded 吉府办字〔2022〕31号 is 《关于转发江西省2022年食品安全重点工作安排的通知》 ({FOOD})" in said[0][1]


def test_a_view_draws_a_conflicting_link_as_such(store_dir, tmp_path):
    import json
    import re

    with open_store(store_dir) as store:
        build(store, [FOOD, COMMERCE], progress=False)
    out = tmp_path / "view.html"
    assert cli(store_dir, "view", "document", "安府办发[2022]23号", "-o", out).returncode == 0
    html = out.read_text(encoding="utf-8")
    edges = json.loads(re.search(r"edges = new vis\.DataSet\((\[.*?\])\);", html, re.S).group(1))
    marked = [e for e in edges if "文号冲突" in e["title"]]
    assert len(marked) == 1 and marked[0]["color"] == "#c0392b"
    assert "引用标题：吉安市人民政府办公室关于印发吉安市县域商业" in marked[0]["title"]


# --- numbers in any bracket style; lookups that find nothing ---------------------------------

@pytest.mark.parametrize("number", ["国办发[2018]83号", "国办发 (2018) 83 号", "国办发（2018）83号",
                                    "国办发【2018】83号"])
def test_a_number_parameter_in_any_bracket_style(sample_store_dir, number):
    canonical = cli(sample_store_dir, "query", "run", "trace-directive-down", "-p",
                    "number=国办发〔2018〕83号", "--format", "json")
    typed = cli(sample_store_dir, "query", "run", "trace-directive-down", "-p", f"number={number}",
                "--format", "json")
    assert typed.returncode == 0 and typed.stdout == canonical.stdout != "[]\n"


def test_a_lookup_by_an_unknown_key_says_so(sample_store_dir):
    proc = cli(sample_store_dir, "query", "run", "trace-directive-down", "-p", "number=国办发[2018]99号")
    assert proc.returncode == 1
    assert "no document or directive numbered 国办发〔2018〕99号 in the store" in proc.stderr
    proc = cli(sample_store_dir, "query", "run", "agency-tasks", "-p", "agency=不存在的局")
    assert proc.returncode == 1 and "no agency named 不存在的局" in proc.stderr
    proc = cli(sample_store_dir, "query", "run", "document-tasks", "-p", "number=not a number")
    assert proc.returncode == 1 and "no document or directive numbered not a number" in proc.stderr
    proc = cli(sample_store_dir, "query", "run", "search-tasks", "-p", "keyword=没有这样的任务")
    assert proc.returncode == 0 and proc.stderr == ""  # a search that finds nothing is an answer


@pytest.mark.parametrize("args, message", [
    (("trace-task-up", "-p", "task=task:国办发〔2018〕99号#1"), "no task with id task:国办发〔2018〕99号#1"),
    (("trace-task-up", "-p", "number=国办发[2018]99号", "-p", "label=（一）"),
     "no document or directive numbered 国办发〔2018〕99号"),
    (("trace-task-up", "-p", "number=淄政办发[2013]57号", "-p", "label=（九十九）"),
     "no task labelled （九十九） in 淄政办发〔2013〕57号"),
    (("tasks-without-lead", "-p", "number=国办发[2018]99号"), "no document or directive numbered 国办发〔2018〕99号"),
    (("tasks-with-several-leads", "-p", "number=国办发[2018]99号"), "no document or directive numbered"),
])
def test_an_optional_key_that_finds_nothing_says_so_too(sample_store_dir, args, message):
    proc = cli(sample_store_dir, "query", "run", *args)
    assert proc.returncode == 1 and message in proc.stderr, (proc.stdout, proc.stderr)


def test_a_task_id_takes_its_number_in_any_bracket_style(sample_store_dir):
    rows = [cli(sample_store_dir, "query", "run", "trace-task-up", "-p", f"task=task:{number}#1", "--format", "json")
            for number in ("大医改办〔2018〕5号", "大医改办[2018]5号", "大医改办 (2018) 5 号")]
    assert all(r.returncode == 0 for r in rows) and rows[0].stdout == rows[1].stdout == rows[2].stdout != "[]\n"


def test_an_optional_key_that_is_found_gives_its_rows_or_an_empty_answer(sample_store_dir):
    proc = cli(sample_store_dir, "query", "run", "trace-task-up", "-p", "number=淄政办发[2013]57号",
               "-p", "label=（一）", "--format", "json")
    assert proc.returncode == 0 and proc.stderr == "" and proc.stdout.count('"upstream"') > 1
    # a document known to the store whose every task has a lead: an empty answer, not an error
    proc = cli(sample_store_dir, "query", "run", "tasks-without-lead", "-p", "number=淄政办发〔2013〕57号")
    assert proc.returncode == 0 and proc.stderr == ""


# --- read commands refuse a store folder that does not exist ---------------------------------

@pytest.mark.parametrize("args", [("stats",), ("check",), ("query", "run", "documents-list"),
                                  ("export", "--format", "jsonl", "-o", "x.jsonl"),
                                  ("remove", "国办发〔2018〕83号")])
def test_read_commands_refuse_a_store_that_does_not_exist(tmp_path, args):
    missing = tmp_path / "typo-store"
    proc = cli(missing, *args, cwd=tmp_path)
    assert proc.returncode == 1
    assert f"store folder {missing} does not exist" in proc.stderr
    assert not missing.exists()
    docs = tmp_path / "docs"  # a folder that holds something else is not a store either
    docs.mkdir()
    proc = cli(docs, *args, cwd=tmp_path)
    assert proc.returncode == 1 and "holds no store" in proc.stderr and list(docs.iterdir()) == []


# --- every file of a folder is read or named; Excel in and out -------------------------------

# A 任务分工 table as 各地 circulate them: a title merged across the table, a 牵头单位 cell merged over
# the rows of its tasks (tasks 2 and 3), a deadline typed as an Excel date (task 4).
LEDGER_TITLE = "淄博市2019年卫生工作重点任务分工表"
LEDGER = [["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
          [1, "推进分级诊疗制度建设，扩大家庭医生签约服务", "市卫生健康委", "市医保局、市财政局", "2019年底前"],
          [2, "完善药品供应保障制度，落实集中采购", "市医保局", "市卫生健康委", "2019年6月底前"],
          [3, "加强基层医疗卫生服务能力建设", None, "", "长期坚持"],
          [4, "推进医养结合，发展社区养老服务", "市民政局", "市卫生健康委", "DATE"]]
LEDGER_DATE = (2019, 9, 30)


def _ledger_xlsx(path: Path) -> None:
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([LEDGER_TITLE])
    sheet.merge_cells("A1:E1")
    for row in LEDGER:
        sheet.append([datetime.datetime(*LEDGER_DATE) if v == "DATE" else v for v in row])
    sheet.merge_cells("C4:C5")  # 市医保局 leads tasks 2 and 3
    sheet["E6"].number_format = "yyyy-mm-dd"
    book.save(path)


def _ledger_xls(path: Path) -> None:
    """The same table in the Excel 97-2003 format (BIFF8), written with xlwt."""
    import datetime

    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("任务分工")
    sheet.write_merge(0, 0, 0, 4, LEDGER_TITLE)
    sheet.write_merge(3, 4, 2, 2, "市医保局")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for r, row in enumerate(LEDGER, 1):
        for c, v in enumerate(row):
            if v == "DATE":
                sheet.write(r, c, datetime.date(*LEDGER_DATE), date_style)
            elif v is not None and not (c == 2 and r in (3, 4)):
                sheet.write(r, c, v)
    book.save(str(path))


@pytest.mark.parametrize("name, write", [("任务分工.xlsx", _ledger_xlsx), ("任务分工.xls", _ledger_xls)])
def test_an_excel_task_table_gives_tasks_with_roles_and_deadlines(store_dir, tmp_path, name, write):
    (tmp_path / "in").mkdir()
    write(tmp_path / "in" / name)
    with open_store(store_dir) as store:
        summary = build(store, [tmp_path / "in"], progress=False)
        rows = store.query("MATCH (t:Task)-[:PART_OF]->(d:Document) "
                           "OPTIONAL MATCH (l:Agency)-[:LEADS]->(t) OPTIONAL MATCH (c:Agency)-[:COOPERATES]->(t) "
                           "RETURN d.title AS document, t.title AS title, t.deadline AS deadline, t.due AS due, "
                           "collect(DISTINCT l.name) AS leads, collect(DISTINCT c.name) AS coops, t.order AS o "
                           "ORDER BY o")
    assert summary.files == 1 and not summary.errors and summary.documents == 1, summary.render()
    assert {r["document"] for r in rows} == {LEDGER_TITLE}
    assert [r["title"][:6] for r in rows] == ["推进分级诊疗", "完善药品供应", "加强基层医疗", "推进医养结合"]
    assert [r["deadline"] for r in rows] == ["2019年底前", "2019年6月底前", "长期坚持", "2019年9月30日"]
    assert [r["due"] for r in rows] == ["2019-12-31", "2019-06-30", None, "2019-09-30"]
    assert [r["leads"] for r in rows] == [["淄博市卫生健康委"], ["淄博市医疗保障局"], ["淄博市医疗保障局"], ["淄博市民政局"]]
    assert [len(r["coops"]) for r in rows] == [2, 1, 0, 1]


def test_every_file_of_a_folder_is_read_or_named_with_its_reason(store_dir, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "plan.txt").write_text(PLAN, encoding="utf-8")
    (folder / "no-extension").write_text(COUNTY, encoding="utf-8")  # read, format from the bytes
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le")
                                     + bytes(600))
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    _ledger_xlsx(folder / "table.xlsx")
    proc = cli(store_dir, "build", folder)
    assert proc.returncode == 1  # the .doc could not be read
    assert "2 files" not in proc.stdout and proc.stdout.startswith("4 files, 3 documents written")
    assert f"skipped {folder / 'old.doc'}: " in proc.stdout and "libreoffice --headless --convert-to docx" in proc.stdout
    assert f"not read, 1 file(s) in no document format" in proc.stdout and str(folder / "photo.jpg") in proc.stdout


def test_query_run_writes_an_excel_ledger(sample_store_dir, tmp_path):
    import openpyxl

    out = tmp_path / "台账.xlsx"
    proc = cli(sample_store_dir, "query", "run", "document-tasks", "-p", "number=大医改办[2018]5号",
               "--format", "xlsx", "-o", out)
    assert proc.returncode == 0, proc.stderr
    json_rows = cli(sample_store_dir, "query", "run", "document-tasks", "-p", "number=大医改办〔2018〕5号",
                    "--format", "json").stdout
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["task", "title", "section"] and sheet.freeze_panes == "A2"
    assert sheet.max_row - 1 == json_rows.count('"task":') > 10
    assert cli(sample_store_dir, "query", "run", "document-tasks", "-p", "number=大医改办〔2018〕5号",
               "--format", "xlsx").returncode == 2  # xlsx needs -o


# --- small things ----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["jsonl", "graphml", "ttl", "jsonld", "xlsx"])
def test_exports_follow_the_umask(sample_store_dir, tmp_path, fmt):
    out = tmp_path / f"g.{fmt}"
    command = (f"export --format {fmt}" if fmt != "xlsx" else
               "query run document-tasks -p number=大医改办〔2018〕5号 --format xlsx")
    for umask, mode in (("022", 0o644), ("077", 0o600)):
        proc = subprocess.run(f"umask {umask} && {sys.executable} -m policykg.cli --store '{sample_store_dir}' "
                              f"{command} -o '{out}'", shell=True, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        assert out.stat().st_mode & 0o777 == mode


def test_build_warnings_can_go_to_a_file(store_dir, tmp_path):
    log = tmp_path / "warnings.txt"
    proc = cli(store_dir, "build", "--warnings-file", log, SAMPLES)
    assert proc.returncode == 0
    assert f"warnings for {SAMPLES}" not in proc.stdout
    text = log.read_text(encoding="utf-8")
    count = text.count("\n  - ")
    assert count > 0 and f"{count} warnings for {text.count('warnings for ')} files written to {log}" in proc.stdout


def test_ctrl_c_says_what_state_the_store_is_in(store_dir, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k in range(200):  # distinct documents (a copy of one would only be recorded as its reprint); enough
        # that the build is still writing when the signal comes, on a fast machine too (150 files were not)
        for path in sorted(SAMPLES.glob("*.txt")):
            text = re.sub(r"〔(\d{4})〕(\d+)号", lambda m: f"〔{m[1]}〕{k + 1}{m[2]}号", path.read_text(encoding="utf-8"))
            (corpus / f"{k:02d}-{path.name}").write_text(text, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "policykg.cli", "--store", str(store_dir), "build", str(corpus)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (store_dir / "appendonlydir").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out, err)
    assert "interrupted (Ctrl-C): the store holds whole documents only" in err
    assert "Traceback" not in err and "Aborted!" not in err


def test_the_readme_needs_nothing_beside_the_clone():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in readme
    assert "(docs/DESIGN.md)" in readme and (ROOT / "docs" / "DESIGN.md").is_file()
    assert "../shared" not in (ROOT / "docs" / "DESIGN.md").read_text(encoding="utf-8")
