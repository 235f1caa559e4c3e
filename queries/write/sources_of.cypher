// name: sources-of
// purpose: The documents that state anything about an entity or its relations (for `partners show`).
// parameters: $id — the entity id
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)-[r]-()
WITH n, collect(r.source_ids) AS rel_sources
WITH [s IN reduce(acc = coalesce(n.source_ids, []), l IN rel_sources | acc + l)] AS ids
UNWIND ids AS sid
WITH DISTINCT sid
MATCH (s:Source {id: sid})
RETURN s.id AS id, __CAPTION(s:uk)__ AS title, s.file AS file, s.publisher AS publisher
ORDER BY id
