#!/usr/bin/env bash
# Installs what the repo needs beyond the .NET SDK and Node.js: the pinned Azurite (npm ci) and NuGet packages.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is missing (https://dot.net)." >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: Node.js/npm is missing; install Node.js 20+." >&2; exit 1; }
if [ ! -f node_modules/azurite/package.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
dotnet restore Serverless.sln --verbosity quiet
