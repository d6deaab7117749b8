#!/usr/bin/env bash
# The whole test suite, with its own set-up: node modules, the emulator's virtualenv,
# build, type check, lint (code, formatting, example workflows), unit + integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
# berth needs Node 22+. On an older node (machines still ship 20) the whole suite re-runs under
# Node 22 from the npm `node` package; BERTH_TEST_NODE picks another (e.g. 24), "system" keeps
# whatever node is on PATH.
want="${BERTH_TEST_NODE:-22}"
have=$(node -p 'process.versions.node.split(".")[0]')
if [ "$want" != system ] && [ "$have" != "$want" ] && { [ -n "${BERTH_TEST_NODE:-}" ] || [ "$have" -lt 22 ]; }; then
  echo "test: node $(node --version) here; running the suite on Node $want" >&2
  exec npx -y -p "node@$want" bash "$0" "$@"
fi
echo "test: node $(node --version)" >&2
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
bash scripts/emulator.sh install
npm run --silent build
npm run --silent typecheck
npm run --silent lint
bash scripts/lint-workflows.sh
npx vitest run "$@"
