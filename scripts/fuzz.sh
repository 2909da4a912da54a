#!/usr/bin/env bash
# Fuzzes each reader with Jazzer for SECONDS (default 60) in turn and prints a summary line per target:
#   scripts/fuzz.sh [SECONDS] [TARGET...]      targets: letter aanhangsel odata syncfeed pdf document (default: all)
# The targets are the @FuzzTest methods of src/test/java/org/kvgraph/source/ReaderFuzzTest.java. A finding is
# written to src/test/resources/org/kvgraph/source/ReaderFuzzTestInputs/<target>/crash-* (or timeout-*): give it a
# telling name, fix the reader, and commit it as a regression case. The corpus grown while fuzzing is kept in
# .cifuzz-corpus/ (not committed), so a later run starts where this one stopped. Logs: target/fuzz/<target>.log.
# Needs the dependencies in ~/.m2 (one online `mvn test-compile` first); runs Maven offline.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(letter aanhangsel odata syncfeed pdf document)
inputs=src/test/resources/org/kvgraph/source/ReaderFuzzTestInputs
mkdir -p target/fuzz
mvn -o -q test-compile || exit 1
status=0
printf '%-11s %8s %9s %7s %5s  %s\n' target seconds runs exec/s cov findings
for t in "${targets[@]}"; do
  log="target/fuzz/$t.log"
  before=$(ls "$inputs/$t" 2>/dev/null | grep -cE '^(crash|timeout|slow-unit)-' || true)
  JAZZER_FUZZ=1 mvn -o test -Dsurefire.failIfNoSpecifiedTests=false -Dtest="ReaderFuzzTest#$t" \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$seconds" >"$log" 2>&1
  rc=$?
  after=$(ls "$inputs/$t" 2>/dev/null | grep -cE '^(crash|timeout|slow-unit)-' || true)
  done_line=$(grep -aE "^Done [0-9]+ runs in [0-9]+ second" "$log" | tail -1)
  runs=$(sed -E 's/^Done ([0-9]+) runs in ([0-9]+) .*/\1/' <<<"$done_line")
  secs=$(sed -E 's/^Done ([0-9]+) runs in ([0-9]+) .*/\2/' <<<"$done_line")
  cov=$(grep -aoE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  rate=$([ -n "$secs" ] && [ "$secs" -gt 0 ] && echo $((runs / secs)) || echo -)
  findings=$((after - before))
  note=$findings
  if [ $rc -ne 0 ]; then
    status=1
    note="$findings (FAILED: $(grep -a -m1 -oE 'FuzzTestFinding.*' "$log" | cut -c1-150))"
  fi
  printf '%-11s %8s %9s %7s %5s  %s\n' "$t" "${secs:--}" "${runs:--}" "$rate" "${cov:--}" "$note"
done
exit $status
