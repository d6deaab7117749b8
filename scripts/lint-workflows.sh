#!/usr/bin/env bash
# Lints the example GitHub Actions workflows with actionlint (a Go program), installed with
# `go install` at a pinned version into a cache outside the repository, once per machine.
set -euo pipefail
cd "$(dirname "$0")/.."

ACTIONLINT_VERSION=v1.7.12
TOOLS_DIR="${BERTH_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/berth-tools}"
BIN_DIR="$TOOLS_DIR/actionlint-$ACTIONLINT_VERSION"
ACTIONLINT="$BIN_DIR/actionlint"

if [ ! -x "$ACTIONLINT" ]; then
  if ! command -v go >/dev/null 2>&1; then
    echo "lint-workflows: go is needed to install actionlint $ACTIONLINT_VERSION" >&2
    exit 1
  fi
  echo "lint-workflows: installing actionlint $ACTIONLINT_VERSION into $BIN_DIR" >&2
  mkdir -p "$BIN_DIR"
  GOBIN="$BIN_DIR" GOFLAGS=-mod=mod go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
fi

mapfile -t workflows < <(find examples/github .github/workflows -name '*.yml' -o -name '*.yaml' 2>/dev/null | sort)
if [ "${#workflows[@]}" -eq 0 ]; then
  echo "lint-workflows: no workflow files found" >&2
  exit 1
fi
# actionlint checks run: scripts with shellcheck when it is installed (Debian: apt-get install shellcheck).
command -v shellcheck >/dev/null 2>&1 || echo "lint-workflows: shellcheck not found; run: scripts are not checked" >&2
"$ACTIONLINT" -no-color "${workflows[@]}"
echo "lint-workflows: ${#workflows[@]} workflow file(s) clean"
# The action's own script (action.yml's inputs are checked through .github/workflows/action-example.yml).
if command -v shellcheck >/dev/null 2>&1; then
  shellcheck action/run.sh
  echo "lint-workflows: action/run.sh clean"
fi
