// name: agency-workload
// description: An agency's workload: tasks it leads and tasks it cooperates on, by document and year. The agency is named by its canonical name or any surface form seen (an abbreviation may match agencies of several jurisdictions).
// param: agency string 淄博市卫生局 — the agency's name or one of its aliases
MATCH (a:Agency)
WHERE a.name = $agency OR $agency IN a.aliases
MATCH (a)-[r:LEADS|COOPERATES]->(t:Task)-[:PART_OF*1..4]->(d:Document)
WITH a, d,
     count(DISTINCT CASE WHEN type(r) = 'LEADS' THEN t END) AS leads,
     count(DISTINCT CASE WHEN type(r) = 'COOPERATES' THEN t END) AS cooperates
RETURN a.name AS agency,
       d.year AS year,
       d.number AS document,
       d.title AS title,
       leads,
       cooperates,
       leads + cooperates AS tasks
ORDER BY agency, year, document
