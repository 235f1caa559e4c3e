// name: places-without-foreign-partner
// description: Ukrainian cities, communities and regions in the data with no partner outside Ukraine (through agreements or stated cooperation of the place or of the bodies that act for it) — the gaps to work on. Cooperation with a country as a whole is not a partner.
// example: partners query places-without-foreign-partner
// ids: place
// (plans3, bench/results/query-plans.md: each side's ties in one pass — one hop, then an optional one, which FalkorDB
// batches, where the two OPTIONAL MATCHes multiplied the rows; the end of a variable-length walk is tested by kind,
// not by label — FalkorDB tests a label there one row at a time)
MATCH (ua:Entity:Country {id: 'ua'})
WITH ua
MATCH (x)-[:LOCATED_IN*1..3]->(ua)
WHERE x.kind IN ['City', 'Community', 'Region']
WITH DISTINCT x
// one actor: the place and the bodies that act for it (graph/schema.yaml acts_for)
OPTIONAL MATCH down = (body)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(x)
WHERE all(n IN nodes(down)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH x, [x] + collect(DISTINCT body) AS ours
UNWIND ours AS b
// the other side of each tie: the other side of a stated cooperation, or every party to an agreement b is party to
// (PARTY_TO ends at an agreement only, graph/schema.yaml: the second hop finds nothing from a cooperation partner)
OPTIONAL MATCH (b)-[e:COOPERATES_WITH|PARTY_TO]-(m)
OPTIONAL MATCH (m)<-[:PARTY_TO]-(v)
WITH x, head(collect(ours)) AS ours, collect(DISTINCT CASE WHEN type(e) = 'COOPERATES_WITH' THEN m END)
                                    + collect(DISTINCT CASE WHEN type(e) = 'PARTY_TO' THEN v END) AS found
WITH x, [n IN found WHERE NOT n IN ours] AS partners
UNWIND CASE WHEN size(partners) = 0 THEN [null] ELSE partners END AS p
OPTIONAL MATCH (p)-[:REPRESENTS]->(rc:Country)
OPTIONAL MATCH (p)-[:LOCATED_IN*0..3]->(lc)
WHERE lc.kind = 'Country'
WITH x, partners, coalesce(rc, lc) AS c
WITH x, size(partners) AS n_partners, collect(DISTINCT c.id) AS countries
WHERE none(cc IN countries WHERE cc <> 'ua')
RETURN x.id AS place, __CAPTION(x)__ AS name, x.kind AS kind, n_partners AS domestic_partners
ORDER BY name, place
