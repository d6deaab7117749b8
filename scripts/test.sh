#!/usr/bin/env bash
# The whole test suite, with its own set-up: node modules, the emulator's virtualenv,
# build, type check, lint (code, formatting, example workflows), unit + integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
bash scripts/emulator.sh install
npm run --silent build
npm run --silent typecheck
npm run --silent lint
bash scripts/lint-workflows.sh
npx vitest run "$@"
