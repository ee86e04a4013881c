// name: documents-list
// description: Loaded documents, optionally by issuer (substring), level, region or year, with their task counts and the directives they forward or implement.
// param: issuer string = "" 淄博市人民政府办公厅 — only documents whose issuer contains this; empty for all
// param: level string = "" municipal — only this level (national, provincial, municipal, county, district); empty for all
// param: region string = "" 淄博市 — only this region; empty for all
// param: year int = 0 2013 — only documents of this year (成文日期); 0 for all
MATCH (d:Document)
WHERE ($issuer = '' OR d.issuer CONTAINS $issuer)
  AND ($level = '' OR d.level = $level)
  AND ($region = '' OR d.region = $region)
  AND ($year = 0 OR d.year = $year)
OPTIONAL MATCH (t:Task)-[:PART_OF*1..4]->(d)
WITH d, count(DISTINCT t) AS tasks
OPTIONAL MATCH (d)-[:FORWARDS|IMPLEMENTS]->(u:Directive)
WITH d, tasks, collect(DISTINCT CASE WHEN u.number <> '' THEN u.number ELSE u.title END) AS upstream
RETURN CASE WHEN d.number <> '' THEN d.number ELSE d.id END AS document,
       d.title AS title,
       d.issuer AS issuer,
       d.level AS level,
       d.region AS region,
       d.year AS year,
       d.date AS date,
       d.doc_type AS doc_type,
       tasks,
       upstream
ORDER BY year, document
