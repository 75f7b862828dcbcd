# Sourced by ./picoloop and ./run-tests: sets JAVA_HOME to a JDK 25 or newer, or explains.
# Pi4J 4 needs Java 25, so an older default `java` (Debian's 17, say) is passed over, not used.

picoloop_java_major() {
    # prints the major version of the java at $1/bin/java, or nothing
    "$1/bin/java" -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

picoloop_find_jdk25() {
    local candidates=() c major
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    candidates+=(/usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/java-25-* /usr/lib/jvm/jdk-25* /usr/lib/jvm/*)
    candidates+=(/opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*)
    candidates+=(/Library/Java/JavaVirtualMachines/*/Contents/Home)
    if command -v java >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
    fi
    for c in "${candidates[@]}"; do
        [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
        major=$(picoloop_java_major "$c")
        if [ -n "$major" ] && [ "$major" -ge 25 ]; then
            export JAVA_HOME="$c"
            return 0
        fi
    done
    cat >&2 <<MSG
picoloop needs a JDK 25 or newer (Pi4J 4 requires Java 25), and none was found.
Looked at JAVA_HOME${JAVA_HOME:+ ($JAVA_HOME)}, /usr/lib/jvm/*, /opt/java/*, ~/.sdkman and the java on PATH.
Install one, e.g. on Raspberry Pi OS / Debian:  sudo apt-get install temurin-25-jdk
(from the Adoptium apt repository) or any OpenJDK 25 build, then set JAVA_HOME to it.
MSG
    return 1
}
