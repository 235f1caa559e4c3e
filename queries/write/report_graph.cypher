// name: report-graph
// purpose: The whole graph in one read, for a report: every entity (with the ISO code of its country) and every
//          relation, as rows of one shape — `what` is 'node' or 'edge' (reports/read.py builds one NetworkX graph).
// parameters: none
MATCH (n:Entity)
OPTIONAL MATCH (n)-[:REPRESENTS]->(rc:Country)
OPTIONAL MATCH (n)-[:LOCATED_IN*0..3]->(c:Country)
WITH n, rc, c ORDER BY c.id
// the country an actor represents (an embassy), else the one it lies in
WITH n, rc, collect(DISTINCT c.id) AS located
RETURN 'node' AS what, n.id AS id, n.kind AS kind, properties(n) AS props, coalesce(rc.id, located[0]) AS country,
       null AS source, null AS target
UNION ALL
MATCH (a:Entity)-[r]->(b:Entity)
RETURN 'edge' AS what, r.id AS id, type(r) AS kind, properties(r) AS props, null AS country, a.id AS source,
       b.id AS target
