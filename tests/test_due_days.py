"""Due days (issue 17): each task's due date (`due`, YYYY-MM-DD) is kept as a number too
(`due_day`, YYYYMMDD) under a range index, so that `tasks-due` and `agency-due-by-month` read the
tasks of a window by the index instead of testing every task's date. On both engines: the kept
number stays what the date gives as documents are written, written again and removed; a store
written before it was kept gets it at the next build (`policykg check` names its tasks until
then); and both queries answer, page by page, what their texts answered when they tested every
task's date (kept here as they were).
"""
from __future__ import annotations

import pytest

from policykg.graph.build import build
from policykg.graph.check import check
from policykg.graph.model import AgencyRef, DocumentRecord, TaskRecord, to_graph
from policykg.graph.remove import remove
from policykg.queries.runner import get_query

# The texts before the due days were kept (paged: `limit` 0 gives all): every task's date tested.
TASKS_DUE_BEFORE = """
OPTIONAL MATCH (x:Agency)
WHERE $agency <> '' AND (x.name = $agency OR $agency IN x.aliases)
OPTIONAL MATCH (x)-[:LEADS|COOPERATES]->(mt:Task)
WITH collect(DISTINCT mt) AS mine
MATCH (t:Task)
WHERE t.due < $before AND ($after = '' OR t.due >= $after OR t.recurs = 'yearly')
  AND ($agency = '' OR t IN mine)
WITH t, substring(t.due, 4) AS month_day, coalesce(toInteger(substring($before, 0, 4)), 0) AS year
WITH t,
     CASE WHEN t.recurs = 'yearly' THEN
         CASE WHEN toString(year) + month_day < $before THEN toString(year) + month_day
              ELSE toString(year - 1) + month_day END
     ELSE t.due END AS due
WHERE due < $before AND due >= t.due AND ($after = '' OR due >= $after)
MATCH (t)-[:PART_OF*1..4]->(d:Document)
WHERE $region = '' OR d.region = $region
OPTIONAL MATCH (t)-[:PART_OF]->(parent:Task)
WITH t, d, due, parent
ORDER BY due, d.number, coalesce(parent.order, t.order), parent IS NOT NULL, t.order, t.id
WITH collect([t, d, due, parent]) AS found
WITH size(found) AS total,
     CASE WHEN $limit > 0 THEN found[$skip..$skip + $limit] ELSE found[$skip..] END AS page
UNWIND page AS item
WITH total, item[0] AS t, item[1] AS d, item[2] AS due, item[3] AS parent
WITH total, t, d, due, parent,
     [(lead:Agency)-[:LEADS]->(t) | lead] AS leads,
     [(helper:Agency)-[:COOPERATES]->(t) | helper] AS cooperates
RETURN due,
       t.deadline AS deadline,
       coalesce(t.recurs, '') AS recurs,
       d.number AS document,
       d.title AS document_title,
       d.region AS region,
       CASE WHEN parent IS NULL THEN t.label ELSE parent.label + ' ' + t.label END AS task,
       t.title AS title,
       [a IN leads | a.name] AS leads,
       [a IN cooperates | a.name] AS cooperates,
       t.id AS id,
       total
ORDER BY due, document, coalesce(parent.order, t.order), parent IS NOT NULL, t.order, id
"""

AGENCY_DUE_BY_MONTH_BEFORE = """
MATCH (t:Task)
WHERE t.due < $before AND ($after = '' OR t.due >= $after OR t.recurs = 'yearly')
WITH t, substring(t.due, 4) AS month_day, coalesce(toInteger(substring(t.due, 0, 4)), 0) AS first,
     coalesce(toInteger(substring($before, 0, 4)), 0) AS last
UNWIND CASE WHEN t.recurs = 'yearly' THEN range(first, last) ELSE [first] END AS year
WITH t, toString(year) + month_day AS due
WHERE due < $before AND ($after = '' OR due >= $after)
MATCH (t)-[:PART_OF*1..4]->(d:Document)
WHERE $region = '' OR d.region = $region
MATCH (a:Agency)-[r:LEADS|COOPERATES]->(t)
WHERE $agency = '' OR a.name = $agency OR $agency IN a.aliases
WITH a.name AS agency, substring(due, 0, 7) AS month,
     sum(CASE WHEN type(r) = 'LEADS' THEN 1 ELSE 0 END) AS leads,
     sum(CASE WHEN type(r) = 'COOPERATES' THEN 1 ELSE 0 END) AS cooperates
WITH agency, month, leads, cooperates
ORDER BY agency, month
WITH collect([agency, month, leads, cooperates]) AS found
WITH size(found) AS total,
     CASE WHEN $limit > 0 THEN found[$skip..$skip + $limit] ELSE found[$skip..] END AS page
UNWIND page AS item
RETURN item[0] AS agency,
       item[1] AS month,
       item[2] AS leads,
       item[3] AS cooperates,
       item[2] + item[3] AS tasks,
       total
ORDER BY agency, month
"""


def _agency(name, role="牵头"):
    return AgencyRef(name=name, surface=name, region="淄博市", level="municipal", role_text=role,
                     evidence=f"（{name}{role}）")


def _task(order, title, lead, coop=None, deadline="", due="", recurs="", subtasks=()):
    return TaskRecord(str(order), title, title + "。", order=order, deadline=deadline, due=due, recurs=recurs,
                      leads=[_agency(lead)], cooperates=[_agency(coop, "配合")] if coop else [],
                      subtasks=list(subtasks))


def _doc(number, region, date, tasks):
    return DocumentRecord(source=f"lists/{number}.txt", number=number, title=f"{region}重点工作任务分工",
                          issuers=[AgencyRef(name=f"{region}人民政府办公室", surface="市政府办公室",
                                             region=region, level="municipal", kind="government")],
                          date=date, doc_type="通知", level="municipal", region=region, tasks=tasks)


def documents():
    return [
        _doc("淄政办发〔2018〕3号", "淄博市", "2018-02-01", [
            _task(1, "推进分级诊疗", "淄博市卫生健康委", "淄博市财政局", "2018年底前", "2018-12-31"),
            _task(2, "建设医联体", "淄博市卫生健康委", deadline="每年6月底前", due="2018-06-30", recurs="yearly"),
            _task(3, "落实家庭医生签约服务", "淄博市财政局", deadline="长期坚持", subtasks=[
                _task(1, "制定签约服务包", "淄博市卫生健康委", deadline="2019年3月底前", due="2019-03-31"),
                _task(2, "开展签约培训", "淄博市人力资源社会保障局", "淄博市卫生健康委",
                      "每年3月底前", "2019-03-31", "yearly")]),
            _task(4, "完善医保支付", "淄博市医保局", "淄博市财政局", "2020年6月底前", "2020-06-30"),
        ]),
        _doc("济政办发〔2019〕7号", "济南市", "2019-05-01", [
            _task(1, "推进分级诊疗", "济南市卫生健康委", deadline="2019年底前", due="2019-12-31"),
            _task(2, "加强基层医疗", "济南市卫生健康委", "济南市财政局", "每年12月底前", "2019-12-31", "yearly"),
            _task(3, "建设智慧医院", "济南市大数据局", deadline="2019年6月底前", due="2019-06-30"),
        ]),
    ]


def _kept_true(store) -> bool:
    rows = store.query("MATCH (t:Task) RETURN t.id AS id, t.due AS due, t.due_day AS day")
    assert rows and any(r["day"] for r in rows)
    return all(r["day"] == (int(r["due"].replace("-", "")) if r["due"] else None) for r in rows)


WINDOWS = [{"before": "2019-01-01"}, {"before": "2020-01-01", "after": "2019-01-01"},
           {"before": "2021-01-01", "after": "2019-04-01"}, {"before": "2019-07-01", "after": "2019-07-01"},
           {"before": "2022-01-01", "region": "济南市"}, {"before": "2021-01-01", "after": "2018-07-01",
                                                          "agency": "淄博市卫生健康委"},
           {"before": "2017-01-01"}]


def _same_answers(store) -> int:
    """Each window's whole answer and pages of it, against the texts that tested every task."""
    shown = 0
    for name, before in (("tasks-due", TASKS_DUE_BEFORE), ("agency-due-by-month", AGENCY_DUE_BY_MONTH_BEFORE)):
        query = get_query(name)
        for window in WINDOWS:
            params = {"after": "", "agency": "", "region": "", "limit": 0, "skip": 0, **window}
            expected = [{k: v for k, v in r.items() if k != "total"} for r in store.query(before, params)]
            whole = store.query(query.text, query.bind({**window, "limit": "0"}))
            assert [{k: v for k, v in r.items() if k != "total"} for r in whole] == expected, (name, window)
            assert all(r["total"] == len(expected) for r in whole)
            for skip, limit in ((0, 1), (1, 2), (2, 50), (len(expected) - 1, 3)):
                page = store.query(query.text, query.bind({**window, "skip": str(max(skip, 0)), "limit": str(limit)}))
                assert [{k: v for k, v in r.items() if k != "total"} for r in page] == \
                    expected[max(skip, 0):max(skip, 0) + limit], (name, window, skip, limit)
            shown += len(expected)
    return shown


def test_due_days_stay_true_and_windows_read_by_them_answer_as_before(target, tmp_path):
    docs = documents()
    with target.open() as store:
        for doc in docs:
            store.write(to_graph(doc))
        assert _kept_true(store)
        assert _same_answers(store) > 20

        # written again with other dates: the old tasks go, the new ones carry their own due days
        changed = documents()[0]
        changed.tasks[0].deadline, changed.tasks[0].due = "2019年9月底前", "2019-09-30"
        changed.tasks[1].deadline, changed.tasks[1].due, changed.tasks[1].recurs = "长期坚持", "", ""
        store.write(to_graph(changed))
        assert _kept_true(store)
        assert store.query("MATCH (t:Task {id: $id}) RETURN t.due_day AS day",
                           {"id": "task:淄政办发〔2018〕3号#2"}) == [{"day": None}]
        _same_answers(store)

        # a store written before due days were kept: the next build gives them
        assert not [p for p in check(store) if "due_day" in p]
        store.query("MATCH (t:Task) REMOVE t.due_day", read_only=False)
        assert len([p for p in check(store) if "lacks the due_day" in p]) == 7  # `policykg check` says so
        empty = tmp_path / "nothing"
        empty.mkdir()
        build(store, [str(empty)], progress=False)
        assert _kept_true(store)
        assert not [p for p in check(store) if "due_day" in p]
        _same_answers(store)

        remove(store, ["济政办发〔2019〕7号"])
        assert _kept_true(store)
        assert _same_answers(store) > 0
