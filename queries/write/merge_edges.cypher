// name: merge-edges
// purpose: The writer's statement for one batch of relations of one type, merged on their stable id.
// parameters: $rows: list of {id, source, target: entity ids, props: map}. __TYPE__ is a relation type
//             from graph/schema.yaml (allow-list), never from data.
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:__TYPE__ {id: row.id}]->(b)
SET r = row.props
