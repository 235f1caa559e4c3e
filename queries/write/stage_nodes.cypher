// name: stage-nodes
// purpose: Neo4j --reset load, step 1: one batch of entities written under the staging label, which no query
//          matches, in a transaction of its own (the swap makes them the graph; see graph/stores/neo4j_store.py).
// parameters: $rows: list of {id: string, props: map} — props hold kind, so the swap knows the label to give
UNWIND $rows AS row
MERGE (n:EntityStaging {id: row.id})
SET n = row.props
