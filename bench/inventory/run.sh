#!/usr/bin/env bash
# Reservations/s and latency of Grocery.Inventory for 10,000 reservations spread over 5,000 SKUs and
# 10,000 contending for 50 hot SKUs, then a zero-oversell and ledger check. Starts its own
# PostgreSQL (Grocery.Testing) and an in-process librdkafka mock cluster.
# Options: --reservations N (default 10000) --concurrency N (default 32)
set -euo pipefail
cd "$(dirname "$0")"
dotnet run -c Release --project Grocery.Inventory.Bench.csproj -- "$@" 2>&1 | grep -v -E '^%[0-9]\|.*\|(MOCK|CONFWARN)\|'
