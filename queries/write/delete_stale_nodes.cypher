// name: delete-stale-nodes
// purpose: With --reset on Neo4j: after the new graph is merged, remove the entities it does not contain.
// parameters: $ids — the ids of every entity the load wrote
MATCH (n:Entity)
WHERE n.id IS NULL OR NOT n.id IN $ids
DETACH DELETE n
