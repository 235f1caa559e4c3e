// name: delete-kind-changed
// purpose: With --reset: first remove the stored entities whose id the new graph gives another kind, so the
//          merge creates them afresh with the new label (their relations are written again after the nodes).
// parameters: $rows: list of {id: string, kind: string} — every entity the load writes
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WHERE n.kind <> row.kind
DETACH DELETE n
