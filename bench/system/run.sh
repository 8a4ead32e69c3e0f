#!/usr/bin/env bash
# The whole system under a shopping day in miniature: the AppHost starts every service (Release builds,
# Production environment, local PostgreSQL and Redis, rate limits raised by configuration); the bench
# creates its own warehouse, zone, high-capacity slots, products and accounts through the API, then drives
# concurrent shoppers through the gateway only (browse, search, basket, slot hold, checkout with cash on
# delivery) while pickers and drivers pick, pack and deliver every order. It prints orders/s and p50/p99
# per step, CPU seconds per order by process, and fails when anything was oversold, overbooked or stuck.
# Usage: bench/system/run.sh [orders=600] [shoppers=32] [pickers=4] [drivers=2] [warmup=200]
# The warm-up orders go through the same loops first and are not measured: until the JIT has optimised the hot
# paths, CPU per order is overstated.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build -c Release -v q -nologo Grocery.System.Bench.csproj >/dev/null
exec dotnet bin/Release/net10.0/Grocery.System.Bench.dll "$@"
