// name: partners-of
// description: Partners of a place or organisation — through an agreement (kind, status, date) or a stated cooperation without one — with their country, risk flags (partner in Russia/Belarus, occupied place, announced, ended) and sources.
// param: name entity required — the place or organisation (any name, alias or id)
// example: partners query partners-of -p name=Dolyna
// ids: partner, via
// sources: sources
MATCH (x:Entity {id: $name})
CALL {
  WITH x
  MATCH (x)-[:PARTY_TO]->(a:Agreement)<-[:PARTY_TO]-(p:Entity)
  WHERE p <> x
  OPTIONAL MATCH (p)-[:LOCATED_IN*0..3]->(c:Country)
  WITH p, a, c ORDER BY c.name_en
  RETURN p.id AS partner, __CAPTION(p)__ AS name, p.kind AS partner_kind,
         collect(DISTINCT c.name_en)[0] AS country, a.agreement_kind AS kind, a.status AS status,
         __DATE(a)__ AS date, a.id AS via, a.flags AS flags, a.source_ids AS sources
  UNION
  WITH x
  MATCH (x)-[r:COOPERATES_WITH]-(p:Entity)
  OPTIONAL MATCH (p)-[:LOCATED_IN*0..3]->(c:Country)
  WITH p, r, c ORDER BY c.name_en
  RETURN p.id AS partner, __CAPTION(p)__ AS name, p.kind AS partner_kind,
         collect(DISTINCT c.name_en)[0] AS country, 'cooperation' AS kind, r.status AS status, __DATE(r)__ AS date,
         r.via AS via, r.flags AS flags, r.source_ids AS sources
}
RETURN partner, name, partner_kind, country, kind, status, date, flags, via, sources
ORDER BY country, name, date, kind
