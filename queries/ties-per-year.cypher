// name: ties-per-year
// description: Growth: the foreign ties (agreements and stated cooperation) of Ukrainian cities, communities and regions — with those of the bodies that act for them (a council, an administration) — by the year they were signed, renewed or began, for each oblast and for Ukraine; year null counts the undated ties. A tie counts once per area; ties flagged ended are left out unless `ended` is 1 — the growth `partners coverage` and the overview report show.
// param: exclude string optional — ISO codes of partner countries to leave out, comma-separated (coverage leaves out ru,by)
// param: ended int optional — 1 also counts ties flagged ended
// example: partners query ties-per-year -p exclude=ru,by
// the actors: Ukrainian places, and the bodies that act for one (its council, administration and their offices —
// graph/schema.yaml acts_for); a body's ties count for the place it acts for (the nearest), each tie once
MATCH (x:Entity)
WHERE (x.kind IN __PLACE_KINDS__ AND x.id STARTS WITH 'ua-') OR x.kind IN __BODY_KINDS__
OPTIONAL MATCH up = (x)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(place:Entity)
WHERE place.kind IN __PLACE_KINDS__ AND all(n IN nodes(up)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH x, place, length(up) AS hops ORDER BY hops, place.id
WITH x, collect(place) AS places
WITH x, coalesce(places[0], x) AS actor
WHERE actor.kind IN __PLACE_KINDS__ AND actor.id STARTS WITH 'ua-'
OPTIONAL MATCH (actor)-[:LOCATED_IN*0..3]->(o:Entity)
WHERE (o.kind = 'Region' AND o.region_type IN __LIST(oblast_region_types)__)
   OR (o.kind = 'City' AND any(c IN [o.katottg] + coalesce(o.aliases, [])
                               WHERE c STARTS WITH 'UA' AND size(c) = 19 AND substring(c, 4, 10) = '0000000000'))
WITH x, o ORDER BY o.id
WITH x, head(collect(o.id)) AS oblast
CALL {
  WITH x
  MATCH (x)-[:PARTY_TO]->(a:Agreement)<-[:PARTY_TO]-(p:Entity)
  WHERE p.id <> x.id
  // the partner's country: the one it represents (an embassy), else the one it lies in
  OPTIONAL MATCH (p)-[:REPRESENTS]->(rc:Country)
  OPTIONAL MATCH (p)-[:LOCATED_IN*0..3]->(lc:Country)
  WITH a, coalesce(rc, lc) AS c
  WHERE c IS NOT NULL
  RETURN a.id AS tie, __DATE(a)__ AS dated, a.status AS status, c.id AS country
  UNION
  WITH x
  MATCH (x)-[r:COOPERATES_WITH]-(p:Entity)
  OPTIONAL MATCH (p)-[:REPRESENTS]->(rc:Country)
  OPTIONAL MATCH (p)-[:LOCATED_IN*0..3]->(lc:Country)
  WITH r, coalesce(rc, lc) AS c
  WHERE c IS NOT NULL
  RETURN r.id AS tie, __DATE(r)__ AS dated, r.status AS status, c.id AS country
}
WITH oblast, tie, dated, status, country
WHERE country <> 'ua' AND NOT country IN split(toLower(coalesce($exclude, '')), ',')
  AND (coalesce(status, '') <> 'ended' OR $ended = 1)
WITH DISTINCT oblast, tie, toInteger(substring(toString(dated), 0, 4)) AS year
UNWIND [coalesce(oblast, ''), ''] AS scope
WITH DISTINCT scope, tie, year
WITH scope, year, count(*) AS ties
OPTIONAL MATCH (o:Entity {id: scope})
RETURN CASE WHEN scope = '' THEN 'Ukraine' ELSE __CAPTION(o)__ END AS area,
       CASE WHEN scope = '' THEN null ELSE scope END AS oblast, year, ties
ORDER BY oblast IS NOT NULL, area, year IS NULL, year
