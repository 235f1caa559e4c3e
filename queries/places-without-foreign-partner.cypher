// name: places-without-foreign-partner
// description: Ukrainian cities, communities and regions in the data with no partner outside Ukraine (through agreements or stated cooperation) — the gaps to work on.
// example: partners query places-without-foreign-partner
MATCH (ua:Entity:Country {id: 'ua'})
MATCH (x:Entity)-[:LOCATED_IN*1..3]->(ua)
WHERE x.kind IN ['City', 'Community', 'Region']
WITH DISTINCT x
OPTIONAL MATCH (x)-[:COOPERATES_WITH]-(u:Entity)
OPTIONAL MATCH (x)-[:PARTY_TO]->(:Agreement)<-[:PARTY_TO]-(v:Entity)
WITH x, [n IN collect(DISTINCT u) + collect(DISTINCT v) WHERE n <> x] AS partners
UNWIND CASE WHEN size(partners) = 0 THEN [null] ELSE partners END AS p
OPTIONAL MATCH (p)-[:LOCATED_IN*0..3]->(c:Country)
WITH x, size(partners) AS n_partners, collect(DISTINCT c.id) AS countries
WHERE none(cc IN countries WHERE cc <> 'ua')
RETURN x.id AS place, coalesce(x.name_en, x.name_uk) AS name, x.kind AS kind, n_partners AS domestic_partners
ORDER BY name
