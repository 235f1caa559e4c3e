// name: delete-all
// purpose: Remove every entity and its relations (partners load --reset), inside the load's transaction.
// parameters: none
MATCH (n:Entity)
DETACH DELETE n
