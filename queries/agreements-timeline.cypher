// name: agreements-timeline
// description: Agreements by year and kind (signed, renewed or expected), for the whole graph or one party.
// param: name entity optional — only agreements this place or organisation is party to
// example: partners query agreements-timeline -p name=Zhytomyr
OPTIONAL MATCH (party:Entity {id: $name})
// the party is bound first: a pattern on an unbound {id: $name} inside OR makes Neo4j scan the id index per row
WITH party
MATCH (a:Agreement)
WHERE $name IS NULL OR (a)<-[:PARTY_TO]-(party)
WITH a, __DATE(a)__ AS date
WITH CASE WHEN date IS NULL THEN 'undated' ELSE substring(date, 0, 4) END AS year, a
ORDER BY a.id
RETURN year, a.agreement_kind AS kind, a.status AS status, count(*) AS agreements,
       collect(__CAPTION(a)__) AS names
ORDER BY year, kind, status
