// name: coverage-ties
// description: Every agreement a Ukrainian actor is party to — itself or through a body that acts for it (its council, administration and their offices, graph/schema.yaml acts_for) — with each other party and the countries it lies in — the agreements `partners coverage` counts. `actor` is the place, `body` the party that signed for it when not the place itself.
// example: partners query coverage-ties --limit 5
// ids: actor, body, partner, tie
// (plans3, bench/results/query-plans.md: the `ua-` prefix as an id range is an index seek on FalkorDB; the WITH
// after the union keeps FalkorDB from planning the acts-for walk from its far end; the end of a variable-length
// walk is tested by kind, not by label — FalkorDB tests a label there one row at a time)
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
MATCH (x)-[:PARTY_TO]->(a:Agreement)<-[:PARTY_TO]-(y:Entity)
WHERE y.id <> x.id
OPTIONAL MATCH (y)-[:REPRESENTS]->(rc:Country)
OPTIONAL MATCH (y)-[:LOCATED_IN*0..3]->(c)
WHERE c.kind = 'Country'
WITH x, actor, a, y, rc, c ORDER BY c.id
// an embassy's country is the one it represents, not the one it sits in
WITH x, actor, a, y, rc, collect(DISTINCT c.id) AS located
WITH x, actor, a, y, CASE WHEN rc IS NULL THEN located ELSE [rc.id] END AS countries
RETURN 'agreement' AS via, actor.id AS actor, CASE WHEN x = actor THEN null ELSE x.id END AS body, y.id AS partner,
       countries, a.id AS tie, a.agreement_kind AS agreement_kind, a.status AS status, a.signed AS signed,
       a.renewed AS renewed, a.expected AS expected
ORDER BY actor, tie, partner, body
