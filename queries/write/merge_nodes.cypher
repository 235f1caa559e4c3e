// name: merge-nodes
// purpose: The writer's statement for one batch of entities of one kind: create or update each by id.
//          Loading the same rows twice changes nothing (MERGE on the unique id, SET replaces properties).
// parameters: $rows: list of {id: string, props: map}. __LABEL__ is a kind from graph/schema.yaml,
//             filled in by graph/cypher.py from the schema's allow-list, never from data.
UNWIND $rows AS row
MERGE (n:Entity:__LABEL__ {id: row.id})
SET n = row.props
