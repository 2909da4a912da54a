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
latencies() { # latencies FILE TITLE: one table of p50/p99 per query and client count, from W/FILE.tsv
local f="$1"
echo "$2 (ms; p50 / p99 by nearest rank over 'runs' runs; 8 clients run concurrently):"
echo
echo "| query | $(printf 'N = %s: 1 client p50 / p99 | 8 clients p50 / p99 | ' "${sizes[@]}")"
echo "|---|$(printf -- '---:|---:|%.0s' "${sizes[@]}")"
queries=$(for n in "${sizes[@]}"; do if [ -f "$B/$n/$f.tsv" ]; then grep -v '^#\|^query' "$B/$n/$f.tsv" | cut -f1; fi; done | awk '!seen[$0]++')
for q in $queries; do
  row="| $q |"
  for n in "${sizes[@]}"; do
    for c in 1 8; do
      l=$(grep -P "^$q\t$c\t" "$B/$n/$f.tsv" 2>/dev/null || true)
      if [ -n "$l" ]; then row="$row $(echo "$l" | cut -f4) / $(echo "$l" | cut -f5) ($(echo "$l" | cut -f3) runs) |"; else row="$row not run |"; fi
    done
  done
  echo "$row"
done
echo
for n in "${sizes[@]}"; do
  if [ -f "$B/$n/$f.tsv" ]; then echo "- N = $n: $(grep '^# mix' "$B/$n/$f.tsv" | sed 's/^# //')"; fi
done
echo
}
latencies queries "Query latencies over HTTP, cold: every request computed (QueryBench sends Cache-Control: no-cache)"
if ls "$B"/*/queries-warm.tsv >/dev/null 2>&1; then
  latencies queries-warm "Query latencies over HTTP, warm: the same queries again on the unchanged store, answered from the result cache"
fi
true

# The peers side by side (bench/virtuoso.sh N, bench/oxigraph.sh N), against kvgraph's Fuseki from the same
# size's bench/run.sh. A ratio is peer / Fuseki (above 1: Fuseki is faster), and only where both returned the same
# number of rows: a ratio on a different answer means nothing.
for n in "${sizes[@]}"; do
  [ -f "$B/$n/virtuoso-queries.tsv" ] || [ -f "$B/$n/oxigraph-queries.tsv" ] || continue
  echo
  echo "### Peers at N = $n: kvgraph's Fuseki, Virtuoso, Oxigraph"
  echo
  echo "Loading the same dump (\`W/kvgraph.nt\`):"
  echo
  echo "| figure | value | unit | how |"
  echo "|---|---:|---|---|"
  for f in "$B/$n/results.tsv" "$B/$n/virtuoso-load.tsv" "$B/$n/oxigraph-load.tsv"; do
    [ -f "$f" ] || continue
    grep -P '^(convert_triples|load_total_s|load_bulk_s|load_peak_rss_mb|server_restart_first_answer_s|virtuoso_\w+|oxigraph_\w+)\t' "$f" \
      | awk -F'\t' '{ last[$1] = $0; if (!($1 in order)) { order[$1] = ++k; names[k] = $1 } }
          END { for (i = 1; i <= k; i++) { split(last[names[i]], c, "\t"); printf "| %s | %s | %s | `%s` |\n", c[1], c[2], c[3], c[4] } }' \
      | sed "s|$root/||g; s|target/bench/$n/|W/|g"
  done
  for c in 1 8; do
    echo
    echo "Latency, $c client$( [ $c = 8 ] && echo "s concurrently" ), ms (p50 / p99, nearest rank; runs in brackets). Ratio = peer / Fuseki; \"rows differ\" = no ratio:"
    echo
    echo "| query | rows F / V / O | Fuseki | Virtuoso | V / F p50, p99 | Oxigraph | O / F p50, p99 |"
    echo "|---|---|---:|---:|---:|---:|---:|"
    awk -F'\t' -v c="$c" '
      function cell(k) { if (!(k in p50)) return "not run"; if (p50[k] == "failed") return "**failed**: " err[k]; return p50[k] " / " p99[k] " (" runs[k] ")" }
      function rws(k) { return (k in rows && rows[k] != "") ? rows[k] : "-" }
      function ratio(f, o) {
        if (!(f in p50) || !(o in p50)) return "-"
        if (p50[f] == "failed" || p50[o] == "failed") return "-"
        if (rows[f] == "" || rows[o] == "" || rows[f] != rows[o]) return "rows differ"
        return sprintf("%.2f, %.2f", p50[o] / p50[f], p99[o] / p99[f])
      }
      FNR == 1 { src = (FILENAME ~ /virtuoso-queries/) ? "V" : (FILENAME ~ /oxigraph-queries/) ? "O" : "F" }
      /^#|^query\t|^MIX/ { next }
      $2 == c || ($3 == 0 && $4 == "failed") {
        k = src SUBSEP $1; p50[k] = $4; p99[k] = $5; runs[k] = $3
        r = $8; if (r == "" || r == "-") r = ""; if (r != "" || !(k in rows)) rows[k] = r
        e = ($9 != "") ? $9 : $7; gsub(/java\.net\.http\.|java\.io\./, "", e); gsub(/\|/, "\\|", e); err[k] = substr(e, 1, 140)
        if (!($1 in seen)) { seen[$1] = 1; order[++nq] = $1 }
      }
      END {
        for (i = 1; i <= nq; i++) {
          q = order[i]; f = "F" SUBSEP q; v = "V" SUBSEP q; o = "O" SUBSEP q
          printf "| %s | %s / %s / %s | %s | %s | %s | %s | %s |\n", q, rws(f), rws(v), rws(o), cell(f), cell(v), ratio(f, v), cell(o), ratio(f, o)
        }
      }' "$( [ -f "$B/$n/queries.tsv" ] && echo "$B/$n/queries.tsv" || echo /dev/null )" $( [ -f "$B/$n/virtuoso-queries.tsv" ] && echo "$B/$n/virtuoso-queries.tsv" ) \
         $( [ -f "$B/$n/oxigraph-queries.tsv" ] && echo "$B/$n/oxigraph-queries.tsv" )
  done
  echo
  for pair in "Fuseki:queries" "Virtuoso:virtuoso-queries" "Oxigraph:oxigraph-queries"; do
    f="$B/$n/${pair#*:}.tsv"; [ -f "$f" ] || continue
    echo "- ${pair%%:*} $(grep '^# mix' "$f" | sed 's/^# //' || echo "mix: not reached")"
  done
  echo "- Query 12 (jena-text \`text:query\`) has no equivalent on Virtuoso or Oxigraph and is left out for both."
  echo "- Rows: SELECT bindings (ASK: 1; CONSTRUCT: triples) of the first warm-up run; \"-\" where a run recorded none."
  echo "- Commands: \`bench/run.sh $n\` (Fuseki), \`bench/virtuoso.sh $n\`, \`bench/oxigraph.sh $n\`, rendered by \`bench/report.sh $n\`."
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
