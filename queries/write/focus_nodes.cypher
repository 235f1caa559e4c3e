// name: focus-nodes
// purpose: The entities within __DEPTH__ steps of one entity, as internal ids (for subgraph_nodes_by_id and
//          subgraph_edges_from), not counting steps through location, place of an event, figures or sources (so a
//          country or oblast does not pull in everything located in it). Internal ids, so that the next two
//          statements seek each entity by id instead of testing every entity or relation against a list of ids
//          (on the national graph 0.4-0.6 s each, bench/results/latency.md "analyse --focus on hubs").
// parameters: $id — the focus entity id. __DEPTH__ is an integer 1..5 checked by analysis/select.py.
MATCH (f:Entity {id: $id})
WITH f
OPTIONAL MATCH (f)-[:__RELS(focus)__*1..__DEPTH__]-(n:Entity)
RETURN id(f) AS focus, collect(DISTINCT id(n)) AS ids
