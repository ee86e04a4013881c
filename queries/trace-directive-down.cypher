// name: trace-directive-down
// description: Every document and task that carries out a directive (not the directive's own tasks when it is loaded), directly or through chains of forwarding and implementing documents (county → city → province → national), one row each with its shortest chain, the level of every step, the evidence sentence of every link and the number conflicts the chain passes through (a citation whose own title names another document than the one loaded under its number).
// param: number string 国办发〔2018〕83号 — the directive's 发文字号
// The label of `home` is tested in a WHERE (a filter) rather than in the pattern (which FalkorDB
// runs as one more traversal per row), and the nodes and relationships of each chain are listed
// once per row rather than once per step.
MATCH (top:Directive {number: $number})
MATCH p = (n)-[:PART_OF|FORWARDS|IMPLEMENTS*1..10]->(top)
WHERE (n:Document OR n:Task) AND any(r IN relationships(p) WHERE type(r) <> 'PART_OF')
WITH n, p ORDER BY length(p)
WITH n, collect(p)[0] AS p
OPTIONAL MATCH (n)-[:PART_OF*1..4]->(home)
WHERE home:Document
WITH n, p, coalesce(home, n) AS doc, nodes(p) AS steps, relationships(p) AS links
WITH n, p, doc, steps, links,
     [x IN steps | CASE WHEN x:Task THEN x.label WHEN x.number <> '' THEN x.number ELSE x.title END] AS names
RETURN doc.number AS document,
       doc.region AS region,
       doc.level AS level,
       CASE WHEN n:Task THEN n.label END AS task,
       n.title AS title,
       size(links) AS hops,
       reduce(s = head(names), i IN range(1, size(names) - 1) |
              s + ' -' + type(links[i - 1]) + '-> ' + names[i]) AS chain,
       reduce(s = '', x IN steps | s + CASE WHEN s = '' THEN '' ELSE ' → ' END
              + CASE WHEN x:Task THEN 'task' ELSE coalesce(x.level, '?') END) AS levels,
       [r IN links WHERE r.evidence IS NOT NULL | r.evidence] AS evidence,
       [k IN links WHERE k.conflict IS NOT NULL | k.conflict] AS conflicts
ORDER BY hops, document, n.order, n.id
