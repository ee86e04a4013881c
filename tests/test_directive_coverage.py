"""Counts kept with the graph (issue 17): the counts `directive-coverage` reads are kept on each
directive, and the task counts `agencies-one-alias` orders by on each agency, by the writes that
change them (graph/coverage.py), and stay what walking every chain and counting every task from
scratch gives as files are built, changed, rebuilt and removed, on both engines.
"""
from __future__ import annotations

import pytest

from policykg.graph import coverage
from policykg.graph.build import build
from policykg.graph.remove import remove
from policykg.queries.runner import run_query

# The saved query as it was before the counts were kept: every chain walked to every directive.
FROM_SCRATCH = """
MATCH (dir:Directive)
OPTIONAL MATCH p = (n)-[:PART_OF|FORWARDS|IMPLEMENTS*1..10]->(dir)
WHERE (n:Document OR n:Task) AND any(r IN relationships(p) WHERE type(r) <> 'PART_OF')
OPTIONAL MATCH (n)-[:PART_OF*0..4]->(home)
WHERE home:Document
WITH dir, collect(DISTINCT home) AS docs, collect(DISTINCT CASE WHEN n:Task THEN n END) AS tasks
RETURN dir.id AS id, dir:Document AS loaded, size(docs) AS documents, size(tasks) AS tasks,
       [d IN docs | d.region] AS regions
"""

NATIONAL = """国务院办公厅关于推进分级诊疗制度建设的指导意见
国办发〔2015〕70号
各省、自治区、直辖市人民政府：
为贯彻落实《中共中央 国务院关于深化医药卫生体制改革的意见》（中发〔2009〕6号），现提出如下意见。
一、以强基层为重点完善分级诊疗服务体系。（国家卫生计生委牵头）
二、建立健全分级诊疗保障机制。（财政部牵头）
国务院办公厅
2015年9月8日
"""

PROVINCE = """山东省人民政府关于推进分级诊疗的意见
鲁政发〔2018〕7号
各市人民政府：
根据《国务院办公厅关于推进分级诊疗制度建设的指导意见》（国办发〔2015〕70号），现提出如下意见。
一、推进分级诊疗。（省卫生计生委牵头）
二、落实家庭医生签约服务。（省卫生计生委牵头，省财政厅配合）
山东省人民政府
2018年3月1日
"""

CITY = """淄博市人民政府办公室关于印发全市卫生工作要点的通知
淄政办发〔2019〕12号
各区县人民政府：
根据《山东省人民政府关于推进分级诊疗的意见》（鲁政发〔2018〕7号），现印发如下。
一、推进分级诊疗。（市卫生局牵头，市财政局配合）
二、做好就业创业工作。（市人力资源社会保障局牵头）
三、加强基层医疗卫生服务。落实《国务院办公厅关于推进分级诊疗制度建设的指导意见》（国办发〔2015〕70号）。（市卫生局牵头）
淄博市人民政府办公室
2019年3月1日
"""

COUNTY = """桓台县人民政府办公室关于转发淄博市人民政府办公室关于印发全市卫生工作要点的通知的通知
桓政办发〔2019〕3号
各镇人民政府：
现将《淄博市人民政府办公室关于印发全市卫生工作要点的通知》（淄政办发〔2019〕12号）转发给你们，请认真贯彻执行。
一、落实分级诊疗。（县卫生局牵头）
桓台县人民政府办公室
2019年4月1日
"""

OTHER_COUNTY = """高青县人民政府办公室关于落实分级诊疗的通知
高政办发〔2019〕5号
各镇人民政府：
为贯彻落实《山东省人民政府关于推进分级诊疗的意见》（鲁政发〔2018〕7号），现通知如下。
一、落实分级诊疗。（县卫生局牵头）
二、建设医联体。（县卫生局牵头）
高青县人民政府办公室
2019年5月1日
"""


def from_scratch(store) -> dict:
    return {r["id"]: (r["loaded"], r["documents"], r["tasks"], sorted(set(filter(None, r["regions"]))))
            for r in store.query(FROM_SCRATCH)}


def kept(store) -> dict:
    rows = store.query("MATCH (dir:Directive) RETURN dir.id AS id, dir:Document AS loaded, "
                       "dir.coverage_documents AS documents, dir.coverage_tasks AS tasks, "
                       "dir.coverage_regions AS regions, dir.coverage_stale AS stale")
    assert not [r["id"] for r in rows if r["stale"] is not False], "directives left uncounted"
    return {r["id"]: (r["loaded"], r["documents"], r["tasks"], [x for x in r["regions"] if x]) for r in rows}


AGENCY_TASKS = ("MATCH (a:Agency) OPTIONAL MATCH (a)-[:LEADS|COOPERATES]->(t:Task) "
                "RETURN a.id AS id, a.task_count AS kept, count(DISTINCT t) AS counted")


def agencies_counted_true(store) -> bool:
    rows = store.query(AGENCY_TASKS)
    assert rows
    return all(r["kept"] == r["counted"] for r in rows)


def test_counts_stay_true_as_files_are_built_changed_and_removed(target, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    files = {"national.txt": NATIONAL, "province.txt": PROVINCE, "city.txt": CITY, "county.txt": COUNTY}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    with target.open() as store:
        build(store, [folder], progress=False)
        first = kept(store)
        assert first == from_scratch(store)
        assert agencies_counted_true(store)
        national = first["doc:国办发〔2015〕70号"]
        # the province, the city (through it, and its task 三 directly) and the county forwarding
        # the city: 3 documents, 2 + 3 + 1 tasks
        assert national == (True, 3, 6, ["山东省", "桓台县", "淄博市"])

        # a changed file: the county now implements the province instead of forwarding the city
        (folder / "county.txt").write_text(COUNTY.replace("现将《淄博市人民政府办公室关于印发全市卫生工作要点的通知》"
                                                          "（淄政办发〔2019〕12号）转发给你们",
                                                          "根据《山东省人民政府关于推进分级诊疗的意见》"
                                                          "（鲁政发〔2018〕7号）"), encoding="utf-8")
        (folder / "other.txt").write_text(OTHER_COUNTY, encoding="utf-8")
        build(store, [folder], progress=False)
        second = kept(store)
        assert second == from_scratch(store) and second != first
        assert agencies_counted_true(store)
        assert second["doc:淄政办发〔2019〕12号"] == (True, 0, 0, [])  # forwarded by nothing now
        assert second["doc:鲁政发〔2018〕7号"][1:3] == (3, 6)

        # a document in the middle of the chain removed: it stays as a directive its readers cite
        remove(store, [str(folder / "province.txt")])
        third = kept(store)
        assert third == from_scratch(store)
        assert agencies_counted_true(store)
        assert third["doc:鲁政发〔2018〕7号"][:3] == (False, 3, 6)
        assert third["doc:国办发〔2015〕70号"][1:3] == (1, 1)  # the city's task 三 alone

        # taken out by number, the directive goes with its last reader
        remove(store, ["淄政办发〔2019〕12号", "桓政办发〔2019〕3号", "高政办发〔2019〕5号"])
        assert kept(store) == from_scratch(store)
        assert agencies_counted_true(store)
        assert "doc:鲁政发〔2018〕7号" not in kept(store)


def test_an_interrupted_build_leaves_its_directives_marked_and_the_next_build_counts_them(target, tmp_path):
    for name, text in {"province.txt": PROVINCE, "city.txt": CITY}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with target.open() as store:
        build(store, [tmp_path / "province.txt"], progress=False)
        # a write that does not count (as a build's writes) leaves the directives above it marked
        from policykg import loaders
        from policykg.graph.identity import Identities

        plan = Identities(store).plan(str(tmp_path / "city.txt"),
                                      loaders.parse_file(tmp_path / "city.txt").documents)
        for batch in plan.batches:
            batch.coverage = False
            store.write(batch)
        assert set(coverage.stale(store)) == {"doc:鲁政发〔2018〕7号", "doc:国办发〔2015〕70号"}
        build(store, [tmp_path / "province.txt"], progress=False)  # nothing changed; counts what is marked
        assert coverage.stale(store) == [] and kept(store) == from_scratch(store)
        assert agencies_counted_true(store)


@pytest.mark.parametrize("level, expected", [("", 3), ("national", 1)])
def test_the_saved_query_reads_the_kept_counts_in_order(target, tmp_path, level, expected):
    for name, text in {"province.txt": PROVINCE, "city.txt": CITY, "county.txt": COUNTY}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with target.open() as store:
        build(store, [tmp_path], progress=False)
        rows = run_query(store, "directive-coverage", {"level": level}).records()
        assert len(rows) == expected
        top = rows[0]
        assert top["directive"] == "国办发〔2015〕70号" and top["loaded"] is False
        # regions in sorted order (walking the chains gave them in the engine's order of travel)
        assert top["regions"] == sorted(top["regions"]) and top["region_count"] == len(top["regions"]) == 3
        assert (top["documents"], top["tasks"]) == (3, 6)
        assert [r["documents"] for r in rows] == sorted((r["documents"] for r in rows), reverse=True)
