// name: subgraph-edges-from
// purpose: The relations among the entities of the given internal ids (focus_nodes), with all their properties,
//          as subgraph_edges gives them (for NetworkX): each relation found from its start node, by id.
// parameters: $ids — internal ids
UNWIND $ids AS i
MATCH (a) WHERE id(a) = i
WITH a
MATCH (a)-[r]->(b:Entity)
WHERE id(b) IN $ids
RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props
ORDER BY id
