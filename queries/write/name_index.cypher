// name: name-index
// purpose: Every nameable entity with its names and aliases, for name resolution (graph/names.py).
// parameters: none
MATCH (n:Entity)
WHERE NOT n.kind IN ['Figure', 'Source']
RETURN n.id AS id, n.kind AS kind, n.name_en AS name_en, n.name_uk AS name_uk, n.aliases AS aliases
