// name: projects-by-funder
// description: Projects with their funders, programme, status and participants; optionally only one funder's or one programme's.
// param: funder entity optional — a donor (organisation, country or programme)
// param: programme entity optional — a programme
// example: partners query projects-by-funder -p funder=GIZ
// ids: project
MATCH (pr:Project)
OPTIONAL MATCH (f:Entity)-[:FUNDS]->(pr)
WITH pr, f ORDER BY f.id
WITH pr, collect(DISTINCT f) AS funders
OPTIONAL MATCH (pr)-[:PART_OF]->(prog:Programme)
WITH pr, funders, prog ORDER BY prog.id
WITH pr, funders, collect(DISTINCT prog) AS programmes
OPTIONAL MATCH (who:Entity)-[:PARTICIPATES_IN]->(pr)
WITH pr, funders, programmes, who ORDER BY who.id
WITH pr, funders, programmes, collect(DISTINCT __CAPTION(who)__) AS participants
WHERE ($funder IS NULL OR any(f IN funders WHERE f.id = $funder) OR any(p IN programmes WHERE p.id = $funder))
  AND ($programme IS NULL OR any(p IN programmes WHERE p.id = $programme))
RETURN pr.id AS project, __CAPTION(pr)__ AS name, pr.status AS status,
       [f IN funders | __CAPTION(f)__] AS funders,
       [p IN programmes | __CAPTION(p)__] AS programme, participants
ORDER BY name
