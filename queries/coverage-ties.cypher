// name: coverage-ties
// description: Every agreement a Ukrainian actor is party to, with each other party and the countries it lies in — the agreements `partners coverage` counts.
// example: partners query coverage-ties --limit 5
// ids: actor, partner, tie
MATCH (x:Entity)-[:PARTY_TO]->(a:Agreement)<-[:PARTY_TO]-(y:Entity)
WHERE x.id STARTS WITH 'ua-' AND y.id <> x.id
OPTIONAL MATCH (y)-[:LOCATED_IN*0..3]->(c:Country)
WITH x, a, y, c ORDER BY c.id
WITH x, a, y, collect(DISTINCT c.id) AS countries
RETURN 'agreement' AS via, x.id AS actor, y.id AS partner, countries, a.id AS tie, a.agreement_kind AS agreement_kind,
       a.status AS status, a.signed AS signed, a.renewed AS renewed, a.expected AS expected
ORDER BY actor, tie, partner
