package io.picoloop.transport;

/**
 * The operating system as far as opening a serial port cares: how ports are named (a POSIX device
 * path, or Windows' {@code COM3}, to which jSerialComm adds {@code \\.\} itself) and what the
 * number jSerialComm reports after a failed open means (an errno, or a Windows error code).
 */
enum HostOs {
    LINUX,
    MACOS,
    WINDOWS,
    /** FreeBSD and the like: POSIX paths and errno, no dialout group. */
    OTHER_POSIX;

    /** This JVM's. */
    static final HostOs CURRENT = of(System.getProperty("os.name", ""));

    /** From Java's {@code os.name}: "Linux", "Mac OS X", "Windows 11", "FreeBSD". */
    static HostOs of(String osName) {
        String name = osName.toLowerCase(java.util.Locale.ROOT);
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return MACOS;
        }
        return name.startsWith("linux") ? LINUX : OTHER_POSIX;
    }

    /** errno for "would block" (flock(LOCK_EX|LOCK_NB) on a held lock): 11 on Linux, 35 on macOS and the BSDs. */
    int eagain() {
        return this == LINUX ? 11 : 35;
    }
}
