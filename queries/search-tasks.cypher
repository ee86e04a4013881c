// name: search-tasks
// description: Tasks whose title or text contains a keyword, optionally only in one region or at one level, with their document and leading agencies.
// param: keyword string 家庭医生 — the text to look for (exact substring)
// param: region string = "" 大连市 — only documents of this region; empty for all
// param: level string = "" municipal — only documents of this level (national, provincial, municipal, county, district); empty for all
// param: limit int = 200 50 — at most this many tasks
// The first `limit` rows in document order all come from the documents of the first `limit`
// matches ordered by document number alone (a cheap top-k), so only those documents' tasks are
// fully ordered; parents and leads are looked up for them only, with OPTIONAL MATCHes, which
// FalkorDB streams (a pattern comprehension runs a sub-plan per row).
MATCH (hit:Task)
WHERE hit.text CONTAINS $keyword OR hit.title CONTAINS $keyword
WITH hit
MATCH (hit)-[:PART_OF*1..4]->(hit_doc)
WHERE hit_doc:Document AND ($region = '' OR hit_doc.region = $region) AND ($level = '' OR hit_doc.level = $level)
WITH hit_doc ORDER BY hit_doc.number LIMIT $limit
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
