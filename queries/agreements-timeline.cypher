// name: agreements-timeline
// description: Agreements by year and kind (signed, renewed or expected), for the whole graph or one party. A place answers together with the bodies that act for it (its council or administration and their offices, graph/schema.yaml acts_for), each agreement once.
// param: name entity optional — only agreements this place or organisation (or a body acting for the same place) is party to
// example: partners query agreements-timeline -p name=Zhytomyr
// the party is bound first: a pattern on an unbound {id: $name} inside OR makes Neo4j scan the id index per row
OPTIONAL MATCH (x:Entity {id: $name})
// the actor: the place x acts for (the nearest), else x itself; then its bodies
OPTIONAL MATCH up = (x)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(place:Entity)
WHERE place.kind IN __PLACE_KINDS__ AND all(n IN nodes(up)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH x, place, length(up) AS hops ORDER BY hops, place.id
WITH x, collect(place) AS places
WITH coalesce(places[0], x) AS actor
OPTIONAL MATCH down = (body:Entity)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(actor)
WHERE all(n IN nodes(down)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH actor, collect(DISTINCT body.id) AS body_ids
WITH CASE WHEN actor IS NULL THEN [] ELSE [actor.id] + body_ids END AS ours
CALL {
  WITH ours
  MATCH (a:Agreement)
  WHERE $name IS NULL
  RETURN a
  UNION
  WITH ours
  UNWIND ours AS our_id
  MATCH (:Entity {id: our_id})-[:PARTY_TO]->(a:Agreement)
  RETURN a
}
WITH DISTINCT a
WITH a, __DATE(a)__ AS date
WITH CASE WHEN date IS NULL THEN 'undated' ELSE substring(date, 0, 4) END AS year, a
ORDER BY a.id
RETURN year, a.agreement_kind AS kind, a.status AS status, count(*) AS agreements,
       collect(__CAPTION(a)__) AS names
ORDER BY year, kind, status
