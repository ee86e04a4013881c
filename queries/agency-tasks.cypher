// name: agency-tasks
// description: The tasks one agency leads or cooperates on, document by document, with the wording that gave its role, the deadline and its due date. With lineage=true also the tasks given to its predecessors before an institutional reform (SUCCEEDED_BY), each under the name it was given to (given_to).
// param: agency string 大连市卫生计生委 — the agency's name or one of its aliases
// param: role string = "" LEADS — only LEADS or COOPERATES; empty for both
// param: lineage bool = false true — also the tasks of the agency's predecessors (renamed or merged into it)
MATCH (a:Agency)
WHERE $agency IN a.aliases
OPTIONAL MATCH (before:Agency)-[:SUCCEEDED_BY*1..4]->(a)
WHERE $lineage
WITH a, [a] + collect(DISTINCT before) AS bodies
UNWIND bodies AS body
MATCH (body)-[r:LEADS|COOPERATES]->(t:Task)-[:PART_OF*1..4]->(d:Document)
WHERE $role = '' OR type(r) = toUpper($role)
OPTIONAL MATCH (t)-[:PART_OF]->(parent:Task)
WITH a, body, r, d, t, parent
RETURN a.name AS agency,
       type(r) AS role,
       d.number AS document,
       CASE WHEN parent IS NULL THEN t.label ELSE parent.label + ' ' + t.label END AS task,
       t.title AS title,
       r.role_text AS role_text,
       t.deadline AS deadline,
       t.due AS due,
       body.name AS given_to,
       d.date AS date
ORDER BY agency, date, document, coalesce(parent.order, t.order), parent IS NOT NULL, t.order, t.id, role DESC, given_to
