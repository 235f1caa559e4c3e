// name: around
// description: Organisations, programmes, projects and donors around a place or organisation: what it takes part in, who funds that, which networks it belongs to.
// param: name entity required — the place or organisation
// example: partners query around -p name=Zhytomyr
// ids: id
MATCH (x:Entity {id: $name})
CALL {
  WITH x
  MATCH (x)-[r:PARTICIPATES_IN|MEMBER_OF|MANAGES]->(t:Entity)
  RETURN t, type(r) AS relation, coalesce(r.role, '') AS role, 'direct' AS through
  UNION
  WITH x
  MATCH (x)-[:PARTICIPATES_IN|MEMBER_OF]->(:Entity)<-[r:FUNDS]-(t:Entity)
  RETURN t, 'FUNDS' AS relation, 'funder' AS role, 'a project or programme it takes part in' AS through
  UNION
  WITH x
  MATCH (x)-[:PARTICIPATES_IN]->(:Project)-[r:PART_OF]->(t:Programme)
  RETURN t, 'PART_OF' AS relation, 'programme' AS role, 'a project it takes part in' AS through
  UNION
  WITH x
  MATCH (x)<-[r:FUNDS|SUPPORTS]-(t:Entity)
  RETURN t, type(r) AS relation, 'donor' AS role, 'direct' AS through
}
RETURN t.id AS id, __CAPTION(t)__ AS name, t.kind AS kind, coalesce(t.org_type, '') AS org_type,
       relation, role, through
ORDER BY kind, name, relation
