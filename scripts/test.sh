#!/usr/bin/env bash
# Sets up (Node 24 if needed, dependencies) and runs every test: typecheck, lint, build,
# unit + integration, and end-to-end in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  bash scripts/node.sh npm ci --no-audit --no-fund
fi
bash scripts/node.sh npm test
