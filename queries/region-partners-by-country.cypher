// name: region-partners-by-country
// description: Foreign partners of a region and of what is in it — its places and the bodies that act for them (councils, administrations and their offices, graph/schema.yaml acts_for) — grouped by the partner's country; a partner's body counts as its place. Cooperation with a country as a whole is not a partner.
// param: region entity required — an oblast or other region (name, alias or id)
// example: partners query region-partners-by-country -p region="Zhytomyr Oblast"
MATCH (r:Entity {id: $region})
OPTIONAL MATCH (inside:Entity)-[:LOCATED_IN*1..3]->(r)
WITH r, collect(DISTINCT inside) + [r] AS places
UNWIND places AS place
OPTIONAL MATCH down = (body:Entity)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(place)
WHERE all(n IN nodes(down)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH collect(DISTINCT place) + collect(DISTINCT body) AS locals
UNWIND locals AS x
WITH DISTINCT x
WHERE x IS NOT NULL AND x.kind IN ['City', 'Community', 'Region', 'Organisation']
CALL {
  WITH x
  MATCH (x)-[:PARTY_TO]->(:Agreement)<-[:PARTY_TO]-(p:Entity)
  WHERE p <> x
  RETURN __CAPTION(x)__ AS local_name, p.id AS pid
  UNION
  WITH x
  MATCH (x)-[:COOPERATES_WITH]-(p:Entity)
  RETURN __CAPTION(x)__ AS local_name, p.id AS pid
}
WITH DISTINCT local_name, pid
// the partner as an actor: the place its body acts for; its country: the one it represents, else where it lies
MATCH (pb:Entity {id: pid})
OPTIONAL MATCH pup = (pb)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(pplace:Entity)
WHERE pplace.kind IN __PLACE_KINDS__ AND all(n IN nodes(pup)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH local_name, pb, pplace, length(pup) AS hops ORDER BY hops, pplace.id
WITH local_name, pb, collect(pplace) AS pplaces
WITH local_name, coalesce(pplaces[0], pb) AS p
OPTIONAL MATCH (p)-[:REPRESENTS]->(rc:Country)
OPTIONAL MATCH (p)-[:LOCATED_IN*0..3]->(lc:Country)
WITH local_name, p, coalesce(rc, lc) AS c
WHERE c.id <> 'ua'
WITH DISTINCT local_name, __CAPTION(p)__ AS partner, c.name_en AS country
WITH country, partner, local_name ORDER BY partner, local_name
WITH country, collect(DISTINCT partner) AS partners, collect(DISTINCT local_name) AS local_parties
RETURN country, size(partners) AS n_partners, partners, local_parties
ORDER BY n_partners DESC, country
