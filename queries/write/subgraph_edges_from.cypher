// name: subgraph-edges-from
// purpose: The relations among the entities of the given internal ids (focus_nodes), with all their properties,
//          as graph_edges gives them (for NetworkX): each relation found from its start node, by id.
// parameters: $ids — internal ids; $evidence — false: source_ids, quotes and note null (as graph_nodes)
UNWIND $ids AS i
MATCH (a) WHERE id(a) = i
WITH a
MATCH (a)-[r]->(b:Entity)
WHERE id(b) IN $ids
RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, CASE WHEN $evidence THEN properties(r)
       ELSE r {.*, source_ids: null, quotes: null, note: null} END AS props
ORDER BY id
