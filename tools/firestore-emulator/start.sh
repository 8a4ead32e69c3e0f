#!/usr/bin/env bash
# Runs the Firestore emulator on 127.0.0.1:<port>, installing it from the lock file first when missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
[ -d node_modules/@firestore-emulator/server ] || npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
exec node serve.mjs "$1"
