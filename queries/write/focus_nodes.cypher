// name: focus-nodes
// purpose: The ids within __DEPTH__ steps of one entity, not counting steps through location, place of an event,
//          figures or sources (so a country or oblast does not pull in everything located in it).
// parameters: $id — the focus entity id. __DEPTH__ is an integer 1..5 checked by analysis/select.py.
MATCH (f:Entity {id: $id})
OPTIONAL MATCH (f)-[:__RELS(focus)__*1..__DEPTH__]-(n:Entity)
WITH f, collect(DISTINCT n.id) AS ids
RETURN [f.id] + ids AS ids
