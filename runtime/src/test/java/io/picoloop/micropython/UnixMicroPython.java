package io.picoloop.micropython;

import io.picoloop.testing.RepoRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * MicroPython's unix port (the v1.28.0 binary beside the emulated RP2040, ../shared/rp2040) at its
 * REPL on a pseudo-terminal, as a {@link ByteLink}: the real raw REPL and raw-paste code, without
 * a board. Its "flash" is a temporary directory ({@link #dir()}).
 */
final class UnixMicroPython implements ByteLink {

    private static final byte[] EOF = new byte[0];

    private final Process process;
    private final Path dir;
    private final OutputStream toBoard;
    private final BlockingQueue<byte[]> fromBoard = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int at;

    private UnixMicroPython(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
        this.toBoard = process.getOutputStream();
        InputStream in = process.getInputStream();
        Thread.ofPlatform().daemon().name("unix-micropython").start(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    fromBoard.add(java.util.Arrays.copyOf(buf, n));
                }
            } catch (IOException e) {
                // ended
            }
            fromBoard.add(EOF);
        });
    }

    /** Beside the rig's script ({@code $PICOLOOP_RIG}, else ../shared/rp2040/rig): a worktree elsewhere finds it too. */
    static Path binary() {
        return io.picoloop.testing.EmulatedPico.rigScript().resolveSibling("micropython");
    }

    /** Starts it at its friendly REPL; {@code old}: a MicroPython without raw-paste. Skips the test where the binary is absent. */
    static UnixMicroPython start(boolean old) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(binary()), () -> "skipped: no MicroPython unix port at " + binary());
        Path dir = Files.createTempDirectory("picoloop-unix-mpy");
        Path script = RepoRoot.get().resolve("runtime/src/test/resources/io/picoloop/micropython/unix_repl.py");
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString(), binary().toString(), dir.toString()));
        if (old) {
            cmd.add("--old");
        }
        return new UnixMicroPython(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start(), dir);
    }

    /** Freezes the board (SIGSTOP to the relay): it stops answering, the link stays open. */
    void freeze() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).start().waitFor();
    }

    Path dir() {
        return dir;
    }

    @Override
    public int read(byte[] buf, int off, int len, int timeoutMs) throws IOException {
        if (at == current.length) {
            byte[] next;
            try {
                next = fromBoard.poll(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            if (next == null) {
                return 0;
            }
            if (next == EOF) {
                fromBoard.add(EOF);
                throw new IOException("the unix port ended");
            }
            current = next;
            at = 0;
        }
        int n = Math.min(len, current.length - at);
        System.arraycopy(current, at, buf, off, n);
        at += n;
        return n;
    }

    @Override
    public void write(byte[] data) throws IOException {
        toBoard.write(data);
        toBoard.flush();
    }

    @Override
    public String description() {
        return "unix MicroPython";
    }

    @Override
    public void close() {
        try {
            new ProcessBuilder("kill", "-CONT", Long.toString(process.pid())).start().waitFor();
        } catch (IOException | InterruptedException e) {
            // it ends below anyway
        }
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
