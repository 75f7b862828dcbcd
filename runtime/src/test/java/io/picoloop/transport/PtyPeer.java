package io.picoloop.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real pseudo-terminal, made by a python3 helper process that holds the master side: it prints
 * the slave path, answers each line {@code x} with {@code echo x}, writes lines given to
 * {@link #say}, and closes the master on {@link #hangUp} (as a USB device vanishing would).
 * With {@code lock}, it also holds an exclusive flock on the slave, as another program using the
 * port through jSerialComm (or picocom) would.
 */
final class PtyPeer implements AutoCloseable {

    private static final String SCRIPT = """
            import os, pty, sys, tty, select, fcntl
            m, s = pty.openpty()
            tty.setraw(s)
            tty.setraw(m)
            path = os.ttyname(s)
            if len(sys.argv) > 1 and sys.argv[1] == 'lock':
                fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            print(path, flush=True)
            buf = b''
            while True:
                r, _, _ = select.select([m, sys.stdin], [], [])
                if sys.stdin in r:
                    cmd = sys.stdin.readline()
                    if cmd.strip() in ('', 'hangup'):
                        os.close(m)
                        os.close(s)
                        sys.stdout.write('HUNGUP\\n')
                        sys.stdout.flush()
                        sys.stdin.readline()
                        break
                    os.write(m, cmd[4:].encode())
                elif m in r:
                    try:
                        data = os.read(m, 1024)
                    except OSError:
                        continue
                    buf += data
                    while b'\\n' in buf:
                        line, buf = buf.split(b'\\n', 1)
                        os.write(m, b'echo ' + line + b'\\n')
            """;

    private final Process process;
    private final BufferedReader out;
    private final OutputStream in;
    final String path;

    PtyPeer(boolean lock) throws IOException {
        Path script = Files.createTempFile("picoloop-pty-peer", ".py");
        Files.writeString(script, SCRIPT);
        script.toFile().deleteOnExit();
        process = new ProcessBuilder("python3", script.toString(), lock ? "lock" : "").redirectErrorStream(true).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = process.getOutputStream();
        path = out.readLine();
        if (path == null || !path.startsWith("/dev/")) {
            throw new IOException("the python3 pty helper did not start: " + path);
        }
    }

    /** The peer writes this line to the pty. */
    void say(String line) throws IOException {
        in.write(("say " + line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Closes the master side, as a device vanishing would; returns once it is closed. */
    void hangUp() throws IOException {
        in.write("hangup\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        String l;
        while ((l = out.readLine()) != null && !l.equals("HUNGUP")) {
            // skip
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
