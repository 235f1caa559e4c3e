#!/usr/bin/env python3
"""Smoke test for a running tools/neo4j server. Needs `pip install neo4j`.

Usage: NEO4J_PORT=7687 NEO4J_PASSWORD=... python3 tools/neo4j/smoke_test.py
Leaves no data behind (it deletes the :SmokeT nodes it makes; the constraint is kept,
it is created with IF NOT EXISTS).
"""
import os
import sys

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ClientError

PORT = int(os.environ.get("NEO4J_PORT", "7687"))
PASSWORD = os.environ.get("NEO4J_PASSWORD", "partners-test-pw")
AUTH = ("neo4j", PASSWORD)
failures = 0


def check(name, cond, detail=""):
    global failures
    print(f"{'ok  ' if cond else 'FAIL'} {name}{': ' + str(detail) if detail else ''}")
    if not cond:
        failures += 1


def run(uri):
    print(f"--- {uri}")
    with GraphDatabase.driver(uri, auth=AUTH) as driver:
        driver.verify_connectivity()
        info = driver.get_server_info()
        check("connect + login", True, f"{info.agent}, bolt {info.protocol_version}")

        recs, _, _ = driver.execute_query("CREATE (n:SmokeT {x: 1}) RETURN n")
        check("CREATE ... RETURN n", recs[0]["n"]["x"] == 1, recs[0]["n"])

        driver.execute_query("CREATE CONSTRAINT IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE")
        recs, _, _ = driver.execute_query(
            "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
            "WHERE labelsOrTypes = ['Entity'] RETURN type")
        check("uniqueness constraint", len(recs) == 1, recs[0]["type"] if recs else None)
        with driver.session() as s:
            s.run("MERGE (:Entity {id: 'smoke-dup'})").consume()
            try:
                s.run("CREATE (:Entity {id: 'smoke-dup'})").consume()
                check("constraint rejects duplicate", False)
            except ClientError as e:
                check("constraint rejects duplicate", "ConstraintValidationFailed" in e.code, e.code)
            s.run("MATCH (n:Entity {id: 'smoke-dup'}) DELETE n").consume()

        with driver.session() as s:
            tx = s.begin_transaction()
            tx.run("CREATE (:SmokeT {x: 99})").consume()
            inside = tx.run("MATCH (n:SmokeT {x: 99}) RETURN count(n) AS c").single()["c"]
            tx.rollback()
            after = s.run("MATCH (n:SmokeT {x: 99}) RETURN count(n) AS c").single()["c"]
            check("explicit tx rollback", inside == 1 and after == 0, f"inside={inside} after={after}")

        with driver.session(default_access_mode=neo4j.READ_ACCESS) as s:
            c = s.run("MATCH (n:SmokeT) RETURN count(n) AS c").single()["c"]
            check("READ session can read", c >= 1, c)
            try:
                s.run("CREATE (:SmokeT {x: 2})").consume()
                check("READ session refuses write", False)
            except ClientError as e:
                check("READ session refuses write", e.code == "Neo.ClientError.Statement.AccessMode",
                      f"{type(e).__name__} {e.code}: {e.message}")
        with driver.session(default_access_mode=neo4j.READ_ACCESS) as s:
            try:
                s.execute_write(lambda tx: tx.run("CREATE (:SmokeT {x: 3})").consume())
                check("execute_write in READ session", True, "allowed (tx mode wins)")
            except ClientError as e:
                check("execute_write in READ session", True, e.code)
        driver.execute_query("MATCH (n:SmokeT) DELETE n")

    try:
        with GraphDatabase.driver(uri, auth=("neo4j", "wrong-password")) as bad:
            bad.verify_connectivity()
        check("wrong password rejected", False)
    except AuthError as e:
        check("wrong password rejected", True, e.code)


for u in (f"bolt://127.0.0.1:{PORT}", f"neo4j://127.0.0.1:{PORT}"):
    run(u)
print("smoke test:", "FAILED" if failures else "passed")
sys.exit(1 if failures else 0)
