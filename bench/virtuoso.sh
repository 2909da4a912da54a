#!/usr/bin/env bash
# Virtuoso Open Source 7 (Debian virtuoso-opensource) on the same N-Triples and queries as kvgraph's Fuseki,
# after bench/run.sh N (which leaves target/bench/N/kvgraph.nt and target/bench/N/queries/).
# Usage: bench/virtuoso.sh N
# - installs virtuoso-opensource with apt-get if virtuoso-t is missing (as root, or through sudo);
# - writes its own virtuoso.ini from the packaged one: database in target/bench/N/virtuoso, SQL and HTTP bound
#   to 127.0.0.1 on free ports, buffers from VT_BUFFERS (default 2g), ResultSetMaxRows raised so that no answer
#   is cut silently, no "anytime" time limit below VT_MAX_EXEC_S (default 110 s; a cut answer is a failure in
#   QueryBench), Zero Config (network announcements) and replication off;
# - bulk-loads kvgraph.nt into the graph urn:kvgraph:bench (ld_dir + rdf_loader_run + checkpoint), timed;
# - runs every query file but those using jena-text's text:query (query 12) through QueryBench against
#   /sparql?default-graph-uri=urn:kvgraph:bench (so Virtuoso's own system triples are not in the default graph),
#   at 1 and 8 clients and the mix, with the same RUNS/BUDGET/MIX defaults as bench/run.sh;
# - shuts Virtuoso down at the end, on error or interrupt (trap).
# Writes target/bench/N/virtuoso-queries.tsv, virtuoso-load.tsv and the logs beside them.
# Environment: VT_BUFFERS (2g: Virtuoso's page buffers; not yet tried at 50,000 sets), RUNS (40), BUDGET (20), MIX (30), WARMUP (5), KEEP_DB=1 to reuse a
# loaded database (skips the load).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
N="${1:?usage: bench/virtuoso.sh N}"
W="$root/target/bench/$N"
V="$W/virtuoso"
RUNS="${RUNS:-40}"; BUDGET="${BUDGET:-20}"; MIX="${MIX:-30}"
VT_BUFFERS="${VT_BUFFERS:-2g}"; VT_MAX_EXEC_S="${VT_MAX_EXEC_S:-110}"
GRAPH="urn:kvgraph:bench"
[ -f "$W/kvgraph.nt" ] && [ -d "$W/queries" ] || { echo "run bench/run.sh $N first (needs $W/kvgraph.nt and $W/queries/)" >&2; exit 2; }
# how busy the shared machine was, at the start and the end (the latencies include waiting for a core)
echo "start: $(date -u +%FT%TZ) $(uptime)" > "$W/virtuoso-machine.txt"

# 1. install
if ! command -v virtuoso-t >/dev/null || ! command -v isql-vt >/dev/null; then
  if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo -n); fi
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y virtuoso-opensource >"$W/virtuoso-install.log" 2>&1 \
    || { "${SUDO[@]}" apt-get update >>"$W/virtuoso-install.log" 2>&1 &&
         "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y virtuoso-opensource >>"$W/virtuoso-install.log" 2>&1; }
fi
VERSION=$(dpkg-query -W -f='${Version}' virtuoso-opensource 2>/dev/null || virtuoso-t -? 2>&1 | grep -m1 Version)

# 2. snapshot of the classes (QueryBench), as bench/run.sh does
rm -rf "$root/target/bench/classes-virtuoso"; mkdir -p "$root/target/bench/classes-virtuoso"
cp -r target/classes "$root/target/bench/classes-virtuoso/main"; cp -r target/test-classes "$root/target/bench/classes-virtuoso/test"
CP="$root/target/bench/classes-virtuoso/main:$root/target/bench/classes-virtuoso/test:$(cat target/cp-test.txt)"

# 3. configuration: two free loopback ports, database under W/virtuoso
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
SQLPORT="${VT_SQL_PORT:-$(free_port)}"; HTTPPORT="${VT_HTTP_PORT:-$(free_port)}"
while [ "$HTTPPORT" = "$SQLPORT" ]; do HTTPPORT=$(free_port); done
# buffers: 8 KB pages, about 9 KB each with overhead (Virtuoso's own sizing table: 2 GB -> 170,000)
mem_mb=$(echo "$VT_BUFFERS" | awk '/g$/ { print $0 * 1024; next } /m$/ { print $0 + 0; next } { print int($0 / 1048576) }')
BUFFERS=$(( mem_mb * 85 )); DIRTY=$(( BUFFERS * 3 / 4 ))
[ "${KEEP_DB:-0}" = 1 ] || rm -rf "$V"
mkdir -p "$V"
awk -v dir="$V" -v sql="127.0.0.1:$SQLPORT" -v http="127.0.0.1:$HTTPPORT" -v w="$W" -v buf="$BUFFERS" -v dirty="$DIRTY" \
    -v maxexec="$VT_MAX_EXEC_S" '
  /^\[/ { sec = $0 }
  /^[ \t]*;/ { print; next }
  sec == "[Database]" && /^(DatabaseFile|ErrorLogFile|LockFile|TransactionFile|xa_persistent_file)[ \t]*=/ {
    n = split($3, p, "/"); print $1 " = " dir "/" p[n]; next }
  sec == "[TempDatabase]" && /^(DatabaseFile|TransactionFile)[ \t]*=/ { n = split($3, p, "/"); print $1 " = " dir "/" p[n]; next }
  sec == "[Parameters]" && /^ServerPort[ \t]*=/ { print "ServerPort = " sql; next }
  sec == "[Parameters]" && /^DirsAllowed[ \t]*=/ { print $0 ", " w; next }
  sec == "[Parameters]" && /^NumberOfBuffers[ \t]*=/ { print "NumberOfBuffers = " buf; next }
  sec == "[Parameters]" && /^MaxDirtyBuffers[ \t]*=/ { print "MaxDirtyBuffers = " dirty; next }
  sec == "[Parameters]" && /^MaxClientConnections[ \t]*=/ { print "MaxClientConnections = 20"; next }
  sec == "[HTTPServer]" && /^ServerPort[ \t]*=/ { print "ServerPort = " http; next }
  sec == "[HTTPServer]" && /^(MaxClientConnections|ServerThreads|MaxKeepAlives)[ \t]*=/ { print $1 " = 20"; next }
  sec == "[URIQA]" && /^DefaultHost[ \t]*=/ { print "DefaultHost = " http; next }
  sec == "[Replication]" && /^ServerEnable[ \t]*=/ { print "ServerEnable = 0"; next }
  sec == "[Zero Config]" && /^ServerName[ \t]*=/ { print "; ServerName (Zero Config announcements) left out: loopback only"; next }
  sec == "[SPARQL]" && /^ResultSetMaxRows[ \t]*=/ { print "ResultSetMaxRows = 100000000"; next }
  sec == "[SPARQL]" && /^MaxQueryExecutionTime[ \t]*=/ { print "MaxQueryExecutionTime = " maxexec; next }
  sec == "[SPARQL]" && /^MaxQueryCostEstimationTime[ \t]*=/ { print "MaxQueryCostEstimationTime = 0"; next }
  sec == "[Plugins]" && /^Load[0-9]*[ \t]*=/ { print "; " $0 " (wiki plugins left out)"; next }
  { print }' /etc/virtuoso-opensource-7/virtuoso.ini > "$V/virtuoso.ini"
grep -q "^ServerPort = 127.0.0.1:$SQLPORT" "$V/virtuoso.ini" && grep -q "^ServerPort = 127.0.0.1:$HTTPPORT" "$V/virtuoso.ini" \
  && grep -q '^ResultSetMaxRows = 100000000' "$V/virtuoso.ini" || { echo "virtuoso.ini: rewrite failed" >&2; exit 1; }

ISQL=(isql-vt "127.0.0.1:$SQLPORT" dba dba)
SERVER=
stop() {
  if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then
    timeout 60 "${ISQL[@]}" exec="shutdown;" >/dev/null 2>&1 || true
    for _ in $(seq 60); do kill -0 "$SERVER" 2>/dev/null || break; sleep 1; done
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
  fi
  SERVER=
}
trap stop EXIT
trap 'exit 130' INT TERM

# 4. start (foreground process in the background: we hold its PID) and wait for SQL
start=$(date +%s%3N)
(cd "$V" && exec nice -n 10 virtuoso-t -f -c "$V/virtuoso.ini") > "$V/server.out" 2>&1 &
SERVER=$!
for _ in $(seq 300); do
  "${ISQL[@]}" exec="status('');" >/dev/null 2>&1 && break
  kill -0 "$SERVER" 2>/dev/null || { echo "virtuoso-t exited:" >&2; tail -20 "$V/server.out" "$V/virtuoso.log" >&2; exit 1; }
  sleep 1
done
up=$(date +%s%3N)
echo "virtuoso $VERSION up in $(( (up - start) )) ms: SQL 127.0.0.1:$SQLPORT, HTTP 127.0.0.1:$HTTPPORT, buffers $BUFFERS" | tee "$V/listen.txt"
# what it listens on: everything must be loopback
if command -v ss >/dev/null; then
  ss -ltnp 2>/dev/null | grep "pid=$SERVER," | tee -a "$V/listen.txt" || true
  if ss -ltnp 2>/dev/null | grep "pid=$SERVER," | awk '{print $4}' | grep -v '^127\.0\.0\.1:' ; then
    echo "virtuoso listens outside loopback: stopping" >&2; exit 1
  fi
fi

# 5. bulk load, timed: ld_dir + rdf_loader_run + checkpoint
TRIPLES=$(wc -l < "$W/kvgraph.nt")
RES="$W/virtuoso-load.tsv"
if [ "${KEEP_DB:-0}" != 1 ] || [ ! -s "$RES" ]; then
  : > "$RES"
  t0=$(date +%s%3N)
  # The dump and the statistics kvgraph materialised at load (bench/run.sh exported them): the same data as the
  # example queries find on kvgraph's endpoint.
  extra=""
  [ -s "$W/statistics.ttl" ] && extra="ld_dir('$W', 'statistics.ttl', '$GRAPH');"
  "${ISQL[@]}" exec="ld_dir('$W', 'kvgraph.nt', '$GRAPH'); $extra rdf_loader_run(); checkpoint;" > "$V/load.out" 2>&1
  t1=$(date +%s%3N)
  errors=$("${ISQL[@]}" exec="select count(*) from DB.DBA.LOAD_LIST where ll_error is not null;" 2>/dev/null | awk '/^[0-9]+$/ {print; exit}')
  "${ISQL[@]}" exec="select ll_file, ll_error from DB.DBA.LOAD_LIST where ll_error is not null;" >> "$V/load.out" 2>&1 || true
  loaded=$("${ISQL[@]}" exec="sparql select count(*) from <$GRAPH> where { ?s ?p ?o };" 2>/dev/null | awk '/^[0-9]+$/ {print; exit}')
  LS=$(awk -v a="$t1" -v b="$t0" 'BEGIN{printf "%.1f", (a-b)/1000}')
  {
    printf 'virtuoso_load_s\t%s\ts\t%s\n' "$LS" "isql-vt: ld_dir('W','kvgraph.nt','$GRAPH'); ${extra:+ld_dir('W','statistics.ttl','$GRAPH'); }rdf_loader_run(); checkpoint; (virtuoso-opensource $VERSION, NumberOfBuffers=$BUFFERS, nice -n 10)"
    printf 'virtuoso_triples_per_s\t%s\ttriples/s\t%s\n' "$(awk -v a="$TRIPLES" -v b="$LS" 'BEGIN{printf "%.0f", a/b}')" "N-Triples lines / virtuoso_load_s"
    printf 'virtuoso_triples_in_graph\t%s\ttriples\t%s\n' "$loaded" "sparql select count(*) from <$GRAPH> (the dump has $TRIPLES lines)"
    printf 'virtuoso_load_errors\t%s\tfiles\t%s\n' "$errors" "DB.DBA.LOAD_LIST rows with ll_error"
    printf 'virtuoso_start_s\t%s\ts\t%s\n' "$(awk -v a="$up" -v b="$start" 'BEGIN{printf "%.1f", (a-b)/1000}')" "virtuoso-t -f until isql answers (empty database)"
  } | tee "$RES"
  du -sm "$V" | awk '{printf "virtuoso_db_mb\t%s\tMB\tdu -sm W/virtuoso after the checkpoint\n", $1}' | tee -a "$RES"
fi

# 6. the queries (all but the jena-text one), through QueryBench, against the loaded graph only
Q=(); SKIPPED=()
for q in "$W"/queries/*.rq; do if grep -q 'text:query' "$q"; then SKIPPED+=("$(basename "$q" .rq)"); else Q+=("$q"); fi; done
URL="http://127.0.0.1:$HTTPPORT/sparql?default-graph-uri=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$GRAPH")"
echo "left out (jena-text text:query, no Virtuoso equivalent): ${SKIPPED[*]:-none}" | tee "$V/skipped.txt"
nice -n 10 java -Xmx"${CLIENT_HEAP:-4g}" -cp "$CP" -Dbench.warmup="${WARMUP:-5}" org.kvgraph.bench.QueryBench latency "$URL" "$W/virtuoso-queries.tsv" "$RUNS" "$BUDGET" "$MIX" "${Q[@]}" \
  | tee "$W/virtuoso-queries.out"
awk '/VmHWM/ {printf "virtuoso_peak_rss_mb\t%.0f\tMB\tVmHWM of virtuoso-t at the end of the run (load and queries)\n", $2/1024}' "/proc/$SERVER/status" \
  | tee -a "$RES" || true
stop
echo "end: $(date -u +%FT%TZ) $(uptime)" >> "$W/virtuoso-machine.txt"
echo "done: $RES, $W/virtuoso-queries.tsv"
