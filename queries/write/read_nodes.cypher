// name: read-nodes
// purpose: Every entity with all its properties, for export and for building NetworkX graphs.
// parameters: none
MATCH (n:Entity)
RETURN n.id AS id, n.kind AS kind, properties(n) AS props
ORDER BY id
