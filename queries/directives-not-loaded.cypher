// name: directives-not-loaded
// description: Directives that loaded documents cite (implement, forward, or have tasks implement) but that are not loaded themselves: the upstream texts still to collect, most cited first.
MATCH (dir:Directive)
WHERE NOT dir:Document
OPTIONAL MATCH (n)-[:FORWARDS|IMPLEMENTS]->(dir)
OPTIONAL MATCH (n)-[:PART_OF*0..4]->(home:Document)
WITH dir, collect(DISTINCT home.number) AS cited_in
RETURN CASE WHEN dir.number <> '' THEN dir.number ELSE dir.title END AS directive,
       dir.title AS title,
       dir.issuer AS issuer,
       dir.level AS level,
       dir.year AS year,
       size(cited_in) AS cited_by,
       cited_in
ORDER BY cited_by DESC, directive
