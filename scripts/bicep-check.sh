#!/usr/bin/env bash
# Compiles and lints infra/bicep/main.bicep (and its modules) with the Bicep CLI fetched through NuGet
# (tools/Bicep/Bicep.proj). Fails on any error and on any warning: rule levels live in
# infra/bicep/bicepconfig.json, where every rule turned off says why.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
version="0.49.2"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [ ! -x "$bicep" ]; then
  env -u CONTAINER_NAME dotnet restore tools/Bicep/Bicep.proj --verbosity quiet
  # NuGet does not keep the execute bit.
  chmod +x "$bicep"
fi
template="${1:-infra/bicep/main.bicep}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
status=0
"$bicep" build "$template" --stdout >/dev/null 2>"$out" || status=$?
"$bicep" lint "$template" >>"$out" 2>&1 || status=$?
cat "$out"
if [ "$status" -ne 0 ] || grep -qE ': (Warning|Error) ' "$out"; then
  echo "bicep-check: $template has diagnostics (see above)" >&2
  exit 1
fi
echo "bicep-check: $template builds and lints clean (bicep $version)"
