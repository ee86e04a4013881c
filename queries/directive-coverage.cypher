// name: directive-coverage
// description: For each upstream directive, how many documents, regions and tasks answer it (directly or through forwarding and implementing chains), and whether the directive itself is loaded (a loaded directive's own tasks are not counted). A page of `limit` rows at a time (the total is stated).
// param: level string = "" national — only directives of this level (national, provincial, municipal, county, district); empty for all
// param: limit int = 200 100 — at most this many rows (0: all)
// param: skip int = 0 0 — rows to skip (the next page starts at skip + limit)
// The counts are kept on each directive by the writes that change them (graph/coverage.py:
// walking every chain to every directive here took seconds at 10k documents); its regions are
// in sorted order. The directives are ordered and counted, then cut to the page.
MATCH (dir:Directive)
WHERE $level = '' OR dir.level = $level
WITH dir, CASE WHEN dir.number <> '' THEN dir.number ELSE dir.title END AS directive
ORDER BY dir.coverage_documents DESC, dir.coverage_tasks DESC, directive
WITH collect([dir, directive]) AS found
WITH size(found) AS total,
     CASE WHEN $limit > 0 THEN found[$skip..$skip + $limit] ELSE found[$skip..] END AS page
UNWIND page AS item
WITH total, item[0] AS dir, item[1] AS directive
RETURN directive,
       dir.title AS title,
       dir.issuer AS issuer,
       dir.level AS level,
       dir:Document AS loaded,
       dir.coverage_documents AS documents,
       size(dir.coverage_regions) AS region_count,
       dir.coverage_regions AS regions,
       dir.coverage_tasks AS tasks,
       total
ORDER BY documents DESC, tasks DESC, directive
