// name: agency-workload
// description: An agency's workload: tasks it leads and tasks it cooperates on, by document and year. The agency is named by its canonical name or any surface form seen (an abbreviation may match agencies of several jurisdictions). With lineage=true also the workload of its predecessors before an institutional reform (SUCCEEDED_BY), each under the name the tasks were given to (given_to).
// param: agency string 淄博市卫生局 — the agency's name or one of its aliases
// param: lineage bool = false true — also the tasks of the agency's predecessors (renamed or merged into it)
MATCH (a:Agency)
WHERE $agency IN a.aliases
OPTIONAL MATCH (before:Agency)-[:SUCCEEDED_BY*1..4]->(a)
WHERE $lineage
WITH a, [a] + collect(DISTINCT before) AS bodies
UNWIND bodies AS body
MATCH (body)-[r:LEADS|COOPERATES]->(t:Task)-[:PART_OF*1..4]->(d:Document)
WITH a, body, d,
     count(DISTINCT CASE WHEN type(r) = 'LEADS' THEN t END) AS leads,
     count(DISTINCT CASE WHEN type(r) = 'COOPERATES' THEN t END) AS cooperates
RETURN a.name AS agency,
       d.year AS year,
       d.number AS document,
       d.title AS title,
       leads,
       cooperates,
       leads + cooperates AS tasks,
       body.name AS given_to
ORDER BY agency, year, document, given_to
