// name: swap-out
// purpose: Neo4j --reset load, step 2 (one transaction with swap-in): the live entities stop being the graph.
//          They keep no label a query matches (__LABEL__: every kind of graph/schema.yaml, one statement each).
// parameters: none
MATCH (n:Entity)
SET n:EntityOld
REMOVE n:Entity
