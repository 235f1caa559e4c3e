// name: read-load-stamp
// purpose: The stamp of the last load (queries/write/load_stamp.cypher): the name table kept for a store is
//          valid while it matches (graph/names.py).
// parameters: none
MATCH (m:LoadStamp)
RETURN m.stamp AS stamp
LIMIT 1
