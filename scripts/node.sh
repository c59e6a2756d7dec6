#!/usr/bin/env bash
# Runs a command with a Node.js new enough for the toolchain (>= 22.16).
# When the system node is older, Node 24 is taken from the npm package
# node-<os>-<arch> into .node/ (git-ignored) and put first on PATH.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pinned="24.21.0"
local_dir="$root/.node"

version_ok() {
  local v major minor
  v="$("$1" -p 'process.versions.node' 2>/dev/null)" || return 1
  major="${v%%.*}"; minor="${v#*.}"; minor="${minor%%.*}"
  [ "$major" -gt 22 ] || { [ "$major" -eq 22 ] && [ "$minor" -ge 16 ]; }
}

platform_package() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;; Darwin) os=darwin ;;
    *) echo "scripts/node.sh: install Node.js 22.16 or newer for $(uname -s) from https://nodejs.org" >&2; exit 1 ;;
  esac
  case "$(uname -m)" in
    x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;;
    *) echo "scripts/node.sh: no Node.js package for $(uname -m); install Node.js 22.16+ yourself" >&2; exit 1 ;;
  esac
  echo "node-$os-$arch@$pinned"
}

if ! command -v node >/dev/null 2>&1 || ! version_ok node; then
  if [ ! -x "$local_dir/bin/node" ] || ! version_ok "$local_dir/bin/node"; then
    pkg="$(platform_package)"
    echo "scripts/node.sh: system Node.js is older than 22.16; fetching $pkg into .node/" >&2
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "$pkg" >/dev/null)
    rm -rf "$local_dir" && mkdir -p "$local_dir"
    tar -xzf "$tmp"/*.tgz -C "$local_dir" --strip-components=1 package/bin/node package/LICENSE
    rm -rf "$tmp"
  fi
  export PATH="$local_dir/bin:$PATH"
fi

# The Electron binary is fetched only on demand (scripts/start.mjs); installs never need it.
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"

if [ "$#" -gt 0 ]; then exec "$@"; fi
