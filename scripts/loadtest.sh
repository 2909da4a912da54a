#!/usr/bin/env bash
# Load test on loopback: the bundled data served on 127.0.0.1 (a free port), CLIENTS concurrent clients running the
# example queries of queries/ for SECONDS, then the same with one client sending a runaway query instead.
#   scripts/loadtest.sh [SECONDS=60] [CLIENTS=32] [TIMEOUT_SECONDS=10]
# Prints requests, errors and p50/p90/p99/max latency per phase; exits 1 if an example query failed. Bounded: each
# phase ends after SECONDS (or 2,000,000 requests). Nothing but 127.0.0.1 is contacted. Runs Maven offline.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -o -q test-compile
mvn -o -q dependency:build-classpath -Dmdep.outputFile=target/loadtest.classpath >/dev/null
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/loadtest.classpath)" \
  org.kvgraph.web.LoadGenerator "${1:-60}" "${2:-32}" "${3:-10}"
