// name: swap-out-kind
// purpose: Neo4j --reset load, step 2: entities of the old graph lose their kind label (__LABEL__, a kind from
//          graph/schema.yaml), so `MATCH (:Country {id: 'ua'})` sees only the new graph.
// parameters: none
MATCH (n:EntityOld:__LABEL__)
REMOVE n:__LABEL__
