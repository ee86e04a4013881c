"""Integrity checks an analyst can run on any store (`policykg check`)."""
from __future__ import annotations

from .cypher import LABELS, RELATIONSHIP_TYPES

# Each check: a read-only query whose rows are problems, and how to say one.
CHECKS = [
    ("MATCH (n) WHERE n.id IS NULL RETURN labels(n) AS labels",
     lambda r: f"node without id (labels {r['labels']})"),
    ("MATCH (n) WITH n.id AS id, count(n) AS nodes WHERE id IS NOT NULL AND nodes > 1 "
     "RETURN id, nodes ORDER BY id",
     lambda r: f"duplicate id {r['id']} ({r['nodes']} nodes)"),
    ("MATCH (n) WHERE size([l IN labels(n) WHERE NOT l IN $labels]) > 0 "
     "RETURN n.id AS id, labels(n) AS labels ORDER BY id",
     lambda r: f"unknown label on {r['id']}: {r['labels']}"),
    ("MATCH (a)-[r]->(b) WHERE NOT type(r) IN $types OR a.id IS NULL OR b.id IS NULL "
     "RETURN a.id AS start, type(r) AS type, b.id AS end ORDER BY start, type, end",
     lambda r: f"dangling or unknown relationship {r['start']} -[{r['type']}]-> {r['end']}"),
    ("MATCH (t:Task) WHERE NOT (t)-[:PART_OF*1..]->(:Document) RETURN t.id AS id ORDER BY id",
     lambda r: f"task without a document: {r['id']}"),
    ("MATCH (t:Task)-[:PART_OF]->(p) WITH t, count(p) AS parents WHERE parents > 1 "
     "RETURN t.id AS id, parents ORDER BY id",
     lambda r: f"task with {r['parents']} parents: {r['id']}"),
    ("MATCH (t:Task)-[:PART_OF*1..]->(d:Document) "
     "WITH d, collect(DISTINCT t.source[0]) AS files WHERE size(files) > 1 "
     "RETURN d.id AS id, files ORDER BY id",
     lambda r: f"document {r['id']} has tasks from different files: {', '.join(sorted(r['files']))}"),
    ("MATCH (d:Document) WHERE size(d.loaded_from) > 1 "
     "RETURN d.id AS id, d.loaded_from AS files ORDER BY id",
     lambda r: f"document {r['id']} was read from several files ({', '.join(r['files'])}): "
               f"its tasks come from one of them; check they are one document"),
    ("MATCH (a)-[r:LEADS|COOPERATES]->(t) WHERE NOT a:Agency OR NOT t:Task "
     "RETURN a.id AS start, type(r) AS type, t.id AS end ORDER BY start, type, end",
     lambda r: f"{r['type']} must run from an Agency to a Task: {r['start']} -> {r['end']}"),
    # the number tasks-due and agency-due-by-month read a window by (cypher.TASK_DUE_DAY_MISSING)
    ("MATCH (t:Task) WHERE t.due IS NOT NULL "
     "AND coalesce(t.due_day, 0) <> toInteger(replace(t.due, '-', '')) RETURN t.id AS id ORDER BY id",
     lambda r: f"{r['id']} lacks the due_day of its due date (written before due days were "
               f"kept?): the due-date queries miss it until the next build"),
]


# One 发文字号 seen with two titles: rows that may be conflicts, and titles_agree decides (a plan
# cited by its own title and the notice that issues it, a title with or without its issuer, an
# abbreviated citation are not conflicts).
CITED_TITLES = ("MATCH (s)-[r:IMPLEMENTS|FORWARDS]->(d:Document) WHERE coalesce(r.cited_title, '') <> '' "
                "AND d.number <> '' RETURN d.number AS number, d.title AS title, "
                "r.cited_title AS cited, s.id AS by, type(r) AS type, d.id AS target, "
                "coalesce(s.loaded_from, s.source) AS by_files, d.loaded_from AS files ORDER BY number, by")
NUMBER_TITLES = ("MATCH (d:Document) WHERE d.number <> '' "
                 "RETURN d.number AS number, d.title AS title, d.id AS id ORDER BY number, id")
# The conflict a citation link passes through is kept on the link (`conflict`), so that the trace
# queries show it on every row whose chain crosses it; the build and `remove` mark them again.
MARKED = ("MATCH (s)-[r:IMPLEMENTS|FORWARDS]->(d) WHERE r.conflict IS NOT NULL "
          "RETURN s.id AS by, type(r) AS type, d.id AS target, r.conflict AS conflict")
MARK = ("UNWIND $rows AS row MATCH (d:Directive {id: row.target})<-[r:IMPLEMENTS|FORWARDS]-(s) "
        "WHERE s.id = row.by AND type(r) = row.type SET r.conflict = row.conflict")


def cited_conflicts(store) -> list[dict]:
    """Citation links whose number names a loaded document of another title: rows of CITED_TITLES
    with `conflict`, the sentence a trace row shows."""
    from .identity import titles_agree

    return [{**r, "conflict": f"{r['number']} cited as 《{r['cited']}》, but the loaded {r['number']} "
                              f"is 《{r['title']}》"}
            for r in store.query(CITED_TITLES) if not titles_agree(r["cited"], r["title"])]


def mark_conflicts(store) -> list[dict]:
    """Set `conflict` on each citation link that crosses a number conflict, and clear it where the
    conflict has gone (a document removed or corrected); returns the conflicts (cited_conflicts)."""
    found = cited_conflicts(store)
    want = {(r["by"], r["type"], r["target"]): r["conflict"] for r in found}
    have = {(r["by"], r["type"], r["target"]): r["conflict"] for r in store.query(MARKED)}
    rows = [{"by": k[0], "type": k[1], "target": k[2], "conflict": want.get(k)}
            for k in sorted(set(want) | set(have)) if want.get(k) != have.get(k)]
    if rows:
        store.query(MARK, {"rows": rows}, read_only=False)
    return found


def conflict_warnings(found: list[dict], files) -> dict[str, list[str]]:
    """What a build says of the conflicts that touch the files it read, whichever came first: under
    the citing file, or, when only the loaded document's file was read, under that file. A
    citation from a task and from its document counts once."""
    files = set(files)
    out: dict[str, list[str]] = {}
    for r in found:
        by_files, loaded = r["by_files"] or [], r["files"] or []
        citing = [f for f in by_files if f in files]
        if citing:
            file = citing[0]
            text = (f"{r['number']}: cited as 《{r['cited']}》 here, but the loaded {r['number']} is "
                    f"《{r['title']}》 ({', '.join(loaded)}): one number, two titles")
        elif here := [f for f in loaded if f in files]:
            file = here[0]
            text = (f"{r['number']}: this document, 《{r['title']}》, is cited by {r['by']} "
                    f"({', '.join(by_files)}) as 《{r['cited']}》: one number, two titles")
        else:
            continue
        if text not in out.get(file, []):
            out.setdefault(file, []).append(text)
    return out


def conflicts(store) -> list[str]:
    problems = [f"number conflict {r['number']}: cited by {r['by']} as 《{r['cited']}》, "
                f"but the loaded document is 《{r['title']}》" for r in cited_conflicts(store)]
    by_number: dict[str, list[dict]] = {}
    for r in store.query(NUMBER_TITLES):
        by_number.setdefault(r["number"], []).append(r)
    for number, docs in by_number.items():
        if len(docs) > 1:
            names = "; ".join(f"{d['id']} 《{d['title']}》" for d in docs)
            problems.append(f"number conflict {number}: {len(docs)} loaded documents: {names}")
    return problems


def check(store) -> list[str]:
    """Every problem found, as one sentence each; an empty list means the graph is sound."""
    params = {"labels": list(LABELS), "types": list(RELATIONSHIP_TYPES)}
    problems = []
    for text, say in CHECKS:
        problems.extend(say(row) for row in store.query(text, params))
    return problems + conflicts(store)


def check_statements() -> list[str]:
    return [text for text, _ in CHECKS] + [CITED_TITLES, NUMBER_TITLES, MARKED, MARK, UNREAD]


UNREAD = ("MATCH (d:Document) WHERE size(coalesce(d.unread_role_phrases, [])) > 0 "
          "RETURN d.number AS number, d.title AS title, d.source AS source, d.role_phrases AS phrases, "
          "d.unread_role_phrases AS unread ORDER BY d.id")


def unread_phrases(store) -> list[str]:
    """Documents whose text assigns work in phrases that gave no lead or cooperator: where the
    reader failed (loaders/coverage.py). Not an integrity problem: the graph holds what was read."""
    return [f"{r['number'] or r['title']} ({', '.join(r['source'])}): {len(r['unread'])} of {r['phrases']} "
            "responsibility phrases gave no lead or cooperator: " + "; ".join(r["unread"])
            for r in store.query(UNREAD)]
