#!/usr/bin/env bash
# deploy/rolling-update.sh NEW_RELEASE (a release folder or URL, as `kvgraph publish` writes it)
#
# Moves every replica listed in $KVGRAPH_DEPLOY/replicas to NEW_RELEASE, one at a time:
#   1. drain: mark it down in upstream.conf, reload nginx, wait until the old workers have exited (their
#      requests, some on this replica, have finished); new requests go to the other replicas only;
#   2. stop it (SIGTERM), start it on NEW_RELEASE (`kvgraph serve --release`: verified, database built);
#   3. check it directly: the cheap query answers 200 with X-Kvgraph-Release = NEW_RELEASE's version;
#   4. put it back (upstream.conf without `down`, reload).
# The other replicas answer throughout, so the endpoint never stops answering; each response comes from one
# replica and so from one release (its X-Kvgraph-Release header says which). Between the first and the last
# step both releases answer, each response whole from one of them. Stops at the first replica that fails its
# check, leaving it out of the upstream and the others serving (exit 1).
set -euo pipefail
# shellcheck source=deploy/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ $# -eq 1 ] || { echo "usage: $0 NEW_RELEASE (folder or URL)" >&2; exit 2; }
NEW="$1"
case "$NEW" in http://*|https://*) ;; *) NEW="$(cd "$NEW" && pwd)" ;; esac
VERSION="$(release_version "$NEW")"
[ -n "$VERSION" ] || { log "no owl:versionInfo in $NEW/dataset.ttl"; exit 1; }
ports=($(replica_ports))
[ "${#ports[@]}" -ge 2 ] || log "warning: only ${#ports[@]} replica: the endpoint is down while it restarts"
log "rolling update of ${#ports[@]} replicas to release $VERSION"
for p in "${ports[@]}"; do
  if [ "$(health "$p")" = "200 $VERSION" ]; then
    log "replica $p already serves $VERSION"; continue
  fi
  log "replica $p: drain"
  write_upstream "$p"
  nginx_reload
  log "replica $p: restart on $VERSION"
  stop_replica "$p"
  start_replica "$p" "$NEW"
  if ! wait_healthy "$p" "$VERSION" "${KVGRAPH_START_SECONDS:-300}"; then
    log "replica $p failed its check; it stays out of the upstream"
    exit 1
  fi
  log "replica $p: healthy, put back"
  write_upstream
  nginx_reload
done
log "all replicas serve $VERSION"
