#!/usr/bin/env bash
# Starts PostgreSQL, Redis, the catalog (50,000 generated SKUs) and the storefront, both Release builds in
# Production, then drives wrk at 32 connections over >= 1,000 distinct anonymous category-page URLs and
# >= 1,000 product-page URLs, and prints pages/s, p50/p99 and the share the output cache answered.
# The storefront's Kafka consumer (live stock and slots) is pointed at no broker: no page here needs it.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
SKUS=${SKUS:-50000}
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null; }

WORK=$(mktemp -d /tmp/storefront-bench.XXXX)
chown postgres:postgres "$WORK"
port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
PG_PORT=$(port); REDIS_PORT=$(port); CATALOG_PORT=$(port); WEB_PORT=$(port); NO_KAFKA_PORT=$(port)
PGBIN=/usr/lib/postgresql/15/bin
cleanup() {
  for pid in "${WEB_PID:-}" "${CATALOG_PID:-}" "${REDIS_PID:-}" "${PG_PID:-}"; do [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true; done
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

echo "== building Grocery.Catalog and Grocery.Web (Release)"
dotnet publish Grocery.Catalog -c Release -o "$WORK/catalog" --nologo -v q >/dev/null
dotnet publish Grocery.Web -c Release -o "$WORK/web" --nologo -v q >/dev/null

wait_alive() { # url pid log
  until curl -sf -o /dev/null "$1"; do
    kill -0 "$2" 2>/dev/null || { cat "$3"; exit 1; }
    sleep 0.5
  done
}

echo "== starting the catalog ($SKUS generated SKUs) and the storefront"
START=$(date +%s.%N)
REDIS="127.0.0.1:$REDIS_PORT,abortConnect=false"
(cd "$WORK/catalog" && \
  ConnectionStrings__catalogdb="Host=127.0.0.1;Port=$PG_PORT;Database=catalogdb;Username=postgres;Maximum Pool Size=64" \
  ConnectionStrings__cache="$REDIS" Catalog__SeedSampleData=true Catalog__SampleDataSize="$SKUS" \
  ASPNETCORE_URLS="http://127.0.0.1:$CATALOG_PORT" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  exec dotnet Grocery.Catalog.dll >"$WORK/catalog.log" 2>&1) &
CATALOG_PID=$!
CATALOG="http://127.0.0.1:$CATALOG_PORT"
wait_alive "$CATALOG/alive" "$CATALOG_PID" "$WORK/catalog.log"
(cd "$WORK/web" && \
  ConnectionStrings__cache="$REDIS" ConnectionStrings__kafka="127.0.0.1:$NO_KAFKA_PORT" \
  services__catalog__http__0="$CATALOG" \
  ASPNETCORE_URLS="http://127.0.0.1:$WEB_PORT" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  exec env Logging__LogLevel__Grocery.Messaging=None dotnet Grocery.Web.dll >"$WORK/web.log" 2>&1) &
WEB_PID=$!
WEB="http://127.0.0.1:$WEB_PORT"
wait_alive "$WEB/" "$WEB_PID" "$WORK/web.log" # its /alive answers on the management port only
printf "ready (catalog migrated + seeded, storefront up) in %.1f s\n" "$(echo "$(date +%s.%N) - $START" | bc)"

echo "== collecting URLs"
python3 bench/storefront/make_urls.py "$CATALOG" "$WORK/urls"

printf "\n%-9s %10s %10s %10s %12s %6s %s\n" pages "pages/s" p50 p99 "from cache" urls "warm-up pass (8 parallel)"
declare -A MARKER=([category]='data-testid="product-card"' [product]='class="product"')
for scenario in category product; do
  file="$WORK/urls/$scenario.txt"
  # A page that renders without the catalog (its "not reachable" notice) would be fast and wrong. A plain aisle
  # (no filter that could leave it empty) or a product page must show products.
  # The first answers of a cold process can time out towards the catalog and show the notice, so it gets a few tries.
  probe=$(grep -m1 -v '?' "$file")
  for try in 1 2 3 4 5 6; do
    curl -s "$WEB$probe" | grep -q "${MARKER[$scenario]}" && break
    [[ $try == 6 ]] && { echo "$probe shows no catalog content"; tail -5 "$WORK/web.log"; exit 1; }
    sleep 2
  done
  # Warm-up: every page once (8 at a time) and checked to render, so the measured run is the cache's steady state.
  warm_start=$(date +%s.%N)
  failed=$(sed "s|^|$WEB|" "$file" | xargs -P 8 -I{} curl -s -o /dev/null -w '%{http_code}\n' {} | grep -vc '^200$' || true)
  warm=$(echo "$(date +%s.%N) - $warm_start" | bc)
  out=$(URLS="$file" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/storefront/pages.lua "$WEB")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  cached=$(echo "$out" | awk '/^cached/ {printf "%.1f%%", ($4 ? $2/$4*100 : 0)}')
  printf "%-9s %10s %10s %10s %12s %6s %6.1f s%s%s\n" "$scenario" "$rps" "$p50" "$p99" "$cached" "$(wc -l <"$file")" "$warm" \
    "${non2xx:+ non-2xx=$non2xx}" "$([[ "$failed" != 0 ]] && echo " warm-up-failures=$failed")"
done
echo
echo "(machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c$CONNECTIONS -d$DURATION; target on a quiet machine: >= 2,000 pages/s, p99 < 50 ms)"
