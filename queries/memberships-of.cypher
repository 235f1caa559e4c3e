// name: memberships-of
// description: Networks, associations and programmes a place or organisation belongs to or takes part in.
// param: name entity required — the place or organisation
// example: partners query memberships-of -p name="Poltava Oblast Council"
// ids: network
// sources: sources
MATCH (x:Entity {id: $name})-[r:MEMBER_OF|PARTICIPATES_IN]->(n:Entity)
WHERE n.kind IN ['Organisation', 'Programme']
RETURN n.id AS network, __CAPTION(n)__ AS name, n.kind AS kind, type(r) AS relation,
       r.since AS since, r.source_ids AS sources
ORDER BY name
