// name: forwarding-tree
// description: The forwarding and implementing tree around a document: every link above it (what it forwards or implements, up to the national level; negative depth) and below it (documents that forward or implement it, at any depth; positive depth), with levels, evidence and, for a citation whose own title names another document than the one loaded under its number, that conflict.
// param: number string 淄政办发〔2013〕57号 — the document's or directive's 发文字号
// The node is found by the number indexes of both labels (a match on the number alone scanned
// every node of the graph).
OPTIONAL MATCH (doc:Document {number: $number})
OPTIONAL MATCH (dir:Directive {number: $number})
WITH collect(DISTINCT doc) + collect(DISTINCT dir) AS found
UNWIND found AS d
WITH DISTINCT d
OPTIONAL MATCH up = (d)-[:FORWARDS|IMPLEMENTS*1..8]->(:Directive)
WITH d, collect({depth: -length(up), r: last(relationships(up))}) AS above
OPTIONAL MATCH down = (:Document)-[:FORWARDS|IMPLEMENTS*1..8]->(d)
WITH above, collect({depth: length(down), r: head(relationships(down))}) AS below
UNWIND above + below AS link
WITH link.depth AS depth, link.r AS r
WHERE r IS NOT NULL
WITH DISTINCT depth, r, startNode(r) AS a, endNode(r) AS b
RETURN depth,
       CASE WHEN a.number <> '' THEN a.number ELSE a.title END AS from_document,
       a.level AS from_level,
       a.region AS from_region,
       type(r) AS relation,
       CASE WHEN b.number <> '' THEN b.number ELSE b.title END AS to_document,
       b.level AS to_level,
       r.evidence AS evidence,
       r.conflict AS conflict
ORDER BY depth, from_document, to_document
