// name: search-tasks
// description: Tasks whose title or text contains a keyword, optionally only in one region or at one level, with their document and leading agencies.
// param: keyword string 家庭医生 — the text to look for (exact substring)
// param: region string = "" 大连市 — only documents of this region; empty for all
// param: level string = "" municipal — only documents of this level (national, provincial, municipal, county, district); empty for all
// param: limit int = 200 50 — at most this many tasks
MATCH (t:Task)-[:PART_OF*1..4]->(d:Document)
WHERE (t.title CONTAINS $keyword OR t.text CONTAINS $keyword)
  AND ($region = '' OR d.region = $region)
  AND ($level = '' OR d.level = $level)
OPTIONAL MATCH (t)-[:PART_OF]->(parent:Task)
WITH d, t, parent, [(a:Agency)-[:LEADS]->(t) | a.name] AS leads
RETURN d.number AS document,
       d.region AS region,
       d.level AS level,
       CASE WHEN parent IS NULL THEN t.label ELSE parent.label + ' ' + t.label END AS task,
       t.title AS title,
       leads
ORDER BY document, coalesce(parent.order, t.order), parent IS NOT NULL, t.order, t.id
LIMIT $limit
