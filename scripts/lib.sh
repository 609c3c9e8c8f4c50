# Sourced by the scripts in this folder.
scripts_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Start Azurite unless one is already listening; stop it on exit only if we started it.
with_azurite() {
  local out
  out="$("$scripts_dir/azurite.sh" start)" || return 1
  echo "$out"
  if [[ "$out" == *started* ]]; then
    trap "\"$scripts_dir/azurite.sh\" stop" EXIT
  fi
}

# What every entry point does first: work from the repo root, install what is missing, have Azurite.
prepare() {
  cd "$scripts_dir/.."
  # This machine sets CONTAINER_NAME, which makes Durable components believe they run on Linux Consumption.
  unset CONTAINER_NAME
  "$scripts_dir/setup.sh"
  with_azurite
}
