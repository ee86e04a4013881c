// name: directive-coverage
// description: For each upstream directive, how many documents, regions and tasks answer it (directly or through forwarding and implementing chains), and whether the directive itself is loaded (a loaded directive's own tasks are not counted).
// param: level string = "" national — only directives of this level (national, provincial, municipal, county, district); empty for all
// The label of `home` is tested in a WHERE: in the pattern, FalkorDB runs it as one more
// traversal for each of the (directive, task) rows, most of this query's time.
MATCH (dir:Directive)
WHERE $level = '' OR dir.level = $level
OPTIONAL MATCH p = (n)-[:PART_OF|FORWARDS|IMPLEMENTS*1..10]->(dir)
WHERE (n:Document OR n:Task) AND any(r IN relationships(p) WHERE type(r) <> 'PART_OF')
OPTIONAL MATCH (n)-[:PART_OF*0..4]->(home)
WHERE home:Document
WITH dir,
     collect(DISTINCT home) AS docs,
     collect(DISTINCT CASE WHEN n:Task THEN n END) AS tasks
WITH dir, docs, tasks,
     reduce(acc = [], d IN docs | CASE WHEN d.region IN acc THEN acc ELSE acc + d.region END) AS regions
RETURN CASE WHEN dir.number <> '' THEN dir.number ELSE dir.title END AS directive,
       dir.title AS title,
       dir.issuer AS issuer,
       dir.level AS level,
       dir:Document AS loaded,
       size(docs) AS documents,
       size(regions) AS region_count,
       regions,
       size(tasks) AS tasks
ORDER BY documents DESC, tasks DESC, directive
