#!/usr/bin/env bash
# Oxigraph (npm oxigraph 0.5.x, in-memory store behind bench/oxigraph/server.js on 127.0.0.1) on the same
# N-Triples and queries as kvgraph's Fuseki, after bench/run.sh N (which leaves target/bench/N/kvgraph.nt and
# target/bench/N/queries/). Query 12 (jena-text's text:query) has no Oxigraph equivalent and is left out.
# Usage: bench/oxigraph.sh N   Writes target/bench/N/oxigraph-queries.tsv and oxigraph-load.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
N="${1:?usage: bench/oxigraph.sh N}"
W="$root/target/bench/$N"
PORT="${PORT:-3393}"; RUNS="${RUNS:-30}"; BUDGET="${BUDGET:-10}"; MIX="${MIX:-30}"
(cd bench/oxigraph && [ -d node_modules/oxigraph ] || npm install --no-audit --no-fund >/dev/null)
rm -rf "$root/target/bench/classes-oxigraph"; mkdir -p "$root/target/bench/classes-oxigraph"
cp -r target/classes "$root/target/bench/classes-oxigraph/main"; cp -r target/test-classes "$root/target/bench/classes-oxigraph/test"
CP="$root/target/bench/classes-oxigraph/main:$root/target/bench/classes-oxigraph/test:$(cat target/cp-test.txt)"
start=$(date +%s%3N)
nice -n 10 node --max-old-space-size=4096 bench/oxigraph/server.js "$PORT" "$W/kvgraph.nt" 2> "$W/oxigraph-server.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
first=$(java -Xmx128m -cp "$CP" org.kvgraph.bench.QueryBench first-answer "http://127.0.0.1:$PORT/sparql")
echo "oxigraph_load_and_first_answer_s $(awk -v a="$first" -v b="$start" 'BEGIN{printf "%.1f", (a-b)/1000}') (node bench/oxigraph/server.js PORT kvgraph.nt; $(head -1 "$W/oxigraph-server.log"))" | tee "$W/oxigraph-load.txt"
Q=(); for q in "$W"/queries/*.rq; do grep -q 'text:query' "$q" || Q+=("$q"); done
java -Xmx512m -cp "$CP" org.kvgraph.bench.QueryBench latency "http://127.0.0.1:$PORT/sparql" "$W/oxigraph-queries.tsv" "$RUNS" "$BUDGET" "$MIX" "${Q[@]}" | tee "$W/oxigraph-queries.out"
