// name: region-partners-by-country
// description: Foreign partners of a region and of the places and bodies in it, grouped by the partner's country.
// param: region entity required — an oblast or other region (name, alias or id)
// example: partners query region-partners-by-country -p region="Zhytomyr Oblast"
MATCH (r:Entity {id: $region})
MATCH (x:Entity)-[:LOCATED_IN|GOVERNS|PART_OF*0..3]-(r)
WHERE x.kind IN ['City', 'Community', 'Region', 'Organisation']
WITH DISTINCT x
CALL {
  WITH x
  MATCH (x)-[:PARTY_TO]->(:Agreement)<-[:PARTY_TO]-(p:Entity)-[:LOCATED_IN*0..3]->(c:Country)
  WHERE p <> x AND c.id <> 'ua'
  RETURN x.id AS local_id, coalesce(x.name_en, x.name_uk) AS local_name, p.id AS partner_id,
         coalesce(p.name_en, p.name_uk) AS partner, c.name_en AS country
  UNION
  WITH x
  MATCH (x)-[:COOPERATES_WITH]-(p:Entity)-[:LOCATED_IN*0..3]->(c:Country)
  WHERE c.id <> 'ua'
  RETURN x.id AS local_id, coalesce(x.name_en, x.name_uk) AS local_name, p.id AS partner_id,
         coalesce(p.name_en, p.name_uk) AS partner, c.name_en AS country
}
WITH country, partner, local_name ORDER BY partner, local_name
WITH country, collect(DISTINCT partner) AS partners, collect(DISTINCT local_name) AS local_parties
RETURN country, size(partners) AS n_partners, partners, local_parties
ORDER BY n_partners DESC, country
