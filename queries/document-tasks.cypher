// name: document-tasks
// description: The 台账 of one document: its tasks and sub-items in printed order, with the section, lead and cooperating agencies and the deadline of each.
// param: number string 大医改办〔2018〕5号 — the document's 发文字号
MATCH (d:Document {number: $number})
MATCH (t:Task)-[:PART_OF*1..4]->(d)
OPTIONAL MATCH (t)-[:PART_OF]->(parent:Task)
WITH t, parent,
     [(lead:Agency)-[:LEADS]->(t) | lead.name] AS leads,
     [(helper:Agency)-[:COOPERATES]->(t) | helper.name] AS cooperates
RETURN CASE WHEN parent IS NULL THEN t.label ELSE parent.label + ' ' + t.label END AS task,
       t.title AS title,
       t.section AS section,
       leads,
       cooperates,
       t.deadline AS deadline,
       t.id AS id
ORDER BY coalesce(parent.order, t.order), parent IS NOT NULL, t.order, t.id
