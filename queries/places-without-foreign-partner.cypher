// name: places-without-foreign-partner
// description: Ukrainian cities, communities and regions in the data with no partner outside Ukraine (through agreements or stated cooperation of the place or of the bodies that act for it) — the gaps to work on. Cooperation with a country as a whole is not a partner.
// example: partners query places-without-foreign-partner
// ids: place
MATCH (ua:Entity:Country {id: 'ua'})
MATCH (x:Entity)-[:LOCATED_IN*1..3]->(ua)
WHERE x.kind IN ['City', 'Community', 'Region']
WITH DISTINCT x
// one actor: the place and the bodies that act for it (graph/schema.yaml acts_for)
OPTIONAL MATCH down = (body:Entity)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(x)
WHERE all(n IN nodes(down)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH x, [x] + collect(DISTINCT body) AS ours
UNWIND ours AS b
OPTIONAL MATCH (b)-[:COOPERATES_WITH]-(u:Entity)
OPTIONAL MATCH (b)-[:PARTY_TO]->(:Agreement)<-[:PARTY_TO]-(v:Entity)
WITH x, ours, collect(DISTINCT u) + collect(DISTINCT v) AS found
WITH x, [n IN found WHERE NOT n IN ours] AS partners
UNWIND CASE WHEN size(partners) = 0 THEN [null] ELSE partners END AS p
OPTIONAL MATCH (p)-[:REPRESENTS]->(rc:Country)
OPTIONAL MATCH (p)-[:LOCATED_IN*0..3]->(lc:Country)
WITH x, partners, coalesce(rc, lc) AS c
WITH x, size(partners) AS n_partners, collect(DISTINCT c.id) AS countries
WHERE none(cc IN countries WHERE cc <> 'ua')
RETURN x.id AS place, __CAPTION(x)__ AS name, x.kind AS kind, n_partners AS domestic_partners
ORDER BY name
