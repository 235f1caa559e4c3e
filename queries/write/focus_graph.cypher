// name: focus-graph
// purpose: What a brief on one entity is computed from, in one read (reports/read.py read_focus_graph): the entity
//          as one actor (its place and the bodies that act for it, graph/schema.yaml acts_for), what lies inside it
//          (a region's places, with their bodies) and where it lies; their relations of every kind but location;
//          the parties, members, funders, programmes and places of what they are in (agreements, networks,
//          projects, events); the focus's partners' own ties and the other parties of their agreements (the
//          partners of partners a recommendation weighs); every actor met as one actor; everything with areas
//          (shared sectors) with whoever is in it; every Country and every Source. Also the LOCATED_IN and
//          REPRESENTS steps of every node listed, so its country is the one the whole graph gives it, and the load
//          stamp (the name table the entity was resolved by is checked against it).
//          One row: the nodes, the relations (a relation may come more than once) and the stamp.
//          Paths are flattened with UNWIND, never by concatenating lists in reduce() (quadratic in FalkorDB).
// parameters: $id — the entity id; $actors — the actor kinds (vocabulary.actor_kinds)
MATCH (f:Entity {id: $id})
// the focus as one actor: up to the place a body acts for, down to the bodies that act for it
MATCH pa = (f)-[:__ACTS_FOR__*0..__ACTS_FOR_DEPTH__]->(:Entity)<-[:__ACTS_FOR__*0..__ACTS_FOR_DEPTH__]-(:Entity)
WITH f, collect(pa) AS ps
UNWIND ps AS q
UNWIND relationships(q) + [null] AS r
WITH f, ps, collect(DISTINCT r) AS rs
UNWIND ps AS q
UNWIND nodes(q) AS x
WITH f, rs, collect(DISTINCT x) AS xs
// what lies inside it (nothing for a country: that would be the whole country)
UNWIND xs AS x
OPTIONAL MATCH pi = (x)<-[:LOCATED_IN*1..3]-(:Entity)
WHERE x.kind <> 'Country'
WITH f, xs, rs, collect(pi) AS ps
UNWIND ps + [null] AS q
UNWIND CASE WHEN q IS NULL THEN [null] ELSE relationships(q) END AS r
WITH f, xs, rs, ps, collect(DISTINCT r) AS more
UNWIND ps + [null] AS q
UNWIND CASE WHEN q IS NULL THEN [null] ELSE nodes(q) END AS i
WITH f, xs, rs, more, collect(DISTINCT i) AS inside
WITH f, xs, rs + more AS rs, xs + inside AS ins
// ... each place inside with the bodies that act for it: the locals
UNWIND ins AS i
MATCH pb = (i)-[:__ACTS_FOR__*0..__ACTS_FOR_DEPTH__]->(:Entity)<-[:__ACTS_FOR__*0..__ACTS_FOR_DEPTH__]-(:Entity)
WITH f, xs, rs, collect(pb) AS ps
UNWIND ps AS q
UNWIND relationships(q) + [null] AS r
WITH f, xs, rs, ps, collect(DISTINCT r) AS more
UNWIND ps AS q
UNWIND nodes(q) AS l
WITH f, xs, rs + more AS rs, collect(DISTINCT l) AS ls
// the locals' relations of every kind but location: agreements, cooperation, networks, projects, events, figures
UNWIND ls AS l
OPTIONAL MATCH (l)-[r1]-(n:Entity)
WHERE type(r1) <> 'LOCATED_IN'
WITH f, xs, rs, ls, collect(DISTINCT n) AS ns1, collect(DISTINCT r1) AS rs1
// what those are in: parties of the agreements, members of the networks, funders and programmes of the projects,
// places of the events
UNWIND [f] + ns1 AS n
OPTIONAL MATCH (n)-[r2]-(m:Entity)
WHERE type(r2) <> 'LOCATED_IN' AND n.kind IN ['Agreement', 'Programme', 'Project', 'Event']
WITH f, xs, rs, rs1, ls, ns1, n, collect(DISTINCT m) AS ms, collect(DISTINCT r2) AS rs2
OPTIONAL MATCH (n)<-[r3:__RELS(group)__]-(m3:Entity)
WITH f, xs, rs, rs1, ls, ns1, ms, rs2, collect(DISTINCT m3) AS ms3, collect(DISTINCT r3) AS rs3
WITH f, xs, rs + rs1 AS rs, ls + ns1 AS ns, ms + ms3 AS ms, rs2 + rs3 AS rs2
WITH f, xs, rs, ns, collect(ms) AS mss, collect(rs2) AS rss
UNWIND mss + [[null]] AS ml
UNWIND ml + [null] AS m
WITH f, xs, rs, ns, rss, collect(DISTINCT m) AS ms
UNWIND rss + [[null]] AS rl
UNWIND rl + [null] AS r
WITH f, xs, rs, ns, ms, collect(DISTINCT r) AS rs2
WITH f, xs, ns + ms AS ns, rs + rs2 AS rs, [f] + [a IN ns + ms WHERE a.kind IN $actors] AS actors
// every actor met so far as one actor (a council's ties are its city's)
UNWIND actors AS a
MATCH pc = (a)-[:__ACTS_FOR__*0..__ACTS_FOR_DEPTH__]->(:Entity)<-[:__ACTS_FOR__*0..__ACTS_FOR_DEPTH__]-(:Entity)
WITH f, xs, ns, rs, collect(pc) AS ps
UNWIND ps AS q
UNWIND relationships(q) + [null] AS r
WITH f, xs, ns, rs, ps, collect(DISTINCT r) AS more
UNWIND ps AS q
UNWIND nodes(q) AS a
WITH f, xs, ns, rs, more, collect(DISTINCT a) AS found
WITH f, xs, ns + found AS ns, rs + more AS rs
// the focus's partners (through an agreement or a cooperation), each as one actor
UNWIND xs AS x
OPTIONAL MATCH (x)-[:__RELS(partnership)__]-(t0:Entity)
OPTIONAL MATCH (t0)<-[:PARTY_TO]-(p0:Entity)
WHERE t0.kind = 'Agreement'
WITH f, ns, rs, collect(DISTINCT t0) AS t0s, collect(DISTINCT p0) AS p0s
WITH f, ns, rs, [a IN t0s + p0s WHERE a.kind IN $actors] AS px
UNWIND [f] + px AS a
MATCH pp = (a)-[:__ACTS_FOR__*0..__ACTS_FOR_DEPTH__]->(:Entity)<-[:__ACTS_FOR__*0..__ACTS_FOR_DEPTH__]-(:Entity)
WITH f, ns, rs, collect(pp) AS ps
UNWIND ps AS q
UNWIND nodes(q) AS a
WITH f, ns, rs, collect(DISTINCT a) AS partners
// their ties, and the other parties of their agreements: the partners of partners
UNWIND partners AS a
OPTIONAL MATCH (a)-[r4:__RELS(partnership)__]-(t:Entity)
WITH f, ns, rs, collect(DISTINCT t) AS ts, collect(DISTINCT r4) AS rs4
UNWIND [f] + ts AS t
OPTIONAL MATCH (t)<-[r5:PARTY_TO]-(q:Entity)
WHERE t.kind = 'Agreement'
WITH f, ns, rs, rs4, ts, collect(DISTINCT r5) AS rs5, collect(DISTINCT q) AS qs
WITH f, ns, rs + rs4 + rs5 AS rs, ts + qs AS more
WITH f, ns + more AS ns, rs, [f] + [a IN more WHERE a.kind IN $actors] AS candidates
// ... each as one actor
UNWIND candidates AS c
MATCH pd = (c)-[:__ACTS_FOR__*0..__ACTS_FOR_DEPTH__]->(:Entity)<-[:__ACTS_FOR__*0..__ACTS_FOR_DEPTH__]-(:Entity)
WITH f, ns, rs, collect(pd) AS ps
UNWIND ps AS q
UNWIND relationships(q) + [null] AS r
WITH f, ns, rs, ps, collect(DISTINCT r) AS more
UNWIND ps AS q
UNWIND nodes(q) AS c
WITH f, ns, rs, more, collect(DISTINCT c) AS found
WITH f, ns + found AS ns, rs + more AS rs
// everything with areas, with whoever is in it, each as one actor (shared sectors of a recommendation)
OPTIONAL MATCH (s:Entity)<-[r6:PARTY_TO|MEMBER_OF|PARTICIPATES_IN|ORGANISED]-(o:Entity)
WHERE s.areas IS NOT NULL
WITH f, ns, rs, collect(DISTINCT s) AS s1, collect(DISTINCT o) AS o1, collect(DISTINCT r6) AS rs6
WITH f, ns, rs, s1 + o1 AS ss, rs6
UNWIND [f] + ss AS o
MATCH pe = (o)-[:__ACTS_FOR__*0..__ACTS_FOR_DEPTH__]->(:Entity)<-[:__ACTS_FOR__*0..__ACTS_FOR_DEPTH__]-(:Entity)
WITH f, ns, ss, rs, rs6, collect(pe) AS ps
WITH f, ns + ss AS ns, rs + rs6 AS rs, ps
UNWIND ps AS q
UNWIND relationships(q) + [null] AS r
WITH f, ns, rs, ps, collect(DISTINCT r) AS more
UNWIND ps AS q
UNWIND nodes(q) AS o
WITH f, ns, rs, more, collect(DISTINCT o) AS found
WITH f, ns + found AS ns, rs + more AS rs
// where each lies (its country, the places a report names) and what it represents
UNWIND ns AS n
WITH f, rs, collect(DISTINCT n) AS ns
UNWIND ns AS n
OPTIONAL MATCH pl = (n)-[:LOCATED_IN|REPRESENTS*1..3]->(:Entity)
WITH f, ns, rs, collect(pl) AS ps
UNWIND ps + [null] AS q
UNWIND CASE WHEN q IS NULL THEN [null] ELSE relationships(q) END AS r
WITH f, ns, rs, ps, collect(DISTINCT r) AS more
UNWIND ps + [null] AS q
UNWIND CASE WHEN q IS NULL THEN [null] ELSE nodes(q) END AS n
WITH f, ns, rs, more, collect(DISTINCT n) AS found
WITH f, ns + found AS ns, rs + more AS rs
OPTIONAL MATCH (k:Country)
WITH f, ns, rs, collect(k) AS ks
OPTIONAL MATCH (src:Source)
WITH f, ns, rs, ks, collect(src) AS srcs
UNWIND ns + ks + srcs AS n
WITH f, rs, collect(DISTINCT n) AS ns
UNWIND rs + [null] AS r
WITH f, ns, collect(DISTINCT r) AS rs
OPTIONAL MATCH (stamp:LoadStamp)
RETURN [n IN ns | [n.id, n.kind, properties(n)]] AS nodes,
       [r IN rs | [r.id, type(r), startNode(r).id, endNode(r).id, properties(r)]] AS relations, stamp.stamp AS stamp
