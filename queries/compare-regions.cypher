// name: compare-regions
// description: For one directive, the tasks each implementing region sets, side by side: one row per region with its documents on the chain, the documents that hold the tasks (a county that forwards a city document takes on the city's tasks), the task count, the tasks and their leading agencies.
// param: number string 鲁政办发〔2013〕21号 — the directive's 发文字号
// The leading agencies are listed once per task, before a task is paired with every document
// that forwards its document (a pattern comprehension runs a sub-plan per row). Rows reach the
// ORDER BY in the same order as before, so ties (documents of one region that reach the same
// home) keep their order.
MATCH (top:Directive {number: $number})
MATCH p = (t:Task)-[:PART_OF|FORWARDS|IMPLEMENTS*1..10]->(top)
WHERE any(r IN relationships(p) WHERE type(r) <> 'PART_OF')
WITH DISTINCT t
WITH t, [(a:Agency)-[:LEADS]->(t) | a.name] AS leads
MATCH (t)-[:PART_OF*1..4]->(home:Document)
MATCH (d:Document)-[:FORWARDS*0..4]->(home)
OPTIONAL MATCH (t)-[:PART_OF]->(parent:Task)
WITH d, home, t, parent, leads
ORDER BY d.region, home.number, coalesce(parent.order, t.order), parent IS NOT NULL, t.order, t.id
WITH d.region AS region, d.level AS level,
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
       reduce(acc = [], l IN lead_lists | acc + [x IN l WHERE NOT x IN acc]) AS lead_agencies
ORDER BY region
