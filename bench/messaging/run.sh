#!/usr/bin/env bash
# Outbox-to-handler throughput and latency of Grocery.Messaging on this machine: starts its own
# PostgreSQL (Grocery.Testing) and an in-process librdkafka mock cluster.
set -euo pipefail
cd "$(dirname "$0")"
dotnet run -c Release --project Grocery.Messaging.Bench.csproj 2>&1 | grep -v -E '^%[0-9]\|.*\|(MOCK|CONFWARN)\|'
