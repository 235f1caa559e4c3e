// name: coverage-units
// description: Ukrainian places, communities and regions with their codifier code, type, the City that is a community's centre and what they lie in — the units `partners coverage` counts.
// example: partners query coverage-units --limit 5
// ids: id
MATCH (n:Entity)
WHERE n.kind IN ['Community', 'City', 'Region'] AND n.id STARTS WITH 'ua-'
OPTIONAL MATCH (n)-[:HAS_CENTRE]->(c:Entity)
OPTIONAL MATCH (n)-[:LOCATED_IN]->(p:Entity)
WITH n, c, p ORDER BY p.id
WITH n, c, collect(DISTINCT p.id) AS located_in
RETURN n.id AS id, n.kind AS kind, n.name_en AS name_en, n.name_uk AS name_uk, n.katottg AS katottg,
       n.aliases AS aliases, n.community_type AS community_type, n.population AS population,
       n.region_type AS region_type, c.id AS centre_city, located_in
ORDER BY id
