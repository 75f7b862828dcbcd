#!/usr/bin/env bash
# Fetches Pi4J's GPIO plugin for the Raspberry Pi into the launcher's plugin directory,
#   ${XDG_CACHE_HOME:-$HOME/.cache}/picoloop/plugins/
# where ./picoloop puts every jar on the classpath after its own (for the CLI and for *.java files).
#
# picoloop's build has pi4j-core only: Pi4J's providers for the Pi's own GPIO come in plugin jars, and
# for a Pi 4 or 5 under Pi4J 4.x that is com.pi4j:pi4j-plugin-ffm (Linux GPIO character device through
# Java's FFM API; 64-bit only: it knows aarch64 and amd64). The version is the root pom's
# <pi4j.version>, so the plugin matches the pi4j-core inside picoloop's jar. Its pom at that tag
# (plugins/pi4j-plugin-ffm/pom.xml in Pi4J's source, 4.0.2) has two runtime dependencies, pi4j-core
# and slf4j-api, and picoloop's jar has both, so the plugin's own jar is all that is fetched.
#
# It uses Maven (mvn dependency:copy) and your Maven settings (~/.m2/settings.xml: mirrors, proxies).
# It cannot succeed on picoloop's build and CI machines: their Maven Central mirror does not have
# pi4j-plugin-ffm (404), which is also why it is not a dependency of the build. On a Pi with access to
# Maven Central it fetches the jar; without Maven, put the jar (from Maven Central, by hand) in the
# plugin directory or name it in PICOLOOP_CLASSPATH.
#
#   scripts/get-pi-gpio-plugin.sh
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

version="$(sed -n 's:.*<pi4j\.version>[[:space:]]*\([^<[:space:]]*\)[[:space:]]*</pi4j\.version>.*:\1:p' \
    "$root/pom.xml" | head -n 1)"
if [ -z "$version" ]; then
    echo "get-pi-gpio-plugin: no <pi4j.version> in $root/pom.xml" >&2
    exit 1
fi
artifact="com.pi4j:pi4j-plugin-ffm:$version"

cache="${XDG_CACHE_HOME:-${HOME:-}/.cache}"
if [ "$cache" = "/.cache" ]; then
    echo "get-pi-gpio-plugin: neither HOME nor XDG_CACHE_HOME is set" >&2
    exit 1
fi
dir="$cache/picoloop/plugins"

if ! command -v mvn >/dev/null 2>&1; then
    echo "get-pi-gpio-plugin: fetching $artifact needs Apache Maven (mvn); install it (sudo apt-get install maven)," >&2
    echo "  or download pi4j-plugin-ffm-$version.jar from Maven Central yourself and put it in $dir" >&2
    exit 1
fi
if ! (umask 077 && mkdir -p "$dir"); then
    echo "get-pi-gpio-plugin: cannot create $dir" >&2
    exit 1
fi
case "$(uname -m)" in
    aarch64 | x86_64) ;;
    *) echo "get-pi-gpio-plugin: note: this is $(uname -m); Pi4J's FFM plugin runs on 64-bit (aarch64) Raspberry Pi OS only" >&2 ;;
esac

echo "get-pi-gpio-plugin: fetching $artifact into $dir ..." >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# run outside the repository: in it, Maven would run the goal once per module of picoloop's build
# (-U: a miss is cached in ~/.m2 and not retried for a day otherwise)
if ! (cd "$work" && mvn -B -U -Dstyle.color=never dependency:copy "-Dartifact=$artifact" \
        "-DoutputDirectory=$dir" >"$work/mvn.log" 2>&1); then
    echo "get-pi-gpio-plugin: Maven could not fetch $artifact:" >&2
    if ! grep -m 1 '^\[ERROR\]' "$work/mvn.log" >&2; then tail -n 15 "$work/mvn.log" >&2; fi
    echo "get-pi-gpio-plugin: check the network and your Maven mirror (~/.m2/settings.xml): the artifact is on" >&2
    echo "  Maven Central, not on every mirror. Or download pi4j-plugin-ffm-$version.jar yourself and put it" >&2
    echo "  in $dir, or name it in PICOLOOP_CLASSPATH" >&2
    exit 1
fi
jar="$dir/pi4j-plugin-ffm-$version.jar"
if [ ! -f "$jar" ]; then
    echo "get-pi-gpio-plugin: Maven finished but $jar is not there; see its output:" >&2
    tail -n 15 "$work/mvn.log" >&2
    exit 1
fi
# another version beside it would register the same providers twice
for old in "$dir"/pi4j-plugin-ffm-*.jar; do
    if [ "$old" != "$jar" ] && [ -f "$old" ]; then
        echo "get-pi-gpio-plugin: removing $old (another Pi4J version)" >&2
        rm -f "$old"
    fi
done
echo "get-pi-gpio-plugin: $jar is in place; ./picoloop puts it on the classpath" >&2
