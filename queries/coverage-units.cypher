// name: coverage-units
// description: Ukrainian places, communities and regions with their codifier code, type, the City that is a community's centre and what they lie in — the units `partners coverage` counts.
// example: partners query coverage-units --limit 5
// ids: id
// (plans3, bench/results/query-plans.md: the `ua-` prefix as an id range is an index seek on FalkorDB — 2,077 ids,
// where the kind index gave every city of the world; the ends of the two hops carry no label, which FalkorDB
// tests as one more step)
MATCH (n:Entity)
WHERE n.id >= 'ua-' AND n.id < 'ua.' AND n.kind IN ['Community', 'City', 'Region']
OPTIONAL MATCH (n)-[:HAS_CENTRE]->(c)
OPTIONAL MATCH (n)-[:LOCATED_IN]->(p)
WITH n, c, p ORDER BY p.id
WITH n, c, collect(DISTINCT p.id) AS located_in
RETURN n.id AS id, n.kind AS kind, n.name_en AS name_en, n.name_uk AS name_uk, n.katottg AS katottg,
       n.aliases AS aliases, n.community_type AS community_type, n.population AS population,
       n.region_type AS region_type, c.id AS centre_city, located_in
ORDER BY id
