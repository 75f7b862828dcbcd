package io.picoloop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.picoloop.device.Pico;
import io.picoloop.loop.Async;
import io.picoloop.testing.JavaSource;
import io.picoloop.testing.RepoRoot;
import io.picoloop.testing.VirtualBoard;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * examples/button-gestures/Gestures.java compiled as a user would run it, on the simulated Pico
 * with a virtual clock. The listeners' writes are not awaited (callbacks cannot wait), so the
 * board may apply them a little later in loop time: the test checks what changes, in what order,
 * and that everything is dark at the end; ButtonTest checks the gestures' timing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GesturesExampleTest {

    @Test
    void clickDoubleClickAndLongPressEachToggleTheirLedAndTheHeartBeats() throws Exception {
        List<String> lights = new CopyOnWriteArrayList<>();
        List<String> heart = new CopyOnWriteArrayList<>();
        try (URLClassLoader example = JavaSource.compile(RepoRoot.get().resolve("examples/button-gestures/Gestures.java"));
             VirtualBoard board = new VirtualBoard()) {
            board.sim.addPinListener((pin, level, nanos) -> (pin.token().equals("25") ? heart : lights)
                    .add("GP" + pin.token() + (level == 1 ? " on" : " off")));
            Method gestures = example.loadClass("Gestures").getDeclaredMethod("gestures", Pico.class, Duration.class);
            gestures.setAccessible(true);
            board.loop.spawn("hand", () -> {
                tap(board, 100, 100);     // a click (its window closes at 500): red
                tap(board, 1000, 100);    // a double click: green
                tap(board, 1250, 100);
                tap(board, 2000, 1500);   // held 1.5 s: a long press at 3000, yellow
                tap(board, 4000, 100);    // another click: red off
            });
            board.loop.run(() -> {
                gestures.invoke(null, board.pico, Duration.ofMillis(5000));
            });
            board.pico.close();         // as Picoloop.run ends: every output off
        }
        assertEquals(List.of("GP16 off", "GP19 off", "GP20 off",       // set up as outputs
                "GP16 on", "GP20 on", "GP19 on", "GP16 off",             // click, double, long, click
                "GP19 off", "GP20 off"), lights);                        // switched off at the end
        // set up dark, then a beat every 500 ms up to 4500 (nine), the last one put out at the end
        assertEquals(11, heart.size(), heart.toString());
        assertEquals("GP25 off", heart.getLast());
    }

    /** At {@code atMs} since the start, presses GP14 for {@code heldMs}. */
    private static void tap(VirtualBoard board, long atMs, long heldMs) {
        Async.sleepUntil(VirtualBoard.T0 + atMs * 1_000_000);
        board.press("14");
        Async.sleepMs(heldMs);
        board.release("14");
    }
}
