// name: directive-uptake
// description: Provision alignment from above: each task of one upstream document with the local tasks that answer it (ANSWERS, from every loaded document up whose chain it lies, at any distance) and the implementing documents that left it out. Framing items (指导思想, 基本原则…) give no work of their own and are never counted as left out.
// param: number string 淄政办发〔2013〕57号 — the upstream document's 发文字号
MATCH (up:Document {number: $number})
OPTIONAL MATCH (n)-[:IMPLEMENTS|FORWARDS*1..8]->(up)
WHERE n:Document OR n:Task
OPTIONAL MATCH (n)-[:PART_OF*0..3]->(loc:Document)
OPTIONAL MATCH (lt0:Task)-[:PART_OF]->(loc)
WITH up, loc, count(lt0) AS loc_tasks
// the implementing documents with tasks of their own (counted here: FalkorDB 4.16 gave a pattern
// comprehension inside a list comprehension rows of every document)
WITH up, collect(DISTINCT CASE WHEN loc_tasks > 0 AND loc <> up THEN loc END) AS locals
MATCH (ut:Task)-[:PART_OF]->(up)
OPTIONAL MATCH (lt:Task)-[a:ANSWERS]->(ut)
OPTIONAL MATCH (lt)-[:PART_OF]->(ld:Document)
WITH up, locals, ut,
     collect(DISTINCT ld) AS answering,
     collect(CASE WHEN lt IS NULL THEN NULL
                  ELSE CASE WHEN ld.number <> '' THEN ld.number ELSE ld.title END
                       + ' ' + lt.label + ' ' + lt.title + ' (' + a.method + ' ' + toString(a.score) + ')' END) AS answered_by
WITH ut, answered_by,
     [d IN locals WHERE NOT d IN answering | CASE WHEN d.number <> '' THEN d.number ELSE d.title END] AS left_out
RETURN ut.label AS task,
       ut.title AS title,
       CASE WHEN ut.framing THEN 'framing'
            WHEN size(answered_by) = 0 AND size(left_out) > 0 THEN 'UNANSWERED'
            WHEN size(left_out) > 0 THEN 'partly answered'
            WHEN size(answered_by) > 0 THEN 'answered'
            ELSE 'no implementing document loaded' END AS status,
       answered_by,
       CASE WHEN ut.framing THEN [] ELSE left_out END AS left_out_by
ORDER BY ut.order, ut.id
