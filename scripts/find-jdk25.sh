# Sourced by ./picoloop and ./run-tests: sets JAVA_HOME to a JDK 25 or newer, or explains.
# Pi4J 4 needs Java 25, so an older default `java` (Debian's 17, say) is passed over, not used.
# Runs on every ./picoloop, so it starts no JVM when it can help it (a JVM start is about as long
# as the whole of a bare `java -version`): a JDK's release file names its version.

picoloop_java_major() {
    # sets picoloop_major to the major version of the JDK at $1, or to nothing (a variable, not
    # printed: no subshell on every start)
    local line version=""
    picoloop_major=""
    if [ -r "$1/release" ]; then
        while IFS= read -r line; do
            case "$line" in
                JAVA_VERSION=*) version="${line#JAVA_VERSION=}"; version="${version//\"/}"; break ;;
            esac
        done <"$1/release"
    fi
    if [ -n "$version" ]; then
        picoloop_major="${version%%[!0-9]*}"      # 25.0.3 -> 25; 1.8.0_402 -> 1
        return
    fi
    # no release file (a hand-made image): ask the JVM
    picoloop_major="$("$1/bin/java" -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1)"
}

picoloop_is_jdk25() {
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
    picoloop_java_major "$1"
    [ -n "$picoloop_major" ] && [ "$picoloop_major" -ge 25 ]
}

picoloop_find_jdk25() {
    local candidates=() c
    # JAVA_HOME first, on its own: when it is a JDK 25 nothing else is looked at
    if [ -n "${JAVA_HOME:-}" ] && picoloop_is_jdk25 "$JAVA_HOME"; then
        export JAVA_HOME
        return 0
    fi
    candidates+=(/usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/java-25-* /usr/lib/jvm/jdk-25* /usr/lib/jvm/*)
    candidates+=(/opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*)
    candidates+=(/Library/Java/JavaVirtualMachines/*/Contents/Home)
    for c in "${candidates[@]}"; do
        if picoloop_is_jdk25 "$c"; then
            export JAVA_HOME="$c"
            return 0
        fi
    done
    # last, the java on PATH: looked up only now (three processes on every start otherwise)
    if command -v java >/dev/null 2>&1; then
        c="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
        if picoloop_is_jdk25 "$c"; then
            export JAVA_HOME="$c"
            return 0
        fi
    fi
    cat >&2 <<MSG
picoloop needs a JDK 25 or newer (Pi4J 4 requires Java 25), and none was found.
Looked at JAVA_HOME${JAVA_HOME:+ ($JAVA_HOME)}, /usr/lib/jvm/*, /opt/java/*, ~/.sdkman and the java on PATH.
Install one, e.g. on Raspberry Pi OS / Debian:  sudo apt-get install temurin-25-jdk
(from the Adoptium apt repository) or any OpenJDK 25 build, then set JAVA_HOME to it.
MSG
    return 1
}
