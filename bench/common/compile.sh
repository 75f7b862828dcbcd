# Sourced by a benchmark's run.sh (after setting $here and $root): finds JDK 25 ($jdk) and
# jSerialComm ($serial), and compiles picoloop's runtime straight from the sources (no Maven build
# of the shared target/) with the benchmark's own files and bench/common into $out/classes.
# Usage: . "$root/bench/common/compile.sh"; bench_compile "$here/MyBench.java"
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

bench_compile() {
  rm -rf "$out" && mkdir -p "$out/classes"
  local src="$root/runtime/src/main/java/io/picoloop"
  "$jdk/bin/javac" -nowarn -cp "$serial" -d "$out/classes" \
    "$src"/loop/*.java "$src"/protocol/*.java "$src"/transport/*.java "$src"/device/*.java "$src"/board/*.java \
    "$src"/button/*.java "$src"/config/*.java "$root"/bench/common/*.java "$@"
  # the default board profile, where BoardProfileLoader looks for it (DeviceOptions.defaults uses it)
  mkdir -p "$out/classes/picoloop" && cp "$root/config/board.properties" "$out/classes/picoloop/"
}

# The machine a figure was measured on, for the first line of the results.
bench_machine() {
  echo "== machine: $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg), $("$jdk/bin/java" -version 2>&1 | head -1), $(python3 --version), $(uname -sr)"
}
