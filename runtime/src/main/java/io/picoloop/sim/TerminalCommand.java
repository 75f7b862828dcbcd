package io.picoloop.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short terminal query ({@code stty}, {@code test -t 1}) with a deadline. The command's
 * output is read only after it has exited (a few bytes: the pipe holds them), so a command that
 * hangs (a stty stopped by job control, a broken terminal) costs at most the deadline and is
 * killed, instead of blocking picoloop on the read.
 */
final class TerminalCommand {

    static final long DEADLINE_SECONDS = 5;

    private TerminalCommand() {
    }

    /** Its output (stripped) if it exited 0 within the deadline; empty otherwise, or without the command. */
    static Optional<String> run(ProcessBuilder pb) {
        Process p;
        try {
            p = pb.redirectErrorStream(pb.redirectOutput() == ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();    // no such command (Windows has neither)
        }
        try {
            p.getOutputStream().close();
            if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            try {
                p.getInputStream().close();
                p.getErrorStream().close();
            } catch (IOException ignored) {
                // closing our ends of the pipes only
            }
        }
    }
}
