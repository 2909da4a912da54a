# Shared by deploy/rolling-update.sh and deploy/scale-test.sh: the replica list, the nginx upstream, replica
# processes and their health. Source it; it sets no shell options of its own.
#
# State folder ($KVGRAPH_DEPLOY, default /var/lib/kvgraph-deploy):
#   replicas            one loopback port a line: the replicas behind nginx
#   upstream.conf       nginx's upstream block, written from `replicas` (a drained replica marked down)
#   rPORT.pid/.log      a replica process (started by start_replica) and its output
#   rPORT.release       the release (folder or URL) the replica serves
#   db-PORT/            its TDB2 database (kvgraph serve --db), cache/ fetched releases
# Settings (environment): KVGRAPH_CMD (how to run kvgraph; default: java on target/kvgraph.jar),
# KVGRAPH_TIMEOUT (query limit, s; default 60), NGINX_CMD (default: nginx; the scale test adds -c/-p),
# NGINX_PID_FILE (default /run/nginx.pid).
# A site that runs replicas under systemd replaces start_replica/stop_replica in $KVGRAPH_DEPLOY/hooks.sh.

KV_ROOT="${KV_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
KV_STATE="${KVGRAPH_DEPLOY:-/var/lib/kvgraph-deploy}"
KV_TIMEOUT="${KVGRAPH_TIMEOUT:-60}"
KVGRAPH_CMD="${KVGRAPH_CMD:-java -Xmx384m -jar $KV_ROOT/target/kvgraph.jar}"
NGINX_CMD="${NGINX_CMD:-nginx}"
NGINX_PID_FILE="${NGINX_PID_FILE:-/run/nginx.pid}"
HEALTH_PATH='/kamervragen/sparql?query=ASK%7B%7D'

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

replica_ports() { grep -E '^[0-9]+$' "$KV_STATE/replicas"; }

# write_upstream [PORT...]: the upstream block with the given replicas marked down (drained).
write_upstream() {
  local tmp="$KV_STATE/upstream.conf.tmp" p mark
  {
    echo "# written by deploy/lib.sh write_upstream; do not edit"
    echo "upstream kvgraph {"
    echo "    zone kvgraph 64k;"
    for p in $(replica_ports); do
      mark=""
      for d in "$@"; do [ "$d" = "$p" ] && mark=" down"; done
      echo "    server 127.0.0.1:$p max_fails=1 fail_timeout=5s$mark;"
    done
    echo "    keepalive 16;"
    echo "}"
  } >"$tmp"
  mv "$tmp" "$KV_STATE/upstream.conf"
}

# render_nginx_site LISTEN OUT: the server config from deploy/nginx/kvgraph.conf.in.
render_nginx_site() {
  sed -e "s|@STATE@|$KV_STATE|g" -e "s|@LB_LISTEN@|$1|g" -e "s|@TIMEOUT@|$KV_TIMEOUT|g" \
      -e "s|@PROXY_TIMEOUT@|$((KV_TIMEOUT + 5))|g" "$KV_ROOT/deploy/nginx/kvgraph.conf.in" >"$2"
  # KV_NO_RETRY=1: without retries on another replica, to show that deploy/scale-test.sh then fails
  if [ "${KV_NO_RETRY:-0}" = 1 ]; then
    sed -i 's|^\( *\)proxy_next_upstream .*|\1proxy_next_upstream off;|' "$2"
  fi
}

nginx_workers() { pgrep -P "$(cat "$NGINX_PID_FILE")" 2>/dev/null | sort; }

# nginx_reload: checks the configuration, reloads, and waits until every worker of the old configuration has
# exited: nginx lets an old worker finish the requests it is serving before it exits, so when this returns
# no request is still running under the old upstream (the drain). Gives up after the query limit + 10 s.
nginx_reload() {
  local old new deadline
  $NGINX_CMD -t -q || { log "nginx configuration test failed"; return 1; }
  old="$(nginx_workers)"
  $NGINX_CMD -s reload
  deadline=$((SECONDS + KV_TIMEOUT + 10))
  while :; do
    new="$(nginx_workers)"
    if [ -n "$new" ] && [ -z "$(comm -12 <(echo "$old") <(echo "$new"))" ]; then
      return 0
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "old nginx workers still running after $((KV_TIMEOUT + 10)) s"
      return 1
    fi
    sleep 0.1
  done
}

# release_version DIR|URL: the owl:versionInfo of the release's dataset.ttl.
release_version() {
  local d
  case "$1" in
    http://*|https://*) d="$(curl -fsS --max-time 20 "${1%/}/dataset.ttl")" || return 1 ;;
    *) d="$(cat "$1/dataset.ttl")" || return 1 ;;
  esac
  sed -n 's/.*owl:versionInfo "\([^"]*\)".*/\1/p' <<<"$d" | head -n 1
}

# health PORT: "CODE VERSION" of the cheap query on one replica.
health() {
  curl -s -o /dev/null --max-time 5 -H 'Accept: application/sparql-results+json' \
    -w '%{http_code} %header{x-kvgraph-release}' "http://127.0.0.1:$1$HEALTH_PATH" || true
}

# wait_healthy PORT VERSION SECONDS: until the replica answers the cheap query (200) naming VERSION.
wait_healthy() {
  local deadline=$((SECONDS + $3)) h
  while [ "$SECONDS" -lt "$deadline" ]; do
    h="$(health "$1")"
    [ "$h" = "200 $2" ] && return 0
    if [ -f "$KV_STATE/r$1.pid" ] && ! kill -0 "$(cat "$KV_STATE/r$1.pid")" 2>/dev/null; then
      log "replica $1 exited:"; tail -n 5 "$KV_STATE/r$1.log" >&2; return 1
    fi
    sleep 0.25
  done
  log "replica $1 not healthy with release $2 after $3 s (last: '$h')"
  return 1
}

start_replica() { # PORT RELEASE
  mkdir -p "$KV_STATE"
  echo "$2" >"$KV_STATE/r$1.release"
  (cd "$KV_ROOT" && exec $KVGRAPH_CMD serve --release "$2" --db "$KV_STATE/db-$1" --cache "$KV_STATE/cache" \
      --port "$1" --timeout "$KV_TIMEOUT" >>"$KV_STATE/r$1.log" 2>&1) &
  echo $! >"$KV_STATE/r$1.pid"
}

stop_replica() { # PORT: SIGTERM (Fuseki finishes and closes the database), SIGKILL after 30 s
  local pid
  pid="$(cat "$KV_STATE/r$1.pid" 2>/dev/null)" || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$KV_STATE/r$1.pid"
}

if [ -f "$KV_STATE/hooks.sh" ]; then
  # shellcheck disable=SC1091
  . "$KV_STATE/hooks.sh"
fi
