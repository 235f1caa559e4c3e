// name: drop-label
// purpose: Neo4j --reset load, step 3 (and clean-up of an interrupted load): delete the entities of the old graph
//          (EntityOld) or a staging left behind (EntityStaging), a thousand per transaction. __LABEL__ is one of
//          those two, never from data. Must run outside an explicit transaction (CALL … IN TRANSACTIONS).
// parameters: none
MATCH (n:__LABEL__)
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS
