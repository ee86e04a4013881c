// name: agency-due-by-month
// description: What falls due per agency and month: how many tasks (and sub-items) each agency leads or cooperates on that fall due in each month of a window, optionally for one agency or one region. A yearly limit (每年6月底前) counts in its month of each year of the window. A page of `limit` rows at a time (the total is stated).
// param: before date 2019-01-01 — tasks due before this date (YYYY-MM-DD), not on it
// param: after date = "" 2018-01-01 — and due on or after this date (YYYY-MM-DD); empty for no lower bound
// param: agency string = "" 江海区卫生计生局 — only this agency (its name or one of its aliases); empty for all
// param: region string = "" 江海区 — only tasks of documents of this region; empty for all
// param: limit int = 200 100 — at most this many rows (0: all)
// param: skip int = 0 0 — rows to skip (the next page starts at skip + limit)
// The window's tasks are read by the range index on `due_day` and the yearly ones due before
// $after by the index on `recurs`, as tasks-due reads them. Each (agency, role, task, date due)
// comes once (a task belongs to one document, an agency has one edge of a type to it), so the
// counts are sums, by name (an agency's id is its name). The (agency, month, role) items are
// ordered and collected (FalkorDB groups ~10,000 rows by two keys slowly: counting them was most
// of this query's time); the (agency, month) rows are the runs of equal keys in that list (the
// key one string, name + ' ' + month, a month being 7 characters: comparing two entries of each
// item's list cost ~5 ms more at 10k documents), counted for the total, and only the items of the
// page's rows are grouped and summed.
WITH CASE WHEN $after = '' THEN 0 ELSE toInteger(replace($after, '-', '')) END AS lo,
     toInteger(replace($before, '-', '')) AS hi
OPTIONAL MATCH (w:Task)
WHERE w.due_day >= lo AND w.due_day < hi
WITH lo, collect(w) AS window
OPTIONAL MATCH (y:Task {recurs: 'yearly'})
WHERE y.due_day < lo
WITH window, collect(y) AS yearly
UNWIND window + yearly AS t
WITH t, substring(t.due, 4) AS month_day, coalesce(toInteger(substring(t.due, 0, 4)), 0) AS first,
     coalesce(toInteger(substring($before, 0, 4)), 0) AS last
UNWIND CASE WHEN t.recurs = 'yearly' THEN range(first, last) ELSE [first] END AS year
WITH t, toString(year) + month_day AS due
WHERE due < $before AND ($after = '' OR due >= $after)
MATCH (t)-[:PART_OF*1..4]->(d:Document)
WHERE $region = '' OR d.region = $region
WITH t, due
MATCH (a)-[r:LEADS|COOPERATES]->(t)
WHERE $agency = '' OR a.name = $agency OR $agency IN a.aliases
WITH a.name AS agency, substring(due, 0, 7) AS month, type(r) = 'LEADS' AS leads
ORDER BY agency, month
WITH collect([agency, month, leads]) AS items, collect(agency + ' ' + month) AS keys
WITH items, [i IN range(0, size(keys) - 1) WHERE i = 0 OR keys[i] <> keys[i - 1]] AS starts
WITH items, starts, size(starts) AS total
WITH items, total,
     CASE WHEN $skip < total THEN starts[$skip] ELSE size(items) END AS first,
     CASE WHEN $limit > 0 AND $skip + $limit < total THEN starts[$skip + $limit] ELSE size(items) END AS last
UNWIND range(first, last - 1) AS i
WITH total, items[i][0] AS agency, items[i][1] AS month, items[i][2] AS lead
WITH total, agency, month,
     sum(CASE WHEN lead THEN 1 ELSE 0 END) AS leads,
     sum(CASE WHEN lead THEN 0 ELSE 1 END) AS cooperates
RETURN agency,
       month,
       leads,
       cooperates,
       leads + cooperates AS tasks,
       total
ORDER BY agency, month
