// name: name-ties
// purpose: The partnership ties of each actor that has any, with the bodies that are the same actor (the body
//          that governs a place or the place it governs; a hromada and its centre) — so a name that resolves to
//          a place without ties can offer the namesake that holds them (graph/names.py).
// parameters: $types — the tie relations (graph.names.TIE_RELATIONS); $actors — the kinds that hold ties
MATCH (a:Entity)-[t]-(:Entity)
WHERE type(t) IN $types AND a.kind IN $actors
WITH a, count(t) AS ties
OPTIONAL MATCH (a)-[:GOVERNS|HAS_CENTRE]-(b:Entity)
RETURN a.id AS id, ties, collect(DISTINCT b.id) AS related
