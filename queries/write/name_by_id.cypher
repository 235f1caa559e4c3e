// name: name-by-id
// purpose: One nameable entity by its exact id — an index seek, so an id resolves without the name table.
// parameters: $id — the entity id
MATCH (n:Entity {id: $id})
WHERE NOT n.kind IN ['Figure', 'Source']
RETURN n.id AS id, n.kind AS kind, __CAPTION(n)__ AS label
