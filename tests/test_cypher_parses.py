"""Every Cypher statement policykg sends to Neo4j parses with Neo4j's own parser.

The statements go through `@neo4j-cypher/language-support` (Neo4j's parser and semantic
analysis, run by node), which needs no server and catches every statement at once, including
the generated ones no test happens to send; the same statements run on a real Neo4j 5 server and
on FalkorDB in the other tests (conftest.py's engines, test_neo4j.py).
"""
from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from policykg.graph import check, cypher
from policykg.graph.model import AgencyRef, DocumentRecord, Reference, TaskRecord, to_graph

ROOT = Path(__file__).resolve().parent.parent
LINTER = ROOT / "tests" / "js" / "lint_cypher.cjs"

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


def lint(statements: list[str]) -> dict[str, list[str]]:
    if not (ROOT / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        pytest.fail("run `npm ci` first: the Cypher parser is not installed")
    out = subprocess.run(["node", str(LINTER)], input=json.dumps(statements), cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=True)
    return {r["statement"]: r["errors"] for r in json.loads(out.stdout)}


def _rich_batch():
    agency = AgencyRef("淄博市卫生局", "市卫生局", role_text="牵头")
    doc = DocumentRecord(
        source="a.txt", number="淄政发〔2018〕1号", title="通知", issuers=[AgencyRef("淄博市人民政府", "市政府")],
        implements=[Reference(number="鲁政办发〔2018〕3号")], forwards=[Reference(number="国办发〔2018〕88号")],
        tasks=[TaskRecord("（一）", "任务", "全文", leads=[agency], cooperates=[AgencyRef("淄博市财政局", "市财政局")],
                          implements=[Reference(number="国发〔2017〕1号")], subtasks=[TaskRecord("1", "子", "子")])])
    batch = to_graph(doc)
    batch.nodes.append({"id": "doc:淄政发〔2018〕1号x", "labels": ["Directive", "Document"],
                        "properties": {"id": "doc:淄政发〔2018〕1号x", "source": ["a.txt"]}})
    return batch


def neo4j_statements() -> list[str]:
    texts = {st.text for st in cypher.write_statements(_rich_batch())}
    for label in cypher.LABELS:
        texts.add(cypher.merge_nodes(label))
    for a, b in itertools.permutations(cypher.LABELS, 2):
        texts.add(cypher.add_label(a, b))
    for rtype, start, end in itertools.product(cypher.RELATIONSHIP_TYPES, cypher.LABELS, cypher.LABELS):
        texts |= {cypher.merge_relationships(rtype, start, end, new) for new in (False, True)}
    texts |= {cypher.merge_citations(), cypher.DELETE_TASKS, cypher.DELETE_OUTGOING}
    texts |= set(cypher.neo4j_schema()) | set(cypher.read_statements()) | set(check.check_statements())
    # what a changed file, `remove` and the build's identity step run
    from policykg.graph import files, identity, remove

    texts |= set(cypher.FORGET_FILE) | set(cypher.FORGET_DOCUMENT) | set(cypher.REPRINT)
    # the counts kept with the graph (graph/coverage.py)
    texts |= {cypher.COVERAGE_MARK_DOCUMENT, cypher.COVERAGE_MARK_FILE, cypher.COVERAGE_STALE,
              cypher.COVERAGE_REFRESH_STALE, cypher.COVERAGE_REFRESH, cypher.AGENCY_TASKS_LESS_FILE,
              cypher.AGENCY_TASKS_LESS_DOCUMENT, cypher.AGENCY_TASKS_MORE, cypher.AGENCY_TASKS_UNCOUNTED,
              cypher.AGENCY_TASKS_COUNT_NEW, cypher.AGENCY_TASKS_COUNT}
    texts |= {identity.KNOWN_DOCUMENTS, identity.STORED_TASKS, files.LOADED_FILES, files.PRINTED_IN,
              remove.DOCUMENTS_NUMBERED}
    from policykg.queries.runner import KEY_LOOKUPS

    texts |= {text for text, _ in KEY_LOOKUPS.values()}
    return sorted(texts)


def test_the_parser_catches_errors():
    errors = lint(["MATCH (n:Task {id: $id} RETURN n", "MATCH (n:Task {id: $id}) RETURN n"])
    assert errors["MATCH (n:Task {id: $id} RETURN n"]
    assert errors["MATCH (n:Task {id: $id}) RETURN n"] == []


def test_write_schema_and_read_statements_parse():
    statements = neo4j_statements()
    assert len(statements) > 100
    bad = {s: e for s, e in lint(statements).items() if e}
    assert bad == {}


def test_saved_queries_parse():
    files = sorted((ROOT / "queries").glob("*.cypher"))
    if not files:
        pytest.skip("no saved queries yet")
    texts = {f.name: f.read_text(encoding="utf-8") for f in files}
    errors = lint(list(texts.values()))
    bad = {name: errors[text] for name, text in texts.items() if errors[text]}
    assert bad == {}
