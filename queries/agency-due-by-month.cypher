// name: agency-due-by-month
// description: What falls due per agency and month: how many tasks (and sub-items) each agency leads or cooperates on that fall due in each month of a window, optionally for one agency or one region. A yearly limit (每年6月底前) counts in its month of each year of the window. A page of `limit` rows at a time (the total is stated).
// param: before date 2019-01-01 — tasks due before this date (YYYY-MM-DD), not on it
// param: after date = "" 2018-01-01 — and due on or after this date (YYYY-MM-DD); empty for no lower bound
// param: agency string = "" 江海区卫生计生局 — only this agency (its name or one of its aliases); empty for all
// param: region string = "" 江海区 — only tasks of documents of this region; empty for all
// param: limit int = 200 100 — at most this many rows (0: all)
// param: skip int = 0 0 — rows to skip (the next page starts at skip + limit)
// The window is applied to each task before its document is looked up (only a yearly limit can
// fall due in the window with t.due before $after); the (agency, month) rows are counted, ordered
// and cut to the page. Each (agency, role, task, date due) comes once (a task belongs to one
// document, an agency has one edge of a type to it), so the counts are sums, by name (an agency's
// id is its name).
MATCH (t:Task)
WHERE t.due < $before AND ($after = '' OR t.due >= $after OR t.recurs = 'yearly')
WITH t, substring(t.due, 4) AS month_day, coalesce(toInteger(substring(t.due, 0, 4)), 0) AS first,
     coalesce(toInteger(substring($before, 0, 4)), 0) AS last
UNWIND CASE WHEN t.recurs = 'yearly' THEN range(first, last) ELSE [first] END AS year
WITH t, toString(year) + month_day AS due
WHERE due < $before AND ($after = '' OR due >= $after)
MATCH (t)-[:PART_OF*1..4]->(d:Document)
WHERE $region = '' OR d.region = $region
MATCH (a:Agency)-[r:LEADS|COOPERATES]->(t)
WHERE $agency = '' OR a.name = $agency OR $agency IN a.aliases
WITH a.name AS agency, substring(due, 0, 7) AS month,
     sum(CASE WHEN type(r) = 'LEADS' THEN 1 ELSE 0 END) AS leads,
     sum(CASE WHEN type(r) = 'COOPERATES' THEN 1 ELSE 0 END) AS cooperates
WITH agency, month, leads, cooperates
ORDER BY agency, month
WITH collect([agency, month, leads, cooperates]) AS found
WITH size(found) AS total,
     CASE WHEN $limit > 0 THEN found[$skip..$skip + $limit] ELSE found[$skip..] END AS page
UNWIND page AS item
RETURN item[0] AS agency,
       item[1] AS month,
       item[2] AS leads,
       item[3] AS cooperates,
       item[2] + item[3] AS tasks,
       total
ORDER BY agency, month
