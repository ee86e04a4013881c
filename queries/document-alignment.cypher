// name: document-alignment
// description: Provision alignment from below: each task of one local document with the upstream tasks it answers (in any loaded document up its chain), the score, the method (cited, structure or lexical) and the evidence (the upstream sentence matched and the phrases both print). A task with no upstream task is purely local.
// param: number string 淄政办发〔2013〕57号 — the local document's 发文字号
MATCH (d:Document {number: $number})
MATCH (t:Task)-[:PART_OF]->(d)
OPTIONAL MATCH (t)-[a:ANSWERS]->(ut:Task)-[:PART_OF]->(up:Document)
RETURN t.label AS task,
       t.title AS title,
       CASE WHEN up IS NULL THEN '' WHEN up.number <> '' THEN up.number ELSE up.title END AS upstream,
       ut.label AS upstream_task,
       ut.title AS upstream_title,
       a.score AS score,
       a.method AS method,
       a.evidence AS evidence,
       a.shared AS shared
ORDER BY t.order, upstream, ut.order
