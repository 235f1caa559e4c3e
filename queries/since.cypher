// name: since
// description: What was signed, renewed, started or held on or after a date: agreements, cooperation, memberships, projects and events.
// param: date date required — the date (YYYY, YYYY-MM or YYYY-MM-DD)
// example: partners query since -p date=2025
// ids: id
// sources: sources
CALL {
  MATCH (n:Entity)
  WHERE n.kind IN ['Agreement', 'Project', 'Event']
  WITH n, __DATE(n)__ AS date
  WHERE date >= $date
  RETURN n.kind AS what, n.id AS id, __CAPTION(n)__ AS name, date,
         coalesce(n.status, '') AS status, n.source_ids AS sources
  UNION
  // one type per branch, ends from the relation: each branch seeks its since index (bench/results/query-plans.md)
  MATCH ()-[r:COOPERATES_WITH]->()
  WHERE r.since >= $date
  WITH r, startNode(r) AS a, endNode(r) AS b
  WHERE a:Entity AND b:Entity
  RETURN type(r) AS what, r.id AS id, __CAPTION(a)__ + ' — ' + __CAPTION(b)__ AS name,
         r.since AS date, coalesce(r.status, '') AS status, r.source_ids AS sources
  UNION
  MATCH ()-[r:MEMBER_OF]->()
  WHERE r.since >= $date
  WITH r, startNode(r) AS a, endNode(r) AS b
  WHERE a:Entity AND b:Entity
  RETURN type(r) AS what, r.id AS id, __CAPTION(a)__ + ' — ' + __CAPTION(b)__ AS name,
         r.since AS date, coalesce(r.status, '') AS status, r.source_ids AS sources
}
RETURN what, id, name, date, status, sources
ORDER BY date, what, id
