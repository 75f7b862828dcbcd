#!/usr/bin/env bash
# Start-up of ./picoloop beside a bare `java -version` (the same JDK), interleaved in one run, on a
# pseudo-terminal as in a terminal session. The launcher's start-up cache lives in
# bench/startup/target/cache (made by the warm-up round, as a user's first run makes theirs).
# Usage: bench/startup/run.sh [ROUNDS]      (default 40 rounds: about a minute)
# The last lines give issue 15's two targets, each met or not: --version within 3x, blink within 4x.
# BEFORE=DIR adds the launcher and jar of another checkout (built by its own ./picoloop first), say
# an older commit unpacked with: git archive COMMIT | tar -x -C DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../../scripts/find-jdk25.sh
. "$root/scripts/find-jdk25.sh"
picoloop_find_jdk25 || exit 1
export XDG_CACHE_HOME="$here/target/cache"
mkdir -p "$XDG_CACHE_HOME"
"$root/picoloop" --version >/dev/null       # builds the jar if it is missing or stale
if [ -n "${BEFORE:-}" ]; then "$BEFORE/picoloop" --version >/dev/null; fi
java="$JAVA_HOME/bin/java"
jar="$root/cli/target/picoloop.jar"
blink="blink --pin 25 --period 10 --count 1 --sim"
# what the launcher passes to the JVM besides its own options (it adds the cache's)
tmpdir="-Djava.io.tmpdir=$XDG_CACHE_HOME/picoloop/tmp"
echo "== machine: $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg), $("$java" -version 2>&1 | head -1), $(uname -sr)"
python3 "$here/startup_bench.py" "${1:-40}" \
    "java -version	$java -version" \
    "./picoloop --version	$root/picoloop --version	3" \
    "./picoloop $blink	$root/picoloop $blink	4" \
    "  same, PICOLOOP_AOT=off	env PICOLOOP_AOT=off $root/picoloop $blink" \
    "java -jar picoloop.jar --version	$java $tmpdir -jar $jar --version" \
    "java -jar picoloop.jar $blink	$java $tmpdir -jar $jar $blink" \
    ${BEFORE:+"before: ./picoloop --version	$BEFORE/picoloop --version"} \
    ${BEFORE:+"before: ./picoloop $blink	$BEFORE/picoloop $blink"} \
    | tee "$here/target/results.txt"
echo "== load average at the end: $(cut -d" " -f1-3 /proc/loadavg)" | tee -a "$here/target/results.txt"
