#!/usr/bin/env bash
# Sets up (Node 24 if needed, dependencies) and starts Instruct Desk: the desktop app where
# Electron can run, otherwise the web preview in your browser.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  bash scripts/node.sh npm ci --no-audit --no-fund
fi
bash scripts/node.sh npm start -- "$@"
