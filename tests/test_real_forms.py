"""Forms as real pages print them (tests/real/docs), each checked on the page where it was found."""
from pathlib import Path

from policykg.loaders import parse_file
from policykg.loaders.read import read_text

REAL = Path(__file__).parent / "real" / "docs"


def tasks_of(name: str):
    (doc,) = [d for d in parse_file(REAL / name).documents if d.tasks]
    return doc.tasks


def cited_in(name: str) -> dict:
    """The numbered directives the file's documents and tasks carry out, by number."""
    return {r.number: r for d in parse_file(REAL / name).documents
            for r in d.implements + [r for t in d.tasks for r in t.implements] if r.number}


def the_task(name: str, **fields):
    """The one task of the file whose fields are these (title="…", label="…")."""
    (task,) = [t for t in tasks_of(name) if all(getattr(t, k) == v for k, v in fields.items())]
    return task


def test_a_standing_clause_names_cooperators_of_every_later_task():
    # 京政办发〔2025〕13号 (一): （市卫生健康委、…按职责分工负责。以下均需各区政府、北京经济技术开发区管委会负责，不再列出）
    tasks = tasks_of("c0109.html")
    first, later = tasks[0], tasks[1:]
    assert [a.name for a in first.leads] == ["北京市卫生健康委"]
    assert {"北京市各区政府", "北京经济技术开发区管委会"} <= {a.name for a in first.cooperates}
    for task in later:
        cooperating = {a.name for a in task.cooperates}
        assert {"北京市各区政府", "北京经济技术开发区管委会"} <= cooperating, task.label
        assert not cooperating & {a.name for a in task.leads}


def test_a_numbered_heading_line_keeps_its_body_apart():
    # 沪崇府办发〔2023〕16号 prints （二）开展入市地块摸底和意愿调查 on a line of its own, its body below
    titles = {t.label: t.title for t in tasks_of("c0243.txt")}
    assert titles["（二）"] == "开展入市地块摸底和意愿调查"
    assert titles["（七）"] == "探索入市委托和民主决策机制"


def test_an_article_that_binds_the_state_at_large_is_no_task():
    # 北京市优化营商环境条例: 第二十三条 政府及有关部门应当严格落实… names no one; 第六条 市发展改革部门… does
    labels = {t.label for t in tasks_of("c0132.html")}
    assert {"第六条", "第二十六条", "第三十七条"} <= labels
    assert not {"第八条", "第二十三条", "第五十三条", "第六十七条"} & labels


def test_a_pdf_line_is_read_on_its_baseline():
    # 东公积金委〔2023〕2号: the digits' font hangs its glyph boxes 15 pt below the characters' boxes
    (doc,) = parse_file(REAL / "c0200.pdf").documents
    assert doc.number == "东公积金委〔2023〕2号"
    # the page numbers (— 1 —) are dropped whole, not glued into a task's text
    assert not any("— —" in t.text for t in tasks_of("c0201.pdf"))


def test_a_pdf_footnote_mark_stays_in_its_line():
    # c0197: 高峰期间¹，在交通枢纽… (a smaller glyph raised above the baseline)
    text, _ = read_text(REAL / "c0197.pdf")
    assert "高峰期间1，在交通枢纽" in text


def test_a_code_prefix_is_read_as_a_city_not_a_far_county():
    # 滨州 cites 滨房公委发〔2022〕1号 and 杭州 prints 杭房公委〔2024〕2号: 住房公积金管理委员会 codes,
    # whose 房 is no prefix of 房县 (湖北)
    from policykg.loaders.regions import issuer_from_code

    assert issuer_from_code("滨房公委发", 2022).name == "滨州市住房公积金管理委员会"
    assert issuer_from_code("杭房公委", 2024).name == "杭州市住房公积金管理委员会"
    assert issuer_from_code("房公委发", 2022) is None


def test_a_page_date_under_the_title_is_no_part_of_it():
    # 南京公积金 prints 关于《…实施办法》的政策解读 / 2024-05-01 on two lines
    (doc,) = parse_file(REAL / "c0087.html").documents
    assert doc.title == "关于《南京市住房公积金南京都市圈个人住房贷款实施办法》的政策解读"


def test_an_article_that_sets_sanctions_is_no_task():
    # 北京市自然科学基金管理办法 第三十九条: 依托单位…有下列情形之一的，基金办可以采取暂停拨付…
    labels = {t.label for t in tasks_of("c0209.docx")}
    assert {"第四条", "第九条", "第三十七条"} <= labels
    assert not {"第三十九条", "第四十条", "第四十一条"} & labels


def test_a_notice_that_changes_rules_keeps_its_points_but_not_its_explainer():
    # 东公积金委〔2020〕2号 关于调整部分住房公积金贷款和提取规定的通知: 一 二 三 are its measures (its title
    # ends with 规定, but it changes rules point by point); 关于调整…规定的解读 after it answers them again
    labels = [t.label for t in tasks_of("c0199.pdf")]
    assert labels == ["一、", "二、", "三、"]


def test_a_purpose_clause_names_no_body():
    # 常州市户籍准入和迁移管理规定 第一条: 为适应常州市经济社会发展需要，…制定本规定 (会 ends many bodies' names)
    assert not any(a.name.endswith("经济社会") for t in tasks_of("c0140.html") for a in t.leads)


def test_an_adverbial_ends_a_body_name_before_its_duty():
    # 北京市铁路沿线安全管理办法 第六条: …各区政府可根据实际情况指定部门… (可 ends the name, not 指定)
    names = {a.name for t in tasks_of("c0195.pdf") for a in t.leads + t.cooperates}
    assert "北京市各区政府" in names
    assert not any("可根据" in n for n in names)


def test_a_sentence_is_no_body_name():
    # 第六十一条 公积金中心按下列原则对贷款利率进行调整 (按下列 ends the name); …项目申请人可以向基金办…,
    # 候选者进行… are sentences, never bodies
    leads = {t.label: [a.name for a in t.leads] for t in tasks_of("c0170.html")}
    assert leads["第六十一条"] == ["台州市住房公积金管理中心"]
    names = {a.name for t in tasks_of("c0209.docx") for a in t.leads + t.cooperates}
    assert not any("可以" in n or "进行" in n for n in names)


def test_public_security_organs_are_a_body():
    # 常州市户籍准入登记规定 第三条: 公安机关负责户籍准入登记工作
    leads = {t.label: [a.surface for a in t.leads] for t in tasks_of("c0144.html")}
    assert leads["第三条"] == ["公安机关"]


def test_a_site_footer_is_no_clause():
    # 证监发〔2022〕36号 ends with the site's 主办单位：中国证券监督管理委员会, which had led the last section
    tasks = tasks_of("c0152.html")
    assert {"10", "11", "12"} <= {t.label for t in tasks}
    assert not any(a.name == "中国证券监督管理委员会" for t in tasks for a in t.leads)
    # 【打印本页】【关闭窗口】【返回顶部】 under the last item lead nothing either
    assert not any("返回顶部" in a.name for t in tasks_of("c0016.html") for a in t.leads)


def test_bodies_given_work_later_in_the_sentence_cooperate():
    # 常州市户籍准入和迁移管理规定 第三条: 公安机关是…主管部门，发展改革、教育、民政…等部门，在各自职责范围内做好…
    (third,) = [t for t in tasks_of("c0140.html") if t.label == "第三条"]
    assert [a.surface for a in third.leads] == ["公安机关"]
    assert {"发展改革部门", "教育部门", "国土资源部门"} <= {a.surface for a in third.cooperates}


def test_a_number_printed_after_the_title_is_its_number():
    # 上海市教育委员会关于印发《…实施办法》的通知（沪教委规〔2021〕2号）, the page's only number
    (doc,) = parse_file(REAL / "c0013.html").documents
    assert (doc.number, doc.title) == ("沪教委规〔2021〕2号",
                                       "上海市教育委员会关于印发《上海市高中阶段学校招生录取改革实施办法》的通知")


def test_how_to_send_comments_is_no_task():
    # 关于…公开征求意见的公告: 1.电子邮件 2.通讯地址 3.联系人 are the ways to reply
    assert not tasks_of_any("c0017.html")
    assert not any(t.title.startswith("通讯地址") for t in tasks_of_any("c0094.html"))


def test_a_body_acting_as_another_leads():
    # 第七条 市教委作为行业主管部门，负责统筹管理… (作为 ends the name)
    leads = {t.label: [a.surface for a in t.leads] for t in tasks_of("c0097.html")}
    assert leads["第七条"] == ["市教委"]


def tasks_of_any(name: str):
    return [t for d in parse_file(REAL / name).documents for t in d.tasks]


def test_a_page_wrapped_in_a_form_keeps_its_text():
    # 上海市教育委员会: the whole article sits in <form name="setv"> (as ASP.NET pages put theirs)
    (doc,) = parse_file(REAL / "c0013.html").documents
    assert doc.date == "2021-03-11"
    text, _ = read_text(REAL / "c0013.html")
    assert "2022年起，本市高中阶段学校招生录取工作分为自主招生录取" in text


def test_a_supervising_word_inside_a_name_is_no_role():
    # 上海市市场监管局: （市局反垄断和价格监督检查办公室负责） (监督 is part of the office's name)
    names = {a.surface for t in tasks_of("c0250.txt") for a in t.leads}
    assert "市局反垄断和价格监督检查办公室" in names and "检查办公室" not in names


def test_a_letter_printed_on_every_pdf_page_is_page_furniture():
    # 北京市地震预警管理办法 (PDF): each page prints an X under its page number, which had been read
    # into the article the page break cut (提升区域地X震预警能力)
    assert not any("X" in t.text for t in tasks_of("c0192.pdf"))
    assert any("提升区域地震预警能力" in t.text for t in tasks_of("c0192.pdf"))


def test_a_pdf_line_that_ends_on_a_quoted_term_goes_on():
    # 北京市“门前三包”责任制管理办法 (PDF) breaks 协调“门前三包” | 制度常态化管理工作 across lines;
    # the clause that gives the lead runs to its full stop, as in the same rules' .docx
    first = tasks_of("c0224.pdf")[0]
    assert "协调“门前三包”制度常态化管理工作" in first.text
    assert first.leads[0].evidence == next(a.evidence for a in tasks_of("c0223.docx")[0].leads)


def test_a_far_county_short_name_is_no_prefix_of_a_body():
    # 公安、交通、商务…等部门 in a Beijing rule are Beijing's: 公安 is also the short name of 公安县 (湖北)
    cooperating = {a.surface: a for t in tasks_of("c0223.docx") for a in t.cooperates}
    assert cooperating["公安部门"].name == "北京市公安部门"
    assert cooperating["公安部门"].region == "北京市"


def test_who_interprets_a_notice_is_given_no_work():
    # 本通知由常州市住房公积金管理中心负责解释 closes 常州's notice; 由…牵头解释 and 由…负责解释
    # say who interprets the text, not who carries out its last item
    (_, second) = tasks_of("c0141.html")
    assert second.label == "二、" and not second.leads
    third = tasks_of("c0005.html")[-1]
    assert third.label == "三、" and not third.leads


def test_the_sign_off_ends_a_notice_s_items():
    # 东公积金委〔2020〕2号 (page): …特此通知 / 附件：…的解读 / 东莞市住房公积金管理委员会: the last item
    # ends before the formula that closes the notice
    assert "特此通知" not in tasks_of("c0005.html")[-1].text


def test_a_framing_heading_that_assigns_its_own_paragraph_is_a_task():
    # 黄发改委办〔2025〕5号: 二、保障措施 holds one paragraph of work and its own
    # （责任单位：区发展改革委、各相关部门，各街道管理办）; 宿州's 二、组织机构 (主办单位：…。承办单位：…。)
    # lists roles and no work
    (measures,) = [t for t in tasks_of("c0227.txt") if t.label == "二、"]
    assert measures.title == "保障措施" and [a.name for a in measures.leads] == ["黄浦区发展改革委"]
    assert "二、" not in {t.label for t in tasks_of("c0035.html")}


def test_a_street_named_like_a_city_is_the_district_s():
    # 松江区城市更新2025年度实施计划: 岳阳街道 and 中山街道 are 松江区's streets, not 岳阳市's or 中山市's
    bodies = {a.surface: a for t in tasks_of("c0228.txt") for a in t.leads + t.cooperates}
    assert bodies["岳阳街道"].region == "松江区"


def test_joint_issuers_on_one_line_are_each_an_issuer():
    # 北京市科学技术委员会、中关村科技园区管理委员会 signs c0093 on one line; 常州's 公积金 centre and
    # 退役军人事务局 sign c0142 glued; 自然资源部中国银行保险监督管理委员会 heads c0055
    def issuers(name):
        return [a.name for d in parse_file(REAL / name).documents for a in d.issuers]

    assert issuers("c0093.html") == ["北京市科学技术委员会", "北京市中关村科技园区管理委员会"]
    assert issuers("c0142.html") == ["常州市住房公积金管理中心", "常州市退役军人事务局"]
    assert issuers("c0055.html") == ["自然资源部", "中国银行保险监督管理委员会"]


def test_a_clause_that_sets_up_committees_is_no_body():
    # 北京市科学技术奖励办法 第五条: …奖励委员会聘请有关方面的专家组成若干评审委员会和监督委员会
    names = {a.name for t in tasks_of("c0212.docx") for a in t.leads + t.cooperates}
    assert not any("聘请" in n for n in names)
    # 天津's rule: 建设用地使用权人持园区管委会…出具的意见 and 沈阳's 定期组织本辖区内街道办事处 are acts
    for name in ("c0050.html", "c0023.html"):
        assert not any(w in a.name for t in tasks_of(name) for a in t.leads + t.cooperates for w in ("持", "定期"))


def test_a_page_s_leave_and_share_furniture_is_no_item_s_text():
    # 首都之窗 pages end 分享： / 相关解读 / 评价建议 / 您访问的链接即将离开“首都之窗”门户网站是否继续？,
    # 重庆's 您即将离开“重庆市人民政府网站” / 若您当前使用的浏览器…: none of it belongs to the last item
    for name in ("c0122.html", "c0149.html"):
        last = tasks_of(name)[-1]
        assert not any(w in last.text for w in ("即将离开", "评价建议", "若您当前使用的浏览器", "分享：")), name


def test_bodies_organised_to_do_the_work_take_part():
    # 沈阳市城市房屋使用安全管理办法 第三十一条: 属地人民政府应当…，定期组织本辖区内街道办事处开展应急培训和演练
    (article,) = [t for t in tasks_of("c0023.html") if t.label == "第三十一条"]
    assert [a.name for a in article.cooperates] == ["沈阳市街道办事处"]


def test_a_number_cited_in_a_table_cell_starts_no_document():
    # 嘉府办发〔2024〕23号's task table cites 《上海市住房和城乡建设 | 管理委员会关于…的函》 |
    # （沪建综规〔2024〕61号） in a cell broken over lines: a citation, not a second document
    assert [d.number for d in parse_file(REAL / "c0241.txt").documents] == ["嘉府办发〔2024〕23号"]


def test_a_repost_s_city_name_before_the_title_is_no_part_of_it():
    # 中房网 reposts print 太原关于控制二手住房短期交易转让的通知: 太原 is the site's label, no issuer
    (doc,) = parse_file(REAL / "c0165.html").documents
    assert doc.title == "关于控制二手住房短期交易转让的通知" and doc.region == "太原市"


def test_the_publishing_site_beside_a_page_title_gives_region_and_issuer():
    # 标题：长沙市政府门户网站-关于…的通知 with 长金管委〔2022〕3号: 长 is 长沙's here (长春 and 长治 share it);
    # 标题：关于…的通知 - 定州市住房公积金管理中心, nothing signed: the centre's own site is its issuer
    (changsha,) = parse_file(REAL / "c0138.html").documents
    assert [a.name for a in changsha.issuers] == ["长沙市住房公积金管理委员会"]
    (dingzhou,) = parse_file(REAL / "c0163.html").documents
    assert ([a.name for a in dingzhou.issuers], dingzhou.level) == (["定州市住房公积金管理中心"], "county")


def test_a_flattened_table_keeps_merged_rows_groups_and_broken_names():
    # 青府办发〔2025〕20号 附件3, one cell a line: （四）'s task cell is merged over two rows, each
    # with its own lead; 二 / 构建…体系 heads the rows under it; 区土方工作 / 专班 is one cell;
    # the header printed again on the next page is no part of its first row (配合单位 / （二）)
    tasks = {(t.section, t.label): t for t in tasks_of("c0256.txt")}
    leads = {key[1] + t.title: [a.name for a in t.leads] for key, t in tasks.items()}
    assert leads["（四）落实建筑垃圾转运码头规划、建设和备案"] == ["青浦区建设管理委员会", "青浦区绿化市容局"]
    assert leads["（二）提升消纳处置能力"] == ["青浦区土方工作专班"]
    assert leads["（二）加强源头监管"][:2] == ["青浦区城运中心", "青浦区建设管理委员会"]
    assert len(tasks) == 17 and not any(t.label == "二" for t in tasks.values())


def test_items_that_each_address_a_body_are_its_measures():
    # 海南 一、优化住房合同备案规定 （一）各房地产开发企业…，开发商应予以签订合同… （二）各市县住房和城乡
    # 建设部门，支持购房人…，应予以办理合同备案手续: each item gives a body work, so each is a task
    labels = [t.label for t in tasks_of("c0216.docx")]
    assert labels[:2] == ["（一）", "（二）"]


def test_a_heading_that_announces_the_standards_below_is_one_measure():
    # 贵阳 三、贷款额度 …还应同时符合下列限额标准。 （一）不得高于…（二）不得高于…: the limits spell out 三
    (three,) = [t for t in tasks_of("c0063.html") if t.label == "三、"]
    assert [s.label for s in three.subtasks] == ["（一）", "（二）", "（三）"]


def test_the_departments_an_article_s_body_works_with_cooperate():
    # 北京市无线电管理规定 第十二条 市无线电管理部门会同有关部门拓展…; 第二十二条 由市无线电管理部门会同有关部门，组织…
    tasks = {t.label: t for t in tasks_of("c0202.docx")}
    for label in ("第十二条", "第二十二条"):
        assert [a.name for a in tasks[label].leads] == ["北京市无线电管理部门"]
        assert [a.surface for a in tasks[label].cooperates] == ["有关部门"]


def test_a_bank_named_beside_the_body_of_an_article_cooperates():
    # 公积金中心、受托银行应向缴存职工提供贷款咨询服务…: the centre leads, the bank takes part
    ninth = {t.label: t for t in tasks_of("c0170.html")}["第九条"]
    assert [a.surface for a in ninth.leads] == ["公积金中心"]
    assert [a.surface for a in ninth.cooperates] == ["受托银行"]


def test_a_partner_whose_name_holds_a_duty_word_is_read_whole():
    # 北京市职称评审管理办法 第三十六条 市人力资源社会保障局会同行业主管部门应加强…: 主管 is part of the name
    tasks = {t.label: t for t in tasks_of("c0126.html")}
    assert [a.surface for a in tasks["第三十六条"].cooperates] == ["行业主管部门"]
    assert [a.surface for a in tasks["第六条"].cooperates] == ["相关行业主管部门"]


def test_what_an_article_s_work_is_done_to_is_no_cooperator():
    # 第三十七条 市人力资源社会保障局会同行业主管部门…，对各级评委会及评审机构开展的评审工作进行检查
    thirty_seventh = {t.label: t for t in tasks_of("c0126.html")}["第三十七条"]
    assert [a.surface for a in thirty_seventh.cooperates] == ["行业主管部门"]


def test_a_long_list_of_bodies_given_work_is_read_whole():
    # 沈阳市房屋使用安全管理办法 第八条: a third sentence names 22 bodies (市机关事务局、…、市检察院等其他行业部门…)
    eighth = {t.label: t for t in tasks_of("c0023.html")}["第八条"]
    surfaces = [a.surface for a in eighth.cooperates]
    assert {"市公安局", "市机关事务局", "市检察院"} <= set(surfaces) and len(surfaces) >= 30
    # …，积极争取中央财政城镇保障性安居工程补助: a clause that opens with how it acts names no body
    assert not {t.label: t for t in tasks_of("c0023.html")}["第三十条"].cooperates


def test_a_document_this_one_revises_or_repeals_is_not_carried_out():
    # 明溪: 结合我县实际，对《…若干措施》（明政文〔2022〕34号）进行修订; 常州: 原《…》（常公积金委〔2025〕1号）同时废止;
    # 海南: 将《…》（琼公积金贷〔2021〕31号）规定的“…”调整为…
    (mingxi,) = parse_file(REAL / "c0171.html").documents
    assert "明政文〔2022〕34号" not in {r.number for r in mingxi.implements}
    for name, number in (("c0143.html", "常公积金委〔2025〕1号"), ("c0077.html", "琼公积金贷〔2021〕31号")):
        cited = {r.number for d in parse_file(REAL / name).documents
                 for r in d.implements + [r for t in d.tasks for r in t.implements]}
        assert number not in cited, name
    # while a notice that hands out the tasks of a cited plan carries it out
    from policykg.loaders.agencies import Context
    from policykg.loaders.references import find_references

    hands_out = "现将《国务院关于印发X的通知》（国发〔2018〕12号）中的重点任务分解如下："
    assert [r.number for _, r in find_references(hands_out, Context(None))] == ["国发〔2018〕12号"]


def test_the_plan_a_notice_issues_is_no_directive_it_carries_out():
    # 《2026年上海量子城市空间智能建设工作要点》已经市政府同意，现予印发，请遵照执行 (遵照 is no basis here)
    for name in ("c0248.txt", "c0066.html"):
        for doc in parse_file(REAL / name).documents:
            assert not [r for r in doc.implements if not r.number and r.title in doc.title], name
    (plan,) = [d for d in parse_file(REAL / "c0248.txt").documents if d.tasks]
    assert "2026年上海量子城市空间智能建设工作要点" not in {r.title for r in plan.implements}


def test_the_plan_a_basis_sentence_says_it_makes_is_no_directive_it_carries_out():
    # 为贯彻落实《…意见》和《国家职业教育改革实施方案》，…，特制定《深化…实施方案》 (p0089);
    # 结合我区实际情况，制定《奉贤区…实施方案》 (c0251): what the sentence makes is the document itself
    (doc,) = parse_file(REAL / "p0089.json").documents
    assert [r.title for r in doc.implements] == ["中共中央国务院关于全面深化新时代教师队伍建设改革的意见",
                                                 "国家职业教育改革实施方案"]
    assert doc.implements[0].level == "national"  # 中共中央 is the centre, as 国务院 is
    (doc,) = parse_file(REAL / "c0251.txt").documents
    assert [r.number for r in doc.implements] == ["沪府办发〔2020〕3号"]


def test_a_notice_made_while_carrying_out_another_implements_it():
    # 福州: 在认真落实《…若干意见的通知》（榕政办[2016]180号）文件基础上，现就有关事项补充通知如下
    (doc,) = parse_file(REAL / "c0173.html").documents
    assert "榕政办〔2016〕180号" in {r.number for r in doc.implements}


def test_the_other_departments_after_the_leads_cooperate():
    # 北京市地名管理办法 第二十六条 …，市、区地名行政主管部门以及其他有关部门按照《地名管理条例》相关规定做好…
    article = {t.label: t for t in tasks_of("c0206.pdf")}["第二十六条"]
    assert [a.surface for a in article.leads] == ["市地名行政主管部门", "区地名行政主管部门"]
    assert [a.surface for a in article.cooperates] == ["其他有关部门"]


def test_a_district_named_alone_in_a_list_of_responsible_bodies_is_its_government():
    # 上海量子城市 2026年工作要点 16.…（责任单位：市规划资源局、杨浦区）
    (plan,) = [d for d in parse_file(REAL / "c0255.txt").documents if d.tasks]
    sixteen = {t.label: t for t in plan.tasks}["16"]
    yangpu = [a for a in sixteen.cooperates if a.surface == "杨浦区"]
    assert yangpu and yangpu[0].kind == "government" and yangpu[0].level == "district"


def test_the_departments_named_beside_or_after_an_article_s_body_take_part():
    # 第三十七条 地名行政主管部门和有关部门应当…; 经开区 第二十条 由管委会定期调度…，相关部门按照调度机制开展工作
    thirty_seventh = {t.label: t for t in tasks_of("c0206.pdf")}["第三十七条"]
    assert [a.surface for a in thirty_seventh.leads] == ["地名行政主管部门"]
    assert [a.surface for a in thirty_seventh.cooperates] == ["有关部门"]
    twentieth = {t.label: t for t in tasks_of("c0101.html")}["第二十条"]
    assert "相关部门" in [a.surface for a in twentieth.cooperates]


def test_a_standing_clause_with_an_aside_before_its_close_still_stands():
    # 上海市市场监管局 燃气安全: （…按职责分工负责；区市场监管局组织落实。以下均需区市场监管局落实，
    # 市局执法总队负责上海化学工业区内的特种设备相关监管工作，不再单独列出）
    tasks = tasks_of("c0250.txt")
    assert [a.surface for a in tasks[0].leads] == ["市局特种设备安全监察处"]
    for task in tasks[1:]:
        assert "区市场监管局" in {a.surface for a in task.cooperates}, task.label


def test_a_table_run_together_in_a_one_line_page_gives_its_rows():
    # 岚综管办函〔2021〕39号, a crawled page in one line whose 分解表 cells ran together:
    # …（街道办事处）6.加强监管执法信息公开。… / …集中展示。区经济发展局区自然资源与生态环境局 区直有关单位，…
    tasks = tasks_of("p0001.txt")
    assert [t.label for t in tasks] == [str(n) for n in range(1, 38) if n != 28]  # the page skips 28
    by_label = {t.label: t for t in tasks}
    assert by_label["6"].title == "加强监管执法信息公开"
    assert [a.surface for a in by_label["1"].leads] == ["区经济发展局", "区自然资源与生态环境局"]
    assert [a.surface for a in by_label["1"].cooperates] == ["区直有关单位", "各区属事业单位", "各片区管理局",
                                                             "各乡镇人民政府（街道办事处）"]
    # a row whose lead cell is empty: its one cell read as an unmarked 责任单位 list
    assert [a.surface for a in by_label["31"].leads] == ["区行政服务中心"]
    assert [a.surface for a in by_label["31"].cooperates] == ["各片区管理局", "各乡镇人民政府（街道办事处）"]
    # 平潭综合实验区 is governed at prefecture level and calls its own bodies 区…
    (doc,) = parse_file(REAL / "p0001.txt").documents
    assert (doc.level, doc.region) == ("municipal", "平潭综合实验区")
    assert by_label["1"].leads[0].name == "平潭综合实验区经济发展局"


def test_a_row_whose_cells_follow_its_title_gives_its_title_lead_and_the_bodies_with_it():
    # 闽政办〔2017〕45号, one line: …通知闽政办〔2017〕45号各市、县（区）人民政府… and a 分解表 whose header
    # 工作任务 牵头单位 责任单位 工作要求 is printed once: 2.按月公开全省财政收支情况省财政厅各设区市，平潭综合实验区在…
    (doc,) = parse_file(REAL / "p0002.txt").documents
    assert doc.number == "闽政办〔2017〕45号"
    assert [t.label for t in doc.tasks] == [str(n) for n in range(1, 61)]
    by_label = {t.label: t for t in doc.tasks}
    assert by_label["2"].title == "按月公开全省财政收支情况"
    assert [a.surface for a in by_label["2"].leads] == ["省财政厅"]
    assert [a.surface for a in by_label["2"].cooperates] == ["各设区市", "平潭综合实验区"]
    assert [a.surface for a in by_label["5"].leads] == ["省财政厅", "省国税局", "省地税局", "省物价局"]
    # a row with no requirement (30.…力度省商务厅省工商局省物价局各设区市，平潭综合实验区 四、…) is a task too
    assert by_label["30"].title == "加大对查处假冒伪劣、虚假广告、价格欺诈等行为的公开力度"
    # its lead cell empty: the responsible bodies are an unmarked list, the first-named leads
    assert [a.surface for a in by_label["1"].leads] == ["省直各部门"]


def test_a_row_whose_cells_are_merged_with_the_row_above_shares_them():
    # 福建 2016 分解表: 18.公开国有资本整体运营情况…省国资委省财政厅省直各相关部门，各设区市、平潭综合实验区
    # 19.推动国有企业改制重组…  20.及时公开国有企业改革重组… (no cells of their own: merged with 18's)
    (doc,) = parse_file(REAL / "p0004.txt").documents
    by_label = {t.label: t for t in doc.tasks}
    assert {"1", "2", "3", "19", "20"} <= set(by_label)  # 2 and 3 under （一） are rows, not its aspects
    for label in ("19", "20"):
        assert [a.surface for a in by_label[label].leads] == ["省国资委", "省财政厅"]
        assert [a.surface for a in by_label[label].cooperates] == ["省直各相关部门", "各设区市", "平潭综合实验区"]
    # 58.积极做好政府规章和政策性文件清理结果公开省法制办省直各部门，…: its title, then its cells
    assert by_label["58"].title == "积极做好政府规章和政策性文件清理结果公开"
    assert [a.surface for a in by_label["58"].leads] == ["省法制办"]


def test_the_codes_of_a_municipality_under_the_central_government_name_its_own_bodies():
    # 沪建房管联〔2024〕58号 (c0032, c0188) prints no issuer: its code names the two bodies, whose
    # names are not the region rules' (上海市住房和城乡建设局 does not exist)
    from policykg.loaders.regions import issuer_from_code

    (doc,) = parse_file(REAL / "c0188.pdf").documents
    assert [a.name for a in doc.issuers] == ["上海市住房和城乡建设管理委员会", "上海市房屋管理局"]
    assert issuer_from_code("沪交设养", 2024).name == "上海市交通委员会"  # 沪交|设养: an office of it
    assert issuer_from_code("京教基二", 2026).name == "北京市教育委员会"
    # a district's government by the district's initial after the city's: 沪崇府办发, 京朝政发
    assert issuer_from_code("沪崇府办发", 2021).region == "崇明区"
    assert issuer_from_code("京朝政发", 2021).region == "朝阳区"
    assert issuer_from_code("京房公积金管委会", 2023).region == "北京市"  # not 房山区: no 府 or 政 follows


def test_an_order_cited_by_its_title_is_a_reference_with_its_order_number():
    # 《住房公积金管理条例》（国务院令第350号）: a 令 prints no bracketed year, and was read as a title only
    (doc,) = [d for d in parse_file(REAL / "c0162.html").documents if d.tasks]
    (order,) = [r for r in doc.implements if r.title == "住房公积金管理条例"]
    assert (order.number, order.issuer, order.level) == ("国务院令第350号", "国务院", "national")
    # a task's 《…公告》（财政部&nbsp;税务总局&nbsp;住房城乡建设部公告2023年第28号）: three issuers
    (task,) = [t for t in tasks_of("c0161.html") if t.label.startswith("五")]
    (notice,) = [r for r in task.implements if "公告" in r.number]
    assert notice.number == "财政部税务总局住房城乡建设部公告2023年第28号"
    assert notice.issuer == "财政部、税务总局、住房城乡建设部" and notice.level == "national"
    # 青浦 cites 《上海市建筑垃圾处理管理规定》（市政府第16号令）: the city's order, named so
    (doc,) = [d for d in parse_file(REAL / "c0256.txt").documents if d.tasks]
    assert "上海市政府第16号令" in {r.number for r in doc.implements}
    # an announcement's own number, on its line under the title: 财政部 税务总局公告2025年第17号（）
    (doc,) = parse_file(REAL / "c0033.html").documents
    assert doc.number == "财政部税务总局公告2025年第17号"


def test_a_table_run_into_one_line_without_numbers_gives_a_row_at_each_cell():
    # 岚综管办〔2016〕20号: 存在问题整改目标和措施责任单位投资增长动力不足出台…项目。区经发局牵头，区交建局、…、
    # 广电网络分公司创新应用各种投融资方式，… (no row numbers; the next row glued to the cell's last name)
    tasks = tasks_of("p0007.txt")
    assert len(tasks) == 47
    assert [a.surface for a in tasks[0].leads] == ["区经发局"]
    assert [a.surface for a in tasks[0].cooperates] == ["区交建局", "环土局", "电信公司", "电力公司", "广电网络分公司"]
    assert tasks[1].title.startswith("创新应用各种投融资方式")
    # <…> inside a title marks a title within it, kept as printed
    assert any(t.title == "进一步落实《福建省实施<中国制造2025>行动计划》" for t in tasks)


def test_a_labelled_list_goes_on_after_its_role_words():
    # 岚综管综〔2017〕208号: 责任单位：区行政审批局、市场监督管理局牵头，区直相关部门按职责分工负责,
    # 区管委会办公室政策法规处负责法制审查工作 / 责任单位：区行政审批局、经济发展局、市场监督管理局牵头，区直相关部门
    by_label = {t.label: t for t in tasks_of("p0008.txt")}
    assert [a.surface for a in by_label["2"].leads] == ["区行政审批局", "市场监督管理局"]
    assert [a.surface for a in by_label["2"].cooperates] == ["区直相关部门", "区管委会办公室政策法规处"]
    assert [a.surface for a in by_label["18"].leads] == ["区行政审批局", "经济发展局", "市场监督管理局"]
    assert [a.surface for a in by_label["18"].cooperates] == ["区直相关部门"]
    assert by_label["1"].title.startswith("2017年10月底前")  # 1.2017年…: an item, not a decimal


def test_offices_run_together_under_a_responsible_column_are_an_unmarked_list():
    # 深化医改2020年重点工作任务及分工表: 重点任务 主要内容 主要责任处室, each row ending …。公卫家庭处医政医管处医保处
    by_label = {t.label: t for t in tasks_of("p0010.txt")}
    assert [a.surface for a in by_label["4"].leads] == ["公卫家庭处"]
    assert [a.surface for a in by_label["4"].cooperates] == ["医政医管处", "医保处"]
    assert [a.surface for a in by_label["26"].cooperates] == ["办公室（财务科）", "医保处"]
    # the last row, before the office that printed the copy and its 印发 date
    assert [a.surface for a in by_label["27"].cooperates] == ["项目办", "医保处"]


def test_a_standing_clause_for_each_zone_reaches_every_later_task():
    # （区资源生态局牵头负责;各片区负责配合落实，以下均需各片区配合落实，不再列出）
    tasks = tasks_of("p0012.txt")
    assert [a.surface for a in tasks[0].cooperates] == ["各片区"]
    assert all("各片区" in [a.surface for a in t.cooperates] for t in tasks[1:11])


def test_a_forwarding_notice_run_into_the_document_it_forwards_is_two_documents():
    # one line: …转发给你们，… 平潭综合实验区管委会办公室 2023年1月18日福建省人民政府办公厅关于印发…的通知闽政办〔2023〕2号 各市、…
    notice, forwarded = parse_file(REAL / "p0016.txt").documents
    assert (notice.number, notice.date, [a.name for a in notice.issuers]) == (
        "", "2023-01-18", ["平潭综合实验区管委会办公室"])
    assert [r.number for r in notice.forwards] == ["闽政办〔2023〕2号"]
    assert (forwarded.number, forwarded.date) == ("闽政办〔2023〕2号", "2023-01-04")
    assert [t.label for t in forwarded.tasks] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、"]
    # 责任单位：…。以下均需各设区市人民政府、平潭综合实验区管委会落实，不再列出 (…厦门证监局七、加大…: 七 cut)
    assert {"各设区市人民政府", "平潭综合实验区管委会"} <= {a.surface for a in forwarded.tasks[6].cooperates}


def test_a_clause_with_two_time_limits_and_a_signature_run_into_the_plan():
    # （区交通与建设局牵头，…等按职责分工负责，2018年3月底前取得阶段性成果，2018年4月至2019年10月深化提升）;
    # …平潭综合实验区管委会办公室2017年3月10日平潭综合实验区危险化学品安全综合治理实施方案; 岚综管办: 平潭's
    (doc,) = [d for d in parse_file(REAL / "p0017.txt").documents if d.tasks]
    assert (doc.date, [a.name for a in doc.issuers]) == ("2017-03-10", ["平潭综合实验区管委会办公室"])
    by_label = {t.label: t for t in doc.tasks}
    assert [a.surface for a in by_label["5"].leads] == ["区交通与建设局"]
    assert [a.surface for a in by_label["12"].leads] == ["区直各有关部门"]


def test_an_item_headed_by_a_body_s_duties_is_that_body_s():
    # 金井片区 2020年春运工作实施方案: （一）片区春运领导小组工作职责：… （二）各行政村（社区）工作职责：…
    by_label = {t.label: t for t in tasks_of("p0022.txt")}
    assert [a.surface for a in by_label["（一）"].leads] == ["片区春运领导小组"]
    assert [a.surface for a in by_label["（二）"].leads] == ["各行政村（社区）"]
    assert [a.surface for a in by_label["（七）"].leads] == ["辖区卫生院"]


def test_a_one_line_notice_is_cut_at_the_numbers_after_its_sentences():
    # 海坛片区 2025年防汛备汛: …全力维护辖区人民群众生命财产安全。二、全面压实防汛责任。… (一、 … 五、 only),
    # signed …平潭综合实验区海坛片区管理局2025年2月6日
    (doc,) = parse_file(REAL / "p0024.txt").documents
    # (一、提高政治思想认识 is read as an item too; the annotator left it out as an exhortation)
    assert [t.title for t in doc.tasks][-4:] == ["全面压实防汛责任", "加强风险隐患排查", "强化应急处置准备", "加强宣传培训演练"]
    assert (doc.date, [a.name for a in doc.issuers]) == ("2025-02-06", ["平潭综合实验区海坛片区管理局"])
    # 闽安委〔2017〕11号 is 福建省安全生产委员会's, not the State Council's 安委 with 闽 dropped
    (cited,) = [r for d in parse_file(REAL / "p0023.txt").documents for r in d.implements if "安委" in r.number]
    assert (cited.number, cited.issuer) == ("闽安委〔2017〕11号", "福建省安全生产委员会")


def test_an_outline_run_into_one_line_is_cut_at_its_numbers():
    # 岚综管办〔2019〕61号: 一、…转口贸易。牵头单位：…完成时限：2019年11月底三、支持平潭申请… (一、 … 十二、 only)
    tasks = tasks_of("p0025.txt")
    assert [t.label for t in tasks] == [f"{n}、" for n in "一 二 三 四 五 六 七 八 九 十 十一 十二".split()]
    assert [a.surface for a in tasks[0].leads] == ["区经发局", "区口岸办"]


def test_sectors_listed_before_one_部门_are_each_a_body():
    # （区交通与建设局牵头，公安、安监、质监、信息化部门配合）: 部门 belongs to each sector before it
    by_label = {t.label: t for t in tasks_of("p0029.txt")}
    assert [a.surface for a in by_label["7"].leads] == ["区交通与建设局"]
    assert [a.surface for a in by_label["7"].cooperates] == ["公安部门", "安监部门", "质监部门", "信息化部门"]


def test_a_numbered_heading_whose_text_is_on_the_next_line_keeps_it_as_its_title():
    # 一、 \n治理对象全区旅游星级饭店。
    (doc,) = [d for d in parse_file(REAL / "p0023.txt").documents if d.tasks]
    assert doc.tasks[0].title == "治理对象全区旅游星级饭店"


def test_an_ordinal_list_and_a_heading_whose_words_run_on_past_a_section_word_keep_the_table_s_items():
    # 2017年专利事业…任务分解表 run into one line: 第二、三、四季度 are quarters, not the outline's 二、 三、;
    # （一）完善与强国建设目标任务相匹配的…制度 is a heading over measures, not a 目标任务 section
    labels = [t.label for t in tasks_of("p0030.txt")]
    assert labels[:6] == ["1", "2", "3", "4", "5", "6"] and "13" in labels
    assert not any(label.endswith("、") for label in labels)


def test_a_number_before_its_title_and_a_signature_after_the_last_sentence_are_read():
    # 岚综管办〔2015〕70号平潭综合实验区管委会办公室关于印发…的通知区直各单位，…附件：《…一览表》平潭综合实验区
    # 管委会办公室2015年4月17日(联系人:…)平潭综合实验区2015年宜居环境建设行动计划实施方案按照…: all on one line
    (doc,) = parse_file(REAL / "p0033.txt").documents
    assert (doc.number, doc.date) == ("岚综管办〔2015〕70号", "2015-04-17")


def test_an_annexed_task_table_printed_one_cell_a_line_gives_its_rows():
    # 岚农发〔2016〕252号: 附件：…任务分解表, its header spaced out (工 作 任 务 党工委管委会牵头部门 本局责任处（单位）
    # 工　作　要　求) and each row a cell a line: 6.做好… / 区办公室、区经济发展局、区市场监督管理局 /
    # 综合处牵头，各处、单位配合落实 / 推动信用信息互联共享。
    by_label = {t.label: t for t in tasks_of("p0034.txt")}
    assert {str(n) for n in range(1, 44)} <= set(by_label)  # 36's cell 区党工委管委会办公室 is a whole name too
    row = by_label["6"]
    assert row.title == "做好各级政府网站与“信用福建”网站的连接工作"
    assert [a.surface for a in row.leads] == ["区办公室", "区经济发展局", "区市场监督管理局", "综合处"]
    assert [a.surface for a in row.cooperates] == ["各处", "各单位"]
    assert [a.surface for a in by_label["3"].leads] == ["综合处"]
    # a cell printed again and again (综合处牵头落实) is no running header
    assert [a.surface for a in by_label["26"].leads] == ["综合处"]


def test_sub_items_that_open_with_who_leads_them_are_the_tasks():
    # 闽岚综实管综〔2013〕54号 1.危险化学品领域： （1）由县质监局牵头组织，负责… （2）由区安监局牵头组织，负责…
    tasks = tasks_of("p0032.txt")
    first, second = tasks[0], tasks[1]
    assert (first.label, second.label) == ("（1）", "（2）")
    assert [a.surface for a in second.leads] == ["区安监局"]
    assert second.title.startswith("负责对全区工业气体经营企业进行全面排查")  # its title comes after the clause
    assert all(t.title for t in tasks)


def test_a_table_run_together_with_each_number_after_the_bodies_of_the_row_before_gives_its_rows():
    # 岚综管办〔2016〕80号's 问题汇总表: …汇总表序号存 在 问 题整改责任单位98 坛西大道…时间表。 岚城片区开发管理局、
    # 区交通投资发展有限公司、区环境与国土资源局99 流水食品…: each 序号 opens its row, whose last cell is its
    # 整改责任单位 (the first-named leads)
    by_label = {t.label: t for t in tasks_of("p0026.txt")}
    assert {"98", "99", "100", "110", "120"} <= set(by_label)
    assert [a.surface for a in by_label["98"].leads] == ["岚城片区开发管理局"]
    assert [a.surface for a in by_label["98"].cooperates] == ["区交通投资发展有限公司", "区环境与国土资源局"]
    assert [a.surface for a in by_label["111"].leads] == ["区台湾工作部"]  # the 整改 body, not the one criticised


def test_an_item_of_several_measures_each_closed_by_its_clause_keeps_each_measure_s_bodies():
    # 岚综管综〔2015〕278号 (a 水污染防治 plan): 1．狠抓重点排污行业整治取缔“十小”企业。…（区环境与国土资源局牵头，
    # 区经济发展局等参与…）专项整治重点排污行业。…（…牵头，区经济发展局、社会事业局等参与）持续整治矿山采选行业。…
    # Each measure opens with its own headline: the numbered item only heads them, each measure is a task.
    tasks = tasks_of("p0037.txt")
    by_title = {t.title: t for t in tasks}
    assert [t.title for t in tasks[1:3]] == ["专项整治重点排污行业", "持续整治矿山采选行业"]
    measure = by_title["专项整治重点排污行业"]
    assert [a.surface for a in measure.leads] == ["区环境与国土资源局"]
    assert [a.surface for a in measure.cooperates][:2] == ["区经济发展局", "社会事业局"]
    assert "社会事业局" not in [a.surface for a in by_title["持续整治矿山采选行业"].cooperates]
    assert measure.section.endswith("1．狠抓重点排污行业整治取缔“十小”企业")
    # 岚市监综 八大工程: （一）围绕…工程，加强作风建设坚持党的领导，…（牵头部门：机关党委…）深化整合融合，提升整体
    # 工作效能。…（牵头部门：办公室…）: its measures open with sentences, not headlines: the item is the task
    item = tasks_of("p0044.txt")[0]
    assert item.label == "（一）" and [a.surface for a in item.leads] == ["机关党委", "办公室"]
    assert [t.title for t in item.subtasks][1:] == ["深化整合融合，提升整体工作效能"]


def test_sub_items_that_each_close_with_their_clause_keep_the_last_one():
    # 闽岚综实管综〔2014〕103号 3.危险化学品。（1）…（牵头单位：区安监局…）。（2）…（牵头单位：区公安局…）。
    # （3）…（牵头单位：区交通与建设局…）。: the last clause is （3）'s, not the item's
    tasks = [t for t in tasks_of("p0042.txt") if t.label == "（3）"]
    assert [a.surface for a in tasks[0].leads] == ["区交通与建设局"]
    assert tasks[0].title == "无证运输危化品的；危化品运输车辆违法挂靠、外包的"


def test_framing_beside_a_heading_does_not_make_its_items_steps_of_one_measure():
    # 岚综管办〔2017〕163号: 一、总体要求… beside 三、… （四）（五）（六）…, no clause under them: each item is a measure
    labels = [t.label for t in tasks_of("p0038.txt")]
    assert {"（五）", "（六）", "（十六）"} <= set(labels)


def test_a_run_on_outline_that_skips_numbers_is_cut_at_each_item():
    # 岚综管办〔2015〕70号: the page goes （三） → （六） (its （四）（五） left out), then （七）…（十三）
    labels = [t.label for t in tasks_of("p0033.txt")]
    assert ["（一）", "（二）", "（三）"] == [label for label in labels if label in ("（一）", "（二）", "（三）")]
    assert ["（七）", "（八）", "（九）", "（十）", "（十一）", "（十二）", "（十三）"] == [
        label for label in labels if label.startswith("（") and label not in ("（一）", "（二）", "（三）")]
    assert ["1", "2", "3", "4", "5"] == [label for label in labels if label.isdigit()]  # under （六）, and not 五、成果考核's


def test_a_duty_list_reads_who_does_what_sentence_by_sentence():
    # 责任分工：区规划局负责开展规划编制工作，所在乡镇人民政府组织实施,区直有关责任部门配合,区交通与建设局业务检查指导…
    tasks = {t.label: t for t in tasks_of("p0033.txt")}
    first = tasks["（一）"]
    assert [a.surface for a in first.leads] == ["区规划局"]
    assert [a.surface for a in first.cooperates] == ["所在乡镇人民政府", "区直有关责任部门"]
    # …，嘉源公司作为业主单位，潭城镇人民政府全力配合: a sentence without a role word names no one
    assert [a.surface for a in tasks["（二）"].cooperates] == ["澳前片区开发管理局", "潭城镇人民政府"]
    # 金井、澳前片区开发管理局组织实施: the bare 金井 shares its neighbour's 片区开发管理局
    assert [a.surface for a in tasks["（三）"].cooperates] == ["金井片区开发管理局", "澳前片区开发管理局"]
    # 按照城市片林规划要求，区森林园林局负责组织实施，区直有关责任部门配合，区交通与建设局检查指导
    assert [a.surface for a in tasks["（十三）"].leads] == ["区森林园林局"]


def test_a_flattened_table_with_a_task_name_column_and_a_time_column_gives_each_row_once():
    # 宝府办〔2019〕26号 附件1: 序号 / 任务名称 / 任务内容 / 牵头部门 / 配合部门 / 时间节点, a cell a line; the
    # 任务名称 cell is merged over several rows and 2019年5月 closes a row (it opens no row of its own)
    tasks = tasks_of("p0050.txt")
    assert [t.label for t in tasks] == [str(n) for n in range(1, 40)]
    first, eighth = tasks[0], tasks[7]
    assert "召开全区生活垃圾分类工作动员大会" in first.title
    assert [a.name for a in first.leads] == ["宝山区政府办公室"]  # 区 of a 宝山区 document, not 上海市各区
    assert (eighth.deadline, [a.surface for a in eighth.leads]) == ("2019年5月", ["区绿化市容局"])


def test_a_list_of_duties_by_body_gives_each_body_s_duties_as_a_task():
    # 闵古办〔2022〕20号 二、职责分工 1.街道消委办。牵头开展独居老人消防安全关爱工作，… 2.派出所。配合开展…
    tasks = tasks_of("p0051.txt")
    duties = [t for t in tasks if t.label in "1234567"]
    assert [a.surface for t in duties for a in t.leads] == [
        "街道消委办", "派出所", "服务办", "建管中心", "管理办", "城运中心", "居委会"]
    assert duties[0].title.startswith("牵头开展独居老人消防安全关爱工作")
    # 沪松府〔2017〕143号 四、职责分工 （一）区交通委 ⏎ 1．制定有关具体操作流程… （二）区公安分局 ⏎ 调研…
    by_label = {t.label: t for t in tasks_of("p0052.txt") if t.section.startswith("四、")}
    assert [a.surface for a in by_label["（一）"].leads] == ["区交通委"]
    assert by_label["（一）"].title.startswith("制定有关具体操作流程")
    assert [a.surface for a in by_label["（九）"].leads] == ["相关街镇"]


def test_an_order_cited_by_the_issuer_s_code_is_a_reference_with_its_number():
    # 沪松府〔2017〕143号: 根据《上海市停车场（库）管理办法》（沪府令第85号）、市交通委等七部门《…》（沪交财〔2016〕1059号）
    (doc,) = [d for d in parse_file(REAL / "p0052.txt").documents if d.tasks]
    cited = {r.number: r for r in doc.implements}
    assert {"沪府令第85号", "沪交财〔2016〕1059号"} <= set(cited)
    assert (cited["沪府令第85号"].issuer, cited["沪府令第85号"].level) == ("上海市人民政府", "provincial")


def test_a_page_that_prints_its_text_twice_gives_each_task_once():
    # 三明 2024 工业生产 措施: the page prints the notice under 图片解读 and again under 文字解读
    labels = [t.label for t in tasks_of("p0057.txt")]
    assert labels == ["一、", "二、", "（一）", "（二）", "四、", "五、", "六、", "七、", "八、"]


def test_a_page_that_prints_each_span_on_a_line_keeps_its_dates_and_figures():
    # 莆政办〔2017〕182号: 莆田市人民政府办公室 / 2017 / 年12 / 月8 / 日, and （闽政办〔 / 2017 / 〕 / 46 / 号）;
    # 2017 and 个百分点扣, printed again and again, are no running header
    (doc,) = [d for d in parse_file(REAL / "p0054.txt").documents if d.tasks]
    assert doc.date == "2017-12-08"
    assert {"闽政办〔2017〕46号", "闽商务市场〔2017〕55号"} <= {r.number for r in doc.implements}
    first = doc.tasks[0]
    assert "每降低1个百分点扣1分" in first.text
    # 9.…（责任单位： / 市 / 商务 / 局 / ，配合单位： / 各县区、管委会、 / 市农业局）: one clause while its bracket is open
    ninth = next(t for t in doc.tasks if t.label == "9")
    assert [a.surface for a in ninth.leads] == ["市商务局"]


def test_a_standing_clause_in_a_sub_item_or_in_the_clause_s_brackets_reaches_every_later_task():
    # 三明 2024 四领一促: 1.… （1）…（3）…〔责任单位：…。以下均需各县（市、区）党委和人民政府落实，不再列出〕
    tasks = tasks_of("p0056.txt")
    (counties,) = [a.name for a in tasks[0].cooperates if "党委" in a.name]
    assert all(counties in {a.name for a in t.cooperates} for t in tasks[1:])
    # 10. 实施海峡两岸乡村融合行动 （1）…（3）…推进泰宁县、尤溪县联合镇…创建工作: places, not a row's cells
    assert tasks[-1].label == "10" and [a.surface for a in tasks[-1].leads] == ["市委台港澳办"]
    # 责任单位：市工信局、财政局，国网三明供电公司，各县（市、区）人民政府〔以下措施均需各县（市、区）负责，不再逐一列出〕
    first, *later = tasks_of("p0057.txt")
    assert "各县（市、区）人民政府" in {a.surface for a in first.cooperates}
    assert all("各县（市、区）" in {a.surface for a in t.cooperates} for t in later)


def test_a_json_file_of_crawled_pages_gives_each_page_s_document():
    # 广安's pages as a RAG dataset keeps them: {"Documents": [{"metadata": {"title": …}, "content": "…"}, …]}
    titles = [d.title for d in parse_file(REAL / "p0060.json").documents]
    assert titles == ["广安市人民政府办公室关于印发广安市中心城区征收集体土地房屋拆迁基本住房货币安置补偿办法的通知",
                      "广安市人民政府办公室关于印发广安市建立健全现代医院管理制度实施方案的通知",
                      "广安市人民政府办公室关于印发《广安市促进返乡下乡创业实施方案》的通知"]
    hospital = parse_file(REAL / "p0060.json").documents[1]
    first = next(t for t in hospital.tasks if t.label == "1")  # 1.发挥公立医院党组织领导作用。…（责任单位：市卫生健康委、…）
    assert first.title == "发挥公立医院党组织领导作用" and [a.surface for a in first.leads] == ["市卫生健康委"]


def test_a_task_table_run_into_one_line_gives_its_rows_and_their_marked_leads():
    # 广安 养老服务业 实施意见, 附件 重点任务分工: …序号工  作  任  务负 责 单 位时间进度备注一、主要任务部分1各地在…
    # 市住房城乡规划建设局（牵头）、市国土资源局…园区管委会2014年4季度出台具体措施2老城区…
    (doc,) = [d for d in parse_file(REAL / "p0061.json").documents if "养老服务业" in d.title]
    rows = [t for t in doc.tasks if t.label.isdigit()]
    assert [t.label for t in rows] == [str(n) for n in range(1, len(rows) + 1)] and len(rows) >= 40
    second = rows[1]
    assert second.title.startswith("老城区和已建成居住（小）区无养老服务设施")
    assert [a.surface for a in second.leads] == ["市住房城乡规划建设局"]
    assert [a.surface for a in second.cooperates] == ["市民政局", "市老龄办", "各区市县人民政府", "园区管委会"]


def test_items_that_open_with_their_body_under_a_duty_heading_are_tasks():
    # 广安 订单定向医学生: 五、责任分工 （一）市级相关部门。 1.市卫生计生委负责统筹… 4.市财政局负责项目经费保障与监督。
    # （三）区市县相关部门。 1.区市县卫生计生部门为本区域内项目实施的牵头单位，负责…
    (doc,) = [d for d in parse_file(REAL / "p0062.json").documents if "订单定向" in d.title]
    leads = {t.title: [a.surface for a in t.leads] for t in doc.tasks}
    assert leads["市财政局负责项目经费保障与监督"] == ["市财政局"]
    assert leads["区市县财政部门负责项目经费保障与监督"] == ["区市县财政部门"]
    first = next(t for t in doc.tasks if t.title.startswith("区市县卫生计生部门为本区域内项目实施的牵头单位"))
    assert [a.surface for a in first.leads] == ["区市县卫生计生部门"]


def test_a_regulation_run_into_one_line_gives_its_articles():
    # 广安市爱国卫生管理实施细则, one line: …制定本实施细则。第二条广安市行政区域内…第二章职责与任务第六条县级以上…
    (doc,) = [d for d in parse_file(REAL / "p0061.json").documents if "爱国卫生" in d.title]
    labels = [t.label for t in doc.tasks]
    assert {"第六条", "第七条", "第十五条", "第二十六条"} <= set(labels)
    sixth = doc.tasks[labels.index("第六条")]
    assert sixth.title.startswith("县级以上人民政府爱国卫生运动委员会") and "第七条" not in sixth.text


def test_items_a_later_task_table_restates_with_its_leads_are_listed_once():
    # 广安 养老服务业 实施意见: （二）落实养老服务医疗政策。…加快推进面向养老机构的远程医疗服务试点… names no one;
    # 附件 重点任务分工 18、加快推进面向养老机构的远程医疗服务试点 市卫生局（牵头）…: the row is the task
    (doc,) = [d for d in parse_file(REAL / "p0061.json").documents if "养老服务业" in d.title]
    titles = [t.title for t in doc.tasks]
    assert "落实养老服务医疗政策" not in titles and "落实养老服务融资政策" not in titles
    row = next(t for t in doc.tasks if t.title == "加快推进面向养老机构的远程医疗服务试点")
    assert [a.surface for a in row.leads] == ["市卫生局"]


def test_an_attachment_numbered_on_a_line_of_its_own_is_a_file_not_a_task():
    # 莆政办〔2016〕123号: 附件： / 1. / 莆田市…任务分解表 / 2. 福建省…的通知, then the 分解表 itself
    (doc,) = parse_file(REAL / "p0055.txt").documents
    titles = [t.title for t in doc.tasks]
    assert not any("分解表" in t or t.startswith("福建省人民政府办公厅") for t in titles)
    assert "提高放权的含金量" in titles and len(doc.tasks) == 12
    # 根据《 / 省政府 / 办公厅关于…的通知》（ / 闽政办 / 函〔2016〕 / 53 / 号）要求: a span a line, one sentence
    assert [r.number for r in doc.implements] == ["闽政办函〔2016〕53号"]
    # 督查事项 / 省责任单位 / 市责任单位, a cell a line: the city assigns in its own column
    # (省编办（审改办）、发改委分别牵头，… / 市编办（审改办）、发改委分别牵头，市直相关单位，各县（区）政府（管委会）)
    first = doc.tasks[0]
    assert [a.surface for a in first.leads] == ["市编办（审改办）", "发改委"]
    assert "市直相关单位" in [a.surface for a in first.cooperates]
    assert not any(a.name.startswith("福建省") for t in doc.tasks for a in t.leads + t.cooperates)


def test_under_a_duties_heading_items_that_open_with_a_body_are_its_tasks():
    # 平潭 近视防控: 五、职责分工 （一）区党群工作部按照国家、省部署落实… （五）区社会事业局 / 1.… （七）学校 / 1.…
    (doc,) = [d for d in parse_file(REAL / "p0015.txt").documents if d.tasks]
    leads = {t.title[:9]: [a.surface for a in t.leads] for t in doc.tasks}
    assert leads["区党群工作部按照国"] == ["区党群工作部"]
    assert leads["区宣传与影视发展部"] == ["区宣传与影视发展部"]
    assert leads["区市场监督管理局严"] == ["区市场监督管理局"]
    assert leads["加强视力健康管理"] == ["学校"]


def test_a_front_matter_in_english_keys_gives_the_page_s_labels():
    # ---\nid: P_2024_CQ_86\naliases:\n- P_2024_CQ_86\ntitle: …\nofficial_number: 渝经信发〔2024〕86号\nissuer:\n- …\n---
    text, _ = read_text(REAL / "p0066.txt")
    assert text.splitlines()[:2] == ["标题: 重庆市新能源汽车与电网融合互动工作方案", "文号: 渝经信发〔2024〕86号"]
    assert "P_2024_CQ_86" not in text and "provenance" not in text
    # a front matter in Chinese keys (上海's extracts: 标题: … 文号: …) is the page's box already: left as it is
    shanghai = (REAL / "c0230.txt").read_text("utf-8")
    assert read_text(REAL / "c0230.txt")[0] == shanghai
    # a page kept as a JSON record whose title is its "name" ({"data": [{"name": …, "content": …}]})
    (shaanxi,) = parse_file(REAL / "p0065.json").documents
    assert shaanxi.title == "陕西省人民政府办公厅关于印发优化提升营商环境五大专项行动方案的通知"


def test_a_page_headed_by_its_plan_takes_the_title_of_the_notice_that_issues_it():
    # 标题: 重庆市新能源…工作方案 … 关于印发《重庆市新能源…工作方案》的通知 (its navigation between);
    # 苏州: … 市政府关于印发苏州市推动…实施方案的通知 (the plan's name without 《》)
    (cq,) = parse_file(REAL / "p0066.txt").documents
    assert cq.title == "关于印发《重庆市新能源汽车与电网融合互动工作方案》的通知"
    (sz,) = parse_file(REAL / "p0067.txt").documents
    assert sz.title == "市政府关于印发苏州市推动大规模设备更新和消费品以旧换新实施方案的通知"


def test_a_number_named_only_by_the_attached_copy_and_a_standing_clause_that_sets_to_work():
    # 广安 2022: …有效期4年。相关附件：广安府办规〔2022〕8号关于印发…的通知.pdf(/gasrmzfw/…) (no 文号 elsewhere);
    # 〔责任单位：…。以下均需各县（市、区）人民政府，广安经开区、川渝高竹新区管委会组织实施，不再列出〕
    docs = parse_file(REAL / "p0064.json").documents
    assert [d.number for d in docs] == ["广安府办规〔2022〕8号", "广安府办规〔2022〕6号", "广安府办规〔2022〕7号"]
    later = [t for t in docs[0].tasks if t.leads][1:]
    assert later and all("广安市川渝高竹新区管委会" in {a.name for a in t.cooperates} for t in later)


def test_an_item_that_only_heads_its_measures_gives_each_measure_as_a_task():
    # 广安 基础教育: （三）坚持“五育”并举，全面深化素质教育。坚持立德树人。…（责任单位：市教育体育局，市委宣传部、
    # 市文化广电旅游局、团市委。逗号前为牵头单位，下同）提升智育水平。…（责任单位：…）: bold headlines, run together
    (doc,) = [d for d in parse_file(REAL / "p0063.json").documents if "基础教育" in d.title]
    by_title = {t.title: t for t in doc.tasks}
    assert {"坚持立德树人", "提升智育水平", "重视身心健康"} <= set(by_title)
    first = by_title["坚持立德树人"]
    assert [a.surface for a in first.leads] == ["市教育体育局"]
    assert [a.surface for a in first.cooperates] == ["市委宣传部", "市文化广电旅游局", "团市委"]
    assert first.section == "二、重点任务 / （三）坚持“五育”并举，全面深化素质教育"
    # 平潭 安全生产: （十六）…一是…（…负责）二是强化民用爆炸物品安全监管。（…负责）: counted parts, one task
    (safety,) = [d for d in parse_file(REAL / "p0041.txt").documents if d.tasks]
    assert "（十六）" in [t.label for t in safety.tasks]


def test_a_division_whose_name_holds_a_role_word_and_a_code_of_its_market_regulator():
    # 苏市监〔2022〕1号 (江苏's market regulator, named nowhere but in its 代字): （登记注册指导处、行政审批处、
    # 价格监督检查与反不正当竞争处、法规处…等按职责分工负责）: 监督 there is part of a division's name
    (doc,) = parse_file(REAL / "p0071.txt").documents
    assert doc.issuer == "江苏省市场监督管理局" and doc.level == "provincial"
    third = next(t for t in doc.tasks if t.label == "3")
    assert [a.surface for a in third.leads] == ["登记注册指导处"]
    assert "价格监督检查与反不正当竞争处" in [a.surface for a in third.cooperates]


def test_a_zone_named_alone_before_a_shared_management_committee_is_that_committee():
    # 陕西: 各设区市政府、韩城市政府、杨凌示范区、西咸新区管委会: 杨凌示范区管委会, also known as printed
    (doc,) = parse_file(REAL / "p0065.json").documents
    zone = next(a for t in doc.tasks for a in t.leads + t.cooperates if a.name.endswith("杨凌示范区管委会"))
    assert "杨凌示范区" in zone.aliases


def test_an_annex_whose_numbered_items_name_their_leads_is_read_as_the_task_list():
    # 包头 考评办法 (a 北大法宝 export): 附件：/ 包头市数字政府建设考评指标 / 一、… （一）… 1．…（5月底完成，牵头考核单位：市审批服务局）
    (doc,) = parse_file(REAL / "p0073.txt").documents
    rows = [t for t in doc.tasks if t.label.isdigit()]
    assert [t.label for t in rows] == [str(n) for n in range(1, 91)]
    assert [a.surface for a in rows[9].leads] == ["市审批服务局"]  # 10．推动“鹿城之窗"自助终端…
    assert [a.surface for a in rows[2].leads] == ["市政府办公室", "市公安局"]


def test_a_body_s_lead_units_named_before_their_role_word_are_one_name():
    # 安徽 RCEP 实施意见: （省商务厅牵头，省十大新兴产业推进组工作专班牵头单位按职责分工负责）
    (doc,) = parse_file(REAL / "p0074.txt").documents
    by_label = {t.label: t for t in doc.tasks}
    assert [a.surface for a in by_label["10"].leads] == ["省商务厅"]
    assert [a.surface for a in by_label["10"].cooperates] == ["省十大新兴产业推进组工作专班牵头单位"]
    assert [a.surface for a in by_label["15"].leads] == ["省十大新兴产业推进组工作专班牵头单位"]


def test_a_markdown_heading_stays_a_line_and_a_notice_may_quote_its_plan_without_its_de():
    # 吉林 充换电 实施方案 (a Markdown extract): **来源**: URL / ## 政策原文 / 吉林省人民政府办公厅 /
    # 关于印发吉林省进一步构建高质量 / 充换电基础设施体系实施方案的通知, under the plan's title …体系的实施方案
    (doc,) = parse_file(REAL / "p0070.txt").documents
    assert doc.title == "关于印发吉林省进一步构建高质量充换电基础设施体系实施方案的通知"


def test_items_numbered_with_a_small_full_stop_are_items():
    # 安徽 工业互联网 行动计划 (a 北大法宝 export): 1﹒推进工业互联网外网建设。… 2﹒推进企业内网改造升级。…
    (doc,) = parse_file(REAL / "p0077.txt").documents
    numbered = [t.label for t in doc.tasks if t.label.isdigit()]
    assert numbered == [str(n) for n in range(1, 25)]


def test_headlined_paragraphs_under_a_heading_line_are_each_a_task():
    # 安徽 支持工业互联网发展若干政策: 一、支持工业互联网平台建设 / 培育各类工业互联网平台。…（责任单位：…）
    # / 推动企业上云上平台。…（责任单位：…）: the second paragraph had been left out as text after the item
    (doc,) = parse_file(REAL / "p0077.txt").documents
    titles = [t.title for t in doc.tasks]
    assert "培育各类工业互联网平台" in titles and "推动企业上云上平台" in titles
    assert "支持工业互联网平台建设" not in titles


def test_a_working_group_s_member_units_are_a_body():
    # （责任单位：省推进工业互联网创新发展专项工作组成员单位，各市人民政府）: 组成员 is no 组成 (compose)
    task = the_task("p0077.txt", title="加强工作组织协调")
    assert [a.surface for a in task.leads] == ["省推进工业互联网创新发展专项工作组成员单位"]


def test_an_item_with_no_clause_is_led_by_the_bodies_that_work_together_with_others():
    # 科研诚信 意见（十四）: 科技部、中国社科院要会同教育部、国家卫生健康委、中国科学院、中国科协等部门和单位…研究制定…
    # 北京 数据专区 指导意见 四（二）: 北京市经济和信息化局会同专区监管部门、数据提供部门和运营单位建立…
    rules = the_task("p0072.txt", label="（十四）")
    assert [a.surface for a in rules.leads] == ["科技部", "中国社科院"]
    assert [a.surface for a in rules.cooperates] == ["教育部", "国家卫生健康委", "中国科学院", "中国科协"]
    feedback = the_task("p0076.txt", title="建立数据质量反馈机制")
    assert [a.surface for a in feedback.leads] == ["北京市经济和信息化局"]
    assert [a.surface for a in feedback.cooperates] == ["专区监管部门", "数据提供部门", "运营单位"]


def test_an_autonomous_prefecture_s_bodies_are_its_own_and_an_authorised_body_leads():
    # 阿坝州 政务数据资源管理暂行办法 第六条: 州人民政府授权州数据资源主管部门负责统筹全州政务数据资源管理工作…
    article = the_task("p0075.txt", label="第六条")
    assert [(a.name, a.surface) for a in article.leads] == [("阿坝藏族羌族自治州数据资源主管部门", "州数据资源主管部门")]


def test_a_jekyll_front_matter_gives_the_title_the_issuer_and_a_number_field_of_another_name():
    # ---\nlayout: \tegov\ntitle: \t"山东省数字政府建设实施方案"\nsubtitle: \t"鲁政字〔2023〕15号"\n…author: \t"山东省人民政府"
    (doc,) = parse_file(REAL / "p0078.txt").documents
    assert (doc.number, doc.title) == ("鲁政字〔2023〕15号", "山东省数字政府建设实施方案")
    assert [i.name for i in doc.issuers] == ["山东省人民政府"]


def test_markdown_heading_marks_are_no_part_of_an_item():
    # ## 三、全面建设开放共享的数据资源体系 / ### （一）健全数据管理机制。 / 进一步健全…（牵头单位：省大数据局…）
    item = the_task("p0078.txt", title="健全数据管理机制")
    assert item.label == "（一）" and [a.surface for a in item.leads] == ["省大数据局"]


def test_a_numbered_item_with_its_headline_keeps_the_paragraphs_that_spell_it_out():
    # 3. 统筹建设“三大一体化平台”。建设一体化应用支撑平台。…（…） / 建设一体化公共数据平台。…（…） / 建设一体化运维监管平台。…
    item = the_task("p0079.txt", label="3", title="统筹建设“三大一体化平台”")
    assert len(item.subtasks) == 3 and [a.surface for a in item.leads] == ["省数字办"]


def test_a_plan_s_title_may_end_with_its_years_and_a_number_field_in_brackets_is_its_number():
    # 山西: title: "山西省数字政府建设规划（2023-2025年）", source: "https://…" (an address, no publisher);
    # 江苏: subtitle: "（苏政办发〔2021〕61号）"
    (shanxi,) = parse_file(REAL / "p0081.txt").documents
    assert shanxi.title == "山西省数字政府建设规划（2023-2025年）"
    assert [i.name for i in shanxi.issuers] == ["山西省人民政府办公厅"]
    (jiangsu,) = parse_file(REAL / "p0080.txt").documents
    assert jiangsu.number == "苏政办发〔2021〕61号"


def test_headlined_paragraphs_under_a_numbered_heading_line_are_each_a_task():
    # 江苏: #### 1．提升政务服务便捷化水平。 / 推行一件事通办。…（责任单位：…） / 强化跨省通办。…（责任单位：…）
    (doc,) = parse_file(REAL / "p0080.txt").documents
    titles = [t.title for t in doc.tasks]
    assert {"推行一件事通办", "强化跨省通办", "推动长三角区域“一网通办”"} <= set(titles)


def test_a_box_set_as_code_in_markdown_gives_its_projects_one_opening_with_a_digit_too():
    # 山西: ``` / 专栏4　政务服务优化升级工程 / 一体化在线政务服务平台优化升级。…（…） / 12345热线系统优化升级。…（省审批服务管理局牵头，…） / ```
    hotline = the_task("p0081.txt", title="12345热线系统优化升级")
    assert [a.surface for a in hotline.leads] == ["省审批服务管理局"]
    assert not any("```" in t.title or "```" in t.text for t in tasks_of("p0081.txt"))


def test_a_box_s_title_line_is_not_run_into_its_first_project():
    # 山西: 专栏6　智慧民生服务优化升级工程 / 教育领域数字化建设。…（省教育厅牵头，…）: the title had been glued to
    # the project, which then opened with no headline and was left out
    education = the_task("p0081.txt", title="教育领域数字化建设")
    assert [a.surface for a in education.leads] == ["省教育厅"]


def test_a_committee_s_organs_are_a_body():
    # 山东 数字政府 实施方案 二（六）1: （责任单位：省纪委监委机关、省委办公厅、…）: the first-named leads
    task = the_task("p0078.txt", title="推进机关决策科学化")
    assert [a.surface for a in task.leads] == ["省纪委监委机关"]


def test_a_front_matter_address_is_the_page_s_address_not_its_publisher():
    # 山西: source: "https://www.shanxi.gov.cn/…": 原文链接, whatever the key is called (source is a publisher elsewhere)
    from policykg.loaders.front_matter import as_labels

    labels = as_labels((REAL / "p0081.txt").read_text(encoding="utf-8")).split("\n")[:6]
    assert "原文链接: https://www.shanxi.gov.cn/zfxxgk/zfxxgkzl/fdzdgknr/lzyj/szfbgtwj/202401/t20240111_9481487.shtml" in labels
    assert not any(line.startswith("发布机构: http") for line in labels)


def test_a_crawler_s_record_is_read_whatever_the_spelling_of_its_field_names():
    # 教育部: a JSON record with fullText, documentNo, publishedAt (camelCase): its text, number and title;
    # the title broken over three lines of the text is the record's whole title
    (doc,) = parse_file(REAL / "p0082.json").documents
    assert doc.number == "教思政厅函〔2018〕2号"
    assert doc.title == "教育部办公厅关于印发《贯彻落实〈高校思想政治工作质量提升工程实施纲要〉部内分工方案》的通知"
    assert len(doc.tasks) == 67


def test_a_ministry_s_own_division_of_work_names_its_departments_by_司局():
    # 部内分工方案: 牵头司局：社科司、教材局 / 参加司局：职成司、…: a ministry's 司 are departments
    task = the_task("p0082.json", label="1")
    assert [a.surface for a in task.leads] == ["社科司", "教材局"]
    assert [a.surface for a in task.cooperates][:2] == ["职成司", "高教司"]
    assert {a.kind for a in task.leads + task.cooperates} == {"department"}
    assert [a.surface for a in the_task("p0082.json", label="46").cooperates][0] == "资助中心"  # 参加单位


def test_a_lone_item_keeps_its_clause_where_the_items_beside_print_theirs():
    # （十一）强化改革驱动 holds one item, 55.推动“三全育人”综合改革… 牵头司局：思政司 参加司局：综改司
    task = the_task("p0082.json", label="55")
    assert [a.surface for a in task.leads] == ["思政司"]
    assert [a.surface for a in task.cooperates] == ["综改司"]
    assert "（十一）" not in {t.label for t in tasks_of("p0082.json")}


def test_a_headline_with_an_introduction_over_headlined_items_is_a_section():
    # 川教〔2018〕64号 四、（三）建立长效机制。各地各有关部门要加强制度建设…。 over 1.建立健全…协调机制。 2.完善培训机制。…
    titles = [t.title for t in tasks_of("p0083.json")]
    assert "完善培训机制" in titles and "健全依法治理机制" in titles
    assert "建立长效机制" not in titles
    assert "明确学生欺凌的界定" not in titles  # 一、明确学生欺凌的界定: what the plan means by it, no work


def test_the_ministry_s_party_group_is_read_from_its_code():
    from policykg.loaders.regions import issuer_from_code

    (doc,) = parse_file(REAL / "p0082.json").documents
    assert [r.number for r in doc.implements] == ["教党〔2017〕62号"]
    assert issuer_from_code("教党").name == "中共教育部党组"
    assert issuer_from_code("教思政厅函").name == "教育部办公厅"


def test_a_national_plan_s_duties_of_each_kind_of_body_are_tasks_it_leads():
    # 教督〔2017〕10号 四、职责分工 （五）公安机关负责依法办理…, （九）共青团组织负责…: no place before the body
    led = {t.label: [a.surface for a in t.leads] for t in tasks_of("p0084.json") if t.label.startswith("（")}
    assert led["（一）"] == ["教育行政部门"]
    assert led["（五）"] == ["公安机关"]
    assert led["（九）"] == ["共青团组织"]
    assert led["（十二）"] == ["学校"]


def test_an_item_that_opens_with_an_adverb_of_care_is_work_in_a_rules_document():
    # 川教函〔2019〕511号 carries a 实施办法 (read as rules); its notice's 三、精心谋划部署，做好相关保障工作 is work
    assert "精心谋划部署，做好相关保障工作" in [t.title for t in tasks_of("p0086.json")]


def test_the_youth_league_s_centre_is_a_body_among_the_signatories():
    # 教督〔2017〕10号 is signed on lines of names set apart by spaces: 共青团中央 全国妇联 中国残联
    (doc,) = parse_file(REAL / "p0084.json").documents
    assert doc.issuer.endswith("人力资源和社会保障部、共青团中央、全国妇联、中国残联")


def test_headings_whose_items_repeat_the_same_labels_are_the_measures():
    # 教育部 证照分离 (p0090): each 审批 item under 三 and 四 lists 1.改革方式：… 2.具体改革举措：…
    # 3.加强事中事后监管措施：…, the fields of one form; the heading is the measure, never its third field
    titles = [t.title for t in tasks_of("p0090.json")]
    assert "实施专科教育的高等学校和其他高等教育机构的设立、分立、合并、变更和终止审批" in titles
    assert "实施自学考试助学的民办学校设立、变更和终止审批" in titles
    assert not [t for t in titles if t.startswith("加强事中事后监管措施")]


def test_joint_issuers_glued_in_a_cited_title_are_each_named():
    # 根据《北京市商务局北京市财政局关于印发〈…〉的通知》（京商财务字〔2022〕16号） (c0119)
    refs = cited_in("c0119.html")
    assert refs["京商财务字〔2022〕16号"].issuer == "北京市商务局、北京市财政局"
    assert refs["京发改〔2023〕1112号"].issuer == "北京市发展和改革委员会、北京市商务局"
    # 《中国人民银行国家金融监督管理总局关于…》（银发〔2023〕173号） (c0076); a bank's branch stays whole
    from policykg.loaders.agencies import split_glued_bodies

    assert cited_in("c0076.html")["银发〔2023〕173号"].issuer == "中国人民银行、国家金融监督管理总局"
    assert split_glued_bodies("中国人民银行广安市中心支行") == ["中国人民银行广安市中心支行"]


def test_a_party_committee_named_in_another_region_is_that_regions():
    # 广安 (p0063) cites 《中共四川省委办公厅四川省人民政府办公厅关于印发…》（川委厅〔2019〕55号）: the
    # province's, not 广安's
    from policykg.loaders.agencies import Context, resolve
    from policykg.loaders.regions import region

    assert cited_in("p0063.json")["川委厅〔2019〕55号"].level == "provincial"
    fujian = resolve("中共福建省委", Context(region("广安市")))
    assert (fujian.name, fujian.region, fujian.level) == ("中共福建省委", "福建省", "provincial")


def test_a_cited_issuer_in_short_form_takes_the_name_its_code_stands_for():
    # 《省政府办公厅关于积极稳妥推进户籍管理制度改革的通知》（苏政办发〔2012〕54号） in 常州 (c0140);
    # 宁政办发 in 南京 (c0016) is 南京's, not 宁夏's
    assert cited_in("c0140.html")["苏政办发〔2012〕54号"].issuer == "江苏省人民政府办公厅"
    assert cited_in("c0016.html")["宁政办发〔2017〕56号"].issuer == "南京市人民政府办公厅"


def test_a_department_code_names_the_body_of_its_year():
    # 川卫发〔2017〕94号 (p0062) was 四川省卫生和计划生育委员会's, 闽环保人〔2016〕5号 (p0013) 福建省环境保护厅's:
    # the 2018 reform renamed both (successions.tsv); after it the same codes name the new bodies
    from policykg.loaders.regions import issuer_from_code

    assert cited_in("p0062.json")["川卫发〔2017〕94号"].issuer == "四川省卫生和计划生育委员会"
    assert issuer_from_code("闽环保人", 2016).name == "福建省环境保护厅"
    assert issuer_from_code("闽环保", 2020).name == "福建省生态环境厅"


def test_a_long_list_of_issuers_before_a_cited_title_is_read_whole():
    # 福建省版权局、福建省互联网信息办公室、福建省通信管理局、福建省公安厅《关于…》（闽版权〔2017〕23号） (p0043):
    # 34 characters of names, the first of which a 30-character look back had cut to 权局 (平潭综合实验区权局)
    cited = cited_in("p0043.txt")["闽版权〔2017〕23号"]
    assert cited.issuer.split("、") == ["福建省版权局", "福建省互联网信息办公室", "福建省通信管理局", "福建省公安厅"]
    assert cited.level == "provincial"
