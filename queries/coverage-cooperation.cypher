// name: coverage-cooperation
// description: Every stated cooperation of a Ukrainian actor, with the other side and the countries it lies in — the cooperation ties `partners coverage` counts.
// example: partners query coverage-cooperation --limit 5
// ids: actor, partner, tie
MATCH (x:Entity)-[r:COOPERATES_WITH]-(y:Entity)
WHERE x.id STARTS WITH 'ua-'
OPTIONAL MATCH (y)-[:REPRESENTS]->(rc:Country)
OPTIONAL MATCH (y)-[:LOCATED_IN*0..3]->(c:Country)
WITH x, r, y, rc, c ORDER BY c.id
// an embassy's country is the one it represents, not the one it sits in
WITH x, r, y, rc, collect(DISTINCT c.id) AS located
WITH x, r, y, CASE WHEN rc IS NULL THEN located ELSE [rc.id] END AS countries
RETURN 'cooperation' AS via, x.id AS actor, y.id AS partner, countries, r.id AS tie, null AS agreement_kind,
       r.status AS status, r.since AS dated
ORDER BY actor, tie, partner
