#!/usr/bin/env bash
# Starts PostgreSQL, Redis and the catalog (Release, 50,000 generated SKUs), then drives wrk over
# >= 1,000 distinct URLs per scenario and prints requests/s, p50/p99 and the cache hit ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
SKUS=${SKUS:-50000}
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null; }

WORK=$(mktemp -d /tmp/catalog-bench.XXXX)
chown postgres:postgres "$WORK"
PG_PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
REDIS_PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
APP_PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
PGBIN=/usr/lib/postgresql/15/bin
cleanup() {
  [[ -n "${APP_PID:-}" ]] && kill "$APP_PID" 2>/dev/null || true
  [[ -n "${REDIS_PID:-}" ]] && kill "$REDIS_PID" 2>/dev/null || true
  [[ -n "${PG_PID:-}" ]] && kill "$PG_PID" 2>/dev/null || true
  sleep 1; rm -rf "$WORK"
}
trap cleanup EXIT

setpriv --reuid=postgres --regid=postgres --clear-groups "$PGBIN/initdb" -D "$WORK/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
setpriv --reuid=postgres --regid=postgres --clear-groups "$PGBIN/postgres" -D "$WORK/data" -p "$PG_PORT" -k "$WORK" \
  -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200 -c shared_buffers=256MB >"$WORK/pg.log" 2>&1 &
PG_PID=$!
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
until "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q; do sleep 0.2; done
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE catalogdb" >/dev/null

echo "== building Grocery.Catalog (Release)"
dotnet publish Grocery.Catalog -c Release -o "$WORK/app" --nologo -v q >/dev/null

echo "== starting the catalog and loading $SKUS generated SKUs"
START=$(date +%s.%N)
(cd "$WORK/app" && \
  ConnectionStrings__catalogdb="Host=127.0.0.1;Port=$PG_PORT;Database=catalogdb;Username=postgres;Maximum Pool Size=64" \
  ConnectionStrings__cache="127.0.0.1:$REDIS_PORT,abortConnect=false" \
  Catalog__SeedSampleData=true Catalog__SampleDataSize="$SKUS" \
  ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT" ASPNETCORE_ENVIRONMENT=Production \
  Logging__LogLevel__Default=Warning OTEL_SDK_DISABLED=false \
  exec dotnet Grocery.Catalog.dll >"$WORK/app.log" 2>&1) &
APP_PID=$!
BASE="http://127.0.0.1:$APP_PORT"
until curl -sf "$BASE/alive" >/dev/null; do
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
  sleep 0.5
done
printf "ready (migrated + seeded) in %.1f s\n" "$(echo "$(date +%s.%N) - $START" | bc)"

echo "== collecting URLs"
python3 bench/catalog/make_urls.py "$BASE" "$WORK/urls"

metric() { curl -s "$BASE/metrics" | awk -v m="$1" '$1 ~ "^"m"(\\{|$)" {s+=$NF} END {printf "%d", s}'; }

printf "\n%-8s %12s %10s %10s %10s %8s %s\n" scenario "requests/s" p50 p99 "hit ratio" urls "cold pass (all misses, 8 parallel)"
for scenario in first deep detail search suggest; do
  file="$WORK/urls/$scenario.txt"
  # Warm-up: every URL once (8 at a time), so the measured run is the cache's steady state.
  cold_start=$(date +%s.%N)
  sed "s|^|$BASE|" "$file" | xargs -P 8 -n 25 curl -s >/dev/null
  cold=$(echo "$(date +%s.%N) - $cold_start" | bc)
  l0=$(metric grocery_catalog_cache_lookups_total); m0=$(metric grocery_catalog_cache_misses_total)
  out=$(URLS="$file" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/catalog/urls.lua "$BASE")
  sleep 1
  l1=$(metric grocery_catalog_cache_lookups_total); m1=$(metric grocery_catalog_cache_misses_total)
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  ratio=$(python3 -c "l=$l1-$l0; m=$m1-$m0; print(f'{(l-m)/l*100:.2f}%' if l else 'n/a')")
  printf "%-8s %12s %10s %10s %10s %8s %6.1f s %s\n" "$scenario" "$rps" "$p50" "$p99" "$ratio" "$(wc -l <"$file")" "$cold" "${non2xx:+non-2xx=$non2xx}"
done
echo
echo "(machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c$CONNECTIONS -d$DURATION)"
