#!/usr/bin/env bash
# Per-query diagnosis on a size bench/run.sh has loaded (its db is kept): each query in-process on the database
# as served (named graph per document, union default graph, text index) and on the same dump in the default
# graph of a plain TDB2 database, with and without TDB2 optimizer statistics (stats.opt).
# Usage: bench/profile.sh N [RUNS] [QUERY.rq ...]   Writes target/bench/N/profile*.tsv.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
N="${1:?usage: bench/profile.sh N [RUNS] [QUERY.rq ...]}"; RUNS="${2:-5}"; shift; shift || true
W="$root/target/bench/$N"
rm -rf "$root/target/bench/classes-profile"; mkdir -p "$root/target/bench/classes-profile"
cp -r target/classes "$root/target/bench/classes-profile/main"; cp -r target/test-classes "$root/target/bench/classes-profile/test"
CP="$root/target/bench/classes-profile/main:$root/target/bench/classes-profile/test:$(cat target/cp-test.txt)"
JAVA=(nice -n 10 java -Xmx${PROFILE_HEAP:-3g} -cp "$CP")
Q=("$@"); [ ${#Q[@]} -gt 0 ] || Q=(queries/*.rq bench/queries/*.rq)
"${JAVA[@]}" org.kvgraph.bench.QueryProfile "$W/db" "$W/kvgraph.nt" "$W/plain" "$RUNS" "${Q[@]}" | tee "$W/profile.tsv"
# the same with optimizer statistics in both databases
gen=$(cat "$W/db/CURRENT" 2>/dev/null || ls -d "$W"/db/gen-* | tail -1)
[[ "$gen" == /* ]] || gen="$W/db/$gen"
for d in "$gen/tdb2" "$W/plain"; do
  data=$(ls -d "$d"/Data-* | tail -1)
  if [ ! -f "$data/stats.opt" ]; then
    "${JAVA[@]}" tdb2.tdbstats --loc "$d" > "$W/stats.tmp"
    mv "$W/stats.tmp" "$data/stats.opt"
  fi
done
"${JAVA[@]}" org.kvgraph.bench.QueryProfile "$W/db" "$W/kvgraph.nt" "$W/plain" "$RUNS" "${Q[@]}" | tee "$W/profile-stats.tsv"
