// name: tasks-without-lead
// description: Tasks and sub-items for which no agency leads, with the bodies named as cooperating and, for a sub-item, the leads of the task it belongs to: the places where the 台账 has no one in charge.
// param: number string = "" 慈政发〔2017〕42号 — only tasks of this document; empty for all documents
// The document first (an index lookup when a number is given), then its tasks. Written so that
// FalkorDB streams every step: a task without a lead is one whose OPTIONAL MATCH of a lead
// comes back empty, and the cooperating bodies are collected from an OPTIONAL MATCH (a NOT
// pattern or a pattern comprehension runs a sub-plan per row, several times slower). The
// parent's leads stay a comprehension: `parent` may be null, and a comprehension on null is
// what each engine returned before.
MATCH (d:Document)
WHERE $number = '' OR d.number = $number
WITH d
MATCH (t)-[:PART_OF*1..4]->(d)
WHERE t:Task
OPTIONAL MATCH (t)<-[:LEADS]-(own_lead:Agency)
WITH d, t, own_lead
WHERE own_lead IS NULL
OPTIONAL MATCH (t)-[:PART_OF]->(parent:Task)
OPTIONAL MATCH (helper:Agency)-[:COOPERATES]->(t)
WITH d, t, parent, collect(helper.name) AS cooperates
WITH d, t, parent, cooperates, [(lead:Agency)-[:LEADS]->(parent) | lead.name] AS parent_leads
RETURN d.number AS document,
       CASE WHEN parent IS NULL THEN t.label ELSE parent.label + ' ' + t.label END AS task,
       t.title AS title,
       cooperates,
       parent_leads
ORDER BY document, coalesce(parent.order, t.order), t.order, t.id
