#!/usr/bin/env bash
# Replug reliability: unplug and plug the board CYCLES times while a program runs on it (an output
# held high, one toggled every 50 ms, a watched button), checking the program's state after every
# replug, timing plug -> restored, and comparing threads and open file descriptors before and after.
# Usage: bench/replug/run.sh [pty|rig] [CYCLES]     (default: pty 50; rig needs ../shared/rp2040)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/bench/common/compile.sh"
bench_compile "$here/ReplugBench.java"
bench_machine
"$jdk/bin/java" --enable-native-access=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
  -cp "$out/classes:$serial" ReplugBench "$root" "${1:-pty}" "${2:-50}" | tee "$out/results-${1:-pty}.txt"
echo "== load average at the end: $(cut -d" " -f1-3 /proc/loadavg)" | tee -a "$out/results-${1:-pty}.txt"
