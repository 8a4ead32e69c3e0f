#!/usr/bin/env bash
# Checkout → OrderConfirmed throughput and latency. Usage: bench/checkout/run.sh [orders=2000] [skus=500] [concurrency=32]
set -euo pipefail
cd "$(dirname "$0")"
dotnet build -c Release -v q -nologo Grocery.Checkout.Bench.csproj >/dev/null
exec dotnet bin/Release/net10.0/Grocery.Checkout.Bench.dll "$@"
