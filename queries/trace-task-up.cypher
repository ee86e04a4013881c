// name: trace-task-up
// description: From one task to every document and directive upstream of it, up to the national level: its own document, what that document forwards or implements, and so on, each with its shortest chain, the levels and the evidence of every link, and the number conflicts the chain passes through (a citation whose own title names another document than the one loaded under its number); where the task answers a task of that upstream document (ANSWERS, provision alignment), that task with its score, method and the upstream sentence matched. Name the task by id, or by its document's number and its label.
// param: task string = "" task:淄政办发〔2013〕57号#1 — the task's id (or leave empty and give number and label)
// param: number string = "" 淄政办发〔2013〕57号 — the 发文字号 of the task's document
// param: label string = "" （一） — the task's numbering as printed
// one-of: task | number label
// Start from index lookups (Task.id, Document.number), not from every task: the candidates
// are the task with that id and the tasks so labelled in that document; the condition on
// (t, home) below then picks from them exactly as a scan of every task would.
OPTIONAL MATCH (by_id:Task {id: $task})
OPTIONAL MATCH (doc:Document {number: $number})
OPTIONAL MATCH (doc)<-[:PART_OF*1..4]-(by_label)
WHERE by_label:Task AND by_label.label = $label
WITH collect(DISTINCT by_id) + collect(DISTINCT by_label) AS found
UNWIND found AS t
WITH DISTINCT t
MATCH (t)-[:PART_OF*1..4]->(home)
WHERE home:Document AND (t.id = $task OR (home.number = $number AND t.label = $label))
MATCH p = (t)-[:PART_OF|FORWARDS|IMPLEMENTS*1..10]->(up)
WHERE up:Document OR up:Directive
WITH t, home, up, p ORDER BY length(p)
WITH t, home, up, collect(p)[0] AS p
WITH t, home, up, p,
     [x IN nodes(p) | CASE WHEN x:Task THEN x.label WHEN x.number <> '' THEN x.number ELSE x.title END] AS names
OPTIONAL MATCH (t)-[:PART_OF*0..3]->(top:Task)-[a:ANSWERS]->(ut:Task)-[:PART_OF]->(up)
WITH t, home, up, p, names,
     collect(ut.label + ' ' + ut.title + ' (' + a.method + ' ' + toString(a.score) + '): ' + a.evidence) AS answers
RETURN home.number AS document,
       t.label AS task,
       t.title AS title,
       CASE WHEN up.number <> '' THEN up.number ELSE up.title END AS upstream,
       up.title AS upstream_title,
       up.issuer AS issuer,
       up.level AS level,
       up:Document AS loaded,
       length(p) AS hops,
       reduce(s = head(names), i IN range(1, size(names) - 1) |
              s + ' -' + type(relationships(p)[i - 1]) + '-> ' + names[i]) AS chain,
       reduce(s = '', x IN nodes(p) | s + CASE WHEN s = '' THEN '' ELSE ' → ' END
              + CASE WHEN x:Task THEN 'task' ELSE coalesce(x.level, '?') END) AS levels,
       [r IN relationships(p) WHERE r.evidence IS NOT NULL | r.evidence] AS evidence,
       [k IN relationships(p) WHERE k.conflict IS NOT NULL | k.conflict] AS conflicts,
       answers
ORDER BY t.id, hops, upstream
