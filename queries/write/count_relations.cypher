// name: count-relations
// purpose: Relations by type, for `partners stats`.
// parameters: none
MATCH (:Entity)-[r]->(:Entity)
RETURN type(r) AS name, count(*) AS count
ORDER BY name
