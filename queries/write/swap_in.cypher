// name: swap-in
// purpose: Neo4j --reset load, step 2: the staged entities of one kind (__LABEL__, from graph/schema.yaml)
//          become the graph, in the same transaction as swap-out: readers see the old graph or the new one.
// parameters: $kind — the kind whose label __LABEL__ is
MATCH (n:EntityStaging)
WHERE n.kind = $kind
SET n:Entity:__LABEL__
REMOVE n:EntityStaging
