// name: coverage-cooperation
// description: Every stated cooperation of a Ukrainian actor, with the other side and the countries it lies in — the cooperation ties `partners coverage` counts.
// example: partners query coverage-cooperation --limit 5
// ids: actor, partner, tie
MATCH (x:Entity)-[r:COOPERATES_WITH]-(y:Entity)
WHERE x.id STARTS WITH 'ua-'
OPTIONAL MATCH (y)-[:LOCATED_IN*0..3]->(c:Country)
WITH x, r, y, c ORDER BY c.id
WITH x, r, y, collect(DISTINCT c.id) AS countries
RETURN 'cooperation' AS via, x.id AS actor, y.id AS partner, countries, r.id AS tie, null AS agreement_kind,
       r.status AS status, r.since AS dated
ORDER BY actor, tie, partner
