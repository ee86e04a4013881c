// name: agencies-one-alias
// description: Agencies known by a single surface form. With abbreviated_only (the default) only those whose one printed form differs from the canonical name, such as 市卫生局 resolved to 淄博市卫生局: each rests on one abbreviation, so check the resolution.
// param: abbreviated_only bool = true false — only agencies whose single printed form is not their canonical name
MATCH (a:Agency)
WITH a, [x IN a.aliases WHERE x <> a.name] AS forms
WHERE size(forms) <= 1 AND (NOT $abbreviated_only OR size(forms) = 1)
OPTIONAL MATCH (a)-[:LEADS|COOPERATES]->(t:Task)
WITH a, forms, count(DISTINCT t) AS tasks
RETURN a.name AS agency,
       coalesce(head(forms), a.name) AS known_as,
       size(forms) = 1 AS abbreviated,
       a.region AS region,
       a.kind AS kind,
       tasks
ORDER BY abbreviated DESC, tasks DESC, agency
