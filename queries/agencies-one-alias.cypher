// name: agencies-one-alias
// description: Agencies known by a single surface form. With abbreviated_only (the default) only those whose one printed form differs from the canonical name, such as 市卫生局 resolved to 淄博市卫生局: each rests on one abbreviation, so check the resolution. A page of `limit` rows at a time (the total is stated).
// param: abbreviated_only bool = true false — only agencies whose single printed form is not their canonical name
// param: limit int = 200 100 — at most this many rows (0: all)
// param: skip int = 0 0 — rows to skip (the next page starts at skip + limit)
// The agencies are ordered and counted with their task counts, then cut to the page: only the
// page's rows are built and sent (at 10k documents the whole answer is ~16k rows). The counts
// are kept on each agency by the writes that change them (graph/coverage.py): counting the
// tasks of every agency here took most of this query's time. An agency's aliases hold its name
// and no form twice (graph/model.py, graph/cypher.py), so its other forms number size(aliases)
// less one when the name is among them: counted so, and bodies with more than two aliases passed
// over before anything is read, where building each agency's list of other forms took ~3 ms more;
// the page's agencies are collected alone and their counts read after the cut (~4 ms less).
MATCH (a:Agency)
WHERE size(a.aliases) <= 2
WITH a, size(a.aliases) - CASE WHEN a.name IN a.aliases THEN 1 ELSE 0 END AS forms
WHERE forms <= 1 AND (NOT $abbreviated_only OR forms = 1)
WITH a, forms = 1 AS abbreviated, a.task_count AS tasks
ORDER BY abbreviated DESC, tasks DESC, a.name
WITH collect(a) AS found
WITH size(found) AS total,
     CASE WHEN $limit > 0 THEN found[$skip..$skip + $limit] ELSE found[$skip..] END AS page
UNWIND page AS a
WITH total, a, a.task_count AS tasks
WITH total, a, tasks, [x IN a.aliases WHERE x <> a.name] AS forms
RETURN a.name AS agency,
       coalesce(head(forms), a.name) AS known_as,
       size(forms) = 1 AS abbreviated,
       a.region AS region,
       a.kind AS kind,
       tasks,
       total
ORDER BY abbreviated DESC, tasks DESC, agency
