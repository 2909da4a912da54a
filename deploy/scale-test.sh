#!/usr/bin/env bash
# deploy/scale-test.sh: two kvgraph replicas behind nginx on this machine (separate processes on loopback
# ports), with the query mix of queries/ sent by several clients (curl loops) while
#   (a) one replica is killed (SIGKILL) and restarted, and
#   (b) deploy/rolling-update.sh moves both replicas to another release;
# before that, the throughput of one replica versus two (same clients, same duration).
# Two releases are published from the bundled data: A from data/aanhangsel only, B from all of data/.
# Exits non-zero on any failed query (not HTTP 200), on a response without X-Kvgraph-Release or naming
# another release than expected (A throughout (a); A or B during (b), only B once the update is done).
# Starts everything it needs and stops it on exit. Installs nginx with apt-get if missing.
#
# Settings: CLIENTS (default 4), PHASE_SECONDS (each throughput phase, default 15), ROUNDS (of one then two
# replicas, default 2), LB_PORT (default 18080; the
# replicas use the next two ports), KEEP=1 keeps the work folder.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLIENTS="${CLIENTS:-4}"
PHASE_SECONDS="${PHASE_SECONDS:-15}"
ROUNDS="${ROUNDS:-2}"
LB_PORT="${LB_PORT:-18080}"
R1=$((LB_PORT + 1)); R2=$((LB_PORT + 2))
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kvgraph-scale.XXXXXX")"
chmod 755 "$WORK"   # nginx workers (nobody when started as root) read below it
export KVGRAPH_DEPLOY="$WORK/state" KVGRAPH_TIMEOUT="${KVGRAPH_TIMEOUT:-30}"
export NGINX_PID_FILE="$WORK/state/nginx.pid"
export NGINX_CMD="nginx -p $WORK/state -c $WORK/state/nginx.conf"
export KV_ROOT="$ROOT"
# shellcheck source=deploy/lib.sh
. "$ROOT/deploy/lib.sh"
mkdir -p "$KV_STATE/logs"
LB="http://127.0.0.1:$LB_PORT"
CLIENT_PIDS=()

cleanup() {
  local rc=$?
  set +e
  touch "$WORK/stop"
  for p in "${CLIENT_PIDS[@]}"; do kill "$p" 2>/dev/null; done
  wait "${CLIENT_PIDS[@]}" 2>/dev/null
  for p in $R1 $R2; do stop_replica "$p"; done
  if [ -f "$NGINX_PID_FILE" ]; then
    local m; m="$(cat "$NGINX_PID_FILE")"
    $NGINX_CMD -s stop 2>/dev/null
    for _ in $(seq 50); do kill -0 "$m" 2>/dev/null || break; sleep 0.1; done
  fi
  if [ "${KEEP:-0}" = 1 ] || [ "$rc" != 0 ]; then echo "work folder kept: $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT INT TERM

for p in "$LB_PORT" "$R1" "$R2"; do
  if ss -Htln "sport = :$p" | grep -q .; then echo "port $p is in use (set LB_PORT)" >&2; exit 2; fi
done
if ! command -v nginx >/dev/null; then
  log "installing nginx (apt-get)"; apt-get install -y nginx-light >"$WORK/apt.log" 2>&1 \
    || { apt-get update >>"$WORK/apt.log" 2>&1 && apt-get install -y nginx-light >>"$WORK/apt.log" 2>&1; }
fi
if [ ! -f "$ROOT/target/kvgraph.jar" ] || [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$ROOT/target/kvgraph.jar" -print -quit)" ]; then
  log "building target/kvgraph.jar"; "$ROOT/kvgraph" --help >/dev/null
fi

log "publishing release A (data/aanhangsel) and release B (data/)"
(cd "$ROOT" && $KVGRAPH_CMD publish --out "$WORK/release-a" data/aanhangsel >"$WORK/publish-a.log" 2>&1)
(cd "$ROOT" && $KVGRAPH_CMD publish --out "$WORK/release-b" data >"$WORK/publish-b.log" 2>&1)
VA="$(release_version "$WORK/release-a")"; VB="$(release_version "$WORK/release-b")"
[ -n "$VA" ] && [ -n "$VB" ] && [ "$VA" != "$VB" ] || { echo "releases A ($VA) and B ($VB) must differ" >&2; exit 1; }
log "release A $VA, release B $VB"

printf '%s\n%s\n' "$R1" "$R2" >"$KV_STATE/replicas"
start_replica "$R1" "$WORK/release-a"
start_replica "$R2" "$WORK/release-a"
wait_healthy "$R1" "$VA" 300
wait_healthy "$R2" "$VA" 300
write_upstream
render_nginx_site "127.0.0.1:$LB_PORT" "$KV_STATE/kvgraph.conf"
cat >"$KV_STATE/nginx.conf" <<CONF
worker_processes 1;
pid $NGINX_PID_FILE;
error_log $KV_STATE/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log $KV_STATE/logs/access.log;
    client_body_temp_path $KV_STATE/tmp-body;
    proxy_temp_path $KV_STATE/tmp-proxy;
    include $KV_STATE/kvgraph.conf;
}
CONF
$NGINX_CMD -t -q
$NGINX_CMD
for _ in $(seq 50); do curl -fs -o /dev/null "$LB/health" && break; sleep 0.1; done
curl -fsS -o /dev/null "$LB/health"

QUERIES=("$ROOT"/queries/*.rq)
# client OUT: sends the query mix round and round until $WORK/stop exists; a line per request:
# start_ms|http_code|seconds|release header|upstream|query
client() {
  local out="$1" q t0 r
  while [ ! -e "$WORK/stop" ]; do
    for q in "${QUERIES[@]}"; do
      [ -e "$WORK/stop" ] && break
      t0="${EPOCHREALTIME/./}"
      r="$(curl -s -o /dev/null --max-time $((KV_TIMEOUT + 15)) -G --data-urlencode "query@$q" \
          -H 'Accept: application/sparql-results+json' \
          -w '%{http_code}|%{time_total}|%header{x-kvgraph-release}|%header{x-kvgraph-upstream}' \
          "$LB/kamervragen/sparql")" || true
      echo "${t0:0:13}|$r|${q##*/}" >>"$out"
    done
  done
}
start_clients() { # NAME
  rm -f "$WORK/stop"; CLIENT_PIDS=()
  for i in $(seq "$CLIENTS"); do client "$WORK/$1.$i.log" & CLIENT_PIDS+=($!); done
}
stop_clients() { # NAME
  touch "$WORK/stop"; wait "${CLIENT_PIDS[@]}"; CLIENT_PIDS=()
  cat "$WORK/$1".*.log >"$WORK/$1.log"; rm -f "$WORK/$1".*.log
}
now_ms() { local t="${EPOCHREALTIME/./}"; echo "${t:0:13}"; }

FAILED=0
# check NAME ALLOWED [AFTER_MS ONLY]: every request 200 with an allowed release; those started after AFTER_MS
# answered by release ONLY. Prints requests, per release and per replica, p50/p99, throughput.
check() {
  local name="$1" allowed="$2" after="${3:-0}" only="${4:-}"
  local p50 p99
  p50="$(cut -d'|' -f3 "$WORK/$name.log" | sort -g | awk '{ v[NR] = $1 } END { i = int(NR * 0.50); if (i < 1) i = 1; printf "%.0f", v[i] * 1000 }')"
  p99="$(cut -d'|' -f3 "$WORK/$name.log" | sort -g | awk '{ v[NR] = $1 } END { i = int(NR * 0.99); if (i < 1) i = 1; printf "%.0f", v[i] * 1000 }')"
  awk -F'|' -v allowed="$allowed" -v after="$after" -v only="$only" -v name="$name" -v p50="$p50" -v p99="$p99" '
    BEGIN { n = split(allowed, a, ","); for (i = 1; i <= n; i++) ok[a[i]] = 1 }
    { total++; rel[$4 == "" ? "(none)" : $4]++; up[$5 == "" ? "(none)" : $5]++
      if (min == "" || $1 + 0 < min) min = $1 + 0; if ($1 + $3 * 1000 > max) max = $1 + $3 * 1000
      if ($2 != "200") { bad++; if (bad <= 5) print "  FAILED " $0 > "/dev/stderr"; next }
      if (!($4 in ok)) { mixed++; if (mixed <= 5) print "  UNEXPECTED RELEASE " $0 > "/dev/stderr"; next }
      if (only != "" && $1 + 0 > after + 0 && $4 != only) { late++; if (late <= 5) print "  OLD RELEASE AFTER UPDATE " $0 > "/dev/stderr" } }
    END {
      secs = (max - min) / 1000
      printf "%-15s %6d requests in %5.1f s = %6.1f q/s   p50 %5d ms   p99 %6d ms   failed %d   unexpected release %d   old after update %d\n", name, total, secs, total / secs, p50, p99, bad + 0, mixed + 0, late + 0
      for (r in rel) printf "                  release %-26s %6d\n", r, rel[r]
      for (u in up) printf "                  replica %-26s %6d\n", u, up[u]
      exit (total == 0 || bad + mixed + late > 0) }' "$WORK/$name.log" | tee -a "$WORK/summary.txt" || FAILED=1
}

LOAD0="$(cut -d' ' -f1-3 /proc/loadavg)"
log "warm-up: every query through the balancer, A on both replicas"
start_clients warmup; sleep 10; stop_clients warmup
check warmup "$VA"

# One replica versus two, alternating (one, two, one, two, ...: ROUNDS of each) so that drift in what else
# the machine is doing falls on both alike.
for round in $(seq "$ROUNDS"); do
  log "throughput round $round: one replica ($R1; $R2 drained)"
  write_upstream "$R2"; nginx_reload
  start_clients one; sleep "$PHASE_SECONDS"; stop_clients one
  mv "$WORK/one.log" "$WORK/one-replica-$round.log"; check "one-replica-$round" "$VA"
  log "throughput round $round: two replicas"
  write_upstream; nginx_reload
  start_clients two; sleep "$PHASE_SECONDS"; stop_clients two
  mv "$WORK/two.log" "$WORK/two-replicas-$round.log"; check "two-replicas-$round" "$VA"
done
awk '$1 ~ /^one-replica-/ { o += $2; os += $5 } $1 ~ /^two-replicas-/ { t += $2; ts += $5 }
  END { printf "throughput      one replica %.1f q/s, two replicas %.1f q/s: two/one = %.2f (load average before: %s)\n",
        o / os, t / ts, (t / ts) / (o / os), load }' load="$LOAD0" "$WORK/summary.txt" | tee -a "$WORK/summary.txt.2"

log "(a) replica $R1 killed (SIGKILL) under load, restarted on the same release"
start_clients kill; sleep 5
kill -KILL "$(cat "$KV_STATE/r$R1.pid")"; log "killed replica $R1"
sleep 5
start_replica "$R1" "$WORK/release-a"; wait_healthy "$R1" "$VA" 300
grep -q "already loaded: reusing" "$KV_STATE/r$R1.log" || { log "restart did not reuse the database"; FAILED=1; }
log "replica $R1 back"; sleep 5
stop_clients kill
mv "$WORK/kill.log" "$WORK/kill-restart.log"; check kill-restart "$VA"

log "(b) rolling update of both replicas to release B under load"
start_clients roll; sleep 5
"$ROOT/deploy/rolling-update.sh" "$WORK/release-b"
done_ms="$(now_ms)"; sleep 5
stop_clients roll
mv "$WORK/roll.log" "$WORK/rolling-update.log"; check rolling-update "$VA,$VB" "$done_ms" "$VB"
for p in $R1 $R2; do [ "$(health "$p")" = "200 $VB" ] || { log "replica $p does not serve B"; FAILED=1; }; done

if [ "$FAILED" != 0 ]; then echo "scale test FAILED (logs in $WORK)" >&2; exit 1; fi
echo; echo "== summary"; cat "$WORK/summary.txt" "$WORK/summary.txt.2"
echo "scale test passed: $CLIENTS clients, releases A=$VA B=$VB"
