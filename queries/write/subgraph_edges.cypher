// name: subgraph-edges
// purpose: The relations among the given entities, with all their properties (for NetworkX).
// parameters: $ids — entity ids, or null for all
MATCH (a:Entity)-[r]->(b:Entity)
WHERE $ids IS NULL OR (a.id IN $ids AND b.id IN $ids)
RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props
ORDER BY id
