#!/usr/bin/env bash
# Conversion memory against corpus size (issue 8, target 4a: bounded memory whatever the corpus size).
# Usage: bench/memory.sh N...   (e.g. bench/memory.sh 50000 200000 400000)
# For each N: generate N synthetic sets (seed 42) unless target/bench/memory/N/corpus exists, convert them with
# `-Xmx$HEAP` (default 512m) while `jcmd PID GC.run` forces a full GC every $EVERY seconds (default 15), so the GC
# log shows the live heap (what is left after a full GC) through the run; then the RIOT copy of the output.
# Writes target/bench/memory/results.tsv: N, heap, convert wall and CPU seconds, peak RSS, the largest heap before
# any GC, the largest and the last live heap after a full GC, triples, RIOT copy wall and CPU seconds, ratios.
# KEEP_OUTPUT=1 keeps each kvgraph.nt; corpora are kept (delete target/bench/memory to start again).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ $# -gt 0 ] || { echo "usage: bench/memory.sh N..." >&2; exit 2; }
HEAP="${HEAP:-512m}"; EVERY="${EVERY:-15}"
if [ ! -f target/cp-test.txt ] || [ pom.xml -nt target/cp-test.txt ]; then
  mvn -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp-test.txt >/dev/null
fi
mvn -o -q test-compile >/dev/null
M="$root/target/bench/memory"
rm -rf "$M/classes"; mkdir -p "$M/classes"
cp -r target/classes "$M/classes/main"; cp -r target/test-classes "$M/classes/test"
CP="$M/classes/main:$M/classes/test:$(cat target/cp-test.txt)"
RES="$M/results.tsv"
[ -f "$RES" ] || printf 'N\theap\tconvert_s\tconvert_cpu_s\tpeak_rss_mb\tpeak_heap_before_gc_mb\tlive_heap_max_mb\tlive_heap_last_mb\tfull_gcs\ttriples\triot_copy_s\triot_copy_cpu_s\tconvert_over_riot\tconvert_over_riot_cpu\tcommit\n' > "$RES"
secs() { grep 'Elapsed (wall clock)' "$1" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'; }
cpu_s() { awk '/User time|System time/ { t += $NF } END { printf "%.1f", t }' "$1"; }
rss_mb() { grep 'Maximum resident set size' "$1" | awk '{printf "%.0f", $NF/1024}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
{ uname -srm; grep -m1 'model name' /proc/cpuinfo; nproc; free -m | sed -n 2p; java -version 2>&1 | head -1; uptime; } > "$M/machine.txt"
for N in "$@"; do
  W="$M/$N"; mkdir -p "$W"
  if [ ! -d "$W/corpus" ]; then
    java -Xmx1g -cp "$CP" org.kvgraph.cli.Kvgraph generate --sets "$N" --seed 42 --out "$W/corpus" > "$W/generate.out"
  fi
  rm -f "$W/convert.gc"
  /usr/bin/time -v java -XX:+UseParallelGC -Xmx"$HEAP" -Xlog:gc:file="$W/convert.gc" -cp "$CP" \
      org.kvgraph.cli.Kvgraph convert -o "$W/kvgraph.nt" "$W/corpus" > "$W/convert.out" 2> "$W/convert.time" &
  TIMEPID=$!
  PID=""
  for _ in $(seq 1 50); do
    PID=$(jcmd -l | grep "Kvgraph convert -o $W/kvgraph.nt" | cut -d' ' -f1 || true)
    [ -n "$PID" ] && break; sleep 0.2
  done
  while kill -0 "$TIMEPID" 2>/dev/null; do
    sleep "$EVERY"
    [ -n "$PID" ] && jcmd "$PID" GC.run > /dev/null 2>&1 || true
  done
  wait "$TIMEPID" || { tail "$W/convert.time"; exit 1; }
  # Full GCs: "Pause Full (...) 430M->165M(445M)": the heap after it is what is live then.
  LIVE=$(grep 'Pause Full' "$W/convert.gc" | grep -o '[0-9]*M->[0-9]*M' | sed 's/.*->//; s/M//')
  LIVE_MAX=$(echo "$LIVE" | sort -n | tail -1); LIVE_LAST=$(echo "$LIVE" | tail -1); FULLS=$(echo "$LIVE" | grep -c . || true)
  PEAK=$(grep -o '[0-9]*M->[0-9]*M' "$W/convert.gc" | sed 's/M->.*//' | sort -n | tail -1)
  TRIPLES=$(wc -l < "$W/kvgraph.nt")
  /usr/bin/time -v java -XX:+UseParallelGC -Xmx"$HEAP" -cp "$CP" riotcmd.riot --output=nt "$W/kvgraph.nt" > "$W/riot-copy.nt" 2> "$W/riot.time"
  rm -f "$W/riot-copy.nt"
  [ "${KEEP_OUTPUT:-0}" = 1 ] || rm -f "$W/kvgraph.nt"
  CS=$(secs "$W/convert.time"); RS=$(secs "$W/riot.time")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$N" "$HEAP" "$CS" "$(cpu_s "$W/convert.time")" \
    "$(rss_mb "$W/convert.time")" "$PEAK" "$LIVE_MAX" "$LIVE_LAST" "$FULLS" "$TRIPLES" "$RS" "$(cpu_s "$W/riot.time")" \
    "$(ratio "$CS" "$RS")" "$(ratio "$(cpu_s "$W/convert.time")" "$(cpu_s "$W/riot.time")")" \
    "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo -)" | tee -a "$RES"
done
