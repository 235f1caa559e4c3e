// name: kinds-of
// purpose: Before a load without --reset: the kind each of the given ids has in the store, so an id that
//          changes kind is refused (it would become a second node on FalkorDB and a constraint error on Neo4j).
// parameters: $ids — the ids of every entity the load writes
MATCH (n:Entity)
WHERE n.id IN $ids
RETURN n.id AS id, n.kind AS kind
