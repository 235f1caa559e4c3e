// name: top-foreign-partners
// description: The foreign places and organisations with the most Ukrainian partners (through agreements or stated cooperation); flagged ties are left out unless include_flagged=yes.
// param: country string optional — only partners in this country (ISO code, e.g. pl)
// param: include_flagged bool optional — yes: also count flagged ties (Russia/Belarus, occupied, announced, ended)
// example: partners query top-foreign-partners --limit 10
// ids: partner
MATCH (x:Entity)-[:LOCATED_IN*1..3]->(:Country {id: 'ua'})
WITH DISTINCT x
CALL {
  WITH x
  MATCH (x)-[:PARTY_TO]->(a:Agreement)<-[:PARTY_TO]-(p:Entity)-[:LOCATED_IN*0..3]->(c:Country)
  WHERE c.id <> 'ua' AND ($country IS NULL OR c.id = toLower($country))
    AND (coalesce($include_flagged, false) OR a.flags IS NULL)
  RETURN __CAPTION(x)__ AS ua_name, p.id AS partner, __CAPTION(p)__ AS name,
         c.name_en AS country
  UNION
  WITH x
  MATCH (x)-[r:COOPERATES_WITH]-(p:Entity)-[:LOCATED_IN*0..3]->(c:Country)
  WHERE c.id <> 'ua' AND ($country IS NULL OR c.id = toLower($country))
    AND (coalesce($include_flagged, false) OR r.flags IS NULL)
  RETURN __CAPTION(x)__ AS ua_name, p.id AS partner, __CAPTION(p)__ AS name,
         c.name_en AS country
}
WITH partner, name, country, ua_name ORDER BY ua_name
WITH partner, name, country, collect(DISTINCT ua_name) AS ukrainian_partners
RETURN partner, name, country, size(ukrainian_partners) AS n_ukrainian_partners, ukrainian_partners
ORDER BY n_ukrainian_partners DESC, name
