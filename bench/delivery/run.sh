#!/usr/bin/env bash
# Slot-hold throughput: 1,000 shoppers contending for 50 slots through Grocery.Delivery's HTTP API
# (Release build, its own process) on a private PostgreSQL. Prints holds/s, p50/p90/p99 and an
# overbooking audit, after a churn phase (hold then release) that shows granted holds/s. BENCH_WORKERS (default 64) and BENCH_SECONDS (default 20) tune the run.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build -c Release ../../Grocery.Delivery/Grocery.Delivery.csproj -o ./bin/service -v q -nologo | grep -E "error|Warn" || true
dotnet run -c Release --project Grocery.Delivery.Bench.csproj -- "$(pwd)/bin/service/Grocery.Delivery.dll" 2> bin/bench-service.log
