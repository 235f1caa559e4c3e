// name: shared-partners
// description: Partners that two places or organisations have in common (through agreements or stated cooperation). A place answers together with the bodies that act for it (its council or administration and their offices, graph/schema.yaml acts_for), and a partner's body counts as the place it acts for, as in partners-of — each partner once; cooperation with a country as a whole is no partner.
// param: a entity required — the first place or organisation
// param: b entity required — the second place or organisation
// example: partners query shared-partners -p a=Dolyna -p b=Bolekhiv
// ids: partner
UNWIND [$a, $b] AS side
MATCH (x:Entity {id: side})
// the actor: the place x acts for (the nearest), else x itself; then its bodies
OPTIONAL MATCH up = (x)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(place:Entity)
WHERE place.kind IN __PLACE_KINDS__ AND all(n IN nodes(up)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH side, x, place, length(up) AS hops ORDER BY hops, place.id
WITH side, x, collect(place) AS places
WITH side, coalesce(places[0], x) AS actor
OPTIONAL MATCH down = (body:Entity)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(actor)
WHERE all(n IN nodes(down)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH side, actor, collect(DISTINCT body.id) AS body_ids
WITH side, [actor.id] + body_ids AS ours
UNWIND ours AS our_id
CALL {
  WITH our_id, ours
  MATCH (:Entity {id: our_id})-[:PARTY_TO]->(:Agreement)<-[:PARTY_TO]-(p:Entity)
  WHERE NOT p.id IN ours
  RETURN p
  UNION
  WITH our_id, ours
  MATCH (:Entity {id: our_id})-[:COOPERATES_WITH]-(p:Entity)
  WHERE NOT p.id IN ours
  RETURN p
}
WITH DISTINCT side, p
// the partner as an actor too: the place its body acts for
OPTIONAL MATCH pup = (p)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(pplace:Entity)
WHERE pplace.kind IN __PLACE_KINDS__ AND all(n IN nodes(pup)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH side, p, pplace, length(pup) AS hops ORDER BY hops, pplace.id
WITH side, p, collect(pplace) AS pplaces
WITH side, coalesce(pplaces[0], p) AS partner
WITH partner, collect(DISTINCT side) AS with_whom
WHERE size(with_whom) = 2
RETURN partner.id AS partner, __CAPTION(partner)__ AS name, partner.kind AS kind
ORDER BY name
