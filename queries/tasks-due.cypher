// name: tasks-due
// description: Tasks and sub-items that fall due in a window (before a date, optionally on or after another), across documents and years, ordered by due date: the document, the task, its lead and cooperating agencies, the time limit as printed and the date it ends. A yearly limit (每年6月底前) shows its last time in the window. A page of `limit` rows at a time (the total is stated).
// param: before date 2019-01-01 — tasks due before this date (YYYY-MM-DD), not on it
// param: after date = "" 2018-01-01 — and due on or after this date (YYYY-MM-DD); empty for no lower bound
// param: agency string = "" 江海区卫生计生局 — only tasks this agency leads or cooperates on (its name or one of its aliases); empty for all
// param: region string = "" 江海区 — only tasks of documents of this region; empty for all
// param: limit int = 200 100 — at most this many rows (0: all)
// param: skip int = 0 0 — rows to skip (the next page starts at skip + limit)
// The window's tasks are read by the range index on `due_day` (the due date as a number, YYYYMMDD,
// kept with each task: graph/cypher.py), with the yearly ones due before $after by the index on
// `recurs` (a yearly limit first falls due on t.due, any other on t.due alone, so only a yearly
// one can be due in the window with t.due before $after), instead of testing every task's date.
// Their documents are looked up, the rows counted and ordered by date; only the rows up to the
// page's last date are ordered in full (parent, place) and cut to the page, and only the page's
// rows have their agencies listed. With an agency, the tasks are those its LEADS and COOPERATES
// edges reach (looked up first: a lookup per task runs a sub-plan for each).
OPTIONAL MATCH (x:Agency)
WHERE $agency <> '' AND $agency IN x.aliases
OPTIONAL MATCH (x)-[:LEADS|COOPERATES]->(mt:Task)
WITH collect(DISTINCT mt) AS mine,
     CASE WHEN $after = '' THEN 0 ELSE toInteger(replace($after, '-', '')) END AS lo,
     toInteger(replace($before, '-', '')) AS hi
OPTIONAL MATCH (w:Task)
WHERE w.due_day >= lo AND w.due_day < hi
WITH mine, lo, collect(w) AS window
OPTIONAL MATCH (y:Task {recurs: 'yearly'})
WHERE y.due_day < lo
WITH mine, window, collect(y) AS yearly
UNWIND window + yearly AS t
WITH t WHERE $agency = '' OR t IN mine
WITH t, substring(t.due, 4) AS month_day, coalesce(toInteger(substring($before, 0, 4)), 0) AS year
WITH t,
     CASE WHEN t.recurs = 'yearly' THEN
         CASE WHEN toString(year) + month_day < $before THEN toString(year) + month_day
              ELSE toString(year - 1) + month_day END
     ELSE t.due END AS due
WHERE due < $before AND due >= t.due AND ($after = '' OR due >= $after)
MATCH (t)-[:PART_OF*1..4]->(d:Document)
WHERE $region = '' OR d.region = $region
WITH t, d, due ORDER BY due
WITH collect([t, d, due]) AS rows
WITH size(rows) AS total, rows,
     CASE WHEN $limit > 0 AND $skip + $limit < size(rows) THEN rows[$skip + $limit - 1][2] END AS cutoff
WITH total, [x IN rows WHERE cutoff IS NULL OR x[2] <= cutoff] AS head
UNWIND head AS x
WITH total, x[0] AS t, x[1] AS d, x[2] AS due
OPTIONAL MATCH (t)-[:PART_OF]->(parent:Task)
WITH total, t, d, due, parent
ORDER BY due, d.number, coalesce(parent.order, t.order), parent IS NOT NULL, t.order, t.id
WITH total, collect([t, d, due, parent]) AS found
WITH total, CASE WHEN $limit > 0 THEN found[$skip..$skip + $limit] ELSE found[$skip..] END AS page
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
