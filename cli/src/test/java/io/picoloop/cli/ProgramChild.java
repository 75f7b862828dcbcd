package io.picoloop.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's program on {@link io.picoloop.Picoloop#run}, run as {@code ./picoloop Prog.java ARGS}
 * runs it (Java's source-file mode, the launcher's flags): it lights GP16 and the onboard LED,
 * prints "lit" (not when blocking: the panel's line stays open; with slow-stop once its cleanup is
 * armed), then ends as {@code how} says:
 * {@code end} (returns), {@code throw} (its own bug), {@code wait} (until a signal), {@code slow-stop}
 * (until a signal, then a 300 ms cleanup that ends by lighting GP17) or {@code block} (holds the
 * loop 400 ms with a blocking sleep, then returns).
 */
final class ProgramChild {

    static final String SOURCE = """
            import io.picoloop.Picoloop;
            import io.picoloop.loop.Async;

            public class Prog {
                public static void main(String[] args) {
                    String how = System.getenv("PROG_END");
                    Picoloop.run(args, pico -> {
                        pico.output(16).on();
                        pico.output("LED").on();
                        if (!how.equals("block") && !how.equals("slow-stop")) {
                            System.out.println("lit");
                        }
                        Async.sleepMs(200);
                        if (how.equals("throw")) {
                            throw new IllegalStateException("the program's own bug");
                        }
                        if (how.equals("wait")) {
                            Async.sleepMs(600_000);
                        }
                        if (how.equals("slow-stop")) {
                            var marker = pico.output(17);
                            try {
                                System.out.println("lit");      // the cleanup is armed
                                Async.sleepMs(600_000);
                            } finally {         // a cleanup that takes its time, then marks its end on GP17
                                Thread.sleep(300);
                                marker.toggleAsync();       // sent without waiting: the task is cancelled
                            }
                        }
                        if (how.equals("block")) {
                            Thread.sleep(400);      // a blocking call that is not an await point
                        }
                    });
                }
            }
            """;

    /** The line of Prog.java that throws. */
    static final int THROW_LINE = SOURCE.lines().takeWhile(l -> !l.contains("throw new")).toList().size() + 1;

    private ProgramChild() {
    }

    static ProcessBuilder builder(String how, String... args) throws Exception {
        Path prog = Files.createTempDirectory("picoloop-prog").resolve("Prog.java");
        Files.writeString(prog, SOURCE);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), prog.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd);
        b.environment().put("PROG_END", how);
        b.environment().remove("PICOLOOP_DEBUG");
        return b;
    }
}
