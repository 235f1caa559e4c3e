// name: graph-edges
// purpose: Every relation between entities with its properties, for NetworkX (analysis/select.py sorts them by id).
//          With $evidence false the citations and the editor's note (source_ids, quotes, note) come as nulls, as in
//          graph_nodes.
// parameters: $evidence — true: every property; false: source_ids, quotes and note null
MATCH (a:Entity)-[r]->(b:Entity)
RETURN type(r) AS type, a.id AS source, b.id AS target,
       CASE WHEN $evidence THEN properties(r) ELSE r {.*, source_ids: null, quotes: null, note: null} END AS props
