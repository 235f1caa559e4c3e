#!/usr/bin/env python3
"""Check that a Neo4j server answers on Bolt at 127.0.0.1:PORT.

Usage: bolt_check.py PORT [--password PW] [--host HOST] [--timeout S]

Always does a raw Bolt handshake (no dependencies). If --password is given and the
Python `neo4j` driver is importable, it also logs in as `neo4j` and runs `RETURN 1`.

Exit codes: 0 ok, 1 nothing listening (connection refused / timeout),
2 something listens but does not speak Bolt, 3 Bolt answers but login/query failed.
"""
import argparse
import socket
import struct
import sys

BOLT_MAGIC = b"\x60\x60\xb0\x17"
# Proposals: 5.0-5.8 (range 8), 4.2-4.4 (range 2), 3.0, none.
PROPOSALS = bytes([0, 8, 8, 5, 0, 2, 4, 4, 0, 0, 0, 3, 0, 0, 0, 0])


def handshake(host: str, port: int, timeout: float):
    """Returns (code, message)."""
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as e:
        return 1, f"cannot connect to {host}:{port}: {e}"
    try:
        sock.settimeout(timeout)
        sock.sendall(BOLT_MAGIC + PROPOSALS)
        data = b""
        while len(data) < 4:
            chunk = sock.recv(4 - len(data))
            if not chunk:
                break
            data += chunk
    except OSError as e:
        return 2, f"{host}:{port} accepted a connection but the Bolt handshake failed: {e}"
    finally:
        sock.close()
    if len(data) != 4:
        return 2, f"{host}:{port} accepted a connection but did not answer the Bolt handshake ({data!r})"
    if data.startswith(b"HTTP"):
        return 2, f"{host}:{port} is an HTTP server, not Bolt"
    (version,) = struct.unpack(">I", data)
    if version == 0:
        return 2, f"{host}:{port} speaks Bolt but agreed on no protocol version"
    major, minor = data[3], data[2]
    if major not in (3, 4, 5):
        return 2, f"{host}:{port} answered {data!r}: not a Bolt server"
    return 0, f"Bolt {major}.{minor} on {host}:{port}"


def login(host: str, port: int, password: str, timeout: float):
    try:
        import neo4j  # noqa: F401
        from neo4j import GraphDatabase
    except ImportError:
        return 0, "python neo4j driver not installed: login not checked"
    try:
        with GraphDatabase.driver(
            f"bolt://{host}:{port}", auth=("neo4j", password), connection_timeout=timeout
        ) as driver:
            records, _, _ = driver.execute_query("RETURN 1 AS one")
            agent = driver.get_server_info().agent
            if records[0]["one"] != 1:
                return 3, "RETURN 1 gave a wrong answer"
            return 0, f"logged in as neo4j ({agent})"
    except Exception as e:  # noqa: BLE001 - report any driver error
        return 3, f"login/query failed: {type(e).__name__}: {e}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("port", type=int)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--password")
    ap.add_argument("--timeout", type=float, default=3.0)
    args = ap.parse_args()
    code, msg = handshake(args.host, args.port, args.timeout)
    if code == 0 and args.password:
        code, msg2 = login(args.host, args.port, args.password, args.timeout)
        msg = f"{msg}; {msg2}"
    print(msg)
    return code


if __name__ == "__main__":
    sys.exit(main())
