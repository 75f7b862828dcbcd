#!/usr/bin/env bash
# Replug reliability: unplug and plug the board CYCLES times while a program runs on it (an output
# held high, one toggled every 50 ms, a watched button), checking the program's state after every
# replug, timing plug -> restored, and comparing threads and open file descriptors before and after.
# Usage: bench/replug/run.sh [pty|rig] [CYCLES]     (default: pty 50; rig needs ../shared/rp2040)
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
  "$src"/loop/*.java "$src"/protocol/*.java "$src"/transport/*.java "$src"/device/*.java "$src"/board/*.java \
  "$src"/config/*.java "$here/ReplugBench.java"
mkdir -p "$out/classes/picoloop" && cp "$root/config/board.properties" "$out/classes/picoloop/"
echo "== machine: $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg), $("$jdk/bin/java" -version 2>&1 | head -1), $(python3 --version), $(uname -sr)"
"$jdk/bin/java" --enable-native-access=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
  -cp "$out/classes:$serial" ReplugBench "$root" "${1:-pty}" "${2:-50}" | tee "$out/results-${1:-pty}.txt"
echo "== load average at the end: $(cut -d" " -f1-3 /proc/loadavg)" | tee -a "$out/results-${1:-pty}.txt"
