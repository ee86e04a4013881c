// name: series-changes
// description: What changed between two years of one issuer's series (this year's 重点任务 and last year's, linked by CONTINUES): each item of this year continued from last year's (with the evidence) or new, and each item of last year's list that was dropped.
// param: number string 大医改办〔2018〕5号 — this year's document's 发文字号
MATCH (d:Document {number: $number})
OPTIONAL MATCH (d)<-[:PART_OF]-(:Task)-[:CONTINUES]->(:Task)-[:PART_OF]->(prev:Document)
WITH d, collect(DISTINCT prev) AS prevs
MATCH (t:Task)-[:PART_OF]->(x:Document)
WHERE x = d OR x IN prevs
OPTIONAL MATCH (t)-[c:CONTINUES]->(p:Task)
OPTIONAL MATCH (t)<-[:CONTINUES]-(n:Task)-[:PART_OF]->(d)
WITH d, x, t, p, c, n
WHERE x = d OR n IS NULL
RETURN CASE WHEN x <> d THEN 'dropped' WHEN p IS NULL THEN 'new' ELSE 'continued' END AS change,
       CASE WHEN x = d THEN t.label ELSE '' END AS task,
       CASE WHEN x = d THEN t.title ELSE '' END AS title,
       CASE WHEN x = d THEN p.label ELSE t.label END AS last_year_task,
       CASE WHEN x = d THEN p.title ELSE t.title END AS last_year_title,
       c.score AS score,
       c.evidence AS evidence
ORDER BY CASE WHEN x = d THEN 0 ELSE 1 END, t.order, last_year_task
