#!/usr/bin/env bash
# The bridge's PWM outputs and sample streams on the emulated RP2040 (real MicroPython v1.28.0,
# ../shared/rp2040/rig): PWM period and duty and a fade's steps from the rig's GPIO log, a stream's
# jitter in device time and the fastest period with no lost sample, beside a naive asyncio sampler
# on the same rig in the same run. Usage: bench/analog/run.sh [--seconds 2]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
echo "== machine: $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg), $(python3 --version), $(uname -sr)"
python3 "$here/bench.py" "$@"
echo "== load average at the end: $(cut -d" " -f1-3 /proc/loadavg)"
