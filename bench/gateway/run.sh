#!/usr/bin/env bash
# Starts PostgreSQL, Redis, the catalog and the gateway (Release), then drives wrk at the same cached
# listing directly, through the gateway with its edge cache (which answers the listing from memory
# while Catalog's Cache-Control keeps it fresh), through a second gateway with the edge cache off
# (Gateway:EdgeCache:Enabled=false: the proxy's own cost), and as the storefront GraphQL listing (20
# products with their categories), and prints requests/s and p99 for each. The gateway's rate
# limits stay on (every request still counts in Redis) but are raised far above the load. Any answer
# other than 2xx/304 fails the run. Beside the wall-clock figures, which swing with whatever else the
# machine runs, it prints what the gateway spends per request: bytes allocated, CPU time and context
# switches (involuntary ones are the scheduler taking the core away), read from the process itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
SKUS=${SKUS:-5000}
LISTING=${LISTING:-/api/v1/products?limit=20}
# Seconds of load before each measured run: the JIT's tiering still recompiles hot methods for a while, and
# on a busy machine 3 s is not enough for the proxy's path (a tenth of the gateway's samples were the JIT's).
WARMUP=${WARMUP:-10s}
# PERF=<file>: samples the no-cache gateway's CPU with perf during its run and writes the hottest symbols there
# (with W^X off in the gateways, so perf can name the JIT's code).
PERF=${PERF:-}
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null; }

WORK=$(mktemp -d /tmp/gateway-bench.XXXX)
chown postgres:postgres "$WORK"
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
PG_PORT=$(free_port); REDIS_PORT=$(free_port); CATALOG_PORT=$(free_port)
GATEWAY_PORT=$(free_port); MANAGEMENT_PORT=$(free_port); NOCACHE_PORT=$(free_port); NOCACHE_MANAGEMENT_PORT=$(free_port)
PGBIN=/usr/lib/postgresql/15/bin
cleanup() {
  for pid in "${NOCACHE_PID:-}" "${GATEWAY_PID:-}" "${CATALOG_PID:-}" "${REDIS_PID:-}" "${PG_PID:-}"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  done
  sleep 1; rm -rf "$WORK"
}
trap cleanup EXIT

setpriv --reuid=postgres --regid=postgres --clear-groups "$PGBIN/initdb" -D "$WORK/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
setpriv --reuid=postgres --regid=postgres --clear-groups "$PGBIN/postgres" -D "$WORK/data" -p "$PG_PORT" -k "$WORK" \
  -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200 >"$WORK/pg.log" 2>&1 &
PG_PID=$!
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
until "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q; do sleep 0.2; done
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE catalogdb" >/dev/null

echo "== building Grocery.Catalog and Grocery.Gateway (Release)"
dotnet publish Grocery.Catalog -c Release -o "$WORK/catalog" --nologo -v q >/dev/null
dotnet publish Grocery.Gateway -c Release -o "$WORK/gateway" --nologo -v q >/dev/null

wait_alive() { # url pid log
  until curl -sf "$1" >/dev/null; do
    kill -0 "$2" 2>/dev/null || { cat "$3"; exit 1; }
    sleep 0.5
  done
}

echo "== starting the catalog ($SKUS generated SKUs) and the gateway"
(cd "$WORK/catalog" && \
  ConnectionStrings__catalogdb="Host=127.0.0.1;Port=$PG_PORT;Database=catalogdb;Username=postgres;Maximum Pool Size=64" \
  ConnectionStrings__cache="127.0.0.1:$REDIS_PORT,abortConnect=false" \
  Catalog__SeedSampleData=true Catalog__SampleDataSize="$SKUS" \
  ASPNETCORE_URLS="http://127.0.0.1:$CATALOG_PORT" ASPNETCORE_ENVIRONMENT=Production \
  Logging__LogLevel__Default=Warning \
  exec dotnet Grocery.Catalog.dll >"$WORK/catalog.log" 2>&1) &
CATALOG_PID=$!
CATALOG="http://127.0.0.1:$CATALOG_PORT"
wait_alive "$CATALOG/alive" "$CATALOG_PID" "$WORK/catalog.log"

LIMIT=1000000000
start_gateway() { # port management-port edge-cache-enabled log
  (cd "$WORK/gateway" && \
    ConnectionStrings__cache="127.0.0.1:$REDIS_PORT,abortConnect=false" \
    Services__catalog__http__0="$CATALOG" \
    Gateway__RateLimits__PerAddress__PermitLimit=$LIMIT Gateway__RateLimits__PerUser__PermitLimit=$LIMIT \
    Gateway__EdgeCache__Enabled="$3" \
    Management__Port="$2" \
    ASPNETCORE_URLS="http://127.0.0.1:$1;http://127.0.0.1:$2" ASPNETCORE_ENVIRONMENT=Production \
    Logging__LogLevel__Default=Warning DOTNET_PerfMapEnabled=$([[ -n $PERF ]] && echo 1 || echo 0) \
    DOTNET_EnableWriteXorExecute=$([[ -n $PERF ]] && echo 0 || echo 1) \
    exec dotnet Grocery.Gateway.dll >"$4" 2>&1) &
}
start_gateway "$GATEWAY_PORT" "$MANAGEMENT_PORT" true "$WORK/gateway.log"
GATEWAY_PID=$!
start_gateway "$NOCACHE_PORT" "$NOCACHE_MANAGEMENT_PORT" false "$WORK/gateway-nocache.log"
NOCACHE_PID=$!
GATEWAY="http://127.0.0.1:$GATEWAY_PORT"
NOCACHE="http://127.0.0.1:$NOCACHE_PORT"
wait_alive "http://127.0.0.1:$MANAGEMENT_PORT/alive" "$GATEWAY_PID" "$WORK/gateway.log"
wait_alive "http://127.0.0.1:$NOCACHE_MANAGEMENT_PORT/alive" "$NOCACHE_PID" "$WORK/gateway-nocache.log"

for address in "$GATEWAY" "$NOCACHE"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' "$address$LISTING")
  [[ "$status" == 200 ]] || { echo "the listing through the gateway at $address answered $status"; cat "$WORK"/gateway*.log; exit 1; }
done

# Per-request cost of a gateway process: managed bytes allocated (its own /metrics on the management
# port), CPU time and context switches of all its threads (/proc). The byte total is printed with "%.0f":
# mawk's "%d" stops at 2^31, which the total passes during the GraphQL run (it read 0.0 KB per request).
cost() { # pid management-port
  local alloc csw cpu
  alloc=$(curl -s "http://127.0.0.1:$2/metrics" | awk '/^dotnet_gc_heap_total_allocated_bytes_total/ {printf "%.0f", $2}')
  csw=$(cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt_switches/ {v+=$2} /^nonvoluntary_ctxt_switches/ {n+=$2} END {print v, n}')
  cpu=$(awk '{print $14+$15}' /proc/"$1"/stat)
  echo "$alloc $csw $cpu"
}

printf "\n%-34s %12s %10s   %s\n" path "requests/s" p99 "gateway per request: allocated, CPU, context switches (voluntary/involuntary)"
failed=0
for target in catalog gateway nocache graphql; do
  pid=$GATEWAY_PID; management=$MANAGEMENT_PORT
  case $target in
    catalog) label="REST direct (Catalog)"; url="$CATALOG$LISTING"; script=() ;;
    gateway) label="REST via gateway (edge cache)"; url="$GATEWAY$LISTING"; script=() ;;
    nocache) label="REST via gateway (no cache)"; url="$NOCACHE$LISTING"; script=(); pid=$NOCACHE_PID; management=$NOCACHE_MANAGEMENT_PORT ;;
    graphql) label="GraphQL listing via gateway"; url="$GATEWAY/graphql"; script=(-s bench/gateway/graphql.lua) ;;
  esac
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "${script[@]}" "$url" >/dev/null # warm-up: JIT, connection pools, cache
  read -r alloc0 vol0 invol0 cpu0 < <(cost "$pid" "$management")
  [[ -n $PERF && $target == nocache ]] && { perf record -F 999 -p "$pid" -o "$WORK/perf.data" -- sleep 10 >/dev/null 2>&1 & PERF_PID=$!; }
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "${script[@]}" "$url")
  if [[ -n $PERF && $target == nocache ]]; then
    wait "$PERF_PID" || true
    { perf report -i "$WORK/perf.data" --no-children --sort dso --stdio --percent-limit 0.5 2>/dev/null
      perf report -i "$WORK/perf.data" --no-children --sort dso,symbol --stdio --percent-limit 0.25 2>/dev/null; } | grep -v '^#' >"$PERF" || true
  fi
  read -r alloc1 vol1 invol1 cpu1 < <(cost "$pid" "$management")
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  per_request=""
  if [[ $target != catalog && ${requests:-0} -gt 0 ]]; then
    per_request=$(awk -v a=$((alloc1 - alloc0)) -v c=$((cpu1 - cpu0)) -v v=$((vol1 - vol0)) -v i=$((invol1 - invol0)) -v n="$requests" -v hz="$(getconf CLK_TCK)" \
      'BEGIN {printf "%.1f KB, %.0f µs, %.2f/%.2f", a / n / 1024, c * 1000000 / hz / n, v / n, i / n}')
  fi
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  bad=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  gqlerrors=$(echo "$out" | awk '/graphql-errors:/ {print $2}')
  [[ "${gqlerrors:-0}" == 0 ]] || bad="${bad:-0}, graphql errors=$gqlerrors"
  printf "%-34s %12s %10s   %s %s\n" "$label" "$rps" "$p99" "$per_request" "${bad:+FAILED: non-2xx=$bad}"
  [[ -z "$bad" ]] || failed=1
done
echo
echo "(machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c$CONNECTIONS -d$DURATION $LISTING)"
exit $failed
