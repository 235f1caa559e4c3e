// name: funders-of
// description: Who funds or supports a place or organisation: donors of the projects it takes part in, and aid given to it directly.
// param: name entity required — the place or organisation
// example: partners query funders-of -p name=Zhytomyr
// ids: donor
// sources: sources
MATCH (x:Entity {id: $name})
CALL {
  WITH x
  MATCH (x)-[:PARTICIPATES_IN]->(pr:Project)<-[r:FUNDS]-(d:Entity)
  RETURN d, __CAPTION(pr)__ AS for_what, r.amount AS amount, r.currency AS currency, r.source_ids AS sources
  UNION
  WITH x
  MATCH (x)<-[r:SUPPORTS|FUNDS]-(d:Entity)
  RETURN d, coalesce(r.support_type, 'funding') AS for_what, r.amount AS amount, r.currency AS currency, r.source_ids AS sources
}
RETURN d.id AS donor, __CAPTION(d)__ AS name, d.kind AS kind, for_what, amount, currency, sources
ORDER BY name, for_what
