#!/usr/bin/env bash
# What a stranger does: `npm pack` the package (prepack builds it), install the tarball into an
# empty folder with `npm install --global --prefix`, then run the installed `berth`: --version,
# `validate` on a copy of the example repository, and `init --workflows` in an empty folder
# followed by `validate`, then `plan`, `apply` and a second `plan` of that repository against the
# local AWS emulator. Fails when the tarball lacks a file berth needs at run time (schemas, dist),
# or when the bundle reads a file that only exists in a build tree.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/berth-pack.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "== npm pack (node $(node --version))"
tgz=$(cd "$here" && npm pack --silent --pack-destination "$tmp" | tail -n1)
echo "tarball: $tgz ($(du -k "$tmp/$tgz" | cut -f1) KiB)"
# Nothing but what `files` names (and npm's own README, package.json, LICENSE).
unexpected=$(tar -tzf "$tmp/$tgz" | grep -Ev '^package/(dist/bundle/|schemas/|examples/github/|package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$|SECURITY\.md$)' || true)
[ -z "$unexpected" ] || { echo "unexpected files in the tarball:" >&2; echo "$unexpected" >&2; exit 1; }

echo "== npm install --global --prefix <empty folder>"
mkdir -p "$tmp/prefix"
npm install --global --prefix "$tmp/prefix" --no-audit --no-fund --loglevel=error "$tmp/$tgz"
berth="$tmp/prefix/bin/berth"
[ -x "$berth" ] || { echo "no berth command after install" >&2; exit 1; }
echo "installed: $(du -sk "$tmp/prefix" | cut -f1) KiB"

want=$(node -p "require('$here/package.json').version")
got=$("$berth" --version)
[ "$got" = "$want" ] || { echo "berth --version printed '$got', expected '$want'" >&2; exit 1; }
echo "berth --version: $got"

echo "== berth validate on the example repository"
mkdir -p "$tmp/repo"
cp -r "$here/berth.yaml" "$here/jobs" "$tmp/repo/"
(cd "$tmp/repo" && "$berth" validate)

echo "== berth init in an empty folder, then validate"
mkdir -p "$tmp/fresh"
(cd "$tmp/fresh" && "$berth" init --cluster etl --region us-east-1 \
  --scheduler-role-arn arn:aws:iam::123456789012:role/berth-scheduler \
  --subnet subnet-0a1b2c3d4e5f60718 --security-group sg-0c3d4e5f60718293a \
  --execution-role-arn arn:aws:iam::123456789012:role/etl-task-execution --workflows && "$berth" validate)
# The workflows come from the package's examples/github: present only if `files` ships them.
[ -s "$tmp/fresh/.github/workflows/berth-pull-request.yml" ] || { echo "init --workflows wrote no workflow" >&2; exit 1; }
echo "== berth plan, apply, plan again on the local AWS emulator (the installed package, not the build tree)"
read -r port pid < <(bash "$here/scripts/emulator.sh" start)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
(
  cd "$tmp/fresh"
  export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=smoke AWS_SECRET_ACCESS_KEY=smoke
  export AWS_EC2_METADATA_DISABLED=true BERTH_CACHE_DIR="$tmp/cache"
  code=0
  "$berth" plan --detailed-exitcode >/dev/null || code=$?
  [ "$code" -eq 2 ] || { echo "berth plan on an empty account exited $code, expected 2 (changes)" >&2; exit 1; }
  "$berth" apply --auto-approve >/dev/null
  # Second plan: served from the on-disk caches the first one wrote; AWS now equals git.
  "$berth" plan --detailed-exitcode
)
echo "pack smoke: ok"
