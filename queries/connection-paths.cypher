// name: connection-paths
// description: How A is connected to B: the shortest chains (up to 4 steps) through agreements, cooperation, projects, programmes, networks, funding and aid — not through mere location. A place answers together with the bodies that act for it (its council or administration and their offices, graph/schema.yaml acts_for): a chain may start or end at such a body, and leaves each side once.
// param: a entity required — where the chain starts
// param: b entity required — where it ends
// example: partners query connection-paths -p a=Dolyna -p b=Zhytomyr
// both ends are matched (the two actors and their bodies) before the variable-length pattern
MATCH (xa:Entity {id: $a})
OPTIONAL MATCH up = (xa)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(place:Entity)
WHERE place.kind IN __PLACE_KINDS__ AND all(n IN nodes(up)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH xa, place, length(up) AS hops ORDER BY hops, place.id
WITH xa, collect(place) AS places
WITH coalesce(places[0], xa) AS actor_a
OPTIONAL MATCH down = (body:Entity)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(actor_a)
WHERE all(n IN nodes(down)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH actor_a, collect(DISTINCT body) AS bodies_a
WITH [actor_a] + bodies_a AS side_a
MATCH (xb:Entity {id: $b})
OPTIONAL MATCH bup = (xb)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(bplace:Entity)
WHERE bplace.kind IN __PLACE_KINDS__ AND all(n IN nodes(bup)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH side_a, xb, bplace, length(bup) AS bhops ORDER BY bhops, bplace.id
WITH side_a, xb, collect(bplace) AS bplaces
WITH side_a, coalesce(bplaces[0], xb) AS actor_b
OPTIONAL MATCH bdown = (bbody:Entity)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(actor_b)
WHERE all(n IN nodes(bdown)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH side_a, actor_b, collect(DISTINCT bbody) AS bodies_b
WITH side_a, [actor_b] + bodies_b AS side_b
WITH side_a, side_b, [n IN side_a | n.id] AS ids_a, [n IN side_b | n.id] AS ids_b
// only the members with a step out of their own side can start or end a chain (a department whose one connection
// is PART_OF its council cannot): fewer pairs for the variable-length pattern
UNWIND side_a AS x
MATCH (x)-[:__RELS(connection)__]-(m:Entity)
WHERE NOT m.id IN ids_a
WITH DISTINCT x, side_b, ids_a, ids_b
UNWIND side_b AS y
MATCH (y)-[:__RELS(connection)__]-(m:Entity)
WHERE NOT m.id IN ids_b
WITH DISTINCT x, y, ids_a + ids_b AS ends
WHERE x <> y
MATCH path = (x)-[:__RELS(connection)__*1..4]-(y)
// simple paths only: Neo4j may revisit a node (it only never repeats a relationship), FalkorDB never does; and the
// chain leaves each side once (no step through another body of the same place)
WHERE all(n IN nodes(path) WHERE single(m IN nodes(path) WHERE m = n))
  AND none(n IN nodes(path)[1..-1] WHERE n.id IN ends)
WITH path, length(path) AS hops,
     reduce(key = '', n IN nodes(path) | key + n.id + '/') + reduce(key = '', r IN relationships(path) | key + type(r) + '/') AS key
ORDER BY hops, key
LIMIT 10
RETURN hops, [n IN nodes(path) | __CAPTION(n)__] AS chain,
       [r IN relationships(path) | type(r)] AS via
