#!/usr/bin/env bash
# The Dockerfile's build steps, run without a Docker engine, in a temp dir:
#   1. generate validators, compile and bundle (as the build stage does) into the temp dir;
#   2. `npm ci --omit=dev` there (the deps stage): production dependencies only;
#   3. run the built CLI: --version, `controller --help`, then `berth controller` itself, probed
#      with the image's HEALTHCHECK command and stopped with SIGTERM (must exit in time);
#   4. unless --no-node24: --version again on Node 24 from the npm `node` package.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
node24=1
[ "${1:-}" = "--no-node24" ] && node24=0

tmp=$(mktemp -d "${TMPDIR:-/tmp}/berth-docker-steps.XXXXXX")
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "== build stage: generate validators, compile, bundle (the files the Dockerfile copies, only)"
mkdir -p "$tmp/build/scripts" "$tmp/app/dist"
cp "$here/package.json" "$here/package-lock.json" "$here/tsconfig.json" "$here/tsconfig.build.json" "$tmp/build/"
cp "$here/scripts/generate-validators.mjs" "$here/scripts/bundle.mjs" "$tmp/build/scripts/"
cp -r "$here/schemas" "$here/src" "$tmp/build/"
ln -s "$here/node_modules" "$tmp/build/node_modules"
(cd "$tmp/build" && npm run --silent build && npm run --silent bundle)
cp -r "$tmp/build/dist/bundle" "$tmp/app/dist/bundle"

echo "== deps stage: npm ci --omit=dev"
cp "$here/package.json" "$here/package-lock.json" "$tmp/app/"
cp -r "$here/schemas" "$tmp/app/schemas"
(cd "$tmp/app" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
if [ -d "$tmp/app/node_modules/typescript" ] || [ -d "$tmp/app/node_modules/vitest" ]; then
  echo "dev dependencies leaked into the production install" >&2
  exit 1
fi

echo "== runtime: the built CLI on production dependencies"
cd "$tmp/app"
want=$(node -p "require('./package.json').version")
got=$(node dist/bundle/main.js --version)
[ "$got" = "$want" ] || { echo "--version printed '$got', expected '$want'" >&2; exit 1; }
echo "berth --version: $got"
node dist/bundle/main.js controller --help >/dev/null

# A local repository and no reachable AWS: the controller runs, /healthz answers, cycles fail.
mkdir -p "$tmp/repo/jobs"
cp "$here/berth.yaml" "$tmp/repo/"
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
export BERTH_LISTEN="127.0.0.1:$port" AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x \
  AWS_ENDPOINT_URL=http://127.0.0.1:9 AWS_EC2_METADATA_DISABLED=true BERTH_MAX_ATTEMPTS=1
node dist/bundle/main.js -C "$tmp/repo" controller --shutdown-timeout 5s >"$tmp/controller.log" 2>&1 &
pid=$!
# The HEALTHCHECK line of the Dockerfile, verbatim.
probe=$(sed -n 's/.*CMD \["node", "-e", "\(.*\)"\]$/\1/p' "$here/Dockerfile" | sed 's/\\"/"/g')
[ -n "$probe" ] || { echo "HEALTHCHECK command not found in Dockerfile" >&2; exit 1; }
ok=0
for _ in $(seq 1 50); do
  if node -e "$probe"; then ok=1; break; fi
  sleep 0.2
done
[ "$ok" = 1 ] || { echo "healthcheck never passed" >&2; cat "$tmp/controller.log" >&2; exit 1; }
echo "HEALTHCHECK: healthy"
kill -TERM "$pid"
for _ in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$pid" 2>/dev/null; then
  echo "controller did not stop within 15 s of SIGTERM" >&2
  exit 1
fi
wait "$pid" || true
pid=""
grep -q '"msg":"stopped"' "$tmp/controller.log" || { echo "no 'stopped' log line" >&2; cat "$tmp/controller.log" >&2; exit 1; }
echo "SIGTERM: stopped cleanly"

if [ "$node24" = 1 ]; then
  echo "== Node 24"
  got24=$(npx -y node@24 dist/bundle/main.js --version)
  [ "$got24" = "$want" ] || { echo "Node 24: --version printed '$got24'" >&2; exit 1; }
  echo "berth --version on $(npx -y node@24 --version): $got24"
fi
echo "docker steps: ok"
