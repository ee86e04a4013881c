// name: tasks-with-several-leads
// description: Tasks led jointly by two or more agencies (several bodies before 牵头, or in one 牵头单位 cell): check these, joint leads blur who answers for the task.
// param: number string = "" 淄政办发〔2013〕57号 — only tasks of this document; empty for all documents
// param: min_leads int = 2 2 — at least this many leading agencies
// The document first (an index lookup when a number is given), then its tasks and their leads:
// starting from the agencies walked every LEADS edge of the graph.
MATCH (d:Document)
WHERE $number = '' OR d.number = $number
WITH d
MATCH (t)-[:PART_OF*1..4]->(d)
WHERE t:Task
MATCH (a:Agency)-[:LEADS]->(t)
WITH d, t, a ORDER BY a.name
WITH d, t, collect(a.name) AS leads
WHERE size(leads) >= $min_leads
OPTIONAL MATCH (t)-[:PART_OF]->(parent:Task)
WITH d, t, parent, leads
RETURN d.number AS document,
       CASE WHEN parent IS NULL THEN t.label ELSE parent.label + ' ' + t.label END AS task,
       t.title AS title,
       size(leads) AS lead_count,
       leads
ORDER BY lead_count DESC, document, coalesce(parent.order, t.order), parent IS NOT NULL, t.order, t.id
