// name: since
// description: What was signed, renewed, started or held on or after a date: agreements, cooperation, memberships, projects and events — of the whole graph, or of one place or organisation. A place answers together with the bodies that act for it (its council or administration and their offices, graph/schema.yaml acts_for), each item once.
// param: date date required — the date (YYYY, YYYY-MM or YYYY-MM-DD)
// param: name entity optional — only what this place or organisation (or a body acting for the same place) is party to, cooperates in, is a member of, takes part in or organised
// example: partners query since -p date=2025
// ids: id
// sources: sources
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
  MATCH (n:Entity)
  WHERE $name IS NULL AND n.kind IN ['Agreement', 'Project', 'Event']
  WITH n, __DATE(n)__ AS date
  WHERE date >= $date
  RETURN n.kind AS what, n.id AS id, __CAPTION(n)__ AS name, date,
         coalesce(n.status, '') AS status, n.source_ids AS sources
  UNION
  // one actor: what the place and its bodies are party to, take part in or organised
  WITH ours
  UNWIND ours AS our_id
  MATCH (:Entity {id: our_id})-[:PARTY_TO|PARTICIPATES_IN|ORGANISED]->(n:Entity)
  WHERE n.kind IN ['Agreement', 'Project', 'Event']
  WITH n, __DATE(n)__ AS date
  WHERE date >= $date
  RETURN n.kind AS what, n.id AS id, __CAPTION(n)__ AS name, date,
         coalesce(n.status, '') AS status, n.source_ids AS sources
  UNION
  // one type per branch, ends from the relation: each branch seeks its since index (bench/results/query-plans.md)
  WITH ours
  MATCH ()-[r:COOPERATES_WITH]->()
  WHERE r.since >= $date
  WITH r, ours, startNode(r) AS a, endNode(r) AS b
  WHERE a:Entity AND b:Entity AND ($name IS NULL OR a.id IN ours OR b.id IN ours)
  RETURN type(r) AS what, r.id AS id, __CAPTION(a)__ + ' — ' + __CAPTION(b)__ AS name,
         r.since AS date, coalesce(r.status, '') AS status, r.source_ids AS sources
  UNION
  WITH ours
  MATCH ()-[r:MEMBER_OF]->()
  WHERE r.since >= $date
  WITH r, ours, startNode(r) AS a, endNode(r) AS b
  WHERE a:Entity AND b:Entity AND ($name IS NULL OR a.id IN ours)
  RETURN type(r) AS what, r.id AS id, __CAPTION(a)__ + ' — ' + __CAPTION(b)__ AS name,
         r.since AS date, coalesce(r.status, '') AS status, r.source_ids AS sources
}
RETURN what, id, name, date, status, sources
ORDER BY date, what, id
