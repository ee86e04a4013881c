// name: agency-due-by-month
// description: What falls due per agency and month: how many tasks (and sub-items) each agency leads or cooperates on that fall due in each month of a window, optionally for one agency or one region. A yearly limit (每年6月底前) counts in its month of each year of the window.
// param: before date 2019-01-01 — tasks due before this date (YYYY-MM-DD), not on it
// param: after date = "" 2018-01-01 — and due on or after this date (YYYY-MM-DD); empty for no lower bound
// param: agency string = "" 江海区卫生计生局 — only this agency (its name or one of its aliases); empty for all
// param: region string = "" 江海区 — only tasks of documents of this region; empty for all
MATCH (t:Task)-[:PART_OF*1..4]->(d:Document)
WHERE t.due IS NOT NULL AND t.due < $before AND ($region = '' OR d.region = $region)
WITH t, substring(t.due, 4) AS month_day, coalesce(toInteger(substring(t.due, 0, 4)), 0) AS first,
     coalesce(toInteger(substring($before, 0, 4)), 0) AS last
UNWIND CASE WHEN t.recurs = 'yearly' THEN range(first, last) ELSE [first] END AS year
WITH t, toString(year) + month_day AS due
WHERE due < $before AND ($after = '' OR due >= $after)
MATCH (a:Agency)-[r:LEADS|COOPERATES]->(t)
WHERE $agency = '' OR a.name = $agency OR $agency IN a.aliases
WITH a, substring(due, 0, 7) AS month,
     count(DISTINCT CASE WHEN type(r) = 'LEADS' THEN t.id + due END) AS leads,
     count(DISTINCT CASE WHEN type(r) = 'COOPERATES' THEN t.id + due END) AS cooperates
RETURN a.name AS agency,
       month,
       leads,
       cooperates,
       leads + cooperates AS tasks
ORDER BY agency, month
