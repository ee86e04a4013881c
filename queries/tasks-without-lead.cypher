// name: tasks-without-lead
// description: Tasks and sub-items for which no agency leads, with the bodies named as cooperating and, for a sub-item, the leads of the task it belongs to: the places where the 台账 has no one in charge.
// param: number string = "" 慈政发〔2017〕42号 — only tasks of this document; empty for all documents
MATCH (t:Task)-[:PART_OF*1..4]->(d:Document)
WHERE ($number = '' OR d.number = $number) AND NOT (t)<-[:LEADS]-(:Agency)
OPTIONAL MATCH (t)-[:PART_OF]->(parent:Task)
WITH d, t, parent,
     [(helper:Agency)-[:COOPERATES]->(t) | helper.name] AS cooperates,
     [(lead:Agency)-[:LEADS]->(parent) | lead.name] AS parent_leads
RETURN d.number AS document,
       CASE WHEN parent IS NULL THEN t.label ELSE parent.label + ' ' + t.label END AS task,
       t.title AS title,
       cooperates,
       parent_leads
ORDER BY document, coalesce(parent.order, t.order), t.order, t.id
