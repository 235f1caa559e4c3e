// name: graph-nodes
// purpose: Every entity with its properties, for NetworkX (analysis/select.py, which adds each one's country from the
//          LOCATED_IN and REPRESENTS relations it reads next, and sorts by id: both cost the server more than the
//          client, bench/results/latency.md "whole4"). With $evidence false the citations and the editor's note
//          (source_ids, quotes, note: three quarters of the bytes of the national graph), which the measures never
//          read, come as nulls.
// parameters: $evidence — true: every property; false: source_ids, quotes and note null
MATCH (n:Entity)
RETURN CASE WHEN $evidence THEN properties(n) ELSE n {.*, source_ids: null, quotes: null, note: null} END AS props
