// name: entity
// purpose: One entity's own properties and where it is (for `partners show`).
// parameters: $id — the entity id
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)-[:LOCATED_IN*1..3]->(place:Entity)
RETURN properties(n) AS props, collect(DISTINCT __CAPTION(place)__) AS located_in
