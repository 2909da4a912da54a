#!/usr/bin/env bash
# kvgraph benchmark for one corpus size: generate, convert, RIOT copy, load, tdb2.tdbloader, text index,
# publish, server start, query latencies. Usage: bench/run.sh N [SEED]
# Writes target/bench/N/results.md (a markdown table, each figure with the command that produced it) and
# the raw logs beside it. Heavy steps run under `nice -n 10`; every JVM has an explicit heap.
# Environment: CONVERT_HEAP (default 512m), LOAD_HEAP (2g), PUBLISH_HEAP (6g), SERVE_HEAP (4g) and SERVE_OPTS
# (the server's other JVM options, its collector included: "-Xms4g -XX:+UseParallelGC -XX:NewRatio=1"), both as ./kvgraph
# serve has them; every other JVM here runs -XX:+UseParallelGC,
# RUNS (queries per client count, 40), BUDGET (seconds per query and client count, 20), MIX (seconds, 30),
# WARMUP (seconds each query is run before it is measured, after its two warm-up runs: 5; see QueryBench),
# SKIP_PUBLISH=1 to leave publish out; WARM=0 to leave out the second, warm-cache query pass; STAGES (default "convert riot load tdbloader publish serve") to run
# only some stages (each needs the output of the ones before it in the same folder: KEEP=1 keeps the folder).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
N="${1:?usage: bench/run.sh N [SEED]}"
SEED="${2:-42}"
W="$root/target/bench/$N"
CONVERT_HEAP="${CONVERT_HEAP:-512m}"; LOAD_HEAP="${LOAD_HEAP:-2g}"; PUBLISH_HEAP="${PUBLISH_HEAP:-6g}"
SERVE_HEAP="${SERVE_HEAP:-4g}"; SERVE_OPTS="${SERVE_OPTS:--Xms$SERVE_HEAP -XX:+UseParallelGC -XX:NewRatio=1}"; RUNS="${RUNS:-40}"; BUDGET="${BUDGET:-20}"; MIX="${MIX:-30}"
PORT="${PORT:-3391}"

if [ ! -f target/cp-test.txt ] || [ pom.xml -nt target/cp-test.txt ]; then
  mvn -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp-test.txt >/dev/null
fi
mvn -o -q test-compile >/dev/null
# A snapshot of the classes: a build in the worktree during a run must not pull classes from under it.
rm -rf "$root/target/bench/classes-$N"; mkdir -p "$root/target/bench/classes-$N"
cp -r target/classes "$root/target/bench/classes-$N/main"; cp -r target/test-classes "$root/target/bench/classes-$N/test"
CP="$root/target/bench/classes-$N/main:$root/target/bench/classes-$N/test:$(cat target/cp-test.txt)"
JAVA=(java -XX:+UseParallelGC -cp "$CP")
SERVER_JAVA=(java -cp "$CP")
NICE=(nice -n 10)

STAGES=" ${STAGES:-convert riot load tdbloader publish serve} "
want() { [[ "$STAGES" == *" $1 "* ]]; }
[ "${KEEP:-0}" = 1 ] || rm -rf "$W"
mkdir -p "$W"
RES="$W/results.tsv"; touch "$RES"
# fig NAME VALUE UNIT COMMAND
fig() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" | tee -a "$RES"; }
secs() { grep 'Elapsed (wall clock)' "$1" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'; }
cpu_s() { awk '/User time|System time/ { t += $NF } END { printf "%.1f", t }' "$1"; }
rss_mb() { grep 'Maximum resident set size' "$1" | awk '{printf "%.0f", $NF/1024}'; }
# peak heap used before a GC, from -Xlog:gc ("123M->45M(512M)")
heap_mb() { grep -o '[0-9]*M->[0-9]*M' "$1" | sed 's/M->.*//' | sort -n | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
timed() { local log="$1"; shift; "${NICE[@]}" /usr/bin/time -v "$@" 2> "$log"; }

echo "== machine" | tee "$W/machine.txt"
{ uname -srm; grep -m1 'model name' /proc/cpuinfo; nproc; free -m | sed -n 2p; java -version 2>&1 | head -1; uptime; } | tee -a "$W/machine.txt"

# 1. corpus
if [ ! -d "$W/corpus" ]; then
C="generate --sets $N --seed $SEED --out $W/corpus"
timed "$W/generate.time" "${JAVA[@]}" -Xmx1g org.kvgraph.cli.Kvgraph $C > "$W/generate.out"
fig generate_s "$(secs "$W/generate.time")" s "kvgraph $C"
fi

# 2. convert (bounded heap), and the RIOT copy of the same N-Triples
if want convert; then
C="convert -o $W/kvgraph.nt $W/corpus"
timed "$W/convert.time" "${JAVA[@]}" -Xmx"$CONVERT_HEAP" -Xlog:gc:file="$W/convert.gc" org.kvgraph.cli.Kvgraph $C > "$W/convert.out" || { tail "$W/convert.time"; exit 1; }
TRIPLES=$(wc -l < "$W/kvgraph.nt")
CS=$(secs "$W/convert.time")
fig convert_s "$CS" s "java -Xmx$CONVERT_HEAP kvgraph $C"
fig convert_triples "$TRIPLES" "N-Triples lines" "wc -l kvgraph.nt"
fig convert_sets_per_s "$(ratio "$N" "$CS")" sets/s "$N / convert_s"
fig convert_triples_per_s "$(ratio "$TRIPLES" "$CS")" triples/s "triples / convert_s"
fig convert_cpu_s "$(cpu_s "$W/convert.time")" "s CPU" "/usr/bin/time -v: user + system (the machine is shared: wall clock includes waiting)"
fig convert_peak_heap_mb "$(heap_mb "$W/convert.gc")" MB "-Xlog:gc, largest heap before a GC"
fig convert_peak_rss_mb "$(rss_mb "$W/convert.time")" MB "/usr/bin/time -v"
fi
TRIPLES=$(wc -l < "$W/kvgraph.nt")
CS=$(grep -P '^convert_s\t' "$RES" | tail -1 | cut -f2)
if want riot; then
timed "$W/riot.time" "${JAVA[@]}" -Xmx"$CONVERT_HEAP" riotcmd.riot --output=nt "$W/kvgraph.nt" > "$W/riot-copy.nt"
RS=$(secs "$W/riot.time")
fig riot_copy_s "$RS" s "java -Xmx$CONVERT_HEAP riotcmd.riot --output=nt kvgraph.nt > copy.nt"
fig riot_copy_triples_per_s "$(ratio "$TRIPLES" "$RS")" triples/s "triples / riot_copy_s"
fig convert_over_riot "$(ratio "$CS" "$RS")" x "convert_s / riot_copy_s (target <= 2)"
fig riot_copy_cpu_s "$(cpu_s "$W/riot.time")" "s CPU" "/usr/bin/time -v: user + system"
fig convert_over_riot_cpu "$(ratio "$(cpu_s "$W/convert.time")" "$(cpu_s "$W/riot.time")")" x "convert_cpu_s / riot_copy_cpu_s"
rm -f "$W/riot-copy.nt"
fi

# 3. load (kvgraph: phased loader + derivation + counts + text index written while streaming) and tdb2.tdbloader
#    on the same dump
if want load; then
C="load --db $W/db $W/kvgraph.nt"
timed "$W/load.time" "${JAVA[@]}" -Xmx"$LOAD_HEAP" org.kvgraph.cli.Kvgraph $C > "$W/load.out" || { tail "$W/load.time"; exit 1; }
LS=$(secs "$W/load.time")
LOADED=$(grep -o '^loaded: .* in [0-9.]* s' "$W/load.time" | awk '{print $(NF-1)}')
COUNTED=$(grep -o '^counted after [0-9.]*' "$W/load.time" | awk '{print $NF}')
STATS=$(grep -o '^statistics materialised .* after [0-9.]*' "$W/load.time" | awk '{print $NF}')
INDEXED=$(grep -o '^indexed .* after [0-9.]*' "$W/load.time" | awk '{print $NF}')
fig load_total_s "$LS" s "java -Xmx$LOAD_HEAP kvgraph $C (process wall clock)"
fig load_bulk_s "$LOADED" s "same run, stderr 'loaded: ... in X s' (parse + derivation + phased loader, the text index fed on its own thread)"
fig load_triples_per_s "$(ratio "$TRIPLES" "$LOADED")" triples/s "triples / load_bulk_s"
fig statistics_s "$(awk -v a="$STATS" -v b="$COUNTED" 'BEGIN{printf "%.1f", a-b}')" s "same run: 'statistics materialised after' - 'counted after' (the CONSTRUCT queries of org.kvgraph.stats.Materialised: six until the fifth session, seven since)"
fig text_index_s "$(awk -v a="$INDEXED" -v b="$STATS" 'BEGIN{printf "%.1f", a-b}')" s "same run: 'indexed after' - 'statistics materialised after' (what is left of the text index after the bulk phase)"
# The statistics graph, for the peers: they load it with the dump, so that the example queries find the same data.
"${JAVA[@]}" -Xmx1g org.kvgraph.cli.Kvgraph query --db "$W/db" \
  "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/kvgraph/graph/derived-statistics> { ?s ?p ?o } }" > "$W/statistics.ttl"
fig statistics_triples "$("${JAVA[@]}" -Xmx1g riotcmd.riot --count "$W/statistics.ttl" 2>&1 | grep -o 'Triples = [0-9,]*' | grep -o '[0-9,]*$' | tr -d ,)" triples \
  "kvgraph query --db DB 'CONSTRUCT ... GRAPH <.../graph/derived-statistics>' > statistics.ttl; riot --count"
fig load_cpu_s "$(cpu_s "$W/load.time")" "s CPU" "/usr/bin/time -v: user + system, whole load process"
fig load_peak_rss_mb "$(rss_mb "$W/load.time")" MB "/usr/bin/time -v"
fi
LOADED=$(grep -P '^load_bulk_s\t' "$RES" | tail -1 | cut -f2)
if want tdbloader; then
# A loader name ending in -nq loads the same triples as N-Quads, each in the named graph kvgraph load gives the
# file (<https://w3id.org/kvgraph/graph/kvgraph.nt>), so that tdbloader fills the same six quad indexes.
for loader in ${LOADERS:-basic phased phased-nq}; do
  input="$W/kvgraph.nt"
  if [[ "$loader" == *-nq ]]; then
    input="$W/kvgraph.nq"
    sed 's| \.$| <https://w3id.org/kvgraph/graph/kvgraph.nt> .|' "$W/kvgraph.nt" > "$input"
  fi
  timed "$W/tdbloader-$loader.time" "${JAVA[@]}" -Xmx"$LOAD_HEAP" tdb2.tdbloader --loader=${loader%-nq} --loc "$W/tdbref-$loader" "$input" > "$W/tdbloader-$loader.out" 2>&1 || true
  TS=$(secs "$W/tdbloader-$loader.time")
  fig "tdbloader_${loader}_s" "$TS" s "java -Xmx$LOAD_HEAP tdb2.tdbloader --loader=${loader%-nq} --loc DB $(basename "$input")$([[ "$loader" == *-nq ]] && echo ' (kvgraph.nt with the graph kvgraph load gives it)')"
  fig "tdbloader_${loader}_cpu_s" "$(cpu_s "$W/tdbloader-$loader.time")" "s CPU" "/usr/bin/time -v: user + system"
  fig "load_over_tdbloader_${loader}" "$(ratio "$LOADED" "$TS")" x "load_bulk_s / tdbloader_${loader}_s (target <= 1.2)"
  LT=$(grep -P '^load_total_s\t' "$RES" | tail -1 | cut -f2)
  fig "load_total_over_tdbloader_${loader}" "$(ratio "$LT" "$TS")" x "load_total_s / tdbloader_${loader}_s: both whole processes (kvgraph's also counts and builds the text index)"
  rm -rf "$W/tdbref-$loader"
  [[ "$loader" == *-nq ]] && rm -f "$W/kvgraph.nq"
done
fi

# 4. publish (from the corpus, as a real release is made)
if [ "${SKIP_PUBLISH:-0}" != 1 ] && want publish; then
  C="publish --out $W/release $W/corpus"
  if timed "$W/publish.time" "${JAVA[@]}" -Xmx"$PUBLISH_HEAP" org.kvgraph.cli.Kvgraph $C > "$W/publish.out"; then
    fig publish_s "$(secs "$W/publish.time")" s "java -Xmx$PUBLISH_HEAP kvgraph $C"
    fig publish_cpu_s "$(cpu_s "$W/publish.time")" "s CPU" "/usr/bin/time -v: user + system"
    fig publish_peak_rss_mb "$(rss_mb "$W/publish.time")" MB "/usr/bin/time -v"
  else
    fig publish_s "failed" - "java -Xmx$PUBLISH_HEAP kvgraph $C: $(grep -v '^\s' "$W/publish.time" | tail -1)"
  fi
  rm -rf "$W/release"
fi

# 5. server start on the existing database, then the queries
if want serve; then
CASE=$(grep -o 'question-set/[0-9]*Z[0-9]*>' "$W/kvgraph.nt" | sed -n "$((TRIPLES / 2 / 100 + 1))p" | sed 's/question-set\///; s/>//')
mkdir -p "$W/queries"; cp queries/*.rq "$W/queries/"
cat > "$W/queries/99-lookup-one-set.rq" <<Q
PREFIX kv: <https://w3id.org/kvgraph/def#>
SELECT ?p ?o ?qp ?qo WHERE {
  BIND(<https://w3id.org/kvgraph/id/question-set/$CASE> AS ?set)
  { ?set ?p ?o } UNION { ?set kv:hasQuestion ?q . ?q ?qp ?qo }
}
Q
URL="http://127.0.0.1:$PORT/kamervragen/sparql"
SERVER=
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null || true' EXIT
serve() { # serve LABEL: starts the server, waits for its first answer, records the time (start: its start, in ms)
  local first
  start=$(date +%s%3N)
  # shellcheck disable=SC2086
  "${NICE[@]}" "${SERVER_JAVA[@]}" -Xmx"$SERVE_HEAP" $SERVE_OPTS -Xlog:gc:file="$W/serve-$1.gc" org.kvgraph.cli.Kvgraph serve --db "$W/db" --port "$PORT" "$W/kvgraph.nt" > "$W/serve-$1.out" 2>&1 &
  SERVER=$!
  first=$("${JAVA[@]}" -Xmx128m org.kvgraph.bench.QueryBench first-answer "$URL")
  fig "server_${1}_first_answer_s" "$(awk -v a="$first" -v b="$start" 'BEGIN{printf "%.1f", (a-b)/1000}')" s \
    "java -Xmx$SERVE_HEAP $SERVE_OPTS kvgraph serve --db DB kvgraph.nt ($2) until the first ASK answers"
}
# The first start after a load answers at once and writes the generation's release in the background (503 on
# /download/ meanwhile); later starts reuse it. The queries are measured only once the release is written, as a
# server runs after its first minutes: a release write beside them would take a core from them.
release_written() { # release_written START_MS: waits until /download/SHA256SUMS answers 200, prints seconds since START_MS
  local deadline=$(( $(date +%s) + 1800 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/download/SHA256SUMS")" = 200 ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "the release was not written within 30 minutes" >&2; exit 1; }
    sleep 0.5
  done
  awk -v a="$(date +%s%3N)" -v b="$1" 'BEGIN{printf "%.1f", (a-b)/1000}'
}
serve first "first start after the load; the release is written in the background"
fig server_first_release_written_s "$(release_written "$start")" s \
  "same start: until /download/SHA256SUMS answers 200 (the release written in the background)"
kill $SERVER; wait $SERVER 2>/dev/null || true
serve restart "restart on the existing database and release"
release_written "$start" > /dev/null
# cold: QueryBench sends Cache-Control: no-cache, so every answer is computed; then warm, from the result cache
"${NICE[@]}" "${JAVA[@]}" -Xmx"${CLIENT_HEAP:-4g}" -Dbench.warmup="${WARMUP:-5}" org.kvgraph.bench.QueryBench latency "$URL" "$W/queries.tsv" "$RUNS" "$BUDGET" "$MIX" "$W"/queries/*.rq | tee "$W/queries.out"
if [ "${WARM:-1}" = 1 ]; then
"${NICE[@]}" "${JAVA[@]}" -Xmx"${CLIENT_HEAP:-4g}" -Dkvgraph.bench.cache=warm -Dbench.warmup="${WARMUP:-5}" org.kvgraph.bench.QueryBench latency "$URL" "$W/queries-warm.tsv" "$RUNS" "$BUDGET" "$MIX" "$W"/queries/*.rq | tee "$W/queries-warm.out"
fi
kill $SERVER; wait $SERVER 2>/dev/null || true
SERVER=
fig server_query_passes_gc_pause_s "$(awk '/Pause/ {gsub("ms","",$NF); t+=$NF} END {printf "%.1f", t/1000}' "$W/serve-restart.gc")" s \
  "-Xlog:gc of the restarted server: its pauses' sum over the start and the query passes"
echo "lookup case: $CASE" >> "$W/machine.txt"
fi
rm -rf "$W/corpus"
echo "done: $RES, $W/queries.tsv"
