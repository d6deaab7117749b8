#!/usr/bin/env bash
# Packaging benchmark: the npm package as published (an esbuild bundle, scripts/bundle.mjs) against
# the unbundled tsc output on node_modules. Prints install size and start-up medians; fails on nothing.
#   bash bench/packaging.sh [runs]      (default 11 runs per command; needs `npm run build` first)
# Start-up commands: --version, validate (the example repository), and plan against an endpoint that
# refuses connections at once (loads the AWS SDK, makes one failed call): the cost of module loading.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs="${1:-11}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/berth-packaging.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$here"

echo "node $(node --version), $(nproc) cores, $runs runs per command"
echo "== bundle (what npm publishes): npm pack + npm install --global --prefix"
tgz=$(npm pack --silent --pack-destination "$tmp" | tail -n1)
npm install --global --prefix "$tmp/npm" --no-audit --no-fund --loglevel=error "$tmp/$tgz" >/dev/null
bundle_main="$tmp/npm/lib/node_modules/berthctl/dist/bundle/main.js"

echo "== unbundled: tsc output (dist/src) on a production install of the modules it imports"
mkdir -p "$tmp/plain/dist"
cp -r dist/src "$tmp/plain/dist/" && cp -r schemas "$tmp/plain/"
node -e "
const p = require('./package.json'), all = { ...p.devDependencies, ...p.dependencies };
const runtime = Object.keys(all).filter((d) => /^(@aws-sdk\/|ajv$|chokidar$|commander$|luxon$|p-limit$|pino$|prom-client$|simple-git$|yaml$)/.test(d));
const deps = Object.fromEntries(runtime.map((d) => [d, all[d]]));
require('fs').writeFileSync('$tmp/plain/package.json', JSON.stringify({ name: p.name, version: p.version, type: 'module', dependencies: deps }));"
(cd "$tmp/plain" && npm install --omit=dev --no-audit --no-fund --loglevel=error >/dev/null)
pkg_main="$tmp/plain/dist/src/main.js"

mkdir -p "$tmp/repo"
cp -r berth.yaml jobs "$tmp/repo/"
export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_ENDPOINT_URL=http://127.0.0.1:9 \
  AWS_EC2_METADATA_DISABLED=true BERTH_MAX_ATTEMPTS=1 AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

run_ms() { # main.js args... → wall time of one run in ms
  local s e
  s=$(date +%s%N)
  node "$@" >/dev/null 2>&1 || true
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# A and B alternate run by run, so a busy moment on a shared machine hits both alike.
compare() { # args... → "median-A median-B"
  local a=() b=()
  run_ms "$pkg_main" "$@" >/dev/null
  run_ms "$bundle_main" "$@" >/dev/null
  for _ in $(seq 1 "$runs"); do
    a+=("$(run_ms "$pkg_main" "$@")")
    b+=("$(run_ms "$bundle_main" "$@")")
  done
  echo "$(printf '%s\n' "${a[@]}" | median) $(printf '%s\n' "${b[@]}" | median)"
}

printf '\n| | unbundled (tsc + node_modules) | bundle (published) |\n|---|---|---|\n'
printf '| installed size | %s MiB | %s MiB |\n' \
  "$(( $(du -sk "$tmp/plain" | cut -f1) / 1024 ))" "$(( $(du -sk "$tmp/npm" | cut -f1) / 1024 ))"
printf '| files | %s | %s |\n' "$(find "$tmp/plain" -type f | wc -l)" "$(find "$tmp/npm" -type f | wc -l)"
for cmd in "--version" "validate" "plan --no-cache"; do
  # shellcheck disable=SC2086
  read -r a b < <(cd "$tmp/repo" && compare $cmd)
  printf '| `berth %s` start-up, median | %s ms | %s ms |\n' "$cmd" "$a" "$b"
done
