"""Cypher kept as files: the named queries and the writer's statements (see queries/README.md)."""
