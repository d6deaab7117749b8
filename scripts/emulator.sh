#!/usr/bin/env bash
# The local AWS endpoint (moto server) that tests and the demo use.
#   scripts/emulator.sh install        create .venv and install the pinned moto
#   scripts/emulator.sh start [PORT]   start it on a loopback port (free one when omitted),
#                                      print "PORT PID" once it answers
#   scripts/emulator.sh python         print the venv's python path
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
venv="$here/.venv"
# Pinned: moto's behaviour differs between releases (see shared AWS notes).
MOTO_SPEC="moto[server,ecs,scheduler,ec2,dynamodb,events,sqs,logs]==5.2.5"

install() {
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import moto, sys; sys.exit(0 if moto.__version__ == "5.2.5" else 1)' 2>/dev/null; then
    return 0
  fi
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$MOTO_SPEC"
}

free_port() {
  "$venv/bin/python" - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

start() {
  install
  local port=${1:-$(free_port)}
  local log=${EMULATOR_LOG:-/dev/null}
  "$venv/bin/python" -m moto.server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/moto-api/"; then
      echo "$port $pid"
      return 0
    fi
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  echo "emulator did not answer on port $port" >&2
  return 1
}

case "${1:-}" in
  install) install ;;
  start) shift; start "$@" ;;
  python) echo "$venv/bin/python" ;;
  *) echo "usage: $0 install|start [PORT]|python" >&2; exit 64 ;;
esac
