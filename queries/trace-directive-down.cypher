// name: trace-directive-down
// description: Every document and task that carries out a directive (not the directive's own tasks when it is loaded), directly or through chains of forwarding and implementing documents (county → city → province → national), one row each with its shortest chain, the level of every step, the evidence sentence of every link and the number conflicts the chain passes through (a citation whose own title names another document than the one loaded under its number). A page of `limit` rows at a time (the total is stated).
// param: number string 国办发〔2018〕83号 — the directive's 发文字号
// param: limit int = 200 100 — at most this many rows (0: all)
// param: skip int = 0 0 — rows to skip (the next page starts at skip + limit)
// The rows are found from the top down instead of by walking every path from every row up to
// the directive (at 10k documents ~10k paths for one national directive, each with a lookup of
// its document): a chain runs PART_OF steps first, then FORWARDS/IMPLEMENTS only (their targets
// are documents and directives, which are part of nothing), so every row is a node that
// forwards or implements something on the chain (an anchor: a document, or a task that
// implements a directive itself) or a task or sub-item of one, at the anchor's distance plus
// its depth, 10 steps at most. The patterns are written from the bound node outwards, where
// FalkorDB starts each walk. A node under two anchors (a task that implements the directive in a
// document that does too) comes once per anchor: the rows are ordered by hops and collected, the
// distinct nodes counted, and only the rows up to the page's last hop count (allowing for those
// repeats) are grouped to their fewest hops and ordered in full (grouping all ~10,000 rows was
// most of this query's time in FalkorDB); only the page's rows have their shortest chain, levels
// and evidence built, most of the work and of the reply.
MATCH (top:Directive {number: $number})
MATCH q = (top)<-[:FORWARDS|IMPLEMENTS*0..9]-()<-[:FORWARDS|IMPLEMENTS]-(a)
WHERE a:Document OR a:Task
WITH a, min(length(q)) AS dist
OPTIONAL MATCH (a)-[:PART_OF*1..4]->(a_home)
WHERE a_home:Document
WITH a, dist, CASE WHEN a:Document THEN a ELSE a_home END AS a_doc
MATCH r = (a)<-[:PART_OF*0..4]-(n)
WHERE dist + length(r) <= 10
WITH n, coalesce(a_doc, n) AS doc, dist + length(r) AS hops
ORDER BY hops
WITH collect([n, doc, hops]) AS rows, count(DISTINCT n) AS total
WITH total, rows,
     CASE WHEN $limit > 0 AND $skip + $limit + size(rows) - total < size(rows)
          THEN rows[$skip + $limit - 1 + size(rows) - total][2] END AS cutoff
WITH total, [x IN rows WHERE cutoff IS NULL OR x[2] <= cutoff] AS head
UNWIND head AS x
WITH total, x[0] AS n, x[1] AS doc, min(x[2]) AS hops
ORDER BY hops, doc.number, n.order, n.id
WITH total, collect([n, doc]) AS found
WITH total, CASE WHEN $limit > 0 THEN found[$skip..$skip + $limit] ELSE found[$skip..] END AS page
MATCH (top:Directive {number: $number})
UNWIND page AS item
WITH top, total, item[0] AS n, item[1] AS doc
MATCH p = (n)-[:PART_OF|FORWARDS|IMPLEMENTS*1..10]->(top)
WHERE any(r IN relationships(p) WHERE type(r) <> 'PART_OF')
WITH total, n, doc, p ORDER BY length(p)
WITH total, n, doc, collect(p)[0] AS p
WITH total, n, doc, nodes(p) AS steps, relationships(p) AS links
WITH total, n, doc, steps, links,
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
       [k IN links WHERE k.conflict IS NOT NULL | k.conflict] AS conflicts,
       total
ORDER BY hops, document, n.order, n.id
