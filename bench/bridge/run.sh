#!/usr/bin/env bash
# The bridge firmware on the emulated RP2040 (real MicroPython v1.28.0, ../shared/rp2040/rig):
# device time per pipelined ping / write / toggle / multi-pin write, beside a naive asyncio echo
# app on the same rig in the same run. Usage: bench/bridge/run.sh [-n 400] [--window 16] [--speed 1]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
echo "== machine: $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg), $(python3 --version), $(uname -sr)"
python3 "$here/bench.py" "$@"
echo "== load average at the end: $(cut -d" " -f1-3 /proc/loadavg)"
