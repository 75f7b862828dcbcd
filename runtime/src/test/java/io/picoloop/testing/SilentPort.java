package io.picoloop.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A serial port where nothing answers: a pseudo-terminal whose other side a python3 process holds
 * open and never reads or writes, as a Pico running some other program would. The python3 process
 * holds only that side, so no program has the port itself open.
 */
public final class SilentPort implements AutoCloseable {

    private final Process process;
    private final String path;

    public SilentPort() throws IOException {
        process = new ProcessBuilder("python3", "-c", String.join("\n",
                "import os, pty, tty, time",
                "m, s = pty.openpty()",
                "tty.setraw(s)",
                "print(os.ttyname(s), flush=True)",
                "os.close(s)",      // only the master held: no program holds the port (doctor's "port free" check)
                "time.sleep(300)")).start();
        path = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (path == null || !path.startsWith("/dev/")) {
            process.destroyForcibly();
            throw new IOException("python3 could not make a pseudo-terminal: " + path);
        }
    }

    /** The pty's path, to open like /dev/ttyACM0. */
    public String path() {
        return path;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
