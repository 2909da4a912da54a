#!/usr/bin/env bash
# Oxigraph (npm oxigraph 0.5.x, in-memory store behind bench/oxigraph/server.js on 127.0.0.1) on the same
# N-Triples and queries as kvgraph's Fuseki, after bench/run.sh N (which leaves target/bench/N/kvgraph.nt and
# target/bench/N/queries/). Query 12 (jena-text's text:query) has no Oxigraph equivalent and is left out.
# Usage: bench/oxigraph.sh N   Writes target/bench/N/oxigraph-queries.tsv and oxigraph-load.tsv.
# Environment: RUNS (40), BUDGET (20), MIX (30), WARMUP (5) as in bench/run.sh; QUERY_TIMEOUT_S (60): the wrapper abandons a
# query after this long (503, worker replaced, dump reloaded); WORKERS (1): store copies answering in parallel.
# The store is in WebAssembly memory, capped at 4 GB per worker.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
N="${1:?usage: bench/oxigraph.sh N}"
W="$root/target/bench/$N"
RUNS="${RUNS:-40}"; BUDGET="${BUDGET:-20}"; MIX="${MIX:-30}"
export QUERY_TIMEOUT_S="${QUERY_TIMEOUT_S:-60}" WORKERS="${WORKERS:-1}"
[ -f "$W/kvgraph.nt" ] && [ -d "$W/queries" ] || { echo "run bench/run.sh $N first (needs $W/kvgraph.nt and $W/queries/)" >&2; exit 2; }
# how busy the shared machine was, at the start and the end (the latencies include waiting for a core)
echo "start: $(date -u +%FT%TZ) $(uptime)" > "$W/oxigraph-machine.txt"
[ -d bench/oxigraph/node_modules/oxigraph ] || (cd bench/oxigraph && npm install --no-audit --no-fund >/dev/null)
VERSION=$(node -p 'require("./bench/oxigraph/node_modules/oxigraph/package.json").version')
# the wrapper loads the dump in line-aligned chunks, and Oxigraph renames blank nodes per load call
if grep -q '^_:\| _:' "$W/kvgraph.nt"; then echo "warning: the dump has blank nodes; chunked loading may split one into several" >&2; fi
rm -rf "$root/target/bench/classes-oxigraph"; mkdir -p "$root/target/bench/classes-oxigraph"
cp -r target/classes "$root/target/bench/classes-oxigraph/main"; cp -r target/test-classes "$root/target/bench/classes-oxigraph/test"
CP="$root/target/bench/classes-oxigraph/main:$root/target/bench/classes-oxigraph/test:$(cat target/cp-test.txt)"
PORT="${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')}"
SERVER=
stop() { if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; SERVER=; fi; }
trap stop EXIT
trap 'exit 130' INT TERM
# The dump, and the statistics kvgraph materialised at load when bench/run.sh exported them (statistics.ttl), so
# that the example queries find the same data as on kvgraph's endpoint. Their observations are blank nodes, which
# a chunked load could split: they get IRIs of their own here (urn:kvgraph:bench:observation:...), which the
# queries do not look at.
INPUT="$W/kvgraph.nt"
if [ -s "$W/statistics.ttl" ]; then
  INPUT="$W/oxigraph-input.nt"
  java -Xmx1g -cp "$CP" riotcmd.riot --output=nt "$W/statistics.ttl" \
    | sed 's|_:\([A-Za-z0-9]*\)|<urn:kvgraph:bench:observation:\1>|g' > "$INPUT"
  cat "$W/kvgraph.nt" >> "$INPUT"
fi
start=$(date +%s%3N)
nice -n 10 node --max-old-space-size=4096 bench/oxigraph/server.js "$PORT" "$INPUT" 2> "$W/oxigraph-server.log" &
SERVER=$!
# wait for the first answer, but give up at once if the wrapper dies (say, the store does not fit in 4 GB)
nice -n 10 java -Xmx128m -cp "$CP" org.kvgraph.bench.QueryBench first-answer "http://127.0.0.1:$PORT/sparql" > "$W/oxigraph-first.txt" &
FA=$!
while kill -0 "$FA" 2>/dev/null; do
  if ! kill -0 "$SERVER" 2>/dev/null; then
    kill "$FA" 2>/dev/null || true
    echo "the Oxigraph wrapper exited before answering:" >&2; tail -5 "$W/oxigraph-server.log" >&2
    printf 'oxigraph_load_s\tfailed\ts\t%s\n' "$(tail -1 "$W/oxigraph-server.log" | tr '\t' ' ')" | tee "$W/oxigraph-load.tsv"
    SERVER=; exit 1
  fi
  sleep 1
done
wait "$FA"
first=$(cat "$W/oxigraph-first.txt")
loaded=$(grep -m1 'loaded' "$W/oxigraph-server.log" || true)
{
  printf 'oxigraph_load_and_first_answer_s\t%s\ts\t%s\n' "$(awk -v a="$first" -v b="$start" 'BEGIN{printf "%.1f", (a-b)/1000}')" \
    "node bench/oxigraph/server.js PORT $(basename "$INPUT") (kvgraph.nt, and the statistics when exported; oxigraph $VERSION, nice -n 10) until the first ASK answers"
  printf 'oxigraph_load_s\t%s\ts\t%s\n' "$(echo "$loaded" | sed 's/.* in \([0-9.]*\) s$/\1/')" "the wrapper's own 'loaded ... in X s' (store.load of the dump in 64 MB chunks)"
  printf 'oxigraph_triples_in_store\t%s\ttriples\t%s\n' "$(echo "$loaded" | sed 's/.*loaded \([0-9]*\) triples.*/\1/')" "store.size after the load (the dump has $(wc -l < "$W/kvgraph.nt") lines)"
} | tee "$W/oxigraph-load.tsv"
Q=(); for q in "$W"/queries/*.rq; do grep -q 'text:query' "$q" || Q+=("$q"); done
nice -n 10 java -Xmx"${CLIENT_HEAP:-4g}" -cp "$CP" -Dbench.warmup="${WARMUP:-5}" org.kvgraph.bench.QueryBench latency "http://127.0.0.1:$PORT/sparql" "$W/oxigraph-queries.tsv" "$RUNS" "$BUDGET" "$MIX" "${Q[@]}" \
  | tee "$W/oxigraph-queries.out"
hwm=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$SERVER/status" 2>/dev/null || echo unknown)
stop
replaced=$(grep -c 'replaced' "$W/oxigraph-server.log" || true)
{
  printf 'oxigraph_peak_rss_mb\t%s\tMB\t%s\n' "$hwm" "VmHWM of the node process (all workers) at the end of the run"
  printf 'oxigraph_workers_replaced\t%s\tworkers\t%s\n' "${replaced:-0}" "queries abandoned after QUERY_TIMEOUT_S=$QUERY_TIMEOUT_S s or by their client: worker terminated, dump reloaded"
} | tee -a "$W/oxigraph-load.tsv"
echo "end: $(date -u +%FT%TZ) $(uptime)" >> "$W/oxigraph-machine.txt"
echo "done: $W/oxigraph-load.tsv, $W/oxigraph-queries.tsv"
