#!/usr/bin/env bash
# One server, one QueryBench pass over a few queries, with the server's GC log: for A/B measurements of a change
# on one query (docs/benchmarks.md, eighth session). Needs the database and dump of bench/run.sh N (KEEP=1).
#
#   bench/one-query.sh LABEL N HEAP "SERVER JVM OPTIONS" QUERY.rq...
#   e.g. RUNS=16 BUDGET=30 WARMUP=0 bench/one-query.sh cache-off 200000 3g "-Dkvgraph.cache.bytes=0" queries/16*.rq
#
# SERVER_GC (default -XX:+UseParallelGC) is the server's collector option, e.g. -XX:+UseG1GC.
# CLASSES (default target/classes) runs other compiled classes, e.g. those of a worktree of another commit.
# RUNS (default 6) and BUDGET (seconds, default 40) as for QueryBench latency (the runs are shared by the clients:
# with RUNS below 8 the "8 clients" row has that many); WARMUP seconds per query first (default 5).
# Writes target/bench/one/LABEL.{tsv,out,gc,server.log}; prints the table and the GC pauses' count and sum.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 5 ] || { sed -n '2,11p' "$0"; exit 2; }
LABEL=$1; N=$2; HEAP=$3; OPTS=$4; shift 4
W=target/bench/$N
[ -d "$W/db" ] && [ -f "$W/kvgraph.nt" ] || { echo "no database in $W: run KEEP=1 bench/run.sh $N first" >&2; exit 1; }
[ -f target/cp-test.txt ] || mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp-test.txt
CP="${CLASSES:-target/classes}:target/test-classes:$(cat target/cp-test.txt)"
OUT=target/bench/one; mkdir -p "$OUT"
PORT="${PORT:-3391}"; URL="http://127.0.0.1:$PORT/kamervragen/sparql"
# shellcheck disable=SC2086
java "${SERVER_GC:--XX:+UseParallelGC}" -Xmx"$HEAP" $OPTS -Xlog:gc:file="$OUT/$LABEL.gc" -cp "$CP" org.kvgraph.cli.Kvgraph serve \
  --db "$W/db" --port "$PORT" "$W/kvgraph.nt" > "$OUT/$LABEL.server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
java -cp "$CP" org.kvgraph.bench.QueryBench first-answer "$URL" > /dev/null
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/download/SHA256SUMS")" = 200 ]; do sleep 1; done
java -Xmx4g -XX:+UseParallelGC -Dbench.warmup="${WARMUP:-5}" -cp "$CP" org.kvgraph.bench.QueryBench latency "$URL" \
  "$OUT/$LABEL.tsv" "${RUNS:-6}" "${BUDGET:-40}" 1 "$@" > "$OUT/$LABEL.out" 2>&1
kill $SERVER; wait $SERVER 2>/dev/null || true
grep -v '^query' "$OUT/$LABEL.tsv"
awk '/Pause/ {gsub("ms","",$NF); t+=$NF; n++} END {printf "GC pauses %d, %.0f ms\n", n, t}' "$OUT/$LABEL.gc"
