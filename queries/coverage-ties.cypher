// name: coverage-ties
// description: Every agreement a Ukrainian actor is party to, with each other party and the countries it lies in — the agreements `partners coverage` counts.
// example: partners query coverage-ties --limit 5
// ids: actor, partner, tie
MATCH (x:Entity)-[:PARTY_TO]->(a:Agreement)<-[:PARTY_TO]-(y:Entity)
WHERE x.id STARTS WITH 'ua-' AND y.id <> x.id
OPTIONAL MATCH (y)-[:REPRESENTS]->(rc:Country)
OPTIONAL MATCH (y)-[:LOCATED_IN*0..3]->(c:Country)
WITH x, a, y, rc, c ORDER BY c.id
// an embassy's country is the one it represents, not the one it sits in
WITH x, a, y, rc, collect(DISTINCT c.id) AS located
WITH x, a, y, CASE WHEN rc IS NULL THEN located ELSE [rc.id] END AS countries
RETURN 'agreement' AS via, x.id AS actor, y.id AS partner, countries, a.id AS tie, a.agreement_kind AS agreement_kind,
       a.status AS status, a.signed AS signed, a.renewed AS renewed, a.expected AS expected
ORDER BY actor, tie, partner
