#!/usr/bin/env bash
# Grocery's two commands: `./grocery.sh run` starts the whole system, `./grocery.sh test` runs every test.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ARTIFACTS="$ROOT/.artifacts"
RESULTS="$ARTIFACTS/test-results"
DASHBOARD_URL="http://localhost:15888"

usage() {
  cat <<USAGE
usage: ./grocery.sh <command> [options]

  run [--infra local|containers]   install what is missing, start every service, print the dashboard URL
  test [class]                     build and run every test project (or one test class); prints "N passed, N failed" last
  publish [dir] [--Kubernetes:Registry=R --Kubernetes:Tag=T --Kubernetes:Host=H ...]
                                   write the Kubernetes bundle (base/, overlays/staging, overlays/production,
                                   components/vault, observability/) and the Aspire manifest to dir (default: deploy/)
USAGE
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages the local infrastructure mode, the browser tests and the deployment tests need.
ensure_packages() {
  local missing=()
  [ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql postgresql-contrib)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
  for extra in "$@"; do
    case "$extra" in
      chromium) command -v chromium >/dev/null 2>&1 || missing+=(chromium) ;;
      wrk) command -v wrk >/dev/null 2>&1 || missing+=(wrk) ;;
      promtool) command -v promtool >/dev/null 2>&1 || missing+=(prometheus) ;;
    esac
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} from apt..."
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # Debian starts the packaged clusters when it can; Grocery runs its own servers on free ports.
  command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is required (https://dot.net)." >&2; exit 1; }
  for extra in "$@"; do
    if [ "$extra" = node ] && ! command -v npm >/dev/null 2>&1; then
      echo "Node.js 20+ with npm is required (the Firestore emulator; the deployment tests validate the bundle with npm's kubernetes-models)." >&2; exit 1
    fi
  done
}

# smtp4dev catches every mail of a local run; the AppHost starts it from .tools as the "smtp4dev" resource.
SMTP4DEV_VERSION=3.15.0
ensure_dotnet_tools() {
  if [ ! -x "$ROOT/.tools/smtp4dev" ]; then
    echo "Installing the Rnwood.Smtp4dev dotnet tool into .tools..."
    dotnet tool install --tool-path "$ROOT/.tools" Rnwood.Smtp4dev --version "$SMTP4DEV_VERSION" >/dev/null
  fi
}

# The local Firestore emulator (npm, pinned by its lock file); the AppHost runs it with Node.
ensure_firestore_emulator() {
  [ -d "$ROOT/tools/firestore-emulator/node_modules/@firestore-emulator/server" ] && return
  echo "Installing the Firestore emulator from npm..."
  (cd "$ROOT/tools/firestore-emulator" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
}

cmd_run() {
  ensure_packages node
  ensure_dotnet_tools
  ensure_firestore_emulator
  cd "$ROOT"
  dotnet build Grocery.AppHost -nologo -v q -clp:ErrorsOnly
  echo "Starting Grocery. Dashboard: $DASHBOARD_URL   Storefront: http://localhost:5000   API gateway: http://localhost:5100"
  echo "First admin: admin@grocery.local; password: dotnet user-secrets list --project Grocery.AppHost | grep bootstrap-admin-password"
  exec dotnet run --project Grocery.AppHost --no-build --launch-profile http -- "$@"
}

# Totals over every TRX file, so a run that executed no test is visible.
summarise_results() {
  local passed=0 failed=0 total=0 file counters
  for file in "$RESULTS"/*.trx; do
    [ -f "$file" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$file" | head -n 1)
    total=$((total + $(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")))
    passed=$((passed + $(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")))
    failed=$((failed + $(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")))
  done
  # The failures' names and first message lines, just above the totals, so a log's tail says what failed.
  [ "$failed" -eq 0 ] || for file in "$RESULTS"/*.trx; do
    [ -f "$file" ] && awk '
      /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1 }
      want && /<Message>/ { line = $0; sub(/.*<Message>/, "", line); sub(/<\/Message>.*/, "", line); print "FAILED " name ": " substr(line, 1, 300); want = 0 }
    ' "$file"
  done
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}

cmd_test() {
  ensure_packages chromium promtool node
  ensure_dotnet_tools
  ensure_firestore_emulator
  cd "$ROOT"
  rm -rf "$RESULTS"; mkdir -p "$RESULTS"
  dotnet build Grocery.sln -nologo -v q -clp:ErrorsOnly
  local status=0 project name filter=()
  [ $# -gt 0 ] && filter=(--filter-class "$1")
  # One project at a time: each starts real servers, and the machine may have only two cores.
  # global.json selects Microsoft.Testing.Platform; xunit.v3 writes one TRX per project.
  for project in tests/*.Tests/*.Tests.csproj; do
    name="$(basename "$project" .csproj)"
    echo "== $name"
    dotnet test --project "$project" --no-build --no-progress "${filter[@]}" \
      --results-directory "$RESULTS" --report-xunit-trx --report-xunit-trx-filename "$name.trx" || status=1
  done
  summarise_results || status=1
  return $status
}

# The Kubernetes bundle is generated from the AppHost's model (Grocery.AppHost/Publishing); options
# after the directory go to the generator, e.g. --Kubernetes:Registry=ghcr.io/acme --Kubernetes:Tag=1.4.2.
cmd_publish() {
  local out="$ROOT/deploy"
  if [ $# -gt 0 ] && [[ "$1" != --* ]]; then out="$1"; shift; fi
  mkdir -p "$out"
  out="$(cd "$out" && pwd)"
  cd "$ROOT"
  dotnet run --project Grocery.AppHost -- --publisher manifest --output-path "$out/aspire-manifest.json" --kubernetes-output "$out" "$@"
  echo "Kubernetes bundle written to $out: kubectl apply -k $out/overlays/staging (or overlays/production)"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  publish) shift; cmd_publish "$@" ;;
  -h|--help|help|"") usage ;;
  *) usage; exit 2 ;;
esac
