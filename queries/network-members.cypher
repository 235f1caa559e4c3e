// name: network-members
// description: Members of a network, association or programme, with the date they joined where stated.
// param: network entity required — the network, association or programme
// example: partners query network-members -p network=AER
// ids: member
// sources: sources
MATCH (n:Entity {id: $network})<-[r:MEMBER_OF|PARTICIPATES_IN]-(m:Entity)
RETURN m.id AS member, __CAPTION(m)__ AS name, m.kind AS kind, type(r) AS relation,
       coalesce(r.role, '') AS role, r.since AS since, r.source_ids AS sources
ORDER BY name
