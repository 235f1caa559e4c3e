// name: create-edges
// purpose: The writer's statement for one batch of relations when the graph was emptied in the same load
//          (--reset): nothing can exist yet, so CREATE skips MERGE's existence check — which, after a delete in
//          the same Neo4j transaction, must sift every deleted relationship of dense nodes such as countries.
// parameters: $rows: list of {id, source, target: entity ids, props: map}. __TYPE__ as in merge_edges.cypher.
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
CREATE (a)-[r:__TYPE__]->(b)
SET r = row.props
