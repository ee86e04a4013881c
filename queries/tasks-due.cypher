// name: tasks-due
// description: Tasks and sub-items that fall due in a window (before a date, optionally on or after another), across documents and years, ordered by due date: the document, the task, its lead and cooperating agencies, the time limit as printed and the date it ends. A yearly limit (每年6月底前) shows its last time in the window.
// param: before date 2019-01-01 — tasks due before this date (YYYY-MM-DD), not on it
// param: after date = "" 2018-01-01 — and due on or after this date (YYYY-MM-DD); empty for no lower bound
// param: agency string = "" 江海区卫生计生局 — only tasks this agency leads or cooperates on (its name or one of its aliases); empty for all
// param: region string = "" 江海区 — only tasks of documents of this region; empty for all
MATCH (t:Task)-[:PART_OF*1..4]->(d:Document)
WHERE t.due IS NOT NULL AND ($region = '' OR d.region = $region)
WITH t, d, substring(t.due, 4) AS month_day, coalesce(toInteger(substring($before, 0, 4)), 0) AS year
WITH t, d,
     CASE WHEN t.recurs = 'yearly' THEN
         CASE WHEN toString(year) + month_day < $before THEN toString(year) + month_day
              ELSE toString(year - 1) + month_day END
     ELSE t.due END AS due
WHERE due < $before AND due >= t.due AND ($after = '' OR due >= $after)
OPTIONAL MATCH (t)-[:PART_OF]->(parent:Task)
WITH t, d, due, parent,
     [(lead:Agency)-[:LEADS]->(t) | lead] AS leads,
     [(helper:Agency)-[:COOPERATES]->(t) | helper] AS cooperates
WHERE $agency = '' OR any(a IN leads + cooperates WHERE a.name = $agency OR $agency IN a.aliases)
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
       t.id AS id
ORDER BY due, document, coalesce(parent.order, t.order), parent IS NOT NULL, t.order, id
