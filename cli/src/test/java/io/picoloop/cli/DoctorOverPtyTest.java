package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.install.BoardProbe;
import io.picoloop.testing.SilentPort;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code picoloop doctor} on a port where nothing answers: what it is, as far as can be told, and the ways out. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DoctorOverPtyTest {

    @Test
    void aSilentBoardIsNamedAsSuchWithWhatToDo() throws IOException {
        try (SilentPort silent = new SilentPort()) {
            CliRun run = CliRun.of("doctor", "--port", silent.path());
            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.out().contains("✗ board answers: " + BoardProbe.SILENT + " → a Pico just plugged in: run picoloop"
                    + " doctor again; else its program does not read the port and ignores Ctrl-C. Stop that program:"), run.toString());
        }
    }
}
