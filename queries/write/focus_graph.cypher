// name: focus-graph
// purpose: What a brief on one entity is computed from (reports/read.py read_focus_graph): the entity as one actor
//          (its place and the bodies that act for it, graph/schema.yaml acts_for), what lies inside it (a region's
//          places, with their bodies) and where it lies; their relations of every kind but location; the parties,
//          members, funders, programmes and places of what they are in (agreements, networks, projects, events);
//          the focus's partners' own ties and the other parties of their agreements (the partners of partners a
//          recommendation weighs); every actor met as one actor; everything with areas (shared sectors) with
//          whoever is in it; every Country and every Source. Also the LOCATED_IN and REPRESENTS steps of every node
//          listed, so its country is the one the whole graph gives it, and the load stamp (the name table the
//          entity was resolved by is checked against it, and `focus`, run again last, must give the same stamp).
//          Several statements, each headed `// ---- <step>`, run in turn by read_focus_graph: each takes the
//          internal ids of the step before ($ids) and returns one row per thing found, so no statement carries
//          what was gathered so far from row to row (FalkorDB copies a carried list into every row: quadratic,
//          Kyiv 58 s as one statement). Nodes come back as [internal id, kind] (`nodes` fetches their records at
//          the end), relations as their records.
// parameters: $id — the entity id; $ids — internal ids;
//             $actors — the actor kinds (vocabulary.actor_kinds);
//             $evidence — true: every property; false: source_ids, quotes and note null (analyse --focus, whose
//             measures never read them: bench/results/latency.md "whole4")
// ---- focus
MATCH (f:Entity {id: $id})
OPTIONAL MATCH (stamp:LoadStamp)
RETURN id(f), f.kind, stamp.stamp
// ---- acts_for: each as one actor, up to the place a body acts for, down to the bodies that act for it
UNWIND $ids AS i
MATCH (a) WHERE id(a) = i
WITH a
MATCH p = (a)-[:__ACTS_FOR__*0..__ACTS_FOR_DEPTH__]->(:Entity)<-[:__ACTS_FOR__*0..__ACTS_FOR_DEPTH__]-(:Entity)
RETURN [y IN nodes(p) | [id(y), y.kind]], [r IN relationships(p) | [r.id, type(r), startNode(r).id, endNode(r).id, CASE WHEN $evidence THEN properties(r) ELSE r {.*, source_ids: null, quotes: null, note: null} END]]
// ---- inside: what lies inside each (nothing for a country: that would be the whole country)
UNWIND $ids AS i
MATCH (x) WHERE id(x) = i
WITH x WHERE x.kind <> 'Country'
MATCH p = (x)<-[:LOCATED_IN*1..3]-(:Entity)
RETURN [y IN nodes(p) | [id(y), y.kind]], [r IN relationships(p) | [r.id, type(r), startNode(r).id, endNode(r).id, CASE WHEN $evidence THEN properties(r) ELSE r {.*, source_ids: null, quotes: null, note: null} END]]
// ---- ties: each one's relations of every kind but location
UNWIND $ids AS i
MATCH (l) WHERE id(l) = i
WITH l
MATCH (l)-[r]-(n:Entity)
WHERE type(r) <> 'LOCATED_IN'
RETURN [[id(n), n.kind]], [[r.id, type(r), startNode(r).id, endNode(r).id, CASE WHEN $evidence THEN properties(r) ELSE r {.*, source_ids: null, quotes: null, note: null} END]]
// ---- in: what those are in: parties of the agreements, funders and programmes of the projects, places of the
//          events; members of the networks
UNWIND $ids AS i
MATCH (n) WHERE id(n) = i
WITH n WHERE n.kind IN ['Agreement', 'Programme', 'Project', 'Event']
MATCH (n)-[r]-(m:Entity)
WHERE type(r) <> 'LOCATED_IN'
RETURN [[id(m), m.kind]], [[r.id, type(r), startNode(r).id, endNode(r).id, CASE WHEN $evidence THEN properties(r) ELSE r {.*, source_ids: null, quotes: null, note: null} END]]
UNION ALL
UNWIND $ids AS i
MATCH (n) WHERE id(n) = i
WITH n
MATCH (n)<-[r:__RELS(group)__]-(m:Entity)
RETURN [[id(m), m.kind]], [[r.id, type(r), startNode(r).id, endNode(r).id, CASE WHEN $evidence THEN properties(r) ELSE r {.*, source_ids: null, quotes: null, note: null} END]]
// ---- partners: the focus's partners, through an agreement or a cooperation (nodes only: each as one actor next)
UNWIND $ids AS i
MATCH (x) WHERE id(x) = i
WITH x
MATCH (x)-[:__RELS(partnership)__]-(t:Entity)
OPTIONAL MATCH (t)<-[:PARTY_TO]-(p:Entity)
WHERE t.kind = 'Agreement'
RETURN [[id(t), t.kind]] + CASE WHEN p IS NULL THEN [] ELSE [[id(p), p.kind]] END, []
// ---- partner_ties: the partners' ties
UNWIND $ids AS i
MATCH (a) WHERE id(a) = i
WITH a
MATCH (a)-[r:__RELS(partnership)__]-(t:Entity)
RETURN [[id(t), t.kind]], [[r.id, type(r), startNode(r).id, endNode(r).id, CASE WHEN $evidence THEN properties(r) ELSE r {.*, source_ids: null, quotes: null, note: null} END]]
// ---- parties: the parties of those that are agreements
UNWIND $ids AS i
MATCH (t) WHERE id(t) = i
WITH t WHERE t.kind = 'Agreement'
MATCH (t)<-[r:PARTY_TO]-(q:Entity)
RETURN [[id(q), q.kind]], [[r.id, type(r), startNode(r).id, endNode(r).id, CASE WHEN $evidence THEN properties(r) ELSE r {.*, source_ids: null, quotes: null, note: null} END]]
// ---- areas: everything with areas, with whoever is in it (shared sectors of a recommendation)
MATCH (s:Entity)<-[r:PARTY_TO|MEMBER_OF|PARTICIPATES_IN|ORGANISED]-(o:Entity)
WHERE s.areas IS NOT NULL
RETURN [[id(s), s.kind], [id(o), o.kind]], [[r.id, type(r), startNode(r).id, endNode(r).id, CASE WHEN $evidence THEN properties(r) ELSE r {.*, source_ids: null, quotes: null, note: null} END]]
// ---- located: where each lies (its country, the places a report names) and what it represents
UNWIND $ids AS i
MATCH (n) WHERE id(n) = i
WITH n
MATCH p = (n)-[:LOCATED_IN|REPRESENTS*1..3]->(:Entity)
RETURN [y IN nodes(p) | [id(y), y.kind]], [r IN relationships(p) | [r.id, type(r), startNode(r).id, endNode(r).id, CASE WHEN $evidence THEN properties(r) ELSE r {.*, source_ids: null, quotes: null, note: null} END]]
// ---- everywhere: every Country and every Source
MATCH (k:Country)
RETURN [[id(k), k.kind]], []
UNION ALL
MATCH (k:Source)
RETURN [[id(k), k.kind]], []
// ---- nodes: the records
UNWIND $ids AS i
MATCH (n) WHERE id(n) = i
WITH n
RETURN n.id, n.kind,
       CASE WHEN $evidence THEN properties(n) ELSE n {.*, source_ids: null, quotes: null, note: null} END
