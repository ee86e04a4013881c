"""Saved queries that answer a page at a time or in a stated order (issue 17), on a fresh store of
each engine (the module-scoped stores of test_queries.py hold Neo4j's scratch database)."""
from __future__ import annotations

from test_queries import COUNTY, PROVINCE, ZIBO, chain_records, run

from policykg.graph.model import to_graph
from policykg.queries.runner import run_query


def test_compare_regions_lists_documents_that_reach_one_home_in_number_order(target):
    """Two county notices forwarding the same city document: before paging, their order in the
    region's `documents` was the order the engine happened to walk them; now it is number order."""
    records = chain_records()
    second = records[-1].__class__(**{**records[-1].__dict__, "number": "桓政办发〔2013〕9号",
                                      "source": "chain/county2.txt", "date": "2013-12-30"})
    with target.open() as store:
        for record in records + [second]:
            store.write(to_graph(record))
        rows = {r["region"]: r for r in run(store, "compare-regions", number=PROVINCE)}
        assert rows["桓台县"]["documents"] == sorted([COUNTY, "桓政办发〔2013〕9号"])
        assert rows["桓台县"]["task_source"] == [ZIBO] and rows["桓台县"]["task_count"] == 4
        page = run_query(store, "compare-regions", {"number": PROVINCE, "limit": "2"})
        assert page.total == 3 and [r[0] for r in page.rows] == ["桓台县", "济南市"]  # by region
