package io.picoloop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.picoloop.device.Pico;
import io.picoloop.loop.Async;
import io.picoloop.testing.JavaSource;
import io.picoloop.testing.RepoRoot;
import io.picoloop.testing.VirtualBoard;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * examples/traffic-lights/TrafficLights.java compiled as a user would run it, on the simulated
 * Pico with a virtual clock: every time below is exact, in milliseconds since the start.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TrafficLightsExampleTest {

    private final VirtualBoard board = new VirtualBoard();
    private final List<String> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void watchThePins() {
        board.sim.addPinListener((pin, level, nanos) ->
                changes.add("GP" + pin.token() + (level == 1 ? " on" : " off") + " at " + VirtualBoard.ms(nanos)));
    }

    @AfterEach
    void stop() {
        board.close();
    }

    /** The four LEDs set up as outputs, then the first green. */
    private static final List<String> SET_UP = List.of(
            "GP16 off at 0", "GP19 off at 0", "GP20 off at 0", "GP25 off at 0", "GP20 on at 0");

    private void assertChangesAfterSetUp(String... then) {
        List<String> all = new java.util.ArrayList<>(SET_UP);
        all.addAll(List.of(then));
        assertEquals(all, changes);
    }

    /** The example's {@code lights(pico, cycles)} as the loop's main task: the crossings it counted. */
    private int runCycles(int cycles) throws Exception {
        try (URLClassLoader example = JavaSource.compile(RepoRoot.get().resolve("examples/traffic-lights/TrafficLights.java"))) {
            Method lights = example.loadClass("TrafficLights").getDeclaredMethod("lights", Pico.class, int.class);
            lights.setAccessible(true);
            return board.loop.run(() -> (int) lights.invoke(null, board.pico, cycles));
        }
    }

    /** A pedestrian on the example's loop (so on its clock): presses at {@code atMs}, lets go 100 ms later. */
    private void pressAt(long atMs) {
        board.loop.spawn("pedestrian", () -> {
            Async.sleepMs(atMs);
            board.press("14");
            Async.sleepMs(100);
            board.release("14");
        });
    }

    @Test
    void withNobodyWaitingTheLightsCycleAtTheirFullLengthsAndEndDark() throws Exception {
        assertEquals(0, runCycles(2));
        assertChangesAfterSetUp("GP20 off at 10000", "GP19 on at 10000", "GP19 off at 12000", "GP16 on at 12000",
                "GP16 off at 17000", "GP20 on at 17000", "GP20 off at 27000", "GP19 on at 27000",
                "GP19 off at 29000", "GP16 on at 29000", "GP16 off at 34000");
    }

    @Test
    void aPressLightsTheWaitLampShortensTheGreenAndCountsOneCrossing() throws Exception {
        pressAt(1000);
        assertEquals(1, runCycles(2));
        assertChangesAfterSetUp("GP25 on at 1000",                           // the wait lamp
                "GP20 off at 3000", "GP19 on at 3000",                               // green cut to its minimum
                "GP19 off at 5000", "GP16 on at 5000", "GP25 off at 5000",           // red: walk
                "GP16 off at 10000", "GP20 on at 10000", "GP20 off at 20000", "GP19 on at 20000",
                "GP19 off at 22000", "GP16 on at 22000", "GP16 off at 27000");
    }

    @Test
    void aPressAfterTheMinimumEndsTheGreenAtOnce() throws Exception {
        pressAt(7000);
        assertEquals(1, runCycles(2));
        assertChangesAfterSetUp("GP25 on at 7000", "GP20 off at 7000", "GP19 on at 7000",
                "GP19 off at 9000", "GP16 on at 9000", "GP25 off at 9000",
                "GP16 off at 14000", "GP20 on at 14000", "GP20 off at 24000", "GP19 on at 24000",
                "GP19 off at 26000", "GP16 on at 26000", "GP16 off at 31000");
    }

    @Test
    void aPressDuringTheRedIsRememberedForTheNextCrossing() throws Exception {
        pressAt(1000);
        pressAt(6000);          // the first red is 5000-10000
        assertEquals(2, runCycles(2));
        assertChangesAfterSetUp("GP25 on at 1000", "GP20 off at 3000", "GP19 on at 3000",
                "GP19 off at 5000", "GP16 on at 5000", "GP25 off at 5000",
                "GP25 on at 6000",                                                   // waits for the next red
                "GP16 off at 10000", "GP20 on at 10000", "GP20 off at 13000", "GP19 on at 13000",
                "GP19 off at 15000", "GP16 on at 15000", "GP25 off at 15000", "GP16 off at 20000");
    }
}
