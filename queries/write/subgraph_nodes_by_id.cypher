// name: subgraph-nodes-by-id
// purpose: The entities of the given internal ids (focus_nodes) with all their properties and the ISO code of
//          their country (for NetworkX; analysis/select.py finds the same country for the whole graph from
//          graph_nodes and graph_edges). `WITH n` after the seek: FalkorDB plans a pattern right after `id(n) = i`
//          from its other end otherwise (bench/results/latency.md).
// parameters: $ids — internal ids; $evidence — false: source_ids, quotes and note null (as graph_nodes)
UNWIND $ids AS i
MATCH (n) WHERE id(n) = i
WITH n
OPTIONAL MATCH (n)-[:REPRESENTS]->(rc:Country)
OPTIONAL MATCH (n)-[:LOCATED_IN*0..3]->(c:Country)
WITH n, rc, c ORDER BY c.id
// the country an actor represents (an embassy), else the one it lies in
WITH n, rc, collect(DISTINCT c.id) AS located
RETURN n.id AS id, n.kind AS kind, CASE WHEN $evidence THEN properties(n)
       ELSE n {.*, source_ids: null, quotes: null, note: null} END AS props, coalesce(rc.id, located[0]) AS country
ORDER BY id
