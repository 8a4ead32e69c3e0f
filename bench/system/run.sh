#!/usr/bin/env bash
# The whole system under a shopping day in miniature: the AppHost starts every service (Release builds,
# Production environment, local PostgreSQL and Redis, rate limits raised by configuration); the bench
# creates its own warehouse, zone, high-capacity slots, products and accounts through the API, then drives
# concurrent shoppers through the gateway only (browse, search, basket, slot hold, checkout with cash on
# delivery) while pickers and drivers pick, pack and deliver every order. It prints orders/s and p50/p99
# per step, CPU seconds per order by process, and fails when anything was oversold, overbooked or stuck.
# Usage: bench/system/run.sh [orders=600] [shoppers=32] [pickers=4] [drivers=2] [orders per warm-up round=200]
# Warm-up rounds go through the same loops first and are not measured, until one costs no more than 5 % less CPU
# per order than the one before (at most 6): until the JIT has optimised the hot paths, CPU per order is overstated
# (460 ms in the first round of 200 orders against 179 ms in the sixth, 2026-12-08).
# DOTNET_* variables given to the bench reach every service: DOTNET_PerfMapEnabled=1 to profile with perf.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build -c Release -v q -nologo Grocery.System.Bench.csproj >/dev/null
exec dotnet bin/Release/net10.0/Grocery.System.Bench.dll "$@"
