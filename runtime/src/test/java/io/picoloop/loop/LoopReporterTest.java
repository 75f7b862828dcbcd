package io.picoloop.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A report is one write of a whole line: stdout and stderr share the terminal, and a report
 * written in pieces had another line land inside it
 * ({@code picoloop: task 'main' has held the loop for 117watching GP14 ...}).
 */
class LoopReporterTest {

    @Test
    void eachReportOnStderrIsOneWriteOfAWholeLine() {
        List<String> writes = new ArrayList<>();
        OutputStream recorder = new OutputStream() {
            @Override
            public void write(int b) {
                writes.add(String.valueOf((char) b));
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(new String(b, off, len, StandardCharsets.UTF_8));
            }
        };
        PrintStream old = System.err;
        System.setErr(new PrintStream(recorder, true, StandardCharsets.UTF_8));
        try {
            LoopReporter.STDERR.stillBlocked("task 'main'", Duration.ofMillis(117), "running at X.y(X.java:1)");
            LoopReporter.STDERR.blocked("task 'main'", Duration.ofMillis(184));
            LoopReporter.STDERR.overrun("task 'blink'", 3);
            LoopReporter.STDERR.ignoredCancel("task 'stubborn'", Duration.ofSeconds(2));
        } finally {
            System.setErr(old);
        }
        String nl = System.lineSeparator();
        assertEquals(List.of(
                "picoloop: task 'main' has held the loop for 117 ms and is still running at X.y(X.java:1)" + nl,
                "picoloop: task 'main' held the loop for 184 ms without an await point" + nl,
                "picoloop: task 'blink' overran its period; skipped 3 tick(s)" + nl,
                "picoloop: task 'stubborn' ignored cancellation: still running 2000 ms after close(); left behind"
                        + " (do not swallow CancelledException)" + nl), writes);
    }

    @Test
    void linesHandsEachReportOverWhole() {
        List<String> lines = new ArrayList<>();
        LoopReporter r = LoopReporter.lines(lines::add);
        r.stillBlocked("task 'main'", Duration.ofMillis(150));
        assertEquals(List.of("picoloop: task 'main' has held the loop for 150 ms and is still running"
                + " (a CPU loop or a blocking call without await?)"), lines);
    }
}
