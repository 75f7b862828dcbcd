#!/usr/bin/env bash
# Scheduler benchmarks: picoloop (Java 25) and the same workloads on CPython asyncio, side by side.
# Usage: bench/scheduler/run.sh [quick]     (quick: shorter lateness/drift runs)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jdk="${JAVA_HOME:-}"
if [[ -z "$jdk" || ! -x "$jdk/bin/javac" ]] || ! "$jdk/bin/java" -version 2>&1 | grep -q '"25'; then
  jdk="$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)"
fi
[[ -x "$jdk/bin/javac" ]] || { echo "need a JDK 25 (set JAVA_HOME)" >&2; exit 1; }
py="${PYTHON:-python3}"
out="$here/target"
rm -rf "$out" && mkdir -p "$out"
# Compile just the scheduler package plus the harness: no Maven, no other modules.
"$jdk/bin/javac" -nowarn -d "$out" "$root"/runtime/src/main/java/io/picoloop/loop/*.java "$here/SchedulerBench.java"

lateness_s=10; drift_n=10000
if [[ "${1:-}" == quick ]]; then lateness_s=3; drift_n=1000; fi

# The flags picoloop's launcher gives: task threads carried by the loop's own thread (Carrier)
# and a 10 us timer slack for the driver (TimerSlack). "shared" runs leave tasks on the JDK pool.
java_flags=(-XX:+UseSerialGC --enable-native-access=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED -cp "$out")
java_run() { "$jdk/bin/java" "${java_flags[@]}" "$@"; }
results="$out/results.txt"; : > "$results"
# The machine's own floor, in C: cyclictest (Debian's rt-tests) sleeping to absolute 1 ms
# deadlines, ordinary priority, without touching /dev/cpu_dma_latency (--laptop), so that it
# changes nothing for the others. Its max is what any program here meets; no picoloop, no JVM.
c_control() {
  if ! command -v cyclictest >/dev/null; then
    echo "RESULT $2_missing 0 (apt-get install rt-tests for the C control)"; return
  fi
  cyclictest -t1 -i1000 -D"$1" -q --laptop -h 100000 2>/dev/null | awk -v name="$2" '
    /^[0-9]+[ \t]+[0-9]+/ { if ($2 > 0) { lat[n] = $1 + 0; cnt[n] = $2 + 0; tot += $2; n++ } }
    /^# Max Latencies/ { mx = $4 + 0 }
    END { for (i = 0; i < n; i++) { acc += cnt[i]; if (p50 == "" && acc >= tot * 0.5) p50 = lat[i]; if (p99 == "" && acc >= tot * 0.99) p99 = lat[i] }
          printf "RESULT %s_p50 %d us\nRESULT %s_p99 %d us\nRESULT %s_max %d us\nRESULT %s_samples %d n\n", name, p50, name, p99, name, mx, name, tot }'
}
record() { sed -n 's/^RESULT /'"$1"' /p' | tee -a "$results"; }

echo "== machine: $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg), $("$jdk/bin/java" -version 2>&1 | head -1), $("$py" --version)"
echo "== 4. drift: ${drift_n} periods of 10 ms (both sides at once, plus a plain time.sleep control: all sleep almost all the time)"
java_run -Djdk.virtualThreadScheduler.parallelism=1 SchedulerBench drift "$drift_n" > "$out/drift-java.txt" &
"$py" "$here/asyncio_bench.py" control 10 $((drift_n / 100)) | sed 's/RESULT control/RESULT drift_control_py/' > "$out/drift-control-py.txt" &
"$py" "$here/asyncio_bench.py" drift "$drift_n" > "$out/drift-py.txt"
wait
record java < "$out/drift-java.txt"; record python < "$out/drift-py.txt"; record python < "$out/drift-control-py.txt"

echo "== 1. switch throughput: 100 tasks x 50,000 yields"
java_run -Djdk.virtualThreadScheduler.parallelism=1 SchedulerBench switch 100 50000 | record java
java_run SchedulerBench switch 100 50000 | sed 's/switch_rate/switch_rate_default_parallelism/' | record java
"$py" "$here/asyncio_bench.py" switch 100 50000 | record python
echo "== 1b. callback throughput: 5,000,000 callbacks (call_soon chains)"
java_run SchedulerBench callbacks 5000000 | record java
"$py" "$here/asyncio_bench.py" callbacks 5000000 | record python
echo "== 2. timer lateness: 1,000 periodic tasks at 10 ms for ${lateness_s} s, real clock"
"$py" "$here/asyncio_bench.py" control 10 "$lateness_s" | sed 's/RESULT control/RESULT lateness_control_py/' > "$out/lateness-control-py.txt" &
c_control "$lateness_s" lateness_control_c > "$out/lateness-control-c.txt" &
java_run -Djdk.virtualThreadScheduler.parallelism=1 SchedulerBench lateness 1000 10 "$lateness_s" | record java
wait
record python < "$out/lateness-control-py.txt"
record c < "$out/lateness-control-c.txt"
echo "   same, second round in the same JVM (after a discarded 2 s round: JIT-compiled)"
java_run -Dbench.warm=true SchedulerBench lateness 1000 10 "$lateness_s" | grep -v control \
  | sed 's/RESULT lateness/RESULT warm_lateness/' | record java
echo "   same, task threads on the JDK's shared pool (-Dpicoloop.carrier=shared, no --add-opens needed)"
java_run -Djdk.virtualThreadScheduler.parallelism=1 -Dpicoloop.carrier=shared SchedulerBench lateness 1000 10 "$lateness_s" \
  | grep -v control | sed 's/RESULT lateness/RESULT shared_lateness/' | record java
echo "   same, with loop.setSpinBeforeDeadline(100 us)"
java_run -Djdk.virtualThreadScheduler.parallelism=1 -Dbench.spinUs=100 SchedulerBench lateness 1000 10 "$lateness_s" \
  | sed 's/RESULT lateness/RESULT spin100_lateness/' | record java
"$py" "$here/asyncio_bench.py" lateness 1000 10 "$lateness_s" | record python
echo "== 3. scale: 100,000 sleeping tasks, one sleep each (Java heap capped at 256 MB); lateness = clock when it runs again - own deadline"
echo "   spread: deadlines one every 5 us over 0.5 s (wake on time)"
# What a sleeping task holds depends on when C2 compiled its park path (interpreted and C1
# frames are about 5x the size of C2's), so the live heap differs from one fresh JVM to the
# next: three cold runs show the spread, the first one in full. A run that does not fit
# thrashes in full GCs; the timeout reports that instead of hanging.
for r in 1 2 3; do
  rc=0
  timeout 120 "$jdk/bin/java" "${java_flags[@]}" -Xmx256m -Djdk.virtualThreadScheduler.parallelism=1 \
    SchedulerBench scale 100000 > "$out/scale-r$r.txt" 2> "$out/scale-r$r.err" || rc=$?
  if [[ $rc == 124 ]]; then
    echo "RESULT scale_heap_live_asleep 999 MB (did not finish in 120 s: did not fit)" > "$out/scale-r$r.txt"
  elif [[ $rc != 0 ]] && grep -q OutOfMemoryError "$out/scale-r$r.err"; then
    echo "RESULT scale_heap_live_asleep 999 MB (OutOfMemoryError: did not fit)" > "$out/scale-r$r.txt"
  elif [[ $rc != 0 ]]; then
    echo "scale run $r failed (exit $rc):" >&2; tail -5 "$out/scale-r$r.err" >&2
  fi
  if [[ $r == 1 ]]; then record java < "$out/scale-r1.txt"; continue; fi
  { grep -E 'RESULT scale_(heap_live_asleep|wake_p99) ' "$out/scale-r$r.txt" || true; } | sed "s/RESULT scale_/RESULT scale_r${r}_/" | record java
done
"$py" "$here/asyncio_bench.py" scale 100000 | record python
echo "   spread, second round in the same JVM (after a discarded round of the same size)"
java_run -Xmx256m -Dbench.warm=true SchedulerBench scale 100000 | sed 's/RESULT scale/RESULT warm_scale/' | record java
echo "   spread, task threads on the JDK's shared pool"
java_run -Xmx256m -Djdk.virtualThreadScheduler.parallelism=1 -Dpicoloop.carrier=shared SchedulerBench scale 100000 \
  | sed 's/RESULT scale/RESULT shared_scale/' | record java
echo "   burst: all deadlines at one instant (the last is late by N x per-wake cost)"
java_run -Xmx256m -Djdk.virtualThreadScheduler.parallelism=1 SchedulerBench scale-burst 100000 | record java
"$py" "$here/asyncio_bench.py" scale-burst 100000 | record python

echo "== ratios (picoloop / asyncio)"
awk '$1=="java"{j[$2]=$3} $1=="python"{p[$2]=$3} $1=="c"{c[$2]=$3}
     END{ if (p["switch_rate"]) printf "switch throughput: %.2fx (default parallelism: %.2fx)\n", j["switch_rate"]/p["switch_rate"], j["switch_rate_default_parallelism"]/p["switch_rate"];
          if (p["callback_rate"]) printf "callback throughput: %.2fx\n", j["callback_rate"]/p["callback_rate"];
          if (j["lateness_p99"]) printf "lateness p99: asyncio is %.1fx later (warm round: %.1fx)\n", p["lateness_p99"]/j["lateness_p99"], p["lateness_p99"]/j["warm_lateness_p99"];
          if (j["lateness_max"] && c["lateness_control_c_max"]) printf "lateness max: picoloop %.0f us; the machine itself (cyclictest, C, same 10 s) %.0f us\n", j["lateness_max"], c["lateness_control_c_max"];
          if (j["scale_heap_live_asleep"]) printf "100k sleepers live heap in 3 fresh JVMs: %.0f, %.0f, %.0f MB of 256 (999: did not fit)\n", j["scale_heap_live_asleep"], j["scale_r2_heap_live_asleep"], j["scale_r3_heap_live_asleep"];
          if (j["scale_wake_p99"]) printf "100k sleepers wake p99: asyncio %.0f us, picoloop %.0f us (warm round %.0f us, shared pool %.0f us)\n", p["scale_wake_p99"], j["scale_wake_p99"], j["warm_scale_wake_p99"], j["shared_scale_wake_p99"];
          if (j["scale_burst_per_wake"]) printf "cost per wake (burst): asyncio %.2f us, picoloop %.2f us\n", p["scale_burst_per_wake"], j["scale_burst_per_wake"] }' "$results"
echo "== load average at the end: $(cut -d" " -f1-3 /proc/loadavg)"
