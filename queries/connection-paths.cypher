// name: connection-paths
// description: How A is connected to B: the shortest chains (up to 4 steps) through agreements, cooperation, projects, programmes, networks, funding and aid — not through mere location.
// param: a entity required — where the chain starts
// param: b entity required — where it ends
// example: partners query connection-paths -p a=Dolyna -p b=Zhytomyr
MATCH path = (x:Entity {id: $a})-[:__RELS(connection)__*1..4]-(y:Entity {id: $b})
// simple paths only: Neo4j may revisit a node (it only never repeats a relationship), FalkorDB never does
WHERE all(n IN nodes(path) WHERE single(m IN nodes(path) WHERE m = n))
WITH path, length(path) AS hops,
     reduce(key = '', n IN nodes(path) | key + n.id + '/') + reduce(key = '', r IN relationships(path) | key + type(r) + '/') AS key
ORDER BY hops, key
LIMIT 10
RETURN hops, [n IN nodes(path) | __CAPTION(n)__] AS chain,
       [r IN relationships(path) | type(r)] AS via
