// name: agency-lineage
// description: A body across institutional reforms: its predecessors (renamed or merged into it), itself and its successors, each with the reform's year and basis, how many tasks it was given under that name and the dates of the first and last documents that gave them. Bodies are linked only within one jurisdiction (SUCCEEDED_BY, from loaders/data/successions.tsv).
// param: agency string 淄博市卫生局 — the agency's name or one of its aliases
MATCH (a:Agency)
WHERE $agency IN a.aliases
OPTIONAL MATCH back = (:Agency)-[:SUCCEEDED_BY*1..4]->(a)
WITH a, collect({body: nodes(back)[0], relation: 'predecessor', step: -length(back),
                 year: relationships(back)[0].year, basis: relationships(back)[0].basis}) AS before
OPTIONAL MATCH ahead = (a)-[:SUCCEEDED_BY*1..4]->(:Agency)
WITH a, before, collect({body: nodes(ahead)[length(ahead)], relation: 'successor', step: length(ahead),
                         year: relationships(ahead)[length(ahead) - 1].year,
                         basis: relationships(ahead)[length(ahead) - 1].basis}) AS after
UNWIND before + [{body: a, relation: 'self', step: 0, year: null, basis: null}] + after AS entry
WITH a, entry
WHERE entry.body IS NOT NULL
WITH a, entry.body AS body, entry.relation AS relation, entry.step AS step, entry.year AS year,
     entry.basis AS basis
OPTIONAL MATCH (body)-[:LEADS|COOPERATES]->(t:Task)-[:PART_OF*1..4]->(d:Document)
RETURN a.name AS agency,
       relation,
       step,
       body.name AS body,
       year,
       basis,
       count(DISTINCT t) AS tasks,
       min(d.date) AS first_document,
       max(d.date) AS last_document
ORDER BY agency, step, body
