#!/usr/bin/env bash
# Renders the results of bench/run.sh for the given sizes as markdown tables (to stdout), each figure with the
# command that produced it. Usage: bench/report.sh 5000 50000
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="$root/target/bench"
sizes=("$@")
echo "| figure | $(printf 'N = %s | ' "${sizes[@]}")unit | how |"
echo "|---|$(printf -- '---:|%.0s' "${sizes[@]}")---|---|"
names=$(for n in "${sizes[@]}"; do if [ -f "$B/$n/results.tsv" ]; then cut -f1 "$B/$n/results.tsv"; fi; done | awk '!seen[$0]++')
for name in $names; do
  row="| $name |"
  unit=""; hows=()
  for n in "${sizes[@]}"; do
    line=$(grep -P "^$name\t" "$B/$n/results.tsv" 2>/dev/null | tail -1 || true)
    if [ -n "$line" ]; then
      row="$row $(echo "$line" | cut -f2) |"
      unit=$(echo "$line" | cut -f3)
      hows+=("$n: $(echo "$line" | cut -f4 | sed "s/--sets $n /--sets N /; s/^$n \//N \//; s|$root/||g; s|target/bench/$n/|W/|g; s/|/\\\\|/g")")
    else
      row="$row not run |"
    fi
  done
  # one command when every size ran the same, else each size's own
  distinct=$(printf '%s\n' "${hows[@]}" | sed 's/^[0-9]*: //' | sort -u | wc -l)
  if [ "$distinct" = 1 ]; then how="\`$(echo "${hows[0]}" | sed 's/^[0-9]*: //')\`"
  else how=$(printf 'N=%s` ' "${hows[@]}" | sed 's/N=\([0-9]*\): /N=\1: `/g'); fi
  echo "$row $unit | $how |"
done
echo
echo "Query latencies over HTTP (ms; p50 / p99 by nearest rank over 'runs' runs; 8 clients run concurrently):"
echo
echo "| query | $(printf 'N = %s: 1 client p50 / p99 | 8 clients p50 / p99 | ' "${sizes[@]}")"
echo "|---|$(printf -- '---:|---:|%.0s' "${sizes[@]}")"
queries=$(for n in "${sizes[@]}"; do if [ -f "$B/$n/queries.tsv" ]; then grep -v '^#\|^query' "$B/$n/queries.tsv" | cut -f1; fi; done | awk '!seen[$0]++')
for q in $queries; do
  row="| $q |"
  for n in "${sizes[@]}"; do
    for c in 1 8; do
      l=$(grep -P "^$q\t$c\t" "$B/$n/queries.tsv" 2>/dev/null || true)
      if [ -n "$l" ]; then row="$row $(echo "$l" | cut -f4) / $(echo "$l" | cut -f5) ($(echo "$l" | cut -f3) runs) |"; else row="$row not run |"; fi
    done
  done
  echo "$row"
done
echo
for n in "${sizes[@]}"; do
  if [ -f "$B/$n/queries.tsv" ]; then echo "- N = $n: $(grep '^# mix' "$B/$n/queries.tsv" | sed 's/^# //')"; fi
done
true

# Oxigraph side by side (bench/oxigraph.sh N), against kvgraph's Fuseki from the same size's run.
for n in "${sizes[@]}"; do
  [ -f "$B/$n/oxigraph-queries.tsv" ] || continue
  echo
  echo "Oxigraph (npm oxigraph, in-memory, behind bench/oxigraph/server.js) and kvgraph's Fuseki, N = $n, ms:"
  echo
  [ -f "$B/$n/oxigraph-load.txt" ] && echo "- load + first answer: $(cat "$B/$n/oxigraph-load.txt" | sed "s|$root/||g")" && echo
  echo "| query | Fuseki 1 client p50 / p99 | Oxigraph 1 client p50 / p99 | Oxigraph / Fuseki (p50, 1 client) | Fuseki 8 clients p50 / p99 | Oxigraph 8 clients p50 / p99 |"
  echo "|---|---:|---:|---:|---:|---:|"
  grep -v '^#\|^query' "$B/$n/oxigraph-queries.tsv" | cut -f1 | awk '!seen[$0]++' | while read -r q; do
    f1=$(grep -P "^$q\t1\t" "$B/$n/queries.tsv" || true); f8=$(grep -P "^$q\t8\t" "$B/$n/queries.tsv" || true)
    o1=$(grep -P "^$q\t1\t" "$B/$n/oxigraph-queries.tsv" || true); o8=$(grep -P "^$q\t8\t" "$B/$n/oxigraph-queries.tsv" || true)
    [ -n "$f1" ] && [ -n "$o1" ] || continue
    if [ "$(echo "$o1" | cut -f4)" = failed ]; then
      echo "| $q | $(echo "$f1" | cut -f4) / $(echo "$f1" | cut -f5) | failed: $(echo "$o1" | cut -f7 | sed 's/java.net.http.//') | - | $(echo "$f8" | cut -f4) / $(echo "$f8" | cut -f5) | - |"
      continue
    fi
    r=$(awk -v a="$(echo "$o1" | cut -f4)" -v b="$(echo "$f1" | cut -f4)" 'BEGIN{printf "%.2f", a/b}')
    echo "| $q | $(echo "$f1" | cut -f4) / $(echo "$f1" | cut -f5) | $(echo "$o1" | cut -f4) / $(echo "$o1" | cut -f5) | $r | $(echo "$f8" | cut -f4) / $(echo "$f8" | cut -f5) | $(echo "$o8" | cut -f4) / $(echo "$o8" | cut -f5) |"
  done
  echo
  mixline=$(grep '^# mix' "$B/$n/oxigraph-queries.tsv" | sed 's/^# //' || true)
  echo "- Oxigraph ${mixline:-mix: not reached (the run was stopped before it)}; query 12 (jena-text) left out;"
  echo "  a query Oxigraph could not answer within QueryBench's 120 s request timeout is listed as failed."
done

# Per-query diagnosis (bench/profile.sh N)
for n in "${sizes[@]}"; do
  for f in profile profile-stats; do
    [ -f "$B/$n/$f.tsv" ] || continue
    echo
    echo "\`bench/profile.sh $n 3\`, $( [ $f = profile ] && echo "without stats.opt" || echo "after tdb2.tdbstats wrote stats.opt into both databases") (ms, median of 3):"
    echo
    echo "| query | served (union graph) wall | served CPU | plain default graph wall | plain CPU | rows |"
    echo "|---|---:|---:|---:|---:|---:|"
    grep -v '^query' "$B/$n/$f.tsv" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }'
  done
done
true
