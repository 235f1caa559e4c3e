// name: funders-of
// description: Who funds or supports a place or organisation: donors of the projects it takes part in, and aid given to it directly.
// param: name entity required — the place or organisation
// example: partners query funders-of -p name=Zhytomyr
MATCH (x:Entity {id: $name})
CALL {
  WITH x
  MATCH (x)-[:PARTICIPATES_IN]->(pr:Project)<-[r:FUNDS]-(d:Entity)
  RETURN d, coalesce(pr.name_en, pr.name_uk) AS for_what, r.amount AS amount, r.currency AS currency, r.source_ids AS sources
  UNION
  WITH x
  MATCH (x)<-[r:SUPPORTS|FUNDS]-(d:Entity)
  RETURN d, coalesce(r.support_type, 'funding') AS for_what, r.amount AS amount, r.currency AS currency, r.source_ids AS sources
}
RETURN d.id AS donor, coalesce(d.name_en, d.name_uk) AS name, d.kind AS kind, for_what, amount, currency, sources
ORDER BY name, for_what
