#!/usr/bin/env bash
# Every performance figure docs/benchmarks.md states, in one run: set-up, Azurite, one Release build, then bench/bench.py, which
# prints one markdown table (measure | baseline | this project | ratio | goal | machine) and writes artifacts/bench/bench.json.
# Arguments go to bench.py: --quick (tiny sizes, one run: checks the plumbing), --runs N, --only users,fanout,...,
# --update-docs (rewrites the table between the bench markers in docs/benchmarks.md; --update-readme, its old name,
# still works). Stops what it started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
# Azurite keeps each table store in one JSON file that it rewrites whole on every save, so it slows down as task hubs pile
# up (a store of 120 MB left by a day of tests made runs 2-3 times slower). The figures want a fresh one: an Azurite this
# script starts gets an empty folder; one already running is reused, with a warning when it holds a lot.
bench_data="$(cd "$(dirname "$0")/.." && pwd)/.azurite/bench-data"
if (exec 3<>/dev/tcp/127.0.0.1/"${AZURITE_BLOB_PORT:-10000}") 2>/dev/null; then
  size_mb="$(du -sm "$(cd "$(dirname "$0")/.." && pwd)/.azurite" 2>/dev/null | cut -f1 || echo 0)"
  [ "${size_mb:-0}" -lt 100 ] || echo "bench: the running Azurite's data is ${size_mb} MB; stop it (scripts/azurite.sh stop) for figures from a fresh store" >&2
else
  rm -rf "$bench_data"
  export AZURITE_LOCATION="$bench_data"
  # bench.py gives each measure an empty store of its own in this folder (it restarts this Azurite between measures).
  export BENCH_AZURITE_LOCATION="$bench_data"
fi
prepare
dotnet build src/Local -c Release --no-restore -nologo -clp:ErrorsOnly
# The app the host measure runs under the Functions host.
dotnet build src/Functions -c Release --no-restore -nologo -clp:ErrorsOnly
python3 bench/bench.py "$@"
