// name: coverage-ties
// description: Every tie of a Ukrainian actor (agreement party or stated cooperation) with the other side and the countries it lies in — the ties `partners coverage` counts.
// example: partners query coverage-ties --limit 5
MATCH (x:Entity)-[:PARTY_TO]->(a:Agreement)<-[:PARTY_TO]-(y:Entity)
WHERE x.id STARTS WITH 'ua-' AND y.id <> x.id
OPTIONAL MATCH (y)-[:LOCATED_IN*0..3]->(c:Country)
WITH x, a, y, collect(DISTINCT c.id) AS countries
RETURN 'agreement' AS via, x.id AS actor, y.id AS partner, countries, a.id AS tie, a.agreement_kind AS agreement_kind,
       a.status AS status, coalesce(a.renewed, a.signed) AS dated
UNION ALL
MATCH (x:Entity)-[r:COOPERATES_WITH]-(y:Entity)
WHERE x.id STARTS WITH 'ua-'
OPTIONAL MATCH (y)-[:LOCATED_IN*0..3]->(c:Country)
WITH x, r, y, collect(DISTINCT c.id) AS countries
RETURN 'cooperation' AS via, x.id AS actor, y.id AS partner, countries, r.id AS tie, null AS agreement_kind,
       r.status AS status, r.since AS dated
