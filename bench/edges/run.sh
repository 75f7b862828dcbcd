#!/usr/bin/env bash
# Edge-to-task latency over the pty path (the bridge firmware under CPython), next to the raw pty
# echo round trip measured in the same run. Linux (CLOCK_MONOTONIC shared by Java and Python).
# Usage: bench/edges/run.sh [PRESSES] [ECHOES]      (default 300 presses = 600 edges per round, 1000 echoes;
#        six rounds of edges, the first four not counted, and one with the edges 2-3 ms apart: about 4 minutes)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/bench/common/compile.sh"
bench_compile "$here/EdgeBench.java"
bench_machine
# The flags picoloop's launcher gives: task threads carried by the loop's own thread (Carrier)
# and a 10 us timer slack for the driver (TimerSlack); without them the loop falls back to the
# JDK's shared pool and says so on stderr.
"$jdk/bin/java" -Djdk.virtualThreadScheduler.parallelism=1 --enable-native-access=ALL-UNNAMED \
  --add-opens java.base/java.lang=ALL-UNNAMED -cp "$out/classes:$serial" \
  EdgeBench "$root" "${1:-300}" "${2:-1000}" | tee "$out/results.txt"
echo "== load average at the end: $(cut -d" " -f1-3 /proc/loadavg)" | tee -a "$out/results.txt"
