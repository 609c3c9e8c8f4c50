#!/usr/bin/env bash
# Start or stop the pinned Azurite (blob 10000, queue 10001, table 10002) for local runs and tests.
# Ports: AZURITE_BLOB_PORT, AZURITE_QUEUE_PORT, AZURITE_TABLE_PORT override them (the runner and tests expect the defaults);
# AZURITE_LOCATION the data folder (default .azurite/data).
#   scripts/azurite.sh start   -> reuses an Azurite already listening, else starts one (data in .azurite/)
#   scripts/azurite.sh stop    -> stops only the Azurite this script started
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.azurite"
pidfile="$dir/azurite.pid"
location="${AZURITE_LOCATION:-$dir/data}"
blob_port="${AZURITE_BLOB_PORT:-10000}"
queue_port="${AZURITE_QUEUE_PORT:-10001}"
table_port="${AZURITE_TABLE_PORT:-10002}"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# A loaded machine's Azurite can take seconds to answer; a short timeout would call it "not Azurite".
is_azurite() { curl -s -m 10 -o /dev/null -D - "http://127.0.0.1:$blob_port/" 2>/dev/null | grep -qi '^server: azurite'; }

case "${1:-}" in
  start)
    if listening "$blob_port"; then
      if is_azurite; then echo "azurite: already listening on $blob_port, reusing it"; exit 0; fi
      echo "azurite: port $blob_port is taken by something that is not Azurite." >&2
      echo "  fix: stop that process (see: ss -ltnp 'sport = :$blob_port') so Azurite can use ports $blob_port, $queue_port and $table_port." >&2
      exit 1
    fi
    for port in "$queue_port" "$table_port"; do
      if listening "$port"; then
        echo "azurite: port $port is taken by something else, and Azurite needs it (blob $blob_port, queue $queue_port, table $table_port)." >&2
        echo "  fix: stop that process (see: ss -ltnp 'sport = :$port'), then run scripts/azurite.sh start again." >&2
        exit 1
      fi
    done
    command -v node >/dev/null || { echo "azurite: Node.js is missing (no node on PATH); install Node.js 20+ (https://nodejs.org, or e.g. apt-get install nodejs npm), then run scripts/setup.sh." >&2; exit 1; }
    [ -f "$root/node_modules/azurite/dist/src/azurite.js" ] || { echo "azurite: not installed; run scripts/setup.sh (npm ci)." >&2; exit 1; }
    mkdir -p "$dir"
    # --skipApiVersionCheck: the current Azure SDKs send API versions newer than Azurite knows.
    # --location, not --inMemoryPersistence: the in-memory store stalls under queue load.
    # --disableTelemetry: by default Azurite reports 1 % of requests to Application Insights as they happen; nothing of a
    # local store should leave the machine (and CI has no route out). It made no difference to run times (A/B, 1,000 users).
    env -u CONTAINER_NAME node "$root/node_modules/azurite/dist/src/azurite.js" \
      --silent --skipApiVersionCheck --loose --disableTelemetry --location "$location" \
      --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
      --blobPort "$blob_port" --queuePort "$queue_port" --tablePort "$table_port" \
      >"$dir/azurite.log" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 100); do
      if listening "$blob_port" && listening "$queue_port" && listening "$table_port"; then echo "azurite: started (pid $(cat "$pidfile"))"; exit 0; fi
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
