// name: ties-per-year
// description: Growth: the foreign ties (agreements and stated cooperation) of Ukrainian cities, communities and regions — with those of the bodies that act for them (a council, an administration) — by the year they were signed, renewed or began, for each oblast and for Ukraine; year null counts the undated ties. A tie counts once per area; ties flagged ended are left out unless `ended` is 1 — the growth `partners coverage` and the overview report show.
// param: exclude string optional — ISO codes of partner countries to leave out, comma-separated (coverage leaves out ru,by)
// param: ended int optional — 1 also counts ties flagged ended
// example: partners query ties-per-year -p exclude=ru,by
// the actors: Ukrainian places, and the bodies that act for one (its council, administration and their offices —
// graph/schema.yaml acts_for); a body's ties count for the place it acts for (the nearest), each tie once
// (plans3, bench/results/query-plans.md: the `ua-` prefix as an id range is an index seek on FalkorDB; the ties
// are one pass, not a CALL subquery, whose traversals FalkorDB runs one row at a time; the end of a
// variable-length walk is tested by kind, not by label, for the same reason)
CALL {
  MATCH (x:Entity) WHERE x.id >= 'ua-' AND x.id < 'ua.' AND x.kind IN __PLACE_KINDS__
  RETURN x
  UNION
  MATCH (x:Entity) WHERE x.kind IN __BODY_KINDS__
  RETURN x
}
// (without this WITH, FalkorDB 4.16 plans the walk below from its far end: minutes, and no rows)
WITH x
OPTIONAL MATCH up = (x)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(place)
WHERE place.kind IN __PLACE_KINDS__ AND all(n IN nodes(up)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH x, place, length(up) AS hops ORDER BY hops, place.id
WITH x, collect(place) AS places
WITH x, coalesce(places[0], x) AS actor
WHERE actor.kind IN __PLACE_KINDS__ AND actor.id STARTS WITH 'ua-'
OPTIONAL MATCH (actor)-[:LOCATED_IN*0..3]->(o)
WHERE (o.kind = 'Region' AND o.region_type IN __LIST(oblast_region_types)__)
   OR (o.kind = 'City' AND any(c IN [o.katottg] + coalesce(o.aliases, [])
                               WHERE c STARTS WITH 'UA' AND size(c) = 19 AND substring(c, 4, 10) = '0000000000'))
WITH x, o ORDER BY o.id
WITH x, head(collect(o.id)) AS oblast
// the ties, in one pass (one hop, then an optional one — FalkorDB batches those): an agreement x is party to,
// with each other party, or x's stated cooperation, with the other side
MATCH (x)-[e:PARTY_TO|COOPERATES_WITH]-(m)
// (PARTY_TO ends at an agreement only, graph/schema.yaml: this hop finds nothing from a cooperation partner)
OPTIONAL MATCH (m)<-[:PARTY_TO]-(party)
WITH oblast, x, e, m, party
WHERE type(e) = 'COOPERATES_WITH' OR (party IS NOT NULL AND party.id <> x.id)
WITH oblast, CASE type(e) WHEN 'COOPERATES_WITH' THEN e ELSE m END AS t,
     CASE type(e) WHEN 'COOPERATES_WITH' THEN m ELSE party END AS p
// the partner's country: the one it represents (an embassy), else the one it lies in
OPTIONAL MATCH (p)-[:REPRESENTS]->(rc:Country)
OPTIONAL MATCH (p)-[:LOCATED_IN*0..3]->(lc)
WHERE lc.kind = 'Country'
WITH oblast, t.id AS tie, __DATE(t)__ AS dated, t.status AS status, coalesce(rc, lc).id AS country
WHERE country IS NOT NULL AND country <> 'ua' AND NOT country IN split(toLower(coalesce($exclude, '')), ',')
  AND (coalesce(status, '') <> 'ended' OR $ended = 1)
WITH DISTINCT oblast, tie, toInteger(substring(toString(dated), 0, 4)) AS year
UNWIND [coalesce(oblast, ''), ''] AS scope
WITH DISTINCT scope, tie, year
WITH scope, year, count(*) AS ties
OPTIONAL MATCH (o:Entity {id: scope})
RETURN CASE WHEN scope = '' THEN 'Ukraine' ELSE __CAPTION(o)__ END AS area,
       CASE WHEN scope = '' THEN null ELSE scope END AS oblast, year, ties
ORDER BY oblast IS NOT NULL, area, year IS NULL, year
