#!/usr/bin/env bash
# Start or stop the pinned Azurite (blob 10000, queue 10001, table 10002) for local runs and tests.
#   scripts/azurite.sh start   -> reuses an Azurite already listening, else starts one (data in .azurite/)
#   scripts/azurite.sh stop    -> stops only the Azurite this script started
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.azurite"
pidfile="$dir/azurite.pid"
blob_port="${AZURITE_BLOB_PORT:-10000}"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
is_azurite() { curl -s -m 2 -o /dev/null -D - "http://127.0.0.1:$blob_port/" 2>/dev/null | grep -qi '^server: azurite'; }

case "${1:-}" in
  start)
    if listening "$blob_port"; then
      if is_azurite; then echo "azurite: already listening on $blob_port, reusing it"; exit 0; fi
      echo "azurite: port $blob_port is taken by something that is not Azurite." >&2
      echo "  fix: stop that process (see: ss -ltnp 'sport = :$blob_port') or free ports 10000-10002." >&2
      exit 1
    fi
    command -v node >/dev/null || { echo "azurite: Node.js is missing; install Node.js 20+ (e.g. apt-get install nodejs npm)." >&2; exit 1; }
    [ -f "$root/node_modules/azurite/dist/src/azurite.js" ] || { echo "azurite: not installed; run scripts/setup.sh (npm ci)." >&2; exit 1; }
    mkdir -p "$dir"
    # --skipApiVersionCheck: the current Azure SDKs send API versions newer than Azurite knows.
    # --location, not --inMemoryPersistence: the in-memory store stalls under queue load.
    env -u CONTAINER_NAME node "$root/node_modules/azurite/dist/src/azurite.js" \
      --silent --skipApiVersionCheck --loose --location "$dir/data" \
      --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
      >"$dir/azurite.log" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 100); do
      if listening "$blob_port" && listening 10001 && listening 10002; then echo "azurite: started (pid $(cat "$pidfile"))"; exit 0; fi
      kill -0 "$(cat "$pidfile")" 2>/dev/null || { echo "azurite: exited at start; see $dir/azurite.log" >&2; cat "$dir/azurite.log" >&2; exit 1; }
      sleep 0.2
    done
    echo "azurite: did not start listening within 20 s; see $dir/azurite.log" >&2; exit 1
    ;;
  stop)
    if [ -f "$pidfile" ]; then
      pid="$(cat "$pidfile")"; rm -f "$pidfile"
      if kill "$pid" 2>/dev/null; then
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
        echo "azurite: stopped (pid $pid)"
      fi
    fi
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
