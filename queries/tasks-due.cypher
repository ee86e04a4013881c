// name: tasks-due
// description: Tasks and sub-items that fall due in a window (before a date, optionally on or after another), across documents and years, ordered by due date: the document, the task, its lead and cooperating agencies, the time limit as printed and the date it ends. A yearly limit (每年6月底前) shows its last time in the window. A page of `limit` rows at a time (the total is stated).
// param: before date 2019-01-01 — tasks due before this date (YYYY-MM-DD), not on it
// param: after date = "" 2018-01-01 — and due on or after this date (YYYY-MM-DD); empty for no lower bound
// param: agency string = "" 江海区卫生计生局 — only tasks this agency leads or cooperates on (its name or one of its aliases); empty for all
// param: region string = "" 江海区 — only tasks of documents of this region; empty for all
// param: limit int = 200 100 — at most this many rows (0: all)
// param: skip int = 0 0 — rows to skip (the next page starts at skip + limit)
// The window is applied to each task before its document is looked up (t.due < $before holds for
// every task that falls due in it: a yearly limit first falls due on t.due, any other on t.due
// alone, so only a yearly one can be due in the window with t.due before $after); the rows are ordered,
// counted and cut to the page, and only the page's rows have their agencies listed. With an
// agency, the tasks are those its LEADS and COOPERATES edges reach (looked up first: a lookup per
// task runs a sub-plan for each).
OPTIONAL MATCH (x:Agency)
WHERE $agency <> '' AND (x.name = $agency OR $agency IN x.aliases)
OPTIONAL MATCH (x)-[:LEADS|COOPERATES]->(mt:Task)
WITH collect(DISTINCT mt) AS mine
MATCH (t:Task)
WHERE t.due < $before AND ($after = '' OR t.due >= $after OR t.recurs = 'yearly')
  AND ($agency = '' OR t IN mine)
WITH t, substring(t.due, 4) AS month_day, coalesce(toInteger(substring($before, 0, 4)), 0) AS year
WITH t,
     CASE WHEN t.recurs = 'yearly' THEN
         CASE WHEN toString(year) + month_day < $before THEN toString(year) + month_day
              ELSE toString(year - 1) + month_day END
     ELSE t.due END AS due
WHERE due < $before AND due >= t.due AND ($after = '' OR due >= $after)
MATCH (t)-[:PART_OF*1..4]->(d:Document)
WHERE $region = '' OR d.region = $region
OPTIONAL MATCH (t)-[:PART_OF]->(parent:Task)
WITH t, d, due, parent
ORDER BY due, d.number, coalesce(parent.order, t.order), parent IS NOT NULL, t.order, t.id
WITH collect([t, d, due, parent]) AS found
WITH size(found) AS total,
     CASE WHEN $limit > 0 THEN found[$skip..$skip + $limit] ELSE found[$skip..] END AS page
UNWIND page AS item
WITH total, item[0] AS t, item[1] AS d, item[2] AS due, item[3] AS parent
WITH total, t, d, due, parent,
     [(lead:Agency)-[:LEADS]->(t) | lead] AS leads,
     [(helper:Agency)-[:COOPERATES]->(t) | helper] AS cooperates
RETURN due,
       t.deadline AS deadline,
       coalesce(t.recurs, '') AS recurs,
       d.number AS document,
       d.title AS document_title,
       d.region AS region,
       CASE WHEN parent IS NULL THEN t.label ELSE parent.label + ' ' + t.label END AS task,
       t.title AS title,
       [a IN leads | a.name] AS leads,
       [a IN cooperates | a.name] AS cooperates,
       t.id AS id,
       total
ORDER BY due, document, coalesce(parent.order, t.order), parent IS NOT NULL, t.order, id
