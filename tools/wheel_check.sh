#!/usr/bin/env bash
# Install the project as a user does — a built wheel in a fresh virtual environment, run from a folder that is
# not the checkout (so nothing of the checkout is on sys.path) — and run the commands that read package data:
# load, stats, show, query, viz, report --format html, export. Fails on the first command that fails.
#
#   tools/wheel_check.sh            # uses python3; PYTHON=python3.12 tools/wheel_check.sh for another
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-python3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
log() { echo "wheel_check: $*" >&2; }

log "building the wheel from a clean copy of the source (a stale build/ would hide missing package data)"
mkdir "$WORK/src"
tar -C "$ROOT" --exclude=./.git --exclude='./.venv*' --exclude=./build --exclude=./dist --exclude='*.egg-info' \
    --exclude=./.partners --exclude=./tools/neo4j/target --exclude=./tools/neo4j/run --exclude=./test-artifacts \
    --exclude=__pycache__ -cf - . | tar -C "$WORK/src" -xf -
"$PY" -m pip wheel -q --no-deps -w "$WORK/dist" "$WORK/src" >/dev/null 2>"$WORK/build.log" \
  || { cat "$WORK/build.log" >&2; log "FAILED: the wheel did not build"; exit 1; }
wheel=("$WORK"/dist/partnership_graph-*.whl)
log "installing ${wheel[0]##*/} into a fresh venv"
"$PY" -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q --upgrade pip >/dev/null
"$WORK/venv/bin/pip" install -q "${wheel[0]}"

mkdir "$WORK/run"
cd "$WORK/run"
export PARTNERS_HOME="$WORK/run/.partners"
export PARTNERS_KEEP_WARM=5   # the commands share one warm server; the keeper (from the wheel) stops it at the end
P="$WORK/venv/bin/partners"
# the wheel's modules, not the checkout's
"$WORK/venv/bin/python" - "$ROOT" <<'PY'
import sys, pathlib
import graph, viz, queries, reports
root = pathlib.Path(sys.argv[1]).resolve()
for m in (graph, viz, queries, reports):
    where = pathlib.Path(m.__file__).resolve()
    assert root not in where.parents, f"{m.__name__} imported from the checkout: {where}"
    assert "site-packages" in where.parts, f"{m.__name__} not from site-packages: {where}"
PY
cp -r "$ROOT/seeds" seeds            # the user's own seed folder, beside where they run the command
run() { log "partners $*"; "$P" "$@" >"$WORK/out.txt" 2>&1 || { cat "$WORK/out.txt" >&2; log "FAILED: partners $*"; exit 1; }; }
run load --backend embedded
run stats --backend embedded
run show Zhytomyr --backend embedded
run query partners-of -p name=Dolyna --backend embedded
run viz --backend embedded -o view.html
run viz --backend embedded --projection -o projection.html
run report Zhytomyr --format html -o zhytomyr.html --backend embedded
run report Dolyna --format md -o dolyna.md --backend embedded
run report Dolyna --brief --format docx --lang uk -o dolyna.docx --backend embedded
run report Zhytomyr --brief --format html --lang en -o zhytomyr-brief.html --backend embedded
run export --format json -o graph.json --backend embedded
run export --format graphml -o graph.graphml --backend embedded
for f in view.html projection.html zhytomyr.html dolyna.md dolyna.docx zhytomyr-brief.html graph.json graph.graphml; do
  [ -s "$f" ] || { log "FAILED: $f is missing or empty"; exit 1; }
done
grep -q "vis-network" view.html || { log "FAILED: view.html has no inlined vis-network"; exit 1; }
keeper="$(cat "$PARTNERS_HOME/owner.pid" 2>/dev/null || true)"
tr '\0' ' ' <"/proc/${keeper:-0}/cmdline" 2>/dev/null | grep -q "$WORK/venv/bin/python.* -m graph.stores.embedded_keeper" \
  || { log "FAILED: no keeper from the wheel keeps the embedded server warm (owner.pid: ${keeper:-none})"; exit 1; }
# Done when the server is gone and so is the keeper. The keeper removes server.pid a moment before it exits, so
# both are awaited: checking the keeper right after server.pid went failed CI on a slow machine (stop 18).
# (A finished keeper may stay a zombie where nothing reaps orphans: its command line is then empty.)
keeper_running() { grep -q embedded_keeper "/proc/$keeper/cmdline" 2>/dev/null; }
for _ in $(seq 300); do [ ! -e "$PARTNERS_HOME/server.pid" ] && ! keeper_running && break; sleep 0.1; done
if [ -e "$PARTNERS_HOME/server.pid" ] || keeper_running; then
  log "FAILED: the keeper did not stop the idle server and exit within 30 s" \
      "(server.pid: $(cat "$PARTNERS_HOME/server.pid" 2>/dev/null || echo gone);" \
      "keeper $keeper: $(keeper_running && echo running || echo gone))"
  tail -n 20 "$PARTNERS_HOME/keeper.log" >&2 2>/dev/null || true
  exit 1
fi
log "ok: the installed wheel ran every command"
