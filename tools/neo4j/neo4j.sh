#!/usr/bin/env bash
# Local Neo4j 5.26 Community server (embedded DBMS, Bolt only) for development and tests.
#
#   tools/neo4j/neo4j.sh build|start|stop|restart|status|logs
#
# Environment (all optional):
#   NEO4J_PORT           Bolt port on 127.0.0.1            (default 7687)
#   NEO4J_PASSWORD       password of user neo4j, >= 8 chars (default partners-test-pw)
#   NEO4J_HOME_DIR       server home: data/, logs/, pidfile  (default tools/neo4j/run)
#   NEO4J_HEAP           JVM heap (-Xms/-Xmx)               (default 2g)
#   NEO4J_PAGECACHE      page cache size                    (default 256m)
#   NEO4J_TX_MEMORY      global transaction memory cap      (default 1500m: an all-or-nothing load of ~150k rows needs ~630 MiB)
#   NEO4J_START_TIMEOUT  seconds to wait for Bolt            (default 120)
#   NEO4J_STOP_TIMEOUT   seconds to wait after SIGTERM       (default 60)
#   JAVA                 java binary                         (default: java on PATH)
set -euo pipefail

TOOL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT="${NEO4J_PORT:-7687}"
PASSWORD="${NEO4J_PASSWORD:-partners-test-pw}"
HOME_DIR="${NEO4J_HOME_DIR:-$TOOL_DIR/run}"
HEAP="${NEO4J_HEAP:-2g}"
START_TIMEOUT="${NEO4J_START_TIMEOUT:-120}"
STOP_TIMEOUT="${NEO4J_STOP_TIMEOUT:-60}"
JAVA="${JAVA:-java}"
MAIN_CLASS="partners.neo4j.Launcher"

mkdir -p "$HOME_DIR"
HOME_DIR="$(cd "$HOME_DIR" && pwd)"
PIDFILE="$HOME_DIR/neo4j.pid"
PORTFILE="$HOME_DIR/neo4j.port"
LOG="$HOME_DIR/logs/neo4j.log"

log() { echo "neo4j.sh: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

show_log_tail() {
  if [[ -f "$LOG" ]]; then
    log "last lines of $LOG:"
    tail -n 40 "$LOG" | cut -c1-400 >&2
  fi
  if [[ -f "$HOME_DIR/logs/debug.log" ]]; then
    log "last ERROR/WARN lines of $HOME_DIR/logs/debug.log:"
    grep -E ' (ERROR|WARN) ' "$HOME_DIR/logs/debug.log" | tail -n 10 | cut -c1-400 >&2 || true
  fi
}

# ---- build -----------------------------------------------------------------

is_built() {
  [[ -f "$TOOL_DIR/target/classes/partners/neo4j/Launcher.class" ]] || return 1
  compgen -G "$TOOL_DIR/target/lib/neo4j-5.*.jar" >/dev/null || return 1
  # rebuild when the pom or the launcher source changed since the last build
  [[ "$TOOL_DIR/target/lib" -nt "$TOOL_DIR/pom.xml" ]] || return 1
  [[ "$TOOL_DIR/target/classes/partners/neo4j/Launcher.class" -nt \
     "$TOOL_DIR/src/main/java/partners/neo4j/Launcher.java" ]] || return 1
}

do_build() {
  command -v mvn >/dev/null || die "mvn (Maven 3) not found"
  log "building (mvn package) ..."
  local t0=$SECONDS
  # a pom change may change the jar set: start from an empty lib dir
  rm -rf "$TOOL_DIR/target/lib"
  mvn -q -B -Dstyle.color=never -f "$TOOL_DIR/pom.xml" package || die "maven build failed"
  touch "$TOOL_DIR/target/lib"
  log "built in $((SECONDS - t0))s: $(ls "$TOOL_DIR/target/lib" | wc -l) jars, $(du -sh "$TOOL_DIR/target/lib" | cut -f1)"
}

# ---- process helpers -------------------------------------------------------

# true if PID is a live launcher process serving this HOME_DIR
is_our_process() {
  local pid="$1" cmd
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmd" == *" $MAIN_CLASS $HOME_DIR " ]]
}

# pid of a live launcher for this HOME_DIR (from the pidfile, else by scanning /proc), or nothing
find_server_pid() {
  local pid=""
  if [[ -f "$PIDFILE" ]]; then
    pid="$(cat "$PIDFILE" 2>/dev/null || true)"
    if is_our_process "$pid"; then echo "$pid"; return 0; fi
  fi
  local d
  for d in /proc/[0-9]*; do
    pid="${d#/proc/}"
    if is_our_process "$pid"; then echo "$pid"; return 0; fi
  done
  return 0
}

running_port() { cat "$PORTFILE" 2>/dev/null || echo "$PORT"; }

# bolt_check PORT [--password PW]; exit codes: 0 ok, 1 nothing listening, 2 not Bolt, 3 login failed
bolt_check() {
  local port="$1"; shift
  if command -v python3 >/dev/null; then
    python3 "$TOOL_DIR/bolt_check.py" "$port" "$@"
  else
    # no python: plain TCP connect only
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "something listens on 127.0.0.1:$port (python3 missing: Bolt not verified)"; return 0
    fi
    echo "cannot connect to 127.0.0.1:$port"; return 1
  fi
}

port_owner() {
  command -v ss >/dev/null && ss -ltnpH "sport = :$1" 2>/dev/null | head -n 3
  return 0
}

kill_server() { # pid
  local pid="$1" waited=0
  is_our_process "$pid" || return 0
  log "stopping pid $pid (SIGTERM) ..."
  kill -TERM "$pid" 2>/dev/null || true
  while is_our_process "$pid"; do
    if (( waited >= STOP_TIMEOUT * 10 )); then
      log "pid $pid still alive after ${STOP_TIMEOUT}s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  is_our_process "$pid" && die "could not stop pid $pid"
  return 0
}

# wait until the server with PID answers on Bolt (with login); 0 ok, 1 failed
wait_ready() {
  local pid="$1" port="$2" deadline=$((SECONDS + START_TIMEOUT)) out rc
  while (( SECONDS < deadline )); do
    if ! is_our_process "$pid"; then
      log "the server process $pid exited during startup"
      return 1
    fi
    if grep -q '^NEO4J_FAILED' "$LOG" 2>/dev/null; then
      log "the server reported a startup failure"
      return 1
    fi
    if grep -q '^NEO4J_READY' "$LOG" 2>/dev/null; then
      rc=0; out="$(bolt_check "$port" --password "$PASSWORD")" || rc=$?
      if (( rc == 0 )); then log "ready: $out"; return 0; fi
      if (( rc == 3 )); then log "$out"; return 1; fi
    fi
    sleep 0.25
  done
  log "timed out after ${START_TIMEOUT}s waiting for Bolt on 127.0.0.1:$port"
  return 1
}

# ---- commands --------------------------------------------------------------

do_start() {
  [[ "$PORT" =~ ^[0-9]+$ ]] && (( PORT > 0 && PORT < 65536 )) || die "bad NEO4J_PORT '$PORT'"
  (( ${#PASSWORD} >= 8 )) || die "NEO4J_PASSWORD must have at least 8 characters"
  command -v "$JAVA" >/dev/null || die "java not found (need Java 17 or 21)"
  is_built || do_build

  # A server for this home dir may still be running (earlier start, crashed caller, stale pidfile).
  local pid out rc
  pid="$(find_server_pid)"
  if [[ -n "$pid" ]]; then
    local rport; rport="$(running_port)"
    if [[ "$rport" != "$PORT" ]]; then
      log "a server for $HOME_DIR (pid $pid) runs on port $rport, not $PORT: restarting it"
    elif ! grep -q '^NEO4J_READY' "$LOG" 2>/dev/null && ! grep -q '^NEO4J_FAILED' "$LOG" 2>/dev/null; then
      log "a server for $HOME_DIR (pid $pid) is still starting: waiting for it"
      if wait_ready "$pid" "$PORT"; then
        echo "$pid" >"$PIDFILE"; echo "bolt://127.0.0.1:$PORT"; return 0
      fi
      log "it did not become ready: restarting it"
    else
      rc=0; out="$(bolt_check "$PORT" --password "$PASSWORD")" || rc=$?
      if (( rc == 0 )); then
        echo "$pid" >"$PIDFILE"
        log "already running (pid $pid): $out"
        echo "bolt://127.0.0.1:$PORT"
        return 0
      fi
      log "a server for $HOME_DIR (pid $pid) does not answer properly ($out): restarting it"
    fi
    kill_server "$pid"
  fi
  rm -f "$PIDFILE" "$PORTFILE"

  # Never assume the port is free.
  rc=0; out="$(bolt_check "$PORT")" || rc=$?
  if (( rc != 1 )); then
    log "port 127.0.0.1:$PORT is already in use by another process ($out)"
    port_owner "$PORT" >&2
    die "choose another NEO4J_PORT or stop that process"
  fi

  mkdir -p "$HOME_DIR/logs"
  [[ -f "$LOG" ]] && mv -f "$LOG" "$LOG.prev"
  local -a jvm=(
    "-Xms$HEAP" "-Xmx$HEAP"
    -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+DisableExplicitGC
    -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields
    -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints
    -XX:+ExitOnOutOfMemoryError
    -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true
    -Dlog4j2.disable.jmx=true
    --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  )
  log "starting Neo4j on bolt://127.0.0.1:$PORT (home $HOME_DIR, heap $HEAP) ..."
  local t0=$SECONDS
  # setsid + nohup: the server outlives this script and the caller's terminal / process group.
  NEO4J_PORT="$PORT" NEO4J_PASSWORD="$PASSWORD" \
    nohup setsid "$JAVA" "${jvm[@]}" \
      -cp "$TOOL_DIR/target/classes:$TOOL_DIR/target/lib/*" \
      "$MAIN_CLASS" "$HOME_DIR" </dev/null >"$LOG" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$PIDFILE"
  echo "$PORT" >"$PORTFILE"
  sleep 0.2
  is_our_process "$pid" || { sleep 1; is_our_process "$pid" || { show_log_tail; rm -f "$PIDFILE"; die "the server did not start"; }; }

  if ! wait_ready "$pid" "$PORT"; then
    show_log_tail
    kill_server "$pid"
    rm -f "$PIDFILE" "$PORTFILE"
    die "Neo4j failed to start"
  fi
  log "started in $((SECONDS - t0))s (pid $pid)"
  echo "bolt://127.0.0.1:$PORT"
}

do_stop() {
  local pid; pid="$(find_server_pid)"
  if [[ -z "$pid" ]]; then
    [[ -f "$PIDFILE" ]] && log "removing stale pidfile"
    rm -f "$PIDFILE" "$PORTFILE"
    log "not running"
    return 0
  fi
  kill_server "$pid"
  rm -f "$PIDFILE" "$PORTFILE"
  log "stopped"
}

do_status() {
  local pid; pid="$(find_server_pid)"
  if [[ -z "$pid" ]]; then
    echo "not running (home $HOME_DIR)"
    [[ -f "$PIDFILE" ]] && echo "stale pidfile $PIDFILE"
    return 3
  fi
  local port out rc=0; port="$(running_port)"
  out="$(bolt_check "$port" --password "$PASSWORD")" || rc=$?
  if (( rc == 0 )); then
    echo "running (pid $pid) bolt://127.0.0.1:$port: $out"
    return 0
  fi
  echo "running (pid $pid) but not answering on 127.0.0.1:$port: $out"
  return 1
}

cmd="${1:-}"
# Serialize start/stop/restart for one home dir (parallel test runners may all call start).
if [[ "$cmd" =~ ^(start|stop|restart)$ ]] && command -v flock >/dev/null; then
  exec 9>"$HOME_DIR/.neo4j.sh.lock"
  flock -w $((START_TIMEOUT + STOP_TIMEOUT + 30)) 9 || die "could not lock $HOME_DIR/.neo4j.sh.lock"
fi
case "$cmd" in
  build) do_build ;;
  start) do_start ;;
  stop) do_stop ;;
  restart) do_stop; do_start ;;
  status) do_status ;;
  logs) tail -n "${2:-50}" "$LOG" ;;
  *) echo "usage: $0 build|start|stop|restart|status|logs [N]" >&2; exit 2 ;;
esac
