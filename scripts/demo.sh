#!/usr/bin/env bash
# berth's main job end to end on the embedded default: a local AWS emulator, no AWS
# account. Sets itself up (node modules, the emulator's virtualenv, build), then:
# validate -> plan -> apply -> no-op plan -> an out-of-band change -> drift -> heal.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
bash scripts/emulator.sh install
npm run --silent build

read -r port pid < <(bash scripts/emulator.sh start)
trap 'kill "$pid" 2>/dev/null || true' EXIT
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo AWS_EC2_METADATA_DISABLED=true
export BERTH_CACHE_DIR="$root/.berth/demo-cache" AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
rm -rf "$BERTH_CACHE_DIR"

repo="$root/.berth/demo-repo"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
berth() { printf '$ berth %s\n' "$*"; node "$root/dist/src/main.js" -C "$repo" "$@"; }

step "Local AWS emulator on 127.0.0.1:$port; creating the cluster and network the examples use"
npx --no-install tsx scripts/demo/seed.ts "$root" "$repo"
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" -c user.name=demo -c user.email=demo@example.invalid commit -qm "example jobs"

step "1. Validate the example manifests"
berth validate

step "2. Plan against an empty account: everything is created"
berth plan --stats

step "3. Apply"
berth apply --auto-approve

step "4. Plan again: nothing to do (the new revisions are described once, then cached)"
berth plan --stats --detailed-exitcode
step "   ... and warm: only the listing calls"
berth plan --stats --detailed-exitcode | tail -1

step "5. Someone edits a schedule in the console"
npx --no-install tsx scripts/demo/out-of-band.ts berth-analytics-etl etl-daily-sales

step "6. berth sees the drift, field by field (exit code 2 = changes)"
set +e
berth plan --detailed-exitcode
code=$?
set -e
echo "(plan exit code: $code)"
[ "$code" -eq 2 ]

step "7. Apply puts it back"
berth apply --auto-approve

step "8. In sync again"
berth plan --detailed-exitcode
echo
echo "Demo complete: the example jobs were created, drift was detected and healed."
