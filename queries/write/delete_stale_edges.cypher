// name: delete-stale-edges
// purpose: With --reset on Neo4j: after the new graph is merged, remove the relations it does not contain
//          (in the same transaction, so the load stays all-or-nothing).
// parameters: $ids — the ids of every relation the load wrote
MATCH (:Entity)-[r]->(:Entity)
WHERE r.id IS NULL OR NOT r.id IN $ids
DELETE r
