// name: search-tasks
// description: Tasks whose title or text contains a keyword, optionally only in one region or at one level, with their document and leading agencies.
// param: keyword string 家庭医生 — the text to look for (exact substring)
// param: region string = "" 大连市 — only documents of this region; empty for all
// param: level string = "" municipal — only documents of this level (national, provincial, municipal, county, district); empty for all
// param: limit int = 200 50 — at most this many tasks
// The first `limit` rows in document order all come from the documents of the first `limit`
// matches ordered by document number alone, so only those documents' tasks are fully ordered.
// Those documents are looked for first among the first `limit` documents in number order (a
// frequent keyword matches `limit` tasks there, and the substring test of every task in the
// store, most of this query's time, is not run); when they hold fewer matches, every task is
// tested (a cheap top-k by document number). Parents and leads are looked up for the rows only,
// with OPTIONAL MATCHes, which FalkorDB streams (a pattern comprehension runs a sub-plan per row).
MATCH (first:Document)
WHERE ($region = '' OR first.region = $region) AND ($level = '' OR first.level = $level)
WITH first ORDER BY first.number LIMIT $limit
MATCH (early:Task)-[:PART_OF*1..4]->(first)
WHERE early.text CONTAINS $keyword OR early.title CONTAINS $keyword
WITH first ORDER BY first.number
WITH collect(first) AS early
WITH CASE WHEN size(early) >= $limit THEN early[0..$limit] END AS found
OPTIONAL MATCH (hit:Task)
WHERE found IS NULL AND (hit.text CONTAINS $keyword OR hit.title CONTAINS $keyword)
OPTIONAL MATCH (hit)-[:PART_OF*1..4]->(hit_doc)
WHERE hit_doc:Document AND ($region = '' OR hit_doc.region = $region) AND ($level = '' OR hit_doc.level = $level)
WITH found, hit_doc WHERE found IS NOT NULL OR hit_doc IS NOT NULL
WITH found, hit_doc ORDER BY hit_doc.number LIMIT $limit
WITH found, collect(hit_doc) AS scanned
UNWIND coalesce(found, scanned) AS hit_doc
WITH DISTINCT hit_doc AS d
MATCH (t)-[:PART_OF*1..4]->(d)
WHERE t:Task AND (t.text CONTAINS $keyword OR t.title CONTAINS $keyword)
OPTIONAL MATCH (t)-[:PART_OF]->(parent:Task)
WITH d, t, parent
ORDER BY d.number, coalesce(parent.order, t.order), parent IS NOT NULL, t.order, t.id
LIMIT $limit
OPTIONAL MATCH (a:Agency)-[:LEADS]->(t)
WITH d, t, parent, collect(a.name) AS leads
RETURN d.number AS document,
       d.region AS region,
       d.level AS level,
       CASE WHEN parent IS NULL THEN t.label ELSE parent.label + ' ' + t.label END AS task,
       t.title AS title,
       leads
ORDER BY document, coalesce(parent.order, t.order), parent IS NOT NULL, t.order, t.id
