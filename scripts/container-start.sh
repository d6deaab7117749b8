#!/bin/sh
# The image's entry point: sizes V8's heap from the container's memory limit, then runs berth.
# Left alone, Node gives the heap a quarter of the limit; berth is the container's only process,
# so its old space gets three quarters of what is left after 64 MiB (code, buffers, the young
# generation). NODE_OPTIONS that already sets --max-old-space-size wins. The limit is cgroup v2's
# memory.max, else v1's memory.limit_in_bytes; "max" (or v1's near-2^63) means none: V8 decides.
# BERTH_CGROUP_DIR and BERTH_MAIN exist for tests and the benchmark.
set -eu
cgroup=${BERTH_CGROUP_DIR:-/sys/fs/cgroup}
here=$(dirname "$0")
# The image carries the bundle (dist/bundle); a source checkout has the compiled tree (dist/src).
if [ -f "$here/../dist/bundle/main.js" ]; then default=$here/../dist/bundle/main.js; else default=$here/../dist/src/main.js; fi
main=${BERTH_MAIN:-$default}
limit=""
if [ -r "$cgroup/memory.max" ]; then
  limit=$(cat "$cgroup/memory.max")
elif [ -r "$cgroup/memory/memory.limit_in_bytes" ]; then
  limit=$(cat "$cgroup/memory/memory.limit_in_bytes")
fi
case "${NODE_OPTIONS:-}" in *--max-old-space-size*) limit="" ;; esac
case "$limit" in
  "" | max | *[!0-9]*) ;;
  *)
    mib=$((limit / 1048576))
    if [ "$mib" -lt 1048576 ]; then
      heap=$(((mib - 64) * 3 / 4))
      [ "$heap" -lt 64 ] && heap=64
      NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=$heap"
      export NODE_OPTIONS
    fi
    ;;
esac
exec node "$main" "$@"
