"""Re-measure the reliability review's totals (issue 13): bad inputs tried, clear errors, partial writes,
injections, tracebacks — on the embedded store and, when NEO4J_URI is set, on Neo4j.

    python bench/reliability.py                  # embedded only (PARTNERS_BENCH_BACKENDS=neo4j: only Neo4j)
    NEO4J_URI=bolt://127.0.0.1:7706 NEO4J_USER=neo4j NEO4J_PASSWORD=… python bench/reliability.py

Each bad seed file is validated and loaded; each bad table loaded; a refusal is *clear* when it exits 2 with
`Error:` lines that name the file (and a line), say how to fix (` — `) and show no traceback. A *partial write*
is a failed load after which `stats` differs. The injection cases are those of tests/test_injection.py.
The fault scenarios are counted from the pytest runs of tests/faults/ (quoted in the results file).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)

from click.testing import CliRunner  # noqa: E402

from cli import main  # noqa: E402
from tests import test_injection as inj  # noqa: E402

Q = "Долинська міська рада співпрацює з муніципалітетами низки іноземних країн"
TABLE = ROOT.parent / "shared" / "data" / "ukraine_partnerships_provenance.tsv"


def seed_cases(d: Path) -> dict[str, tuple[str | bytes, bool]]:
    """name -> (file body, should be accepted)."""
    e = 'source: src-001-dolyna\nentities:\n'
    r = 'source: src-001-dolyna\nrelations:\n'
    city = '  - {id: ua-r, kind: City, name: {en: R}, %s quote: "' + Q + '"}\n'
    cases: dict[str, tuple[str | bytes, bool]] = {
        "huge int": (e + f'  - {{id: proj-r, kind: Project, name: {{en: H}}, budget: {10**23}, '
                         f'quote: "{Q}"}}\n', False),
        "uncertain text": (r + f'  - {{type: COOPERATES_WITH, from: ua-dolyna, to: dk-guldborgsund, uncertain: "no", '
                               f'quote: "{Q}"}}\n', False),
        "note list": (r + f'  - {{type: COOPERATES_WITH, from: ua-dolyna, to: dk-guldborgsund, note: [a, b], '
                          f'quote: "{Q}"}}\n', False),
        "figure id taken": (e + f'  - {{id: ua-r, kind: City, name: {{en: R}}, quote: "{Q}", figures: [{{metric: m, '
                                f'value: 1, unit: count, period: "2022", quote: "{Q}"}}]}}\n'
                                f'  - {{id: fig-ua-r-m-2022, kind: City, name: {{en: F}}, quote: "{Q}"}}\n', False),
        "feb 30": (e + city % "founded: 2022-02-30,", False),
        "nan": (e + city % "lat: .nan, lon: .inf,", False),
        "nul in name": (e.replace("entities:\n", "entities:\n") + '  - {id: ua-r, kind: City, name: {en: "a\\0b"}, '
                        f'quote: "{Q}"}}\n', False),
        "rtl override": (e + '  - {id: ua-r, kind: City, name: {en: "a\\u202eb"}, ' f'quote: "{Q}"}}\n', False),
        "escape": (e + '  - {id: ua-r, kind: City, name: {en: "\\e]0;x\\a"}, ' f'quote: "{Q}"}}\n', False),
        "self relation": (r + f'  - {{type: COOPERATES_WITH, from: ua-dolyna, to: ua-dolyna, quote: "{Q}"}}\n', False),
        "via none": (r + f'  - {{type: COOPERATES_WITH, from: ua-dolyna, to: dk-guldborgsund, via: proj-none, '
                         f'quote: "{Q}"}}\n', False),
        "lat 500": (e + city % "lat: 500, lon: -999,", False),
        "empty file": ("", False),
        "scalar file": ('"text"\n', False),
        "list file": ("- a\n", False),
        "file outside": ("source: src-999-p\nentities:\n  - {id: src-999-p, kind: Source, name: {en: P}, "
                         "file: ../../../../../../etc/passwd, lang: en}\n"
                         "  - {id: ua-r, kind: City, name: {en: R}, quote: 'root:x:0:0'}\n", False),
        "bad yaml": ("source: [\n", False),
        "unknown kind": (e + f'  - {{id: ua-r, kind: Town, name: {{en: R}}, quote: "{Q}"}}\n', False),
        "unknown field": (e + city % "colour: red,", False),
        "no quote": (e + '  - {id: ua-r, kind: City, name: {en: R}}\n', False),
        "own source undeclared": ('source: src-999-undeclared\nentities:\n  - {id: ua-r, kind: City, name: {en: R}, '
                                  f'quote: "{Q}"}}\n', False),
        "planned with a date": (e + '  - {id: agr-r, kind: Agreement, name: {en: A}, agreement_kind: memorandum, '
                                'status: planned, signed: "2022", parties: [ua-dolyna, dk-guldborgsund], '
                                f'quote: "{Q}"}}\n', False),
        "one party": (e + '  - {id: agr-r, kind: Agreement, name: {en: A}, agreement_kind: memorandum, '
                      f'status: signed, parties: [ua-dolyna, ua-dolyna], quote: "{Q}"}}\n', False),
        "end before start": (e + '  - {id: proj-r, kind: Project, name: {en: P}, start: "2023", end: "2021", '
                             f'quote: "{Q}"}}\n', False),
        "merge key (control)": (e + f'  - &b {{id: ua-r, kind: City, name: {{en: R}}, quote: "{Q}"}}\n'
                                    '  - <<: *b\n    id: ua-r2\n    name: {en: R2}\n', True),
        "valid (control)": (e + city % "", True),
        "bom crlf (control)": ("\ufeff" + (e + city % "").replace("\n", "\r\n"), True),
    }
    for p in sorted((ROOT / "tests" / "bad_seeds").glob("*.yaml")):
        cases[f"corpus {p.stem}"] = (p.read_text(encoding="utf-8"), False)
    return cases


def table_cases() -> dict[str, tuple[bytes, bool]]:
    lines = TABLE.read_text(encoding="utf-8").split("\n")
    head, row = lines[0], lines[1].split("\t")

    def w(**cells: str) -> bytes:
        names = head.split("\t")
        out = list(row)
        for k, v in cells.items():
            out[names.index(k)] = v
        return (head + "\n" + "\t".join(out) + "\n").encode()

    world = "city_a\tcountry_a\tcity_b\tcountry_b\twikidata_a\twikidata_b\tsource\tsource_url\tinvolves_ukraine\n"
    src = "wikipedia-en-lists-2026(x)\thttps://x.example/w"
    return {
        "bad utf-8": ((head + "\n").encode() + b"B\xffd\n", False),
        "short row": ((head + "\nAlushta\tCrimea\tSozopol\n").encode(), False),
        "huge cell": (w(evidence="E" * 200_000), False),
        "unknown country": (w(partner_country="Atlantis", partner_place="Poseidonia"), False),
        "year not a year": (w(since_year="abc", partner_place="Yearless"), False),
        "control char": (w(partner_place="A\x1b[31mB"), False),
        "missing column": ((b"ua_place\tpartner_place\nA\tB\n"), False),
        "empty place": (w(ua_place=""), False),
        "unknown source id": (w(source_ids="Z:x"), False),
        "world short row": ((world + "Lyon\tFrance\tB\n").encode(), False),
        "world bad utf-8": ((world + "Ly\xffon").encode("latin-1") + b"\tFrance\tB\tItaly\t\t\t" + src.encode()
                            + b"\t0\n", False),
        "world huge cell": ((world + f"Lyon\tFrance\t{'B' * 200_000}\tItaly\t\t\t{src}\t0\n").encode(), False),
        "world control char": ((world + f"Ly\x1bon\tFrance\tB\tItaly\t\t\t{src}\t0\n").encode(), False),
        "world empty city": ((world + f"\tFrance\tB\tItaly\t\t\t{src}\t0\n").encode(), False),
        "quoted cell (control)": (w(partner_place='"Quoted Town'), True),
        "bom crlf (control)": (b"\xef\xbb\xbf" + (head + "\r\n" + "\t".join(row) + "\r\n").encode(), True),
        "world bom crlf (control)": (b"\xef\xbb\xbf" + (world + f"Lyon\tFrance\tB\tItaly\t\t\t{src}\t0\n")
                                     .replace("\n", "\r\n").encode(), True),
    }


def clear(result: Any, file: Path) -> tuple[bool, bool]:
    """(a clear refusal: exit 2, `Error:` lines naming the file, no traceback; and every line has a hint)."""
    out = result.output
    errors = [ln for ln in out.splitlines() if ln.startswith("Error:")]
    ok = result.exit_code == 2 and "Traceback" not in out and bool(errors) and str(file.name) in out
    problems = [ln for ln in errors if "in the seeds; nothing was written" not in ln]  # the summary line
    hinted = all(" — " in ln for ln in problems) if problems else False
    return ok, hinted


def measure(backend: str, tmp: Path) -> dict[str, Any]:
    env = {"PARTNERS_HOME": str(tmp / f"home-{backend}"), "PARTNERS_DEBUG": None, "NEO4J_DATABASE": None}
    if backend == "embedded":
        env["NEO4J_URI"] = None

    def cli(*args: str) -> Any:
        return CliRunner().invoke(main, [*args, *(["--backend", backend] if args[0] not in ("validate",) else [])],
                                  env=env, catch_exceptions=True)

    tally: Counter[str] = Counter()
    wrong: list[str] = []
    assert cli("load", "--reset").exit_code == 0
    base = cli("stats", "--json").output
    for name, (body, accept) in seed_cases(tmp).items():
        f = tmp / f"seed-{abs(hash(name))}.yaml"
        f.write_text(body, encoding="utf-8", newline="") if isinstance(body, str) else f.write_bytes(body)
        for step in ("validate", "load"):
            r = cli(step, "seeds", str(f))
            tally["seed runs"] += 1
            tally["tracebacks"] += "Traceback" in r.output or r.exception is not None and not isinstance(
                r.exception, SystemExit)
            if accept:
                tally["controls accepted"] += r.exit_code == 0
                if r.exit_code != 0:
                    wrong.append(f"seed {name} ({step}): refused: {r.output[:200]}")
                continue
            ok, hinted = clear(r, f)
            tally["seed clear errors"] += ok
            tally["seed errors with a hint"] += ok and hinted
            if not ok:
                wrong.append(f"seed {name} ({step}): exit {r.exit_code}: {r.output[:200]}")
            if step == "load" and r.exit_code != 0:
                tally["failed loads"] += 1
                tally["partial writes"] += cli("stats", "--json").output != base
        tally["seed inputs"] += 1
        if cli("stats", "--json").output != base:
            assert cli("load", "--reset").exit_code == 0
    for name, (data, accept) in table_cases().items():
        f = tmp / f"table-{abs(hash(name))}.tsv"
        f.write_bytes(data)
        r = cli("load", "--data", str(f))
        tally["table inputs"] += 1
        tally["tracebacks"] += "Traceback" in r.output or r.exception is not None and not isinstance(
            r.exception, SystemExit)
        if accept:
            tally["controls accepted"] += r.exit_code == 0
            if r.exit_code != 0:
                wrong.append(f"table {name}: refused: {r.output[:200]}")
        else:
            ok, hinted = clear(r, f)
            tally["table clear errors"] += ok
            tally["table errors with a hint"] += ok and hinted
            if not ok:
                wrong.append(f"table {name}: exit {r.exit_code}: {r.output[:200]}")
            if r.exit_code != 0:
                tally["failed loads"] += 1
                tally["partial writes"] += cli("stats", "--json").output != base
        assert cli("load", "--reset").exit_code == 0
    tally.update(injections(cli, tmp, wrong))  # update adds; |= would keep the larger count
    if backend == "neo4j":
        tally.update(connections(wrong))
    return {"tally": dict(tally), "wrong": wrong}


SECRET = "S3cr3t-PW"


def connections(wrong: list[str]) -> Counter[str]:
    """The review's wrong Neo4j connections: each run (stats, load; and stats under --debug) must end in one
    `Error:` line with exit 1 or 2 (a traceback only under --debug), and no output may hold the password."""
    uri = os.environ["NEO4J_URI"]
    host = uri.split("://", 1)[1]
    cases = [
        {"NEO4J_URI": f"bolt://neo4j:{SECRET}@127.0.0.1:7799"},
        {"NEO4J_URI": f"bolt://neo4j:{SECRET}@{host}"},
        {"NEO4J_URI": f"http://{host}"},
        {"NEO4J_URI": "bolt://127.0.0.1:7799"},
        {"NEO4J_URI": f"neo4j+s://neo4j:{SECRET}@127.0.0.1:7799"},
        {"NEO4J_URI": uri, "NEO4J_DATABASE": "nosuchdb", "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", "")},
    ] + [{"NEO4J_URI": uri}] * 4  # four wrong logins: the server's rate limit
    t: Counter[str] = Counter()
    for case in cases:
        env = {"NEO4J_USER": "neo4j", "NEO4J_PASSWORD": SECRET, "NEO4J_DATABASE": None, "PARTNERS_DEBUG": None,
               **case}
        t["connection configurations"] += 1
        for args in (["stats"], ["load", "seeds"], ["--debug", "stats"]):
            r = CliRunner().invoke(main, [*args, "--backend", "neo4j"], env=env, catch_exceptions=True)
            t["connection runs"] += 1
            t["secret leaks"] += SECRET in r.output or SECRET in repr(r.exception)
            if args[0] == "--debug":
                continue
            lines = [ln for ln in r.output.splitlines() if ln.strip()]
            ok = (r.exit_code in (1, 2) and "Traceback" not in r.output and len(lines) == 1
                  and lines[0].startswith("Error: "))
            t["connection clear errors"] += ok
            t["tracebacks"] += "Traceback" in r.output or r.exception is not None and not isinstance(
                r.exception, SystemExit)
            if not ok:
                wrong.append(f"connection {case['NEO4J_URI']} {args}: exit {r.exit_code}: {r.output[:200]}")
    import time

    deadline = time.monotonic() + 30  # the rate limit lasts a few seconds; the right password then works
    while CliRunner().invoke(main, ["stats", "--backend", "neo4j"], catch_exceptions=True).exit_code != 0:
        if time.monotonic() > deadline:
            wrong.append("the right password did not work again within 30 s")
            break
        time.sleep(0.5)
    return t


def injections(cli: Any, tmp: Path, wrong: list[str]) -> Counter[str]:
    t: Counter[str] = Counter()
    base = cli("stats", "--json").output

    def changed() -> bool:
        return cli("stats", "--json").output != base

    def traceback(r: Any) -> bool:
        return "Traceback" in r.output or r.exception is not None and not isinstance(r.exception, SystemExit)

    for s in inj.WRITES + inj.SYSTEM:
        r = cli("cypher", s)
        t["tracebacks"] += traceback(r)
        t["injection cases"] += 1
        bad = r.exit_code != 2 or changed()
        t["injections"] += bad
        if bad:
            wrong.append(f"injection {s!r}: exit {r.exit_code} {r.output[:120]}")
    for v in inj.VALUES:
        r = cli("cypher", "WITH $x AS x RETURN x", "-p", f"x={v}", "--format", "json")
        t["tracebacks"] += traceback(r)
        t["injection cases"] += 1
        bad = r.exit_code != 0 or json.loads(r.output) != [{"x": v}] or changed()
        t["injections"] += bad
        if bad:
            wrong.append(f"injection value {v[:40]!r}: {r.output[:120]}")
    for k in inj.KEYS:
        r = cli("cypher", "RETURN 1 AS one", "-p", f"{k}=1")
        t["tracebacks"] += traceback(r)
        t["injection cases"] += 1
        t["injections"] += changed()
    for q, p, v in inj.NAMED:
        r = cli("query", q, "-p", f"{p}={v}", "--format", "json")
        t["tracebacks"] += traceback(r)
        t["injection cases"] += 1
        t["injections"] += changed()
    t["injection cases"] += len(inj.SEED_VALUES) + len(inj.TABLE_CELLS)  # run by tests/test_injection.py only
    return t


def main_() -> None:
    backends = ["embedded"] + (["neo4j"] if os.environ.get("NEO4J_URI") else [])
    backends = os.environ.get("PARTNERS_BENCH_BACKENDS", ",".join(backends)).split(",")
    with tempfile.TemporaryDirectory(prefix="partners-reliability-") as d:
        results = {b: measure(b, Path(d)) for b in backends}
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main_()
