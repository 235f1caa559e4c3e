// name: region-partners-by-country
// description: Foreign partners of a region and of what is in it — its places, the bodies that govern them and their departments — grouped by the partner's country.
// param: region entity required — an oblast or other region (name, alias or id)
// example: partners query region-partners-by-country -p region="Zhytomyr Oblast"
MATCH (r:Entity {id: $region})
OPTIONAL MATCH (inside:Entity)-[:LOCATED_IN*1..3]->(r)
WITH r, collect(DISTINCT inside) + [r] AS places
UNWIND places AS place
OPTIONAL MATCH (gov:Entity)-[:GOVERNS]->(place)
WITH collect(DISTINCT place) + collect(DISTINCT gov) AS bodies
UNWIND bodies AS body
OPTIONAL MATCH (dept:Entity)-[:PART_OF*1..2]->(body)
WITH collect(DISTINCT body) + collect(DISTINCT dept) AS locals
UNWIND locals AS x
WITH DISTINCT x
WHERE x IS NOT NULL AND x.kind IN ['City', 'Community', 'Region', 'Organisation']
CALL {
  WITH x
  MATCH (x)-[:PARTY_TO]->(:Agreement)<-[:PARTY_TO]-(p:Entity)-[:LOCATED_IN*0..3]->(c:Country)
  WHERE p <> x AND c.id <> 'ua'
  RETURN __CAPTION(x)__ AS local_name, __CAPTION(p)__ AS partner, c.name_en AS country
  UNION
  WITH x
  MATCH (x)-[:COOPERATES_WITH]-(p:Entity)-[:LOCATED_IN*0..3]->(c:Country)
  WHERE c.id <> 'ua'
  RETURN __CAPTION(x)__ AS local_name, __CAPTION(p)__ AS partner, c.name_en AS country
}
WITH country, partner, local_name ORDER BY partner, local_name
WITH country, collect(DISTINCT partner) AS partners, collect(DISTINCT local_name) AS local_parties
RETURN country, size(partners) AS n_partners, partners, local_parties
ORDER BY n_partners DESC, country
