#!/usr/bin/env bash
# Ctrl-C and kill: from the signal (sent with kill(2) from the bench's own JVM, its clock read right
# before the call) to every output of a Picoloop.run program low on the board, ROUNDS of each signal
# interleaved, next to one write's time to the pin on the same link (SignalOffBench.java).
# Usage: bench/signal-off/run.sh [pty|rig] [ROUNDS] [OTHER_CHECKOUT]
#        (default: pty 20; rig needs ../shared/rp2040 or $PICOLOOP_RIG; OTHER_CHECKOUT: its program in
#        turn with this one's, a before/after under the same load)
# SIGNAL_OFF_TRACE=DIR (made first): per run, the classes and threads the program's JVM loaded and
# started after the signal, stamped on CLOCK_MONOTONIC like the signal's own time (where the time goes).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/bench/common/compile.sh"
# the baseline's client, straight from the sources; the program runs through ./picoloop (its jar)
bench_compile "$here/SignalOffBench.java"
"$root/picoloop" --version >/dev/null     # builds the jar first if the sources changed
echo "$(bench_machine), $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "not a git checkout")"
"$jdk/bin/java" ${SETTLE_MS:+-DsettleMs=$SETTLE_MS} ${SIGNAL_OFF_TRACE:+-Dtrace=$SIGNAL_OFF_TRACE} --enable-native-access=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
  -cp "$out/classes:$serial" SignalOffBench "$root" "${1:-pty}" "${2:-20}" ${3:+"$3"} | tee "$out/results-${1:-pty}.txt"
echo "== load average at the end: $(cut -d" " -f1-3 /proc/loadavg)" | tee -a "$out/results-${1:-pty}.txt"
