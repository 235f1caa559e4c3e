// name: source-titles
// purpose: The title and publisher of Source entities, for the numbered notes under a terminal table.
// parameters: $ids — the Source ids
MATCH (s:Source)
WHERE s.id IN $ids
RETURN s.id AS id, __CAPTION(s:uk)__ AS title, s.publisher AS publisher
