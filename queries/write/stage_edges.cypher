// name: stage-edges
// purpose: Neo4j --reset load, step 1: one batch of relations of one type among staged entities.
// parameters: $rows: list of {id, source, target: entity ids, props: map}. __TYPE__ is a relation type from
//             graph/schema.yaml (allow-list), never from data.
UNWIND $rows AS row
MATCH (a:EntityStaging {id: row.source})
MATCH (b:EntityStaging {id: row.target})
MERGE (a)-[r:__TYPE__ {id: row.id}]->(b)
SET r = row.props
