// name: read-edges
// purpose: Every relation with its ends and all its properties, for export and NetworkX.
// parameters: none
MATCH (a:Entity)-[r]->(b:Entity)
RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props
ORDER BY id
