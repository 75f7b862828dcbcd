package io.picoloop.button;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.device.Edge;
import io.picoloop.protocol.PinId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The gesture state machine alone: a hand-made clock and timers, no loop, no device. */
class ButtonGesturesTest {

    private static final PinId PIN = PinId.gpio(14);
    private long now;
    private final TreeMap<Long, List<Runnable>> timers = new TreeMap<>();
    private final List<String> seen = new ArrayList<>();
    private long seq;

    private final ButtonGestures g = new ButtonGestures(PIN, true, 1_000_000_000L, 400_000_000L,
            (label, delayNanos, action) -> {
                Runnable[] live = {action};
                timers.computeIfAbsent(now + delayNanos, k -> new ArrayList<>()).add(() -> live[0].run());
                return () -> live[0] = () -> { };
            },
            e -> seen.add(e.kind().label() + "@" + e.hostNanos() / 1_000_000 + (e.heldMicros() > 0 ? " held " + e.heldMicros() / 1000 : "")));

    /** Moves the clock to {@code ms}, running the timers due on the way. */
    private void at(long ms) {
        long to = ms * 1_000_000;
        while (!timers.isEmpty() && timers.firstKey() <= to) {
            var due = timers.pollFirstEntry();
            now = due.getKey();
            due.getValue().forEach(Runnable::run);
        }
        now = to;
    }

    /** The allowance for edges in flight, in ms: a click or long press is announced that late. */
    private static final long LATE = ButtonGestures.IN_FLIGHT / 1_000_000;

    /** An edge at {@code ms} (device and host time the same), arriving then. */
    private void edge(long ms, boolean down) {
        edge(ms, ms, ms, down);
    }

    /**
     * An edge stamped {@code deviceMs} on the device, {@code hostMs} as the client maps that onto the
     * host clock, arriving at {@code arrivalMs}.
     */
    private void edge(long deviceMs, long hostMs, long arrivalMs, boolean down) {
        at(arrivalMs);
        g.edge(new Edge(PIN, !down, deviceMs * 1000, ++seq, hostMs * 1_000_000));
    }

    @Test
    void aShortPressAloneIsAClickWhenTheDoubleClickWindowCloses() {
        g.start(true);
        edge(100, true);
        edge(250, false);
        at(499 + LATE);
        assertEquals(List.of("press@100", "release@250 held 150"), seen);
        at(500 + LATE);
        assertEquals(List.of("press@100", "release@250 held 150", "click@250 held 150"), seen);
    }

    @Test
    void twoPressesWithinTheWindowAreADoubleAndNoClick() {
        g.start(true);
        edge(0, true);
        edge(100, false);
        edge(300, true);
        edge(400, false);
        at(5000);
        assertEquals(List.of("press@0", "release@0 held 100".replace("@0", "@100"), "press@300", "double@300",
                "release@400 held 100"), seen);
    }

    @Test
    void holdingGivesLongWhileHeldAndNoClick() {
        g.start(true);
        edge(0, true);
        at(999 + LATE);
        assertEquals(List.of("press@0"), seen, "not long yet");
        at(1000 + LATE);
        assertTrue(g.isPressed());
        edge(1500, false);
        at(5000);
        assertEquals(List.of("press@0", "long@1000 held 1000", "release@1500 held 1500"), seen);
    }

    @Test
    void aReleaseShowingALongHoldBeforeTheTimerRanGivesLongFirst() {
        g.start(true);
        edge(0, true);
        // the release's device time says 1.2 s held, but it arrives before the long timer ran
        g.edge(new Edge(PIN, true, 1_200_000, ++seq, 1_200_000_000L));
        assertEquals(List.of("press@0", "long@1000 held 1000", "release@1200 held 1200"), seen);
    }

    @Test
    void aSecondPressWithinTheWindowByDeviceTimeIsADoubleThoughItArrivesAfterTheWindowEnds() {
        g.start(true);
        edge(0, true);
        edge(300, false);
        edge(398, 398, 400 + LATE - 1, true); // 2 ms within the window, LATE - 1 ms on its way
        edge(448, 448, 448 + LATE - 1, false);
        at(5000);
        assertEquals(List.of("press@0", "release@300 held 300", "press@398", "double@398", "release@448 held 50"), seen);
    }

    @Test
    void aSecondPressJustAfterTheWindowByDeviceTimeGivesTheFirstClickThoughItArrivesBeforeTheTimer() {
        g.start(true);
        edge(0, 5, 5, true);        // mapped onto the host clock as late as it arrived
        edge(300, 300, 301, false);
        edge(401, 401, 401, true);           // 1 ms after the window, on time
        edge(450, false);
        at(5000);
        assertEquals(List.of("press@5", "release@300 held 300", "click@300 held 300", "press@401",
                "release@450 held 49", "click@450 held 49"), seen);
    }

    @Test
    void aHostEstimateOfTheDeviceClockThatRunsBehindDoesNotCloseTheWindowEarly() {
        g.start(true);
        // the client's mapping puts device times 100 ms early on the host clock
        edge(0, -100, 0, true);
        edge(300, 200, 300, false);
        at(399);
        assertEquals(List.of("press@-100", "release@200 held 300"), seen, "the window is open on the device");
        edge(350, 250, 350 + 50, true); // within the window by device time
        edge(400, 300, 400 + 50, false);
        at(5000);
        assertEquals(List.of("press@-100", "release@200 held 300", "press@250", "double@250", "release@300 held 50"), seen);
    }

    @Test
    void aReleaseShortOfTheLongPressByDeviceTimeIsNoLongThoughItArrivesAfterTheLongTime() {
        g.start(true);
        edge(0, true);
        edge(990, 990, 1000 + LATE - 1, false);
        at(5000);
        assertEquals(List.of("press@0", "release@990 held 990", "click@990 held 990"), seen);
    }

    @Test
    void aLossCancelsTheClickAndTheTrueLevelIsNoEvent() {
        g.start(true);
        edge(0, true);
        edge(100, false);
        g.lost();
        edge(150, false); // the true level after the loss: up already
        at(5000);
        assertEquals(List.of("press@0", "release@100 held 100"), seen);
    }

    @Test
    void startingPressedThenReleasingIsAReleaseOnly() {
        g.start(false); // active low: low is pressed
        assertTrue(g.isPressed());
        edge(50, false);
        at(5000);
        assertEquals(List.of("release@50"), seen);
    }
}
