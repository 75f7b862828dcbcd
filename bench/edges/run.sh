#!/usr/bin/env bash
# Edge-to-task latency over the pty path (the bridge firmware under CPython), next to the raw pty
# echo round trip measured in the same run. Linux (CLOCK_MONOTONIC shared by Java and Python).
# Usage: bench/edges/run.sh [PRESSES] [ECHOES]      (default 300 presses = 600 edges per round, 1000 echoes;
#        six rounds of edges, the first four not counted, and one with the edges 2-3 ms apart: about 4 minutes)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../../scripts/find-jdk25.sh
. "$root/scripts/find-jdk25.sh"
picoloop_find_jdk25 || exit 1
jdk="$JAVA_HOME"
serial="$(find "${HOME}/.m2/repository/com/fazecast/jSerialComm" -name 'jSerialComm-*.jar' 2>/dev/null | sort | tail -1)"
if [[ -z "$serial" ]]; then
  (cd "$root" && JAVA_HOME="$jdk" mvn -q -pl runtime dependency:resolve >/dev/null)
  serial="$(find "${HOME}/.m2/repository/com/fazecast/jSerialComm" -name 'jSerialComm-*.jar' | sort | tail -1)"
fi
out="$here/target"
rm -rf "$out" && mkdir -p "$out/classes"
# Only what the path needs, straight from the sources: no Maven build of the shared target/.
src="$root/runtime/src/main/java/io/picoloop"
"$jdk/bin/javac" -nowarn -cp "$serial" -d "$out/classes" \
  "$src"/loop/*.java "$src"/protocol/*.java "$src"/transport/*.java "$src"/device/*.java "$src"/board/*.java "$src"/button/*.java \
  "$src"/config/*.java "$here/EdgeBench.java"
# the default board profile, where BoardProfileLoader looks for it (DeviceOptions.defaults uses it)
mkdir -p "$out/classes/picoloop" && cp "$root/config/board.properties" "$out/classes/picoloop/"
echo "== machine: $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg), $("$jdk/bin/java" -version 2>&1 | head -1), $(python3 --version), $(uname -sr)"
# The flags picoloop's launcher gives: task threads carried by the loop's own thread (Carrier)
# and a 10 us timer slack for the driver (TimerSlack); without them the loop falls back to the
# JDK's shared pool and says so on stderr.
"$jdk/bin/java" -Djdk.virtualThreadScheduler.parallelism=1 --enable-native-access=ALL-UNNAMED \
  --add-opens java.base/java.lang=ALL-UNNAMED -cp "$out/classes:$serial" \
  EdgeBench "$root" "${1:-300}" "${2:-1000}" | tee "$out/results.txt"
echo "== load average at the end: $(cut -d" " -f1-3 /proc/loadavg)" | tee -a "$out/results.txt"
