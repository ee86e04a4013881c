"""Extraction pinned on the five sample documents (real public notices with their traps)."""
from pathlib import Path

import pytest

from policykg.loaders import parse_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def parsed():
    return {p.name[:3]: parse_file(p) for p in sorted(SAMPLES.glob("*.txt"))}


def doc(parsed, key, number=None):
    docs = parsed[key].documents
    return next(d for d in docs if number is None or d.number == number)


def roles(task):
    return [a.name for a in task.leads], [a.name for a in task.cooperates]


def test_dalian_notice_metadata_and_36_tasks(parsed):
    d = doc(parsed, "000")
    assert (d.number, d.title, d.issuer, d.date, d.level, d.region) == (
        "大医改办〔2018〕5号", "关于推进落实深化医改近期重点工作任务的通知",
        "大连市深化医药卫生体制改革领导小组办公室", "2018-11-27", "municipal", "大连市")
    assert [t.label for t in d.tasks] == [str(i) for i in range(1, 37)]
    assert d.tasks[12].title == "强化医保对医疗行为的监管,着力解决骗保等问题"
    # title-only basis reference (省《关于…的通知》) is an unnumbered provincial directive
    assert [(r.number, r.level) for r in d.implements] == [("国办发〔2018〕83号", "national"), ("", "provincial")]
    assert d.implements[1].title == "关于加快落实深化医药卫生体制改革重点工作任务的通知"


def test_dalian_roles_first_named_leads_and_broken_brackets(parsed):
    d = doc(parsed, "000")
    assert roles(d.tasks[0]) == (["大连市卫生计生委"], ["大连市各区市县政府", "大连市先导区管委会"])
    # `<先导区\n\n管委会>>` broken across a page: still two cooperating bodies
    assert roles(d.tasks[27]) == (["大连市卫生计生委"], ["大连市各区市县政府", "大连市先导区管委会"])
    assert roles(d.tasks[14]) == (["大连银保监局筹备组"], [])
    assert [r.number for r in d.tasks[15].implements] == ["国办发〔2018〕88号"]
    lead = d.tasks[0].leads[0]
    assert lead.evidence.startswith("(责任单位:市卫生计生委")


def test_collective_bodies_merge_across_spellings(parsed):
    d = doc(parsed, "000")
    a = d.tasks[0].cooperates[0]
    b = d.tasks[27].cooperates[0]
    assert a.name == b.name and a.kind == "collective"
    assert "各区市县人民政府" in b.aliases


def test_forwarding_chain_two_documents(parsed):
    county, city = parsed["004"].documents
    assert county.number == "桓政办发〔2013〕92号" and county.level == "county" and county.tasks == []
    assert [r.number for r in county.forwards] == ["淄政办发〔2013〕57号"]
    assert county.implements == []
    assert (city.issuer, city.date, city.title) == (
        "淄博市人民政府办公厅", "2013-10-22", "关于深化医药卫生体制改革重点工作任务分工的通知")
    assert [r.number for r in city.implements] == ["鲁政办发〔2013〕21号"]
    assert len(city.tasks) == 30
    # the forwarded document's "市" agencies belong to its own city, not to the county
    assert roles(city.tasks[4]) == (["淄博市人力资源社会保障局"], ["淄博市卫生局", "淄博市发展改革委", "淄博市财政局"])
    assert roles(city.tasks[5])[0] == ["淄博市卫生局", "淄博市民政局"]  # 分别牵头


def test_number_inside_a_title_is_not_a_reference(parsed):
    city = parsed["004"].documents[1]
    task = city.tasks[12]
    assert [r.number for r in task.implements] == ["淄政发〔2012〕29号"]
    ref = city.tasks[11].implements[0]
    assert (ref.number, ref.issuer, ref.level) == ("鲁政办发〔2011〕49号", "山东省人民政府办公厅", "provincial")


def test_jiangmen_joint_issuers_and_section_glued_to_a_clause(parsed):
    d = doc(parsed, "002")
    assert d.issuer == "江门高新技术产业开发区管理委员会、江门市江海区人民政府"
    assert (d.level, d.region, d.date) == ("district", "江海区", "2018-06-13")
    assert len(d.tasks) == 32
    assert d.tasks[6].title == "全面实施家庭医生签约服务制度"  # after `］（二）以家庭医生…` glued heading
    assert d.tasks[6].section.startswith("四、重点任务 / （二）")
    # `A、B负责，C配合` with 排在第一位的为牵头: only the first leads
    assert roles(d.tasks[5])[0] == ["江海区发改统计局"]
    assert "江海区深化医药卫生体制改革领导小组办公室" in roles(d.tasks[5])[1]
    social = d.tasks[13].leads[0]
    assert social.name == "江海区社会事务局" and {"社会事务局（社保局）", "社保局"} <= set(social.aliases)


def test_cixi_spam_removed_issuer_from_code_and_sections_with_body(parsed):
    result = parsed["003"]
    d = result.documents[0]
    assert d.issuer == "慈溪市人民政府" and d.date == "2017-07-10" and d.level == "county"
    assert any("spam" in w for w in result.warnings)
    assert not any("娱乐" in a.name for t in d.tasks for a in t.leads + t.cooperates)
    assert len(d.implements) == 3
    titles = [t.title for t in d.tasks]
    assert "巩固完善全民医保体系" in titles  # a section with a body and no numbered items
    assert not any(t.title.startswith("强化组织领导") for t in d.tasks)  # 保障措施 are not tasks
    first = next(t for t in d.tasks if t.title == "建立现代医院管理制度")
    assert len(first.subtasks) == 3 and first.subtasks[0].label == "(1)"


def test_baishan_ledger_refines_text_roles(parsed):
    d = doc(parsed, "001")
    assert d.date == ""  # only an 印发 date is printed, which is not the 成文日期
    assert [r.number for r in d.implements] == ["吉医改发〔2021〕1号"]
    assert len(d.tasks) == 20
    assert roles(d.tasks[1]) == (["白山市医疗保障局"], ["白山市卫生健康委", "白山市人力资源社会保障局"])
    leads, coops = roles(d.tasks[11])  # `市卫健委市外办` in one 牵头 cell: both lead
    assert {"白山市卫生健康委", "白山市外事办公室", "白山市医疗保障局"} == set(leads)
    assert "白山海关" in roles(d.tasks[12])[1]  # named in the text, not in the table: still cooperates
