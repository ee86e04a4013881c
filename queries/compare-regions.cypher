// name: compare-regions
// description: For one directive, the tasks each implementing region sets, side by side: one row per region with its documents on the chain, the documents that hold the tasks (a county that forwards a city document takes on the city's tasks), the task count, the tasks and their leading agencies. A page of `limit` regions at a time (the total is stated).
// param: number string 鲁政办发〔2013〕21号 — the directive's 发文字号
// param: limit int = 50 20 — at most this many regions (0: all)
// param: skip int = 0 0 — regions to skip (the next page starts at skip + limit)
// The anchors (documents, and tasks that implement something on the chain themselves) are
// grouped by home (the document a task belongs to: the anchor's own); a home counts when one of
// its anchors has a task within the 10 steps (the anchor itself when it is a task, or a part of
// it), which the anchor's parts say without walking every task below it. The documents that reach
// each home are looked up once per home, the (document, home, anchors) rows grouped by region and
// level, ordered and counted, and cut to the page; only the page's regions have their tasks found
// (a national directive at 10k documents has ~9,000 tasks in ~500 regions), ordered, and their
// titles and leading agencies listed. Only tasks are PART_OF something, and only agencies LEAD.
// Documents of one region that reach the same home are listed in number order. The tasks are
// found from the directive down, as trace-directive-down finds them (a chain runs PART_OF steps
// first, then FORWARDS/IMPLEMENTS only, 10 steps at most).
MATCH (top:Directive {number: $number})
MATCH q = (top)<-[:FORWARDS|IMPLEMENTS*0..9]-()<-[:FORWARDS|IMPLEMENTS]-(a)
WHERE a:Document OR a:Task
WITH a, min(length(q)) AS dist
OPTIONAL MATCH (a)-[:PART_OF*1..4]->(a_home:Document)
WITH a, dist, a:Task AS anchor_is_task, CASE WHEN a:Document THEN a ELSE a_home END AS home,
     [(a)<-[:PART_OF]-(x) | x] AS parts
WHERE home IS NOT NULL AND ((anchor_is_task AND dist <= 10) OR (dist < 10 AND size(parts) > 0))
WITH home, collect([a, dist, anchor_is_task]) AS anchors
MATCH (d:Document)-[:FORWARDS*0..4]->(home)
WITH d.region AS region, d.level AS level, collect([d, home, anchors]) AS members
ORDER BY region, level
WITH collect([region, level, members]) AS found
WITH size(found) AS total,
     CASE WHEN $limit > 0 THEN found[$skip..$skip + $limit] ELSE found[$skip..] END AS page
UNWIND page AS item
WITH total, item[0] AS region, item[1] AS level, item[2] AS members
UNWIND members AS m
WITH total, region, level, m[0] AS d, m[1] AS home, m[2] AS anchors
UNWIND anchors AS anchor
WITH total, region, level, d, home, anchor[0] AS a, anchor[1] AS dist, anchor[2] AS anchor_is_task
MATCH r = (a)<-[:PART_OF*0..4]-(t)
WHERE dist + length(r) <= 10 AND (length(r) > 0 OR anchor_is_task)
WITH DISTINCT total, region, level, d, home, t
OPTIONAL MATCH (t)-[:PART_OF]->(parent:Task)
WITH total, region, level, d, home, t, parent, [(a)-[:LEADS]->(t) | a.name] AS leads
ORDER BY region, level, home.number, coalesce(parent.order, t.order), parent IS NOT NULL, t.order, t.id, d.number
WITH total, region, level,
     collect(DISTINCT d.number) AS documents,
     collect(DISTINCT home.number) AS task_source,
     collect(DISTINCT t.label + ' ' + t.title) AS tasks,
     count(DISTINCT t) AS task_count,
     collect(leads) AS lead_lists
RETURN region,
       level,
       documents,
       task_source,
       task_count,
       tasks,
       reduce(acc = [], l IN lead_lists | acc + [x IN l WHERE NOT x IN acc]) AS lead_agencies,
       total
ORDER BY region, level
