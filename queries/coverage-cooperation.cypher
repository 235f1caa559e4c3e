// name: coverage-cooperation
// description: Every stated cooperation of a Ukrainian actor — itself or through a body that acts for it (its council, administration and their offices, graph/schema.yaml acts_for) — with the other side and the countries it lies in — the cooperation ties `partners coverage` counts. `actor` is the place, `body` the side that holds the tie for it when not the place itself.
// example: partners query coverage-cooperation --limit 5
// ids: actor, body, partner, tie
// (plans3, bench/results/query-plans.md: as coverage-ties — the `ua-` prefix as an id range is an index seek on
// FalkorDB; the WITH after the union keeps FalkorDB from planning the acts-for walk from its far end; the end of a
// variable-length walk is tested by kind, not by label — FalkorDB tests a label there one row at a time)
CALL {
  MATCH (x:Entity) WHERE x.id >= 'ua-' AND x.id < 'ua.'
  RETURN x
  UNION
  MATCH (x:Entity) WHERE x.kind IN __BODY_KINDS__
  RETURN x
}
WITH x
// one actor: a body answers as the place it acts for (the nearest)
OPTIONAL MATCH up = (x)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(place)
WHERE place.kind IN __PLACE_KINDS__ AND all(n IN nodes(up)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH x, place, length(up) AS hops ORDER BY hops, place.id
WITH x, collect(place) AS places
WITH x, coalesce(places[0], x) AS actor
WHERE actor.id STARTS WITH 'ua-'
MATCH (x)-[r:COOPERATES_WITH]-(y:Entity)
OPTIONAL MATCH (y)-[:REPRESENTS]->(rc:Country)
OPTIONAL MATCH (y)-[:LOCATED_IN*0..3]->(c)
WHERE c.kind = 'Country'
WITH x, actor, r, y, rc, c ORDER BY c.id
// an embassy's country is the one it represents, not the one it sits in
WITH x, actor, r, y, rc, collect(DISTINCT c.id) AS located
WITH x, actor, r, y, CASE WHEN rc IS NULL THEN located ELSE [rc.id] END AS countries
RETURN 'cooperation' AS via, actor.id AS actor, CASE WHEN x = actor THEN null ELSE x.id END AS body, y.id AS partner,
       countries, r.id AS tie, null AS agreement_kind, r.status AS status, r.since AS dated
ORDER BY actor, tie, partner, body
