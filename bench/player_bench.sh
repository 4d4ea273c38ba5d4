#!/usr/bin/env bash
# The player on a 90-minute call in headless Chromium (bench/player_bench.mjs), against a release
# `converza serve` on loopback with the Twilio sandbox and one simulated call, on a throwaway
# cluster. Needs the web export (make web/out/index.html).
# usage: bench/player_bench.sh [path/to/converza] [runs] [seeks per run]
set -euo pipefail
cd "$(dirname "$0")/.."
export CONVERZA_BIN=$(realpath "${1:-build/release/converza}")
export CONVERZA_DATA_DIR=${BENCH_DB_DIR:-/tmp/converza-player-bench} CONVERZA_PG_PORT=${BENCH_PG_PORT:-55491}
export CONVERZA_SOURCE_DIR=$PWD STATIC_DIR=$PWD/web/out LOG_LEVEL=warn
# 50 streams of one tenant at once, many requests each: no share or rate limit in the way.
export RECORDING_STREAMS_PER_TENANT=64 RATE_LIMIT_IP_PER_MIN=0 RATE_LIMIT_TENANT_PER_MIN=0
scripts/test-cluster start >/dev/null
trap 'scripts/test-cluster stop >/dev/null 2>&1 || true' EXIT
scripts/test-stack --calls 1 --audio tone -- node bench/player_bench.mjs "${2:-10}" "${3:-10}"
