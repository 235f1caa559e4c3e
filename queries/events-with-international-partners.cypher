// name: events-with-international-partners
// description: Events (visits, forums, meetings, deliveries of aid…) with at least one participant or organiser from outside Ukraine; optionally only one party's, or from a year on.
// param: name entity optional — only events this place or organisation took part in or organised
// param: since date optional — only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
// example: partners query events-with-international-partners -p name=Zhytomyr
// ids: event
OPTIONAL MATCH (who:Entity {id: $name})
WITH who
MATCH (e:Event)<-[:PARTICIPATES_IN|ORGANISED]-(f:Entity)
WHERE ($since IS NULL OR coalesce(e.date, '') >= $since)
  AND ($name IS NULL OR (e)<-[:PARTICIPATES_IN|ORGANISED]-(who))
// from outside Ukraine: the country it represents (an embassy), else the one it lies in
OPTIONAL MATCH (f)-[:REPRESENTS]->(rc:Country)
OPTIONAL MATCH (f)-[:LOCATED_IN*0..3]->(lc:Country)
WITH e, f, coalesce(rc, lc) AS c
WHERE c.id <> 'ua'
OPTIONAL MATCH (e)-[:HELD_IN]->(place:Entity)
WITH e, place, f ORDER BY f.id
WITH e, place, collect(DISTINCT __CAPTION(f)__) AS international
OPTIONAL MATCH (e)<-[:PARTICIPATES_IN|ORGANISED]-(all:Entity)
WITH e, place, international, all ORDER BY all.id
RETURN e.id AS event, __CAPTION(e)__ AS name, e.date AS date, e.event_type AS type,
       __CAPTION(place)__ AS place, international,
       collect(DISTINCT __CAPTION(all)__) AS participants
ORDER BY date, name
