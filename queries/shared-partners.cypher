// name: shared-partners
// description: Partners that two places or organisations have in common (through agreements or stated cooperation).
// param: a entity required — the first place or organisation
// param: b entity required — the second place or organisation
// example: partners query shared-partners -p a=Dolyna -p b=Bolekhiv
// ids: partner
MATCH (x:Entity) WHERE x.id IN [$a, $b]
CALL {
  WITH x
  MATCH (x)-[:PARTY_TO]->(:Agreement)<-[:PARTY_TO]-(p:Entity)
  WHERE p <> x
  RETURN p
  UNION
  WITH x
  MATCH (x)-[:COOPERATES_WITH]-(p:Entity)
  RETURN p
}
WITH p, collect(DISTINCT x.id) AS with_whom
WHERE size(with_whom) = 2
RETURN p.id AS partner, __CAPTION(p)__ AS name, p.kind AS kind
ORDER BY name
