"""Deadlines: every form a task states its time limit in gives the right `deadline` (as printed)
and `due` (the date it ends), read from real documents.

Two kinds of evidence. Whole real documents shipped in tests/real/docs (crawled pages, byte for
byte) go through the real loader, and the task is looked up by its printed number. Where the
material at hand holds a form only in a document not shipped here, or in a part the loader does
not read as a task yet, the real sentence is quoted with its source (the corpus file and the
page it was crawled from) and read with that document's 成文日期, as the stage reads it.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from policykg.graph.build import build
from policykg.loaders import parse_file
from policykg.loaders.deadlines import date_tasks, forms, phrases, read, stated_in_sentences
from policykg.loaders.tables import read_tsv
from policykg.loaders.tasks import all_tasks
from policykg.queries.runner import run_query
from policykg.records import TaskRecord

REAL = Path(__file__).resolve().parent / "real" / "docs"


def task_of(file: str, label: str) -> tuple[TaskRecord, str]:
    """The task numbered `label` of the (first) document of a real file, and the document's date."""
    for doc in parse_file(REAL / file).documents:
        for task in all_tasks(doc.tasks):
            if task.label == label:
                return task, doc.date
    raise AssertionError(f"{file}: no task {label}")


# --- whole real documents through the loader ----------------------------------------------------

def test_year_end_form_in_the_tasks_own_sentence():
    # c0249.txt 沪安委会〔2023〕9号 (上海市城镇燃气安全专项整治, www.shanghai.gov.cn), task 37:
    # "37. 加快用户非安全型燃气器具及附属配件的更新替代，2024年底前，完成本市118万户既有管道天然气
    #  居民用户燃气橡胶连接软管更换…"
    task, date = task_of("c0249.txt", "37")
    assert (date, task.deadline, task.due, task.recurs) == ("2023-08-23", "2024年底前", "2024-12-31", "")


def test_day_form_in_the_tasks_own_sentence():
    # c0177.html 粤办函〔2023〕305号 (广东省进一步提振和扩大消费若干措施), task （三）:
    # "2027年12月31日前，对从事二手车经销的纳税人销售其收购的二手车，按照简易办法依3%征收率减按0.5%征收增值税。"
    task, _ = task_of("c0177.html", "（三）")
    assert (task.deadline, task.due) == ("2027年12月31日前", "2027-12-31")


def test_first_half_form_before_the_tasks_clause():
    # c0240.txt 沪府办〔2021〕36号 (上海市环城生态公园带规划建设实施意见), task 10:
    # "…结合本市"十四五"林地专项规划编制，2021年上半年确定造林空间落地方案。（牵头单位：嘉定区、…）"
    task, _ = task_of("c0240.txt", "10")
    assert (task.deadline, task.due) == ("2021年上半年", "2021-06-30")
    assert task.leads  # the clause after the time limit still gives the lead


def test_within_the_year_form_with_its_year():
    # c0253.txt 沪交设养〔2024〕984号 (上海市停车设施补短板), task 10, printed twice for two years:
    # "…2024年年内创建30个停车资源优化项目…；…2025年年内创建30个停车资源优化项目…"
    task, _ = task_of("c0253.txt", "10")
    assert (task.deadline, task.due) == ("2024年年内；2025年年内", "2025-12-31")


def test_a_date_before_the_documents_own_is_a_cut_off_not_a_deadline():
    # c0252.txt 沪府办发〔2026〕10号, task （十二）: "支持对老旧小区（包括…及2000年前建成的早期商品房等）…"
    task, date = task_of("c0252.txt", "（十二）")
    assert date.startswith("2026") and task.deadline == "" and task.due == ""
    # ../shared/corpus c0084.html 杭房公委〔2022〕11号 (2022-11-28), 五、:
    assert stated_in_sentences("2022年11月11日前已完成合同签订的，按原政策执行。", "2022-11-28") == ""


# --- real sentences, quoted, read as the stage reads them -----------------------------------------

@pytest.mark.parametrize("sentence, base, deadline, due, recurs", [
    # c0249.txt 沪安委会〔2023〕9号 (2023-08-23): month-end form
    ("2023年9月底前，对城镇燃气全链条风险隐患深挖细查，全面排查整治城镇燃气生产经营、充装输配、使用环境",
     "2023-08-23", "2023年9月底前", "2023-09-30", ""),
    # c0250.txt 沪市监特种〔2023〕414号 (2023-08-25): day form
    ("各区市场监管部门于2023年8月30日前将本辖区专项整治工作负责人、联络员名单（见附件1）、工作方案、工作专班报送市局。",
     "2023-08-25", "2023年8月30日前", "2023-08-30", ""),
    # c0245.txt 杨府办发〔2022〕12号 (2022-11-22), a table row: year-less month, read in the document's year
    ("协调编制、公安、财政、人社、规划、住建、应急、城管、房管、城运等部门研商政策支持。10月底前，提请区政府制定出台文件，"
     "明确街道、乡镇基层消防安全综合治理建设重点工作", "2022-11-22", "10月底前", "2022-10-31", ""),
    # ../shared/corpus c0117.html 京市监发〔2025〕21号 (2025-04-11,
    # www.beijing.gov.cn/zhengce/zhengcefagui/202505/t20250529_4101768.html): 年内 without a year
    ("以“风险+信用”推动各领域企业分级分类，健全“无事不扰”企业清单动态调整机制，持续扩大企业清单范围，"
     "年内扩大到全市企业总数量的10%以上。", "2025-04-11", "年内", "2025-12-31", ""),
    # ../shared/corpus c0132.html 北京市优化营商环境条例 (2024-11-29,
    # www.beijing.gov.cn/zhengce/dfxfg/202411/t20241130_3953369.html) 第六十七条: yearly, first due
    # the March after the document
    ("有关政府部门应当制定本部门年度执法检查计划，并于每年三月底前向社会公布。", "2024-11-29",
     "每年三月底前", "2025-03-31", "yearly"),
    # c0250.txt: 到…前 is a deadline, not a target
    ("组织开展“回头看”，全面完成对排查出风险隐患的整治，构建燃气气瓶和燃气器具隐患排查治理工作机制；"
     "到2025年底前，建立严进、严管、重罚的安全监管机制", "2023-08-25", "2025年底前", "2025-12-31", ""),
])
def test_real_sentence_gives_its_deadline_and_due(sentence, base, deadline, due, recurs):
    task = TaskRecord("1", "", sentence)
    date_tasks([task], base)
    assert (task.deadline, task.due, task.recurs) == (deadline, due, recurs)


@pytest.mark.parametrize("sentence", [
    # c0236.txt 沪交科〔2023〕429号: a target year for an outcome
    "近期目标：到2025年，应用场景实现多元化，全市交通领域新增光伏装机容量确保达到120MW，力争达到180MW",
    # c0242.txt 沪府办发〔2024〕3号
    "到2025年底，本市建成区40%以上的面积达到海绵城市建设目标要求",
    # ../shared/corpus c0139.html: a duration, not this year
    "离婚后任何一方 2年内购买商品住房的，其拥有住房套数按离异前家庭总套数计算。",
    # ../shared/corpus c0011.html: 年内 in a rule about what may be done within a year
    "租住商品住房定额提取的，职工和配偶合计提取额度由1300元/月调整为1500元/月，年内可一次性或按月多次提取。",
])
def test_targets_and_durations_are_no_deadline(sentence):
    assert stated_in_sentences(sentence, "2023-06-15") == ""
    assert [p.kind for p in phrases(sentence)] in ([], ["target"])


def test_a_target_is_kept_apart_from_a_deadline_in_one_document():
    # c0242.txt 沪府办发〔2024〕3号 (上海市海绵城市建设): its 目标 "到2025年底，本市建成区40%以上的面积
    # 达到海绵城市建设目标要求" is a target; task 2 "…2025年底前，各区政府、管委会完成2030年达标区域…"
    # has a deadline
    [doc] = parse_file(REAL / "c0242.txt").documents
    dated = {t.label: (t.deadline, t.due) for t in all_tasks(doc.tasks) if t.deadline}
    assert dated == {"2": ("2025年底前", "2025-12-31")}
    assert [(p.printed, p.kind) for p in phrases("到2025年底，本市建成区40%以上的面积达到海绵城市建设目标要求")] == [
        ("到2025年底", "target")]


# --- stated limits (clause, 完成时限 label, table column) and the table of forms -------------------

@pytest.mark.parametrize("limit, due, recurs", [
    ("2018年底前", "2018-12-31", ""), ("2020年6月底前", "2020-06-30", ""), ("2020年12月31日前", "2020-12-31", ""),
    ("2020年上半年", "2020-06-30", ""), ("年内", "2019-12-31", ""), ("6月底前", "2019-06-30", ""),
    ("每年6月底前", "2019-06-30", "yearly"), ("长期坚持", "", ""), ("持续推进", "", ""),
    ("2019年12月", "2019-12-31", ""), ("2018—2020年", "2020-12-31", ""), ("二〇二〇年底前", "2020-12-31", ""),
])
def test_a_stated_limit_is_read_in_the_documents_year(limit, due, recurs):
    assert read(limit, "2019-03-01") == (due, recurs)


def test_a_yearly_limit_past_in_the_documents_year_is_first_due_the_next_year():
    assert read("每年6月底前", "2019-07-15") == ("2020-06-30", "yearly")


def test_a_year_less_limit_without_a_document_date_has_no_due():
    assert read("6月底前", "") == ("", "")
    assert read("2020年底前", "") == ("2020-12-31", "")


@pytest.mark.parametrize("row", read_tsv("deadline_forms.tsv"), ids=lambda r: r["example"][:12])
def test_each_form_of_the_table_reads_its_example_as_its_kind(row):
    found = phrases(row["example"], "2021-05-20", limit=row["where"] == "limit")
    assert found and found[0].kind == row["kind"], found
    assert bool(found[0].due) == (row["kind"] in ("due", "yearly"))


def test_forms_compile():
    assert len(forms()) == len(read_tsv("deadline_forms.tsv"))


# --- tasks-due on a store built from the real documents -------------------------------------------

DUE_FILES = ("c0240.txt", "c0249.txt", "c0177.html")


@pytest.fixture
def due_store(target, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in DUE_FILES:
        (folder / name).write_bytes((REAL / name).read_bytes())
    with target.open() as store:
        build(store, [str(folder)], progress=False)
        yield store


def _due_tasks() -> list[tuple[str, str, str]]:
    out = []
    for name in DUE_FILES:
        for doc in parse_file(REAL / name).documents:
            out += [(t.due, doc.number, t.label) for t in all_tasks(doc.tasks) if t.due]
    return sorted(out)


def _run(store, name, **params):
    return run_query(store, name, {k: str(v) for k, v in params.items()}).records()


@pytest.mark.parametrize("before", ["2021-07-01", "2024-01-01", "2025-01-01", "2030-01-01"])
def test_tasks_due_lists_exactly_the_tasks_due_before_a_date(due_store, before):
    rows = _run(due_store, "tasks-due", before=before)
    expected = [t for t in _due_tasks() if t[0] < before]
    assert [(r["due"], r["document"], r["task"].split()[-1]) for r in rows] == expected
    assert expected  # each window holds tasks of the real documents


def test_tasks_due_across_documents_and_years_with_after_region_and_agency(due_store):
    rows = _run(due_store, "tasks-due", before="2025-01-01", after="2021-07-01")
    assert {(r["document"], r["task"], r["due"]) for r in rows} == {
        ("沪府办〔2021〕36号", "7", "2021-12-31"), ("沪安委会〔2023〕9号", "37", "2024-12-31")}
    assert all(r["deadline"] and r["document_title"] for r in rows)
    assert _run(due_store, "tasks-due", before="2030-01-01", region="广东省")[0]["document"] == "粤办函〔2023〕305号"
    assert {r["region"] for r in _run(due_store, "tasks-due", before="2030-01-01", region="上海市")} == {"上海市"}
    [ten] = [r for r in _run(due_store, "tasks-due", before="2021-07-01") if r["task"] == "10"]
    lead = ten["leads"][0]
    by_agency = _run(due_store, "tasks-due", before="2030-01-01", agency=lead)
    assert by_agency and all(lead in r["leads"] + r["cooperates"] for r in by_agency)
    months = _run(due_store, "agency-due-by-month", before="2021-07-01", agency=lead)
    assert [(m["month"], m["leads"] >= 1) for m in months] == [("2021-06", True)]


def test_a_date_parameter_is_checked_before_the_query_runs():
    from policykg.queries.runner import QueryError, get_query
    q = get_query("tasks-due")
    assert q.bind({"before": "2024-07-01"}) == {"before": "2024-07-01", "after": "", "agency": "", "region": "",
                                                "limit": 200, "skip": 0}
    for bad in ("2024-13-01", "2024-02-30", "June", "x' }) DETACH DELETE n //"):
        with pytest.raises(QueryError, match="not of type date"):
            q.bind({"before": bad})
