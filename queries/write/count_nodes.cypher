// name: count-nodes
// purpose: Entities by kind, for `partners stats`.
// parameters: none
MATCH (n:Entity)
RETURN n.kind AS name, count(*) AS count
ORDER BY name
