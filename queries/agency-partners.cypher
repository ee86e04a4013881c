// name: agency-partners
// description: The agencies a given agency works with most: how many tasks they are both assigned to (as lead or cooperating), and who leads on them.
// param: agency string 淄博市卫生局 — the agency's name or one of its aliases
// param: limit int = 20 10 — at most this many partners
MATCH (a:Agency)
WHERE $agency IN a.aliases
MATCH (a)-[ra:LEADS|COOPERATES]->(t:Task)<-[rb:LEADS|COOPERATES]-(b:Agency)
WHERE b <> a
WITH a, b,
     count(DISTINCT t) AS shared_tasks,
     count(DISTINCT CASE WHEN type(ra) = 'LEADS' THEN t END) AS agency_leads,
     count(DISTINCT CASE WHEN type(rb) = 'LEADS' THEN t END) AS partner_leads
RETURN a.name AS agency,
       b.name AS partner,
       shared_tasks,
       agency_leads,
       partner_leads
ORDER BY shared_tasks DESC, partner
LIMIT $limit
