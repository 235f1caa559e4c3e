// name: subgraph-nodes
// purpose: The given entities with all their properties and the ISO code of their country (for NetworkX).
// parameters: $ids — entity ids, or null for all
MATCH (n:Entity)
WHERE $ids IS NULL OR n.id IN $ids
OPTIONAL MATCH (n)-[:REPRESENTS]->(rc:Country)
OPTIONAL MATCH (n)-[:LOCATED_IN*0..3]->(c:Country)
WITH n, rc, c ORDER BY c.id
// the country an actor represents (an embassy), else the one it lies in
WITH n, rc, collect(DISTINCT c.id) AS located
RETURN n.id AS id, n.kind AS kind, properties(n) AS props, coalesce(rc.id, located[0]) AS country
ORDER BY id
