package io.picoloop;

import io.picoloop.cli.ProgramRunner;
import io.picoloop.device.Pico;

/**
 * The one call a program needs: {@code Picoloop.run(args, pico -> { ... })}. It takes the
 * program's command line as picoloop's commands do ({@code --sim}, {@code --port}, no port: the
 * Pico where the bridge answers, {@code --board}, {@code --config}, {@code --keepalive},
 * {@code --help}), shows the simulated board's panel with {@code --sim}, runs the program as the
 * main task of a loop and, however it ends (its end, an exception, Ctrl-C, {@code kill}), switches
 * every output off. A failure is one line on stderr and the CLI's exit code
 * ({@code PICOLOOP_DEBUG=1} adds the stack trace).
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Picoloop.run(args, pico -> {
 *         var red = pico.output("red");
 *         Async.repeat(Duration.ofMillis(150), red::toggle);
 *         Async.sleepMs(5_000);
 *     });
 * }
 * }</pre>
 */
public final class Picoloop {

    /** A program: the main task's body, on the connected board. Spawn more tasks with {@code Async.spawn}. */
    @FunctionalInterface
    public interface Program {
        void run(Pico pico) throws Exception;
    }

    private Picoloop() {
    }

    /**
     * Runs {@code program} on the board {@code args} name and returns when it has ended and the
     * outputs are off. A usage error, a board that cannot be reached or a program that fails ends
     * the JVM with the CLI's exit code (2, 3, 1); Ctrl-C and {@code kill} with 130 and 143.
     * To leave the outputs as they are at the end, the program calls {@link Pico#closeLeavingOutputs()}.
     */
    public static void run(String[] args, Program program) {
        end(ProgramRunner.run(callerName(), args, null, program));
    }

    /**
     * The same for a program with options of its own: {@code options} is an object whose fields
     * carry picocli's {@code @Option}; they are parsed with the board options (one {@code --help},
     * one message for a bad option) and set before {@code program} runs.
     */
    public static void run(String[] args, Object options, Program program) {
        end(ProgramRunner.run(callerName(), args, java.util.Objects.requireNonNull(options, "options"), program));
    }

    private static String callerName() {
        // two frames up: the program's main, through run
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.skip(2).findFirst().orElseThrow()).getDeclaringClass().getSimpleName();
    }

    private static void end(int code) {
        if (code != 0) {
            System.exit(code);
        }
    }
}
