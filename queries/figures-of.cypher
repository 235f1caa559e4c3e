// name: figures-of
// description: The figures a source states about a body, by period (numbers of agreements, projects, money raised…).
// param: name entity required — the body the figures describe
// example: partners query figures-of -p name="Poltava Oblast Council"
// sources: sources
MATCH (f:Figure)-[:DESCRIBES]->(x:Entity {id: $name})
RETURN f.metric AS metric, coalesce(f.qualifier, '') AS qualifier, f.value AS value, f.unit AS unit,
       f.period AS period, f.source_ids AS sources, f.quotes AS quotes
ORDER BY period, metric
