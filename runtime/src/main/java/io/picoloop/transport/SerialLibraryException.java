package io.picoloop.transport;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * jSerialComm could not load its native library. It extracts it into
 * {@code <java.io.tmpdir>/jSerialComm/<version>/}, then {@code ~/.jSerialComm/<version>/}, and loads
 * it from there: where both are mounted noexec or read-only its class fails to initialise, an
 * {@link Error} (jSerialComm issue 387). This turns that into one line naming the fix; what
 * jSerialComm said is the cause.
 */
public final class SerialLibraryException extends TransportException {

    SerialLibraryException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Runs the first (or any) use of jSerialComm's {@code SerialPort}: its static initialiser's
     * {@link ExceptionInInitializerError}, the {@link NoClassDefFoundError} of every later use, and an
     * {@link UnsatisfiedLinkError} (no directory could be created, so nothing was loaded) are all
     * {@link LinkageError}s.
     */
    static <T> T guard(Supplier<T> use) {
        try {
            return use.get();
        } catch (LinkageError e) {
            throw new SerialLibraryException(message(System.getProperty("java.io.tmpdir", "/tmp"),
                    System.getProperty("user.home", "~")), e);
        }
    }

    /** The one line, with the directories jSerialComm tried. */
    static String message(String tmpdir, String home) {
        return "the serial library jSerialComm could not load its native code from " + Path.of(tmpdir, "jSerialComm")
                + " or " + Path.of(home, ".jSerialComm") + " (noexec or read-only?): start java with"
                + " -Djava.io.tmpdir=<a directory you may execute files from> (./picoloop: set PICOLOOP_TMPDIR);"
                + " see jSerialComm issue 387";
    }
}
