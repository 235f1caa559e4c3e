// name: partners-of
// description: Partners of a place or organisation — through an agreement (kind, status, date) or a stated cooperation without one — with their country, which body holds the tie, risk flags (partner in Russia/Belarus, occupied place, announced, ended) and the sources. A place answers together with the bodies that act for it (its council or administration and their offices, graph/schema.yaml acts_for), each tie once; cooperation with a country as a whole is listed as such (kind "cooperation with the country"), not as a partner.
// param: name entity required — the place or organisation (any name, alias or id)
// example: partners query partners-of -p name=Dolyna
// ids: partner, via
// sources: sources
MATCH (x:Entity {id: $name})
// the actor: the place x acts for (the nearest), else x itself; then its bodies
OPTIONAL MATCH up = (x)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(place:Entity)
WHERE place.kind IN __PLACE_KINDS__ AND all(n IN nodes(up)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH x, place, length(up) AS hops ORDER BY hops, place.id
WITH x, collect(place) AS places
WITH coalesce(places[0], x) AS actor
OPTIONAL MATCH down = (body:Entity)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(actor)
WHERE all(n IN nodes(down)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH actor, collect(DISTINCT body.id) AS body_ids
WITH actor, [actor.id] + body_ids AS ours
UNWIND ours AS our_id
CALL {
  WITH our_id, ours
  MATCH (b:Entity {id: our_id})-[:PARTY_TO]->(a:Agreement)<-[:PARTY_TO]-(p:Entity)
  WHERE NOT p.id IN ours
  RETURN p.id AS pid, b.id AS bid, a.agreement_kind AS kind, a.status AS status,
         __DATE(a)__ AS date, a.id AS via, a.flags AS flags, a.source_ids AS sources
  UNION
  WITH our_id, ours
  MATCH (b:Entity {id: our_id})-[r:COOPERATES_WITH]-(p:Entity)
  WHERE NOT p.id IN ours
  RETURN p.id AS pid, b.id AS bid, 'cooperation' AS kind, r.status AS status, __DATE(r)__ AS date,
         r.via AS via, r.flags AS flags, r.source_ids AS sources
  UNION
  WITH our_id, ours
  MATCH (b:Entity {id: our_id})-[r:COOPERATES_WITH_COUNTRY]->(p:Country)
  RETURN p.id AS pid, b.id AS bid, 'cooperation with the country' AS kind, r.status AS status,
         __DATE(r)__ AS date, r.via AS via, r.flags AS flags, r.source_ids AS sources
}
WITH DISTINCT actor, pid, bid, kind, status, date, flags, via, sources
// the partner as an actor too: the place its body acts for
MATCH (pb:Entity {id: pid})
OPTIONAL MATCH pup = (pb)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(pplace:Entity)
WHERE pplace.kind IN __PLACE_KINDS__ AND all(n IN nodes(pup)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH actor, pb, bid, kind, status, date, flags, via, sources, pplace, length(pup) AS hops ORDER BY hops, pplace.id
WITH actor, pb, bid, kind, status, date, flags, via, sources, collect(pplace) AS pplaces
WITH actor, pb, bid, kind, status, date, flags, via, sources, coalesce(pplaces[0], pb) AS p
WHERE p <> actor
// its country: the one it represents (an embassy), else the one it lies in
OPTIONAL MATCH (p)-[:REPRESENTS]->(rc:Country)
OPTIONAL MATCH (p)-[:LOCATED_IN*0..3]->(c:Country)
WITH actor, pb, bid, kind, status, date, flags, via, sources, p, rc, c ORDER BY c.name_en
WITH actor, pb, bid, kind, status, date, flags, via, sources, p, rc, collect(DISTINCT c.name_en) AS countries
MATCH (b:Entity {id: bid})
WITH p, pb, b, actor, kind, status, date, flags, via, sources, coalesce(rc.name_en, countries[0]) AS country
RETURN p.id AS partner, __CAPTION(p)__ AS name, p.kind AS partner_kind, country, kind, status,
       date, flags, via, CASE WHEN b = actor THEN null ELSE __CAPTION(b)__ END AS body,
       CASE WHEN pb = p THEN null ELSE __CAPTION(pb)__ END AS partner_body, sources
ORDER BY country, name, date, kind, body
