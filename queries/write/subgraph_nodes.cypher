// name: subgraph-nodes
// purpose: The given entities with all their properties and the ISO code of their country (for NetworkX).
// parameters: $ids — entity ids, or null for all
MATCH (n:Entity)
WHERE $ids IS NULL OR n.id IN $ids
OPTIONAL MATCH (n)-[:LOCATED_IN*0..3]->(c:Country)
WITH n, c ORDER BY c.id
RETURN n.id AS id, n.kind AS kind, properties(n) AS props, collect(DISTINCT c.id)[0] AS country
ORDER BY id
