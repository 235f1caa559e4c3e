"""The `partners` command line: a thin layer over graph/, loaders/ and queries/.

Each command parses its options, opens the store, calls one library function and prints the result.
Library errors become one ``Error: …`` line each and exit code 2 (bad input) or 1 (failure).
Heavy libraries (the drivers, NetworkX, pyvis) are imported inside the commands, so ``--help`` is fast.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from graph.errors import PartnersError, QueryError, SeedError

if TYPE_CHECKING:
    from graph.stores.base import Store

DEFAULT_SEEDS = Path("seeds")
DEFAULT_TIMEOUT_S = 120.0  # graph.stores.base.DEFAULT_TIMEOUT_S, not imported: --help stays light
DEFAULT_KEEP_WARM_S = 600.0  # ten minutes: a working session of show/query/report keeps one server (issue 14)
MAX_ERROR_CHARS = 500  # an error echoes user text (a name, a value); never thousands of characters of it


def _secrets() -> list[str | None]:
    ctx = click.get_current_context(silent=True)
    return [ctx.params.get("password")] if ctx is not None else []


def echo(text: Any = "", err: bool = False, **kwargs: Any) -> None:
    """click.echo for anything the CLI prints: credentials redacted, terminal control characters neutralised."""
    from graph.safety import redact, terminal_safe

    click.echo(terminal_safe(redact(str(text), _secrets())), err=err, **kwargs)


def _line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_ERROR_CHARS else text[:MAX_ERROR_CHARS] + "…"


def _fail(err: PartnersError) -> None:
    if isinstance(err, SeedError):
        for p in err.problems:
            echo(f"Error: {_line(str(p))}", err=True)
    echo(f"Error: {_line(str(err))}", err=True)
    for detail in getattr(err, "details", None) or []:  # e.g. the candidates of a name, one line each
        echo(f"  {_line(detail)}", err=True)
    sys.exit(err.exit_code)


def _debug() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get("debug"))


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into `Error: …` lines and the documented exit codes; anything unexpected into one
    line that points to --debug (which shows the traceback). No traceback reaches a user otherwise."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except PartnersError as e:
            if _debug():
                import traceback

                echo(traceback.format_exc(), err=True)
            _fail(e)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            echo("Error: interrupted — nothing was written by an unfinished load", err=True)
            sys.exit(130)
        except BrokenPipeError:  # `partners show X | head`: the reader has gone; stop quietly, as a shell tool does
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at interpreter exit
            sys.exit(141)  # 128 + SIGPIPE, what the shell reports for a tool killed by the closed pipe
        except Exception as e:  # noqa: BLE001 - the last line of defence: one line, not a traceback
            if _debug():
                import traceback

                echo(traceback.format_exc(), err=True)
            echo(f"Error: unexpected {type(e).__name__}: {_line(str(e))} — run with --debug for details "
                 "(partners --debug …)", err=True)
            sys.exit(1)

    return wrapper


def store_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--backend and the connection settings; Neo4j's come from NEO4J_* environment variables."""
    options = [
        click.option("--backend", type=click.Choice(["embedded", "neo4j"]), default=None,
                     help="Where the graph lives. Default: neo4j when NEO4J_URI is set, else embedded."),
        click.option("--home", envvar="PARTNERS_HOME", default=".partners", show_default=True,
                     type=click.Path(file_okay=False, path_type=Path),
                     help="Data folder of the embedded store [env PARTNERS_HOME]."),
        click.option("--keep-warm", envvar="PARTNERS_KEEP_WARM", default=DEFAULT_KEEP_WARM_S, show_default=True,
                     type=click.FloatRange(min=0), help="Seconds the embedded store's server stays running after "
                     "the last command, so the next one need not load the data file again; 0: stop it when the "
                     "command ends [env PARTNERS_KEEP_WARM]."),
        click.option("--uri", envvar="NEO4J_URI", default=None,
                     help="Neo4j address: bolt://, neo4j:// (cluster routing) or neo4j+s:// (Aura) [env NEO4J_URI]."),
        click.option("--user", envvar="NEO4J_USER", default="neo4j", show_default=True, help="[env NEO4J_USER]"),
        click.option("--password", envvar="NEO4J_PASSWORD", default=None, help="[env NEO4J_PASSWORD]"),
        click.option("--database", envvar="NEO4J_DATABASE", default=None,
                     help="Named database; default: the server's default [env NEO4J_DATABASE]."),
        click.option("--timeout", envvar="PARTNERS_TIMEOUT", default=DEFAULT_TIMEOUT_S, show_default=True,
                     type=click.FloatRange(min=0), help="Seconds a query may run before the database stops it; "
                     "0: no limit (loads are not limited) [env PARTNERS_TIMEOUT]."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def open_store_from(opts: dict[str, Any]) -> Store:
    from graph.stores import open_store

    backend = opts.pop("backend") or ("neo4j" if opts.get("uri") else "embedded")
    timeout = opts.pop("timeout", DEFAULT_TIMEOUT_S)
    store = open_store(backend, home=opts.pop("home"), uri=opts.pop("uri"), user=opts.pop("user"),
                       password=opts.pop("password"), database=opts.pop("database"),
                       keep_warm_s=opts.pop("keep_warm", 0.0))
    store.timeout_s = timeout or None
    return store


def _print_counts(counts: dict[str, int]) -> None:
    from graph.schema import load_schema

    schema = load_schema()
    for title, names in (("entities", schema.kinds), ("relations", schema.relations)):
        rows = [(k, counts[k]) for k in names if counts.get(k)]
        echo(f"{title}: {sum(n for _, n in rows)}")
        for name, n in rows:
            echo(f"  {name:<16} {n:>7}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="partnership-graph")
@click.option("--debug", is_flag=True, envvar="PARTNERS_DEBUG",
              help="Show the traceback of an error (credentials still redacted) [env PARTNERS_DEBUG].")
def main(debug: bool) -> None:
    """Partnership Graph: who partners with whom, since when, under which agreement.

    Seeds (YAML) are validated, loaded into Neo4j or the embedded default store, and explored with Cypher.
    Start with `partners load`, then `partners stats`.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@handle_errors
def validate(paths: tuple[Path, ...]) -> None:
    """Check seed files or folders (default: seeds/) against the schema; write nothing.

    Every problem is listed as FILE:LINE: what is wrong — how to fix. Exit code 2 if there is any.
    """
    from loaders.seeds import read_seeds

    graph = read_seeds(list(paths) or [DEFAULT_SEEDS])
    echo(f"seeds are valid: {len(graph.nodes)} entities, {len(graph.edges)} relations")
    _print_counts(graph.counts())


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--reset", is_flag=True, help="Remove everything in the store first (in the same all-or-nothing load).")
@click.option("--batch-size", default=5000, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--data", "data_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also import a data file: the sourced Ukrainian partnership pairs "
                   "(ukraine_partnerships_provenance.tsv) or the world twin-town table (world_twinning.tsv); "
                   "repeat for both. Seeds win where both speak of an entity.")
@store_options
@handle_errors
def load(paths: tuple[Path, ...], reset: bool, batch_size: int, data_files: tuple[Path, ...], **opts: Any) -> None:
    """Validate the seeds (default: seeds/) and load them into the store, all or nothing.

    Loading the same seeds twice changes nothing. With an invalid seed set nothing is written.
    """
    from graph.model import merge_graphs
    from graph.writer import check_kinds, statements_for
    from loaders.partnerships_tsv import read_partnerships_tsv
    from loaders.seeds import read_seeds

    graph = read_seeds(list(paths) or [DEFAULT_SEEDS])
    seed_ids = set(graph.nodes)  # the seeds win: never merged away
    from collections import Counter

    matched: Counter[str] = Counter()
    from loaders.world_twinning import is_world_table, read_world_twinning

    for data in data_files:
        if is_world_table(data):
            with click.progressbar(length=_count_lines(data), file=sys.stderr,
                                   label=f"reading {data.name}", hidden=not sys.stderr.isatty()) as reading:
                graph = merge_graphs(graph, read_world_twinning(data, graph, matched, reading.update))
        else:
            graph = merge_graphs(graph, read_partnerships_tsv(data, graph, matched))
    for how, n in sorted(matched.items()):
        click.echo(f"matched {how}: {n}")
    if data_files:
        from loaders.duplicates import merge_duplicates

        graph, merges = merge_duplicates(graph, protected=seed_ids)
        click.echo(f"merged duplicate places: {len(merges)}")
        for merge in merges[:MERGES_SHOWN]:
            click.echo(f"  {merge}")
        if len(merges) > MERGES_SHOWN:
            click.echo(f"  … and {len(merges) - MERGES_SHOWN} more (each kept entity lists the other names as aliases)")
    statements = statements_for(graph, batch_size, reset=reset)
    total = sum(s.rows for s in statements)
    with open_store_from(opts) as store:
        if not reset:
            check_kinds(store, graph)
        show = sys.stderr.isatty()
        with click.progressbar(length=total, label=f"loading into {store.backend}", file=sys.stderr,
                               hidden=not show) as bar:
            store.write(statements, reset=reset, progress=bar.update)
        from graph.names import build_table

        build_table(store)  # the name table of this load, now: the first name given after it is answered at once
        echo(f"loaded {len(graph.nodes)} entities and {len(graph.edges)} relations into {store.location}")
        _print_counts(store.stats())


MERGES_SHOWN = 20  # merged duplicates listed in the load summary


def _count_lines(path: Path) -> int:
    with open(path, "rb") as fh:
        return sum(1 for _ in fh)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print counts as JSON.")
@store_options
@handle_errors
def stats(as_json: bool, **opts: Any) -> None:
    """Counts of entities by kind and relations by type in the store."""
    with open_store_from(opts) as store:
        counts = store.stats()
    if as_json:
        import json

        echo(json.dumps(counts, indent=1, sort_keys=True))
    else:
        _print_counts(counts)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "graphml", "gexf"]), default="json", show_default=True,
              help="json is NetworkX node-link data; lists become JSON text in graphml/gexf.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@store_options
@handle_errors
def export(fmt: str, output: Path, **opts: Any) -> None:
    """Export the whole graph in the store, with every property, to a file."""
    from graph.export import export_graph
    from graph.reader import read_graph

    with open_store_from(opts) as store:
        graph = read_graph(store)
    export_graph(graph, fmt, output)
    echo(f"wrote {len(graph.nodes)} entities and {len(graph.edges)} relations to {output} ({fmt})")


_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
INT64 = (-(2**63), 2**63 - 1)


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"-p {_line(pair)!r} is not key=value — write -p name=value")
        if not _PARAM_NAME.match(key.strip()):
            raise QueryError(f"-p {_line(key)!r} is not a parameter name — use letters, digits and _ (-p name=value)")
        out[key.strip()] = value
    return out


def _check_value(key: str, value: Any) -> None:
    """Values both stores hold exactly: whole numbers in 64 bits, finite numbers, text without NUL, map keys
    that are names. Walked without recursion."""
    stack = [value]
    while stack:
        v = stack.pop()
        problem = None
        if isinstance(v, dict):
            stack.extend(v.values())
            if any(not _PARAM_NAME.match(str(k)) for k in v):
                problem = "map keys must be names (letters, digits and _)"
        elif isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, int) and not isinstance(v, bool) and not INT64[0] <= v <= INT64[1]:
            problem = "whole numbers must fit in 64 bits"
        elif isinstance(v, str) and "\x00" in v:
            problem = "text cannot contain NUL"
        if problem:
            raise QueryError(f"-p {key}: the value cannot be stored exactly — {problem}")


def _typed(params: dict[str, str]) -> dict[str, Any]:
    """Ad-hoc query values: JSON when they parse as JSON (numbers, true, [lists]), else text."""
    import json

    def no_constant(name: str) -> Any:
        raise ValueError(name)  # NaN and Infinity stay text: no store holds them the same way

    out: dict[str, Any] = {}
    for k, v in params.items():
        try:
            out[k] = json.loads(v, parse_constant=no_constant)
        except RecursionError:
            raise QueryError(f"-p {k}: the JSON value is nested too deeply — pass a flatter value") from None
        except ValueError:
            out[k] = v
        _check_value(k, out[k])
    return out


include_flagged_option = click.option(
    "--include-flagged", is_flag=True,
    help="Also count flagged ties (a partner in Russia or Belarus, an occupied place, announced, ended) in rankings "
         "and recommendations; they are left out by default and always shown with their flag.")


format_option = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                             show_default=True, help="table for reading; json and csv for pipes.")
limit_option = click.option("--limit", type=click.IntRange(min=0), default=None,
                            help="Fetch and show at most N rows (the database stops after them).")
ids_option = click.option("--ids", "show_ids", is_flag=True,
                          help="Show the id columns in tables too, after the names (json and csv always have them).")
param_option = click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
                            help="A query parameter; repeat for several.")


@main.command()
@click.argument("name", required=False)
@param_option
@format_option
@limit_option
@ids_option
@store_options
@handle_errors
def query(name: str | None, params: tuple[str, ...], fmt: str, limit: int | None, show_ids: bool,
          **opts: Any) -> None:
    """List the named queries, or run one: partners query NAME -p key=value.

    Parameters of type entity take any name, alias or id, in Ukrainian or English
    (Житомир, zhytomyr, ua-zhytomyr); an ambiguous name lists the candidates.
    """
    from graph.profile import source_titles
    from queries.library import get_query, load_library, run_named
    from terminal.tables import Shape, render, source_ids, table

    if name is None:
        rows = [[q.name, ", ".join(f"{p.name}{'' if p.required else '?'}" for p in q.params), q.description]
                for q in load_library().values()]
        echo(table(["query", "parameters (? = optional)", "what it answers"], rows))
        return
    q = get_query(name)  # an unknown name fails before the store is opened
    shape = Shape(q.id_columns, q.source_columns)
    with open_store_from(opts) as store:
        result = run_named(store, name, _params(params), fetch=limit)  # --limit bounds what is fetched
        titles = source_titles(store, source_ids(result, shape)) if fmt == "table" else {}
    echo(render(result, fmt, limit, shape=shape, show_ids=show_ids, titles=titles))


@main.command()
@click.argument("statement")
@param_option
@click.option("--write", is_flag=True, help="Allow the statement to change the database (read-only otherwise).")
@format_option
@limit_option
@store_options
@handle_errors
def cypher(statement: str, params: tuple[str, ...], write: bool, fmt: str, limit: int | None, **opts: Any) -> None:
    """Run an ad-hoc Cypher statement, read-only unless --write.

    Writes are refused by the database itself (Neo4j's READ access mode, FalkorDB's GRAPH.RO_QUERY).
    Pass values as parameters, never inside the text:
    partners cypher 'MATCH (n:Entity {id: $id}) RETURN n.name_uk' -p id=ua-dolyna
    """
    from graph.safety import check_read_only
    from terminal.tables import render

    if not write:
        check_read_only(statement)
    values = _typed(_params(params))
    with open_store_from(opts) as store:
        result = store.query(statement, values, write=write, fetch=limit)  # --limit bounds what is fetched
    echo(render(result, fmt, limit))


@main.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@ids_option
@store_options
@handle_errors
def show(name: str, fmt: str, show_ids: bool, **opts: Any) -> None:
    """Profile of one entity: names, kind, location, partners, networks, projects, figures, sources.

    NAME is any name, alias or id, in Ukrainian or English (Житомир, zhytomyr, "Zhytomyr City Council").
    """
    from graph.names import NameIndex
    from graph.profile import build_profile
    from terminal.show import profile_text

    with open_store_from(opts) as store:
        ident = NameIndex.from_store(store).resolve(name)
        profile = build_profile(store, ident)
    if fmt == "json":
        import json

        data = {"id": profile.id, "properties": profile.props, "located_in": profile.located_in,
                **{title: r.records() for title, r in profile.sections.items()},
                "sources": profile.sources.records() if profile.sources else []}
        echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))
        return
    echo(profile_text(profile, show_ids))


def selection_options(focus_help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--focus/--depth and the filters shared by the commands that select part of the graph."""

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        options = [
            click.option("--focus", metavar="NAME", default=None, help=focus_help),
            click.option("--depth", default=2, show_default=True, type=click.IntRange(1, 5),
                         help="Steps around --focus."),
            click.option("--kind", "kinds", multiple=True, metavar="KIND",
                         help="Keep only entities of this kind (City, Organisation, Agreement…); repeat for several."),
            click.option("--country", "countries", multiple=True, metavar="CC",
                         help="Keep only entities in this country (ISO code: de, pl); repeat for several."),
            click.option("--status", "statuses", multiple=True, metavar="STATUS",
                         help="Keep only agreements and cooperations with this status (signed, planned…); "
                              "repeat for several."),
            click.option("--since", metavar="DATE",
                         help="Drop agreements and cooperations dated before (YYYY[-MM[-DD]])."),
            click.option("--until", metavar="DATE", help="Drop agreements and cooperations dated after."),
        ]
        for option in reversed(options):
            fn = option(fn)
        return fn

    return decorate


@main.command()
@selection_options("Analyse the neighbourhood of this entity (any name, alias or id) and recommend its next partners.")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000), help="Rows per ranking.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table for reading; json (one object, one key per section) for pipes.")
@include_flagged_option
@store_options
@handle_errors
def analyse(focus: str | None, depth: int, kinds: tuple[str, ...], countries: tuple[str, ...],
            statuses: tuple[str, ...], since: str | None, until: str | None, top: int, fmt: str, include_flagged: bool,
            **opts: Any) -> None:
    """Network analysis of the partnership graph: who is central, who brokers, which groups form, how it grew.

    Prints the size of the selection; top actors by ties, PageRank and betweenness; communities (Louvain);
    brokers and bridges; k-core; new agreements by year and kind. With --focus: its partners and recommended
    next partners, each with its reasons (the whole graph's, same filters), and its position within its own part
    of the graph (the part a brief reads; run without --focus for whole-network ranks).
    """
    from analysis.report_data import STEPS, analyse_store
    from analysis.select import Filters
    from terminal.analysis import report_text

    filters = Filters(kinds, countries, statuses, since, until)
    with open_store_from(opts) as store, \
            click.progressbar(length=len(STEPS), label="analysing", file=sys.stderr, hidden=not sys.stderr.isatty(),
                              item_show_func=lambda step: step) as bar:
        def progress(step: str) -> None:
            if step != STEPS[0]:
                bar.update(1, step)

        report = analyse_store(store, focus, depth, filters, top, progress=progress, include_flagged=include_flagged)
        bar.update(1, "done")
    if fmt == "json":
        import json

        echo(json.dumps(report, ensure_ascii=False, indent=1, default=str))
    else:
        echo(report_text(report, top))


@main.command()
@selection_options("Draw only the neighbourhood of this entity (any name, alias or id, Ukrainian or English).")
@click.option("--projection", is_flag=True,
              help="Draw partner–partner ties (agreements folded into edges) instead of the stored graph.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write.")
@click.option("--lang", type=click.Choice(["uk", "en"]), default=None,
              help="Language of the page's words [default: PARTNERS_LANG, else the locale's, else uk].")
@click.option("--explorer", is_flag=True, hidden=True,
              help="Accepted for old scripts: the page is always the explorer's.")
@store_options
@handle_errors
def viz(focus: str | None, depth: int, kinds: tuple[str, ...], countries: tuple[str, ...], statuses: tuple[str, ...],
        since: str | None, until: str | None, projection: bool, output: Path, lang: str | None, explorer: bool,
        **opts: Any) -> None:  # explorer: a no-op, kept so old commands still run
    """Write the explorer of `partners serve` as one HTML file that opens offline in any browser.

    The selection (or --depth partner steps, 1-3, around --focus) is inside the file: search, expand on
    double-click, the inspector with every source quote, the time slider, the map, filters by kind, country,
    status and flag. Colour and shape show the kind, size how many others an entity is linked to; lines are
    coloured by agreement kind or relation, dashed while planned, ⚠ when flagged; hover shows names and quotes.
    --projection opens on the partner–partner view, else on the full stored graph (one click away either way).
    """
    from analysis.select import Filters
    from graph.names import NameIndex
    from reports.i18n import default_lang
    from viz.network import write_view

    filters = Filters(kinds, countries, statuses, since, until)
    with open_store_from(opts) as store:
        ident = NameIndex.from_store(store).resolve(focus) if focus else None
        view = write_view(store, output, focus=ident, depth=depth, filters=filters, projection=projection,
                          lang=lang or default_lang())
    echo(f"wrote {view.nodes} entities and {view.edges} links to {output} "
               f"({view.size_bytes / 1e6:.1f} MB, works offline)")


@main.command()
@click.option("--oblast", default=None, help="Only this oblast-level unit (name or two-digit code), e.g. Volyn.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="csv: one row per oblast; json: everything, with the full gap list.")
@click.option("--stale-before", type=click.IntRange(1900, 2100), default=None,
              help="List ties whose latest date is before this year.")
@click.option("--include-excluded", is_flag=True, help="Also count ties flagged ended and ties with Russia/Belarus.")
@click.option("--gaps", "gap_limit", default=50, show_default=True, type=click.IntRange(0, 100_000),
              help="Gap-list rows in the table.")
@click.option("--sort", "sort_by", type=click.Choice(["oblast", "type", "population", "name"]), default="oblast",
              show_default=True, help="Order of the gap list (population: of the centre, from GeoNames).")
@click.option("--list", "listing", type=click.Choice(["oblasts", "gaps", "stale"]), default="oblasts",
              show_default=True, help="With --format csv: one row per oblast, per gap or per stale tie.")
@store_options
@handle_errors
def coverage(oblast: str | None, fmt: str, stale_before: int | None, include_excluded: bool, gap_limit: int,
             sort_by: str, listing: str, **opts: Any) -> None:
    """Per oblast: communities with a foreign partner, their share, agreements; national totals beside the
    Ministry's; the communities without a known foreign partner; ties per year.

    Needs the reference layer and data: partners load seeds reference --data FILE.
    """
    from analysis.coverage import coverage as compute
    from analysis.coverage import read_coverage_graph
    from analysis.coverage_format import coverage_csv, coverage_json, coverage_table

    with open_store_from(opts) as store:
        graph = read_coverage_graph(store)
    result = compute(graph, oblast=oblast, stale_before=stale_before, include_excluded=include_excluded,
                     sort_by=sort_by)
    if fmt == "json":
        click.echo(coverage_json(result))
    elif fmt == "csv":
        click.echo(coverage_csv(result, listing), nl=False)
    else:
        click.echo(coverage_table(result, gap_limit))


@main.command()
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default answers only this machine.")
@click.option("--open", "open_browser", is_flag=True, help="Open the explorer in the default browser.")
@click.option("--cypher-timeout", default=10.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds a statement of the Cypher console may run before the database stops it.")
@store_options
@handle_errors
def serve(port: int, host: str, open_browser: bool, cypher_timeout: float, **opts: Any) -> None:
    """Explore the store in the browser: a local, read-only web app (search, inspector, ties, sources).

    JSON endpoints under /api/: search?q=, entity/ID, ties/ID, sources/ID, neighbourhood/ID, queries,
    query/NAME?param=…, and cypher (POST, read-only as `partners cypher` is: LOAD CSV, apoc.*, dbms.* and
    writes refused; at most 1,000 rows; stopped after --cypher-timeout). Stop with Ctrl+C.
    """
    from viz.server import serve as run_server

    with open_store_from(opts) as store:
        click.echo(f"serving {store.location} at http://{host}:{port}/ (read-only; Ctrl+C stops)", err=True)
        run_server(store, host=host, port=port, open_browser=open_browser, cypher_timeout_s=cypher_timeout)


@main.command()
@click.argument("name", required=False)
@click.option("--all", "whole", is_flag=True, help="The overview of the whole graph instead of one entity.")
@click.option("--brief", is_flag=True, help="A brief of at most two A4 pages instead of the full dossier.")
@click.option("--lang", type=click.Choice(["uk", "en"]), default=None,
              help="Language of the report. Default: PARTNERS_LANG, else the locale's language, else uk.")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "docx"]), default=None,
              help="md (Markdown), html (one self-contained file) or docx (Word/LibreOffice). "
                   "Default: from the -o suffix, else md.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The file to write; default: standard output (not for docx).")
@include_flagged_option
@store_options
@handle_errors
def report(name: str | None, whole: bool, brief: bool, lang: str | None, fmt: str | None, output: Path | None,
           include_flagged: bool, **opts: Any) -> None:
    """A footnoted dossier (or with --brief a two-page brief) on one place or organisation, or with --all an
    overview of the whole graph.

    NAME is any name, alias or id (Житомир, Dolyna, ua-zhytomyr-oblast). The dossier has a summary, partners by
    country, a timeline, projects, programmes and donors, figures, network position, recommended next partners,
    charts and (in HTML) the interactive network view; every row cites its source document.
    """
    from reports import build_report, format_for, write_report
    from reports.i18n import default_lang

    if whole == (name is not None):
        raise click.UsageError("give either NAME or --all")
    fmt = format_for(output, fmt)
    if fmt == "docx" and output is None:
        raise click.UsageError("--format docx needs -o FILE.docx")
    with open_store_from(opts) as store:
        result = build_report(store, None if whole else name, lang or default_lang(), brief=brief,
                              include_flagged=include_flagged)
    write_report(result, fmt, output)
    if output is not None:
        echo(f"wrote {result.title} ({fmt}, {len(result.footnotes)} footnotes) to {output}")


if __name__ == "__main__":  # pragma: no cover
    main()
