// name: agency-tasks
// description: The tasks one agency leads or cooperates on, document by document, with the wording that gave its role and the deadline.
// param: agency string 大连市卫生计生委 — the agency's name or one of its aliases
// param: role string = "" LEADS — only LEADS or COOPERATES; empty for both
MATCH (a:Agency)
WHERE a.name = $agency OR $agency IN a.aliases
MATCH (a)-[r:LEADS|COOPERATES]->(t:Task)-[:PART_OF*1..4]->(d:Document)
WHERE $role = '' OR type(r) = toUpper($role)
OPTIONAL MATCH (t)-[:PART_OF]->(parent:Task)
WITH a, r, d, t, parent
RETURN a.name AS agency,
       type(r) AS role,
       d.number AS document,
       CASE WHEN parent IS NULL THEN t.label ELSE parent.label + ' ' + t.label END AS task,
       t.title AS title,
       r.role_text AS role_text,
       t.deadline AS deadline
ORDER BY agency, document, coalesce(parent.order, t.order), parent IS NOT NULL, t.order, t.id
