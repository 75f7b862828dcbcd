package io.picoloop.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A terminal for a child process, as a person at a keyboard has: a pseudo-terminal whose
 * controlling side a python3 process holds. {@link #type} sends keys as the keyboard would,
 * {@link #shown} is what the terminal showed (its echo, and whatever the child wrote to it),
 * {@link #modes} its echo and line-editing modes now.
 */
final class PtyTerminal implements AutoCloseable {

    private static final String RELAY = String.join("\n",
            "import fcntl, os, pty, struct, sys, termios, threading",
            "m, s = pty.openpty()",
            "lock = threading.Lock()",
            "def say(text):",
            "    with lock:",
            "        sys.stdout.write(text + '\\n')",
            "        sys.stdout.flush()",
            "def shown():",
            "    while True:",
            "        try:",
            "            data = os.read(m, 4096)",
            "        except OSError:",
            "            return",
            "        if not data:",
            "            return",
            "        say('shown ' + data.hex())",
            "threading.Thread(target=shown, daemon=True).start()",
            "say('path ' + os.ttyname(s))",
            "for line in sys.stdin:",
            "    cmd, _, arg = line.strip().partition(' ')",
            "    if cmd == 'type':",
            "        os.write(m, bytes.fromhex(arg))",
            "    elif cmd == 'modes':",
            "        lflag = termios.tcgetattr(s)[3]",
            "        say('modes echo=%d icanon=%d' % (bool(lflag & termios.ECHO), bool(lflag & termios.ICANON)))",
            "    elif cmd == 'pending':",
            "        say('pending %d' % struct.unpack('i', fcntl.ioctl(s, termios.FIONREAD, b'\\0\\0\\0\\0'))[0])");

    private final Process python;
    private final PrintWriter commands;
    private final String path;
    private final ByteArrayOutputStream shown = new ByteArrayOutputStream();
    private final BlockingQueue<String> modes = new LinkedBlockingQueue<>();

    PtyTerminal() throws IOException {
        python = new ProcessBuilder("python3", "-c", RELAY).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        commands = new PrintWriter(python.getOutputStream(), true, StandardCharsets.US_ASCII);
        BufferedReader replies = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII));
        String first = replies.readLine();
        if (first == null || !first.startsWith("path /dev/")) {
            python.destroyForcibly();
            throw new IOException("python3 could not make a pseudo-terminal: " + first);
        }
        path = first.substring("path ".length());
        Thread.ofPlatform().daemon().name("pty-terminal").start(() -> {
            try {
                for (String line; (line = replies.readLine()) != null; ) {
                    if (line.startsWith("shown ")) {
                        synchronized (shown) {
                            shown.writeBytes(HexFormat.of().parseHex(line.substring(6)));
                        }
                    } else {
                        modes.add(line);
                    }
                }
            } catch (IOException e) {
                // python ended
            }
        });
    }

    /** The terminal's device, for a child's stdin or stdout. */
    String path() {
        return path;
    }

    /** Keys typed at the keyboard. */
    void type(String keys) {
        commands.println("type " + HexFormat.of().formatHex(keys.getBytes(StandardCharsets.UTF_8)));
    }

    /** All the terminal has shown so far. */
    String shown() {
        synchronized (shown) {
            return shown.toString(StandardCharsets.UTF_8);
        }
    }

    /** The terminal's modes now: {@code echo=1 icanon=1} for a terminal in its normal mode. */
    String modes() throws InterruptedException {
        commands.println("modes");
        String m = modes.poll(10, TimeUnit.SECONDS);
        return m == null ? "no answer" : m.substring("modes ".length());
    }

    /** Bytes typed that nobody has read yet: what the shell would get next. */
    int pending() throws InterruptedException {
        commands.println("pending");
        String m = modes.poll(10, TimeUnit.SECONDS);
        return m == null ? -1 : Integer.parseInt(m.substring("pending ".length()));
    }

    @Override
    public void close() {
        python.destroyForcibly();
    }
}
