"""Each responsibility, numbering and reference form, on small hand-written documents."""
import pytest

from policykg.loaders import parse_text
from policykg.loaders.fields import due_date
from policykg.numbers import canonicalize

HEAD = """济南市人民政府办公厅文件

济政办字〔2020〕12号

关于印发济南市重点任务分工方案的通知

各区县人民政府，市政府各部门：
根据《山东省人民政府关于印发重点工作的通知》（鲁政发〔2020〕6号）要求，现将方案印发给你们。

济南市人民政府办公厅
2020年3月5日

一、重点任务
"""


def tasks_of(body: str):
    result = parse_text(HEAD + body, "t.txt")
    (doc,) = result.documents
    return doc.tasks


def roles(task):
    return [a.name for a in task.leads], [a.name for a in task.cooperates]


@pytest.mark.parametrize("clause, leads, coops", [
    ("（市卫健委牵头，市财政局、市医保局配合）", ["济南市卫生健康委"], ["济南市财政局", "济南市医疗保障局"]),
    ("（市卫健委负责）", ["济南市卫生健康委"], []),
    ("（市卫健委、市财政局负责）", ["济南市卫生健康委"], ["济南市财政局"]),
    ("(责任单位:市卫健委,市财政局、市医保局)", ["济南市卫生健康委"], ["济南市财政局", "济南市医疗保障局"]),
    ("（市卫健委、市医保局分别牵头，市财政局、市民政局负责）", ["济南市卫生健康委", "济南市医疗保障局"],
     ["济南市财政局", "济南市民政局"]),
    ("（市卫健委、市医保局等按职责分工负责）", ["济南市卫生健康委"], ["济南市医疗保障局"]),
    ("［市卫健委负责，市财政局、市医保局配合。排在第一位的部门为牵头部门，下同］", ["济南市卫生健康委"],
     ["济南市财政局", "济南市医疗保障局"]),
    ("（市卫健委、市财政局牵头，市医保局配合）", ["济南市卫生健康委", "济南市财政局"], ["济南市医疗保障局"]),
    ("（市卫健委负责，市卫健委、市财政局配合）", ["济南市卫生健康委"], ["济南市财政局"]),  # strongest role only
    ("（各区县人民政府负责，市住房城乡建设局指导）", ["济南市各区县政府"], []),  # a guiding body is no cooperator
    ("（市卫健委牵头，市医保局、市财政局等配合，各区县政府落实）", ["济南市卫生健康委"],
     ["济南市医疗保障局", "济南市财政局", "济南市各区县政府"]),
    ("（市生态环境局牵头，市有关部门和各区县政府按职责分工负责）", ["济南市生态环境局"],
     ["济南市有关部门", "济南市各区县政府"]),
    ("（市应急局牵头，市直各有关单位、各乡镇（街道）配合）", ["济南市应急管理局"],
     ["济南市直各有关单位", "济南市各乡镇街道"]),
    ("（市就业服务中心负责）", ["济南市就业服务中心"], []),
    ("（市市场监督管理局牵头，市国有资产监督管理委员会配合）", ["济南市市场监管局"], ["济南市国有资产监督管理委员会"]),
    ("（市委督查室、市政府督查室牵头，市审批服务管理局配合）", ["济南市委督查室", "济南市政府督查室"],
     ["济南市审批服务管理局"]),  # 监督/督查 inside a body's name are no role words
    ("（责任单位：市财政局牵头，市发展改革委、市审计局配合）", ["济南市财政局"], ["济南市发展改革委", "济南市审计局"]),
    ("（市住房城乡建设局、市自然资源和规划局、市政数局）", ["济南市住房和城乡建设局"],
     ["济南市自然资源和规划局", "济南市政务服务数据管理局"]),  # a bare list closing the task: first-named leads
    ("（市生态环境局会同市水利和湖泊局、市林业局负责）", ["济南市生态环境局"], ["济南市水利和湖泊局", "济南市林业局"]),
    ("（在市生态环境局指导下，各区县人民政府负责）", ["济南市各区县政府"], []),
    ("（市生态环境局、市公安局按职责分工负责，市交通运输局做好保障）", ["济南市生态环境局"],
     ["济南市公安局", "济南市交通运输局"]),
    ("（市教委牵头，市公安局、各镇街配合）", ["济南市教委"], ["济南市公安局", "济南市各镇街"]),
    # from a real 任务分工方案 (tests/real/docs/p0029.txt): 分工负责 with no 牵头, two names joined by 和
    ("（市公安局、交通运输局分工负责，财政部门配合）", ["济南市公安局"], ["济南市交通运输局", "济南市财政部门"]),
    ("（市交通运输局牵头，公路局和公安部门配合）", ["济南市交通运输局"], ["济南市公路局", "济南市公安部门"]),
    ("（市安监局牵头，监察、公安、住房和城乡建设部门配合）", ["济南市安监局"],
     ["济南市监察部门", "济南市公安部门", "济南市住房和城乡建设部门"]),
    ("（市有关部门和单位负责）", ["济南市有关部门和单位"], []),  # 单位 shares the first name's words
    # as 深圳's 2009 work plan on the 珠三角 纲要 prints it: 有关区 names the districts concerned (LOCALITIES)
    ("（市发展改革局牵头，各有关单位、有关区参加）", ["济南市发展改革局"], ["济南市各有关单位", "济南市有关区"]),
])
def test_bracketed_clauses(clause, leads, coops):
    (task,) = tasks_of(f"（一）推进一项工作。具体内容如下。{clause}\n")
    assert roles(task) == (leads, coops)
    assert task.leads[0].evidence == clause


@pytest.mark.parametrize("lines, leads, coops", [
    ("牵头单位：市市场监管局；配合单位：市公安局、市税务局", ["济南市市场监管局"], ["济南市公安局", "济南市税务局"]),
    ("责任单位：市住房城乡建设局（牵头）、市发展改革委", ["济南市住房和城乡建设局"], ["济南市发展改革委"]),
    ("责任部门：市自然资源和规划局、市财政局", ["济南市自然资源和规划局"], ["济南市财政局"]),
    ("牵头单位：市卫健委\n配合单位：市财政局", ["济南市卫生健康委"], ["济南市财政局"]),
])
def test_label_lines(lines, leads, coops):
    (task,) = tasks_of(f"（一）推进一项工作。具体内容如下。\n{lines}\n完成时限：2020年6月底前\n")
    assert roles(task) == (leads, coops)
    assert (task.deadline, task.due) == ("2020年6月底前", "2020-06-30")


def test_labels_run_together_on_a_crawled_line():
    """A page that lost its line breaks (tests/real/docs/p0025.txt): the time limit's label follows
    the last body with nothing between, and that body is still named."""
    (task,) = tasks_of("一、推进一项工作。牵头单位：市卫健委配合单位：市财政局实施单位：市医保局、市交通集团"
                       "完成时限：2020年6月底前\n")
    assert roles(task) == (["济南市卫生健康委"], ["济南市财政局", "济南市医疗保障局", "济南市交通集团"])


@pytest.mark.parametrize("labels, leads, coops", [  # tests/real/docs/p0028.txt
    ("牵头单位：市卫健委。推进单位：市财政局、市医保局。", ["济南市卫生健康委"], ["济南市财政局", "济南市医疗保障局"]),
    ("牵头推进单位：市卫健委、市财政局。", ["济南市卫生健康委", "济南市财政局"], []),
])
def test_label_sentences_on_one_line(labels, leads, coops):
    (task,) = tasks_of(f"一、推进一项工作。具体内容如下。{labels}\n")
    assert roles(task) == (leads, coops)


@pytest.mark.parametrize("clause, deadline, due", [
    ("（市医保局牵头，市卫健委、市市场监管局配合；2023年底前完成）", "2023年底前完成", "2023-12-31"),
    ("（市数据局牵头，市直各有关部门配合，2022年12月底前完成）", "2022年12月底前完成", "2022-12-31"),
    ("（长期坚持，市医保局牵头，市卫健委、市市场监管局配合）", "长期坚持", ""),
])
def test_a_time_limit_inside_the_clause(clause, deadline, due):
    (task,) = tasks_of(f"（一）推进一项工作。具体内容如下。{clause}\n")
    leads, coops = roles(task)
    assert leads == [("济南市数据局" if "数据局" in clause else "济南市医疗保障局")]
    assert coops and (task.deadline, task.due) == (deadline, due)


@pytest.mark.parametrize("a, b", [
    ("市自然资源和规划局", "市自然资源规划局"),
    ("市民族宗教事务委员会", "市民族宗教事务委"),
    ("市住建委", "市住房和城乡建设委员会"),
])
def test_spellings_of_one_body_are_one_agency(a, b):
    first, second = tasks_of(f"（一）推进一项工作。具体内容如下。（{a}负责）\n（二）推进另一项工作。具体内容如下。（{b}负责）\n")
    assert first.leads[0].name == second.leads[0].name


def test_inline_you_qiantou():
    (task,) = tasks_of("（一）提升政务服务水平。由市行政审批服务局牵头，市大数据局配合，推进一网通办。\n")
    assert roles(task) == (["济南市行政审批服务局"], ["济南市大数据局"])


def test_numbering_levels_sections_tasks_and_subitems():
    body = ("（一）深化改革\n"
            "1.压减开办时间。全面推行一窗通办。(1)推行电子执照。(2)推行电子印章。（市市场监管局负责）\n"
            "2.优化登记。实现5日办结。（市自然资源和规划局负责）\n"
            "（二）强化保障。加大投入力度。（市财政局负责）\n"
            "二、保障措施\n（一）加强组织领导。各级要高度重视。\n")
    tasks = tasks_of(body)
    assert [t.title for t in tasks] == ["压减开办时间", "优化登记", "强化保障"]
    assert [s.label for s in tasks[0].subtasks] == ["(1)", "(2)"]
    assert tasks[0].section == "一、重点任务 / （一）深化改革"
    assert roles(tasks[2]) == (["济南市财政局"], [])


def test_task_level_reference_and_agency_of_another_region():
    (task,) = tasks_of("（一）加强用地保障。落实《山东省人民政府办公厅关于加强用地保障的通知》"
                       "（鲁政办字〔2019〕100号）。（人民银行济南分行营业管理部负责）\n")
    ref = task.implements[0]
    assert (ref.number, ref.issuer, ref.level) == ("鲁政办字〔2019〕100号", "山东省人民政府办公厅", "provincial")
    assert roles(task) == (["人民银行济南分行营业管理部"], [])


def test_document_metadata_and_basis():
    result = parse_text(HEAD + "（一）推进一项工作。内容。（市卫健委负责）\n", "t.txt")
    (doc,) = result.documents
    assert (doc.number, doc.issuer, doc.date, doc.level, doc.region, doc.doc_type) == (
        "济政办字〔2020〕12号", "济南市人民政府办公厅", "2020-03-05", "municipal", "济南市", "通知")
    assert [r.number for r in doc.implements] == ["鲁政发〔2020〕6号"]


def test_issuer_from_code_when_no_header_and_chinese_date():
    text = ("关于印发桓台县工作方案的通知\n桓政办发〔2019〕3号\n各镇人民政府：\n现将方案印发给你们。\n"
            "二〇一九年三月五日\n一、主要任务\n（一）推进一项工作。内容。（县卫生健康局负责）\n")
    (doc,) = parse_text(text, "t.txt").documents
    assert (doc.issuer, doc.level, doc.region, doc.date) == ("桓台县人民政府办公室", "county", "桓台县", "2019-03-05")
    assert doc.tasks[0].leads[0].name == "桓台县卫生健康局"


def test_number_forms_are_canonical():
    assert canonicalize("吉医改发 [2021] 1号") == "吉医改发〔2021〕1号"
    assert canonicalize("国办发(2018)083号") == "国办发〔2018〕83号"
    assert canonicalize("鲁政办字［2019］100号") == "鲁政办字〔2019〕100号"
    assert canonicalize("不是文号") == ""
    # an order or announcement has no bracketed year: kept as printed but for spaces
    assert canonicalize("中华人民共和国国务院令 第588号") == "国务院令第588号"
    assert canonicalize("国土资源部第39号令") == "国土资源部第39号令"
    assert canonicalize("财政部 税务总局公告2023年第28号") == "财政部税务总局公告2023年第28号"
    assert canonicalize("第5号") == ""


@pytest.mark.parametrize("written, due", [
    ("2018年底前", "2018-12-31"), ("2020年6月底前", "2020-06-30"), ("2021年3月15日前", "2021-03-15"),
    ("长期坚持", ""), ("2019年上半年", "2019-06-30"),
])
def test_deadlines(written, due):
    assert due_date(written) == due


def test_table_only_task_list():
    text = ("关于印发武义县任务分工的通知\n武政办发〔2022〕8号\n各乡镇人民政府：\n现将分工印发给你们。\n"
            "武义县人民政府办公室\n2022年2月18日\n"
            "序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
            "1\t新建城市书房3家。\t县文广旅体局\t县财政局、县住建局\t2022年10月底前\n"
            "2\t改造老旧小区5个。\t县住建局\t县财政局、各乡镇人民政府\t2022年12月底前\n")
    (doc,) = parse_text(text, "t.txt").documents
    assert [t.title for t in doc.tasks] == ["新建城市书房3家", "改造老旧小区5个"]
    assert roles(doc.tasks[1]) == (["武义县住房和城乡建设局"], ["武义县财政局", "武义县各乡镇政府"])
    assert doc.tasks[0].due == "2022-10-31"


def test_heading_with_body_and_clause_line_is_a_task():
    body = ("（一）加强组织领导\n各地要成立工作专班，明确责任分工。\n责任单位：市卫健委\n"
            "（二）强化督促检查\n定期通报工作进展。\n责任单位：市政府督查室\n")
    tasks = tasks_of(body)
    assert [t.title for t in tasks] == ["加强组织领导", "强化督促检查"]
    assert roles(tasks[0]) == (["济南市卫生健康委"], [])


def test_heading_with_body_under_a_task_part_is_a_task():
    text = HEAD.replace("一、重点任务\n", "一、总体要求\n坚持问题导向。\n二、重点任务\n")
    text += "（一）扩大覆盖面\n参保率稳定在97%以上。\n（二）提高保障水平\n补助标准提高到每人每年280元。\n"
    (doc,) = parse_text(text, "t.txt").documents
    assert [t.title for t in doc.tasks] == ["扩大覆盖面", "提高保障水平"]


def test_item_with_an_introduction_is_a_section_when_its_items_carry_the_clauses():
    body = ("（一）深化改革。围绕以下方面推进工作：\n"
            "1.压减开办时间。全面推行一窗通办。（市市场监管局负责）\n"
            "2.优化登记。实现5日办结。（市自然资源和规划局负责）\n")
    tasks = tasks_of(body)
    assert [t.title for t in tasks] == ["压减开办时间", "优化登记"]


def test_chain_of_forwarding_notices_in_one_file():
    text = ("桓台县人民政府办公室\n转发淄博市人民政府办公厅关于转发省政府办公厅文件的通知\n（桓政办发〔2019〕5号）\n"
            "各镇人民政府：\n现将淄博市人民政府办公厅《关于转发省政府办公厅文件的通知》（淄政办发〔2019〕9号）转发给你们。\n"
            "桓台县人民政府办公室\n2019年3月1日\n"
            "淄博市人民政府办公厅\n关于转发省政府办公厅文件的通知\n淄政办发〔2019〕9号\n各区县人民政府：\n"
            "现将省政府办公厅《关于推进医改的通知》转发给你们。\n淄博市人民政府办公厅\n2019年2月1日\n"
            "山东省人民政府办公厅\n关于推进医改的通知\n鲁政办发〔2019〕2号\n各市人民政府：\n"
            "一、重点任务\n（一）推进医联体建设。内容。（省卫生健康委负责，省财政厅配合）\n"
            "山东省人民政府办公厅\n2019年1月5日\n")
    county, city, province = parse_text(text, "t.txt").documents
    assert [r.number for r in county.forwards] == ["淄政办发〔2019〕9号"]
    assert [r.number for r in city.forwards] == ["鲁政办发〔2019〕2号"]
    assert (province.level, province.date, province.issuer) == ("provincial", "2019-01-05", "山东省人民政府办公厅")
    assert roles(province.tasks[0]) == (["山东省卫生健康委"], ["山东省财政厅"])


def test_forwarded_document_cited_by_title_only():
    text = ("桓台县人民政府办公室\n转发市卫生局关于推进医改工作的通知\n（桓政办发〔2019〕6号）\n各镇人民政府：\n"
            "现将市卫生局《关于推进医改工作的通知》转发给你们，请认真贯彻执行。\n桓台县人民政府办公室\n2019年3月1日\n")
    (county,) = parse_text(text, "t.txt").documents
    (ref,) = county.forwards
    assert (ref.number, ref.title, ref.issuer) == ("", "关于推进医改工作的通知", "淄博市卫生局")


def test_table_with_a_single_responsibility_column():
    text = ("关于印发武义县任务分工的通知\n武政办发〔2022〕9号\n各乡镇人民政府：\n现将分工印发给你们。\n"
            "武义县人民政府办公室\n2022年2月18日\n"
            "序号\t工作任务\t责任单位\t完成时限\n"
            "1\t新建城市书房3家。\t县文广旅体局、县财政局\t2022年10月底前\n")
    (doc,) = parse_text(text, "t.txt").documents
    assert roles(doc.tasks[0]) == (["武义县文广旅体局"], ["武义县财政局"])


def test_a_clause_after_the_sub_items_belongs_to_the_item():
    body = ("（一）巩固参保覆盖面。压实参保责任，重点抓好以下工作：\n"
            "1.聚焦重点人群开展参保动员。\n2.落实参保资助政策。\n"
            "（市医保局牵头，市税务局、市民政局配合，各区县政府按属地负责。完成时限：2023年底前完成）\n"
            "（二）健全救助制度。认真落实救助政策。\n1.建立监测预警机制。\n2.规范救助程序。\n"
            "牵头单位：市医保局、市民政局\n责任单位：市财政局，各区县政府\n完成时限：长期坚持\n")
    first, second = tasks_of(body)
    assert roles(first) == (["济南市医疗保障局"], ["济南市税务局", "济南市民政局", "济南市各区县政府"])
    assert (first.deadline, first.due) == ("2023年底前完成", "2023-12-31")
    assert [s.label for s in first.subtasks] == ["1", "2"] and not first.subtasks[1].leads
    assert roles(second) == (["济南市医疗保障局", "济南市民政局"], ["济南市财政局", "济南市各区县政府"])
    assert second.deadline == "长期坚持"


def test_an_item_of_a_framing_part_with_its_own_clause_is_a_task():
    body = ("（一）推进一项工作。具体内容如下。（市卫健委负责）\n二、保障措施\n"
            "（一）加强组织领导。各级要高度重视。\n（二）强化资金保障。加大投入。（市财政局负责）\n")
    assert [t.title for t in tasks_of(body)] == ["推进一项工作", "强化资金保障"]


def test_number_line_title_over_two_lines_and_a_joint_issuer_header():
    text = ("湖南省发展和改革委员会\n湖  南  省  财  政  厅\n文件\n\n湘发改投资〔2022〕318号\n\n"
            "关于印发湖南省2022年重点工作任务\n分工方案的通知\n\n各市州人民政府：\n现将方案印发给你们。\n\n"
            "湖南省发展和改革委员会    湖南省财政厅\n2022年6月28日\n"
            "一、重点任务\n（一）推进一项工作。具体内容如下。（省财政厅负责）\n")
    (doc,) = parse_text(text, "t.txt").documents
    assert (doc.number, doc.title, doc.date) == ("湘发改投资〔2022〕318号", "关于印发湖南省2022年重点工作任务分工方案的通知",
                                                 "2022-06-28")


def test_a_task_table_introduced_by_a_text_part_with_heading_rows():
    text = HEAD.replace("一、重点任务\n", "一、重点任务分工\n各项任务的牵头单位、配合单位见下表。\n") + (
        "序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
        "一、推进学前教育普及普惠发展\n"
        "1\t新建公办幼儿园30所，新增\t市教育局\t市发展改革委、市财政局、\t2022年12月底前\n"
        "\t学位9000个\t\t市自然资源和规划局\t\n"
        "二、促进义务教育优质均衡发展\n"
        "2\t实施中小学校建设攻坚行动\t各区县政府\t市教育局\t长期坚持\n")
    (doc,) = parse_text(text, "t.txt").documents
    assert [t.label for t in doc.tasks] == ["1", "2"]
    assert roles(doc.tasks[0]) == (["济南市教育局"], ["济南市发展改革委", "济南市财政局", "济南市自然资源和规划局"])
    assert doc.tasks[1].section == "台账 / 二、促进义务教育优质均衡发展"


@pytest.mark.parametrize("clause, leads, coops", [
    ("（市安委办牵头，市应急局、各区县政府配合，市纪委监委负责监督）", ["济南市安委办"],
     ["济南市应急管理局", "济南市各区县政府"]),  # a body that only supervises is no cooperator
    ("由市水利局负责，市财政局、各乡镇（街道）配合，完成山塘整治。", ["济南市水利局"], ["济南市财政局", "济南市各乡镇街道"]),
])
def test_watchers_and_bracketed_bodies_in_inline_clauses(clause, leads, coops):
    (task,) = tasks_of(f"（一）推进一项工作。{clause}\n")
    assert roles(task) == (leads, coops)


def test_local_abbreviations_of_a_name_in_the_same_document_are_one_agency():
    first, second = tasks_of("（一）推进一项工作。具体内容如下。（市安委会办公室、市文化旅游体育局负责）\n"
                             "（二）推进另一项工作。具体内容如下。（市安委办牵头，市文旅体局配合）\n")
    assert [a.name for a in first.leads + first.cooperates] == [a.name for a in second.leads + second.cooperates]


def test_an_issuer_keeps_its_printed_name_in_full():
    text = HEAD.replace("济南市人民政府办公厅文件", "济南市卫生健康委员会文件").replace(
        "济南市人民政府办公厅\n2020", "济南市卫生健康委员会\n2020") + "（一）推进一项工作。内容。（市卫健委负责）\n"
    (doc,) = parse_text(text, "t.txt").documents
    assert doc.issuer == "济南市卫生健康委员会" and doc.issuers[0].name == "济南市卫生健康委"


@pytest.mark.parametrize("code, issuer, level", [
    ("国卫老龄发〔2022〕25号", "国家卫生健康委员会", "national"),
    ("安委〔2020〕3号", "国务院安全生产委员会", "national"),
    ("苏政发〔2022〕44号", "江苏省人民政府", "provincial"),  # in a 苏州 document too
    ("遵府办发〔2022〕41号", "遵义市人民政府办公室", "municipal"),
    ("淄政办发〔2013〕57号", "淄博市人民政府办公厅", "municipal"),
])
def test_issuer_read_from_the_code(code, issuer, level):
    text = HEAD.replace("济南", "苏州").replace("济政办字", "苏府办") + f"（一）推进一项工作。落实（{code}）要求。（市卫健委负责）\n"
    (doc,) = parse_text(text, "t.txt").documents
    (ref,) = doc.tasks[0].implements
    assert (ref.issuer, ref.level) == (issuer, level)


def test_a_region_name_is_not_read_again_inside_a_longer_one():
    text = HEAD.replace("济南", "长沙").replace("济政办字", "长政办发") + "（一）推进一项工作。内容。（市商务局负责）\n"
    (doc,) = parse_text(text, "t.txt").documents  # 长沙市 holds 沙市, the short name of 荆州's 沙市区
    assert (doc.region, doc.level, doc.tasks[0].leads[0].name) == ("长沙市", "municipal", "长沙市商务局")


def test_a_district_name_two_cities_share_is_read_by_the_document_s_city():
    from policykg.loaders.regions import region, region_prefix

    # 普陀区 is 上海's and 舟山's, 朝阳区 北京's and 长春's: the table keeps both, the context picks
    assert region_prefix("普陀区政府", region("上海市")).province == "上海市"
    assert region_prefix("普陀区政府", region("舟山市")).city == "舟山市"
    assert region("朝阳区").province == "北京市"  # nothing says which: the province-level city's


def test_a_district_of_a_municipality_named_whole_is_the_district():
    from policykg.loaders.agencies import Context, resolve
    from policykg.loaders.regions import find_region

    # 宝山区 is 上海's and 双鸭山's; printed after 上海市 it is 上海's, and the issuer is that district's
    assert find_region("上海市宝山区人民政府办公室").adcode == "310113"
    office = resolve("上海市宝山区人民政府办公室", Context(None))
    assert (office.region, office.level) == ("宝山区", "district")
    county = resolve("广东省广州市天河区人民政府", Context(None))
    assert (county.region, county.level) == ("天河区", "district")


def test_messy_conversions_read_like_clean_text():
    """Full-width digits, spaced-out characters, a running header on every page, Markdown bold and
    pipe tables, 签发人 beside the number: all read as the plain document would."""
    header = "济南市人民政府公报　2022年第3期\n"
    text = (header + "济南市人民政府办公厅文件\n济政办字〔２０２０〕１２号　　签发人：张XX\n"
            "关 于 印 发 济南市重点任务分工方案的通知\n各区县人民政府：\n现将方案印发给你们。\n"
            "济南市人民政府办公厅\n2020年3月5日\n" + header + "**一、重点任务**\n"
            "（一）推进一项工作。具体内容如下。（市 卫 健 委 负责）\n" + header +
            "| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n|---|---|---|---|\n| 1 | 推进一项工作。具体内容如下。 | 市财政局 | 市医保局 |\n")
    (doc,) = parse_text(text, "t.txt").documents
    assert (doc.number, doc.title) == ("济政办字〔2020〕12号", "关于印发济南市重点任务分工方案的通知")
    assert "公报" not in doc.issuer and [t.title for t in doc.tasks] == ["推进一项工作"]
    assert roles(doc.tasks[0]) == (["济南市财政局"], ["济南市医疗保障局", "济南市卫生健康委"])


@pytest.mark.parametrize("code, context, issuer, level", [
    ("闽委办发〔2021〕38号", "顺昌县", "中共福建省委办公厅", "provincial"),
    ("鄂建文〔2022〕7号", "孝感市", "湖北省住房和城乡建设厅", "provincial"),
    ("鄂发改价格〔2022〕103号", "孝感市", "湖北省发展和改革委员会", "provincial"),
    ("琼财建〔2021〕238号", "海口市", "海南省财政厅", "provincial"),
    ("宁政办〔2023〕15号", "湟源县", "西宁市人民政府办公室", "municipal"),  # 宁夏 and 南京 use 宁 too
    ("宁政发〔2023〕15号", "南京市", "南京市人民政府", "municipal"),
    ("赣府厅字〔2022〕18号", "永丰县", "江西省人民政府办公厅", "provincial"),
])
def test_local_codes_of_party_offices_departments_and_shared_abbreviations(code, context, issuer, level):
    from policykg.loaders.agencies import Context
    from policykg.loaders.references import find_references
    from policykg.loaders.regions import region
    ((_, ref),) = find_references(f"落实（{code}）要求。", Context(region(context)))
    assert (ref.issuer, ref.level) == (issuer, level)


def test_city_bodies_in_a_district_of_a_direct_controlled_municipality():
    text = (HEAD.replace("济南市人民政府办公厅", "重庆市璧山区人民政府办公室").replace("济政办字", "璧山府办发")
            + "（一）推进一项工作。内容。（区教委牵头，市教委配合）\n")
    (doc,) = parse_text(text, "t.txt").documents
    assert (doc.level, [a.name for a in doc.tasks[0].cooperates]) == ("district", ["重庆市教委"])
