// name: top-foreign-partners
// description: The foreign places and organisations with the most Ukrainian partners (through agreements or stated cooperation). A body counts as the place it acts for (graph/schema.yaml acts_for) on either side, so a council and its oblast are one Ukrainian partner; cooperation with a country as a whole is not a partner. Flagged ties are left out unless include_flagged=yes.
// param: country string optional — only partners in this country (ISO code, e.g. pl)
// param: include_flagged bool optional — yes: also count flagged ties (Russia/Belarus, occupied, announced, ended)
// example: partners query top-foreign-partners --limit 10
// ids: partner
// (plans3, bench/results/query-plans.md: each Ukrainian actor is resolved once, before its ties; the ties are one
// pass, not a CALL subquery, whose traversals FalkorDB runs one row at a time; the end of a variable-length walk
// is tested by kind, not by label, for the same reason)
MATCH (ukraine:Entity:Country {id: 'ua'})
WITH ukraine
MATCH (x)-[:LOCATED_IN*1..3]->(ukraine)
WITH DISTINCT x
// both sides as actors: the place a body acts for
OPTIONAL MATCH up = (x)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(place)
WHERE place.kind IN __PLACE_KINDS__ AND all(n IN nodes(up)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH x, place, length(up) AS hops ORDER BY hops, place.id
WITH x, collect(place) AS places
WITH x, coalesce(places[0], x) AS ua
// the other side of each tie: another party to an agreement of x, or the other side of x's stated cooperation
MATCH (x)-[e:PARTY_TO|COOPERATES_WITH]-(m)
// (PARTY_TO ends at an agreement only, graph/schema.yaml: this hop finds nothing from a cooperation partner)
OPTIONAL MATCH (m)<-[:PARTY_TO]-(party)
WITH x, ua, e, m, party
WHERE (type(e) = 'COOPERATES_WITH' AND (coalesce($include_flagged, false) OR e.flags IS NULL))
   OR (party IS NOT NULL AND party <> x AND (coalesce($include_flagged, false) OR m.flags IS NULL))
WITH DISTINCT ua, CASE type(e) WHEN 'COOPERATES_WITH' THEN m ELSE party END AS pb
OPTIONAL MATCH pup = (pb)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(pplace)
WHERE pplace.kind IN __PLACE_KINDS__ AND all(n IN nodes(pup)[0..-1] WHERE n.kind IN __BODY_KINDS__)
WITH ua, pb, pplace, length(pup) AS hops ORDER BY hops, pplace.id
WITH ua, pb, collect(pplace) AS pplaces
WITH DISTINCT ua, coalesce(pplaces[0], pb) AS p
WHERE p <> ua
// the partner's country: the one it represents (an embassy), else the one it lies in
OPTIONAL MATCH (p)-[:REPRESENTS]->(rc:Country)
OPTIONAL MATCH (p)-[:LOCATED_IN*0..3]->(lc)
WHERE lc.kind = 'Country'
WITH ua, p, coalesce(rc, lc) AS c
WHERE c.id <> 'ua' AND ($country IS NULL OR c.id = toLower($country))
WITH DISTINCT p.id AS partner, __CAPTION(p)__ AS name, c.name_en AS country,
     __CAPTION(ua)__ AS ua_name
WITH partner, name, country, ua_name ORDER BY ua_name
WITH partner, name, country, collect(DISTINCT ua_name) AS ukrainian_partners
RETURN partner, name, country, size(ukrainian_partners) AS n_ukrainian_partners, ukrainian_partners
ORDER BY n_ukrainian_partners DESC, name
