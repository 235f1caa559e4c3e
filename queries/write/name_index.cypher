// name: name-index
// purpose: Every nameable entity with its names, aliases and GeoNames id, for the name table (graph/names.py).
// parameters: none
MATCH (n:Entity)
WHERE NOT n.kind IN ['Figure', 'Source']
RETURN n.id AS id, n.kind AS kind, n.name_en AS name_en, n.name_uk AS name_uk, n.aliases AS aliases,
       n.geonames_id AS geonames_id
