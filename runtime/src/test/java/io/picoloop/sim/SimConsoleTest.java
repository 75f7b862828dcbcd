package io.picoloop.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.board.BoardModel;
import io.picoloop.button.Button;
import io.picoloop.button.ButtonEvent;
import io.picoloop.device.Pico;
import io.picoloop.loop.Async;
import io.picoloop.loop.EventLoop;
import io.picoloop.protocol.PinId;
import io.picoloop.testing.SimEdges;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The terminal as the simulated board's front panel: lines and keys press a real {@link Button}
 * over the simulator's transport, and what tasks drive shows on screen.
 */
class SimConsoleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Pattern CHANGE = Pattern.compile("(?m)^ +\\d+\\.\\d{3}s (\\S+) (on|off)$");

    private SimulatedPico sim;
    private Pico pico;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicInteger quits = new AtomicInteger();

    @BeforeEach
    void start() {
        sim = SimulatedPico.start(BoardModel.PICO);
        pico = Pico.connect(sim.transport());
    }

    @AfterEach
    void stop() {
        if (typing != null) {
            try {
                typing.close();
            } catch (IOException ignored) {
                // the reader is gone
            }
        }
        pico.close();
        sim.close();
    }

    private SimConsole.Builder console(InputStream in, boolean terminal) {
        return SimConsole.builder(sim).in(in).terminal(terminal).colour(false).onQuit(quits::incrementAndGet)
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static InputStream lines(String script) {
        return new ByteArrayInputStream(script.getBytes(StandardCharsets.US_ASCII));
    }

    /** The script, readable once {@code gate} opens: until then the reader waits as on a silent terminal. */
    private static InputStream gated(String script, CountDownLatch gate) {
        InputStream text = lines(script);
        return new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return text.read();
            }
        };
    }

    /** Closed when the test ends: what a {@link #pipe} reads ends then. */
    private PipedOutputStream typing;

    /** What the test writes to {@link #typing}, and no end (a terminal nobody types on) until the test ends. */
    private InputStream pipe() throws IOException {
        PipedInputStream in = new PipedInputStream();
        typing = new PipedOutputStream(in);
        return in;
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** No pin named: the first watched input; the script waits for the program's first watch. */
    @Test
    void linesPressAndReleaseTheButtonATaskAwaits() {
        CountDownLatch awaiting = new CountDownLatch(1);
        try (SimConsole c = console(gated("press\nwait 50\nrelease\n", awaiting), false).open()) {
            long heldMicros = EventLoop.create().run(() -> {
                Button button = Button.on(pico, 14).open();
                // heard as they come: a stalled loop may take the press and the release in one pass
                CompletableFuture<ButtonEvent> released = new CompletableFuture<>();
                button.onRelease(released::complete);
                awaiting.countDown();
                return Async.waitFor(PATIENCE, () -> Async.await(released)).heldMicros();
            });
            assertTrue(heldMicros >= 50_000, "held for the script's wait 50: " + heldMicros + " us");
            assertTrue(c.reader() != null && !c.takesKeys());
        }
        assertEquals(List.of(), errLines());
    }

    /** A pin named on the line acts at once, so the script here starts once both buttons are watched. */
    @Test
    void aLineNamesItsPinAsANumberOrGpName() {
        CountDownLatch watching = new CountDownLatch(1);
        List<String> seen = new ArrayList<>();
        try (SimConsole c = console(gated("press 14\npress GP15\nrelease 15\n", watching), false).open()) {
            EventLoop.create().run(() -> {
                Button first = Button.on(pico, 14).open();
                Button second = Button.on(pico, 15).open();
                for (Button b : List.of(first, second)) {
                    b.onAny(e -> {
                        if (e.kind() == ButtonEvent.Kind.PRESS || e.kind() == ButtonEvent.Kind.RELEASE) {
                            seen.add(e.kind() + " " + e.pin());
                        }
                    });
                }
                watching.countDown();
                second.awaitRelease(PATIENCE);
                return null;
            });
        }
        assertEquals(List.of("PRESS GP14", "PRESS GP15", "RELEASE GP15"), seen);
    }

    @Test
    void anOutputATaskTogglesShowsAsALinePerChange() {
        try (SimConsole c = console(lines(""), false).open()) {
            EventLoop.create().run(() -> {
                var red = pico.output(16);      // set up low: no change to show
                red.on();
                red.off();
                pico.output("LED").on();
                red.toggle();
                return null;
            });
        }
        List<String> shown = CHANGE.matcher(out()).results().map(m -> m.group(1) + " " + m.group(2)).toList();
        assertEquals(List.of("red on", "red off", "LED on", "red on"), shown, "the profile's names: " + out());
        assertFalse(out().contains("\r"), "no carriage returns when not a terminal: " + out());
    }

    @Test
    void onATerminalTheOutputsAreOneLineRedrawnInGpioOrder() {
        try (SimConsole c = console(lines(""), true).open()) {
            EventLoop.create().run(() -> {
                var green = pico.output(20);
                var led = pico.output("LED");
                var red = pico.output(16);
                led.on();
                red.on();
                green.toggle();
                green.toggle();
                return null;
            });
        }
        String[] frames = out().split("\r");
        assertEquals("red ●  green ○  LED ● \n", frames[frames.length - 1], out());
        assertTrue(out().startsWith("keys: space = press/release the first watched input, 1-9 = the nth,"
                + " b = bouncy, +/- = the first analog input read, q = quit\n"), "the keys' help first: " + out());
        assertEquals(4, frames.length - 1, "a frame per change, none for a pin set up low: " + out());
    }

    /** The help line names the first watched input when there is one already. */
    @Test
    void theHelpLineNamesTheFirstWatchedInput() {
        EventLoop.create().run(() -> {
            Button button = Button.on(pico, 14).open();
            try (SimConsole c = console(lines(""), true).open()) {
                assertTrue(c.takesKeys());
            }
            button.close();
            return null;
        });
        assertEquals("keys: space = press/release GP14 (the first watched input), 1-9 = the nth, b = bouncy, +/- = the first analog input read, q = quit",
                out().lines().findFirst().orElseThrow());
    }

    @Test
    void spaceTogglesTheFirstWatchedInputAndADigitTheNth() throws InterruptedException {
        try (SimConsole c = console(lines(""), true).open()) {
            EventLoop.create().run(() -> {
                Button first = Button.on(pico, 14).open();
                Button second = Button.on(pico, 15).open();
                c.key('2');
                assertEquals(PinId.gpio(15), second.awaitPress(PATIENCE).pin());
                assertFalse(first.isPressed(), "2 is the second watched input only");
                c.key('2');
                second.awaitRelease(PATIENCE);
                c.key(' ');
                assertEquals(PinId.gpio(14), first.awaitPress(PATIENCE).pin());
                c.key(' ');
                first.awaitRelease(PATIENCE);
                c.key('b');
                first.awaitPress(PATIENCE);     // the bounce's edges in one debounce window: one press
                assertFalse(second.isPressed());
                return null;
            });
            c.key('3');
        }
        assertEquals(List.of("picoloop: key 3: only 2 inputs are watched (GP14, GP15)"), errLines());
    }

    /** With click keys one space is a whole click: the game that waits for a press waits for no release. */
    @Test
    void withClickKeysSpaceIsAPressAndARelease() {
        List<String> seen = new ArrayList<>();
        try (SimConsole c = console(lines(""), true).clickKeys().open()) {
            EventLoop loop = EventLoop.create();
            loop.run(() -> {
                Button first = Button.on(pico, 14).open();
                first.onAny(e -> seen.add(e.kind().label()));
                c.key(' ');
                SimEdges.delivered(sim, pico, loop);
                assertFalse(first.isPressed(), "released by the same key");
                first.close();
                return null;
            });
        }
        assertEquals(List.of("press", "release"), seen);
        assertTrue(out().startsWith("keys: space = press and release the first watched input"), out());
    }

    /** What a terminal holds ready to read is dropped: a key the program no longer reads is not the shell's. */
    @Test
    void drainDropsWhatIsReadyToRead() throws IOException {
        InputStream typed = lines("  q");
        SimConsole.drain(typed);
        assertEquals(-1, typed.read());
    }

    @Test
    void keysWithNothingWatchedSayItOnceForTheWholeStretch() throws InterruptedException {
        try (SimConsole c = console(lines(""), true).open()) {
            assertTrue(c.key(' '));
            assertTrue(c.key('1'));
            assertTrue(c.key('b'));
        }
        assertEquals(List.of("picoloop: no input is watched yet: the keys press a button once the program watches one"),
                errLines());
    }

    @Test
    void qAndCtrlDQuit() throws InterruptedException {
        try (SimConsole c = console(lines(""), true).open()) {
            assertTrue(c.key('x'), "another key does nothing");
            assertEquals(0, quits.get());
            assertFalse(c.key('q'));
            assertFalse(c.key(4));
            assertEquals(2, quits.get());
        }
    }

    /** A typo is told and skipped; the lines after it still press the button. */
    @Test
    void aBadLineIsToldAndTheNextStillActs() throws IOException {
        List<String> bad = List.of("jump", "press now", "wait soon", "wait", "quit please", "press 14 15");
        String script = String.join("\n", bad) + "\npress\n";
        try (SimConsole c = console(pipe(), false).open()) {
            ButtonEvent press = EventLoop.create().run(() -> {
                Button button = Button.on(pico, 14).open();
                // typed once this task is about to await the press (the loop hands it over then);
                // the script does not end, so it does not quit either
                typing.write(script.getBytes(StandardCharsets.US_ASCII));
                typing.flush();
                return button.awaitPress(PATIENCE);
            });
            assertEquals(PinId.gpio(14), press.pin());
        }
        assertEquals(bad.stream().map(l -> "picoloop: ignored input \"" + l
                + "\" (press [pin], release [pin], bounce [pin], analog [pin|temp] <0-65535>, wait <ms>, await-led, quit)").toList(), errLines());
        assertEquals(0, quits.get(), "quit please is not quit");
    }

    /** quit calls onQuit and ends the reading: what follows it is not done. */
    @Test
    void quitCallsOnQuitAndReadsNoFurther() throws InterruptedException {
        try (SimConsole c = console(lines("quit\npress 14\n"), false).open()) {
            assertTrue(c.reader().join(PATIENCE), "the reader ends at quit");
            assertEquals(1, quits.get());
            // a press would have put 0 on the pin: the watch would start pressed
            EventLoop.create().run(() -> {
                Button button = Button.on(pico, 14).open();
                assertFalse(button.isPressed(), "the line after quit did not press");
                button.close();
                return null;
            });
        }
    }

    /** Nobody is left to press a button once a script ends: that is quit, after its last line's events arrived. */
    @Test
    void theEndOfAScriptQuitsAfterItsLastLineActed() throws InterruptedException {
        long start = System.nanoTime();
        try (SimConsole c = console(lines("press 14\n"), false).open()) {
            assertTrue(c.reader().join(PATIENCE), "the reader ends after the script's end");
            assertEquals(1, quits.get());
            assertTrue(System.nanoTime() - start >= SimInputs.END_OF_SCRIPT_MS * 1_000_000, "not before the grace");
        }
    }

    /** An empty stdin ({@code < /dev/null}, a closed pipe) is no script: the program runs on to its own end. */
    @Test
    void anEmptyInputQuitsNothing() throws InterruptedException {
        try (SimConsole c = console(lines(""), false).open()) {
            assertTrue(c.reader().join(PATIENCE));
            assertEquals(0, quits.get());
        }
    }

    /** A console closed before the script's grace ran out (the program ended by itself) quits nothing. */
    @Test
    void aConsoleClosedBeforeTheGraceQuitsNothing() throws InterruptedException {
        SimConsole c = console(lines("press 14\n"), false).open();
        c.close();
        assertTrue(c.reader().join(PATIENCE));
        assertEquals(0, quits.get());
    }

    @Test
    void awaitLedWaitsUntilTheOnboardLedIsLit() {
        try (SimConsole c = console(lines("await-led\npress\n"), false).open()) {
            ButtonEvent press = EventLoop.create().run(() -> {
                Button button = Button.on(pico, 14).open();
                CompletableFuture<ButtonEvent> pressed = new CompletableFuture<>();
                button.onPress(pressed::complete);  // heard even while this task waits for the LED's write
                var led = pico.output("LED");
                Async.sleepMs(200);                 // an observation window, not a synchronisation
                assertFalse(pressed.isDone(), "no press while the LED is off");
                led.on();
                return Async.waitFor(PATIENCE, () -> Async.await(pressed));
            });
            assertEquals(PinId.gpio(14), press.pin());
        }
    }

    /** Closing stops the reading (a line read afterwards does nothing), the drawing, and ends the redrawn line. */
    @Test
    void closeStopsReadingAndDrawingAndEndsTheLine() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        SimConsole c = console(gated("press 14\n", closed), false).open();
        EventLoop.create().run(() -> {
            Button button = Button.on(pico, 14).open();
            var red = pico.output(16);
            red.on();
            c.close();
            closed.countDown();
            assertTrue(c.reader().join(PATIENCE), "the reader ends at the line it read after close");
            red.off();
            assertEquals(1, sim.level(PinId.gpio(14)).orElseThrow(), "released: the line after close did nothing");
            button.close();
            return null;
        });
        List<String> shown = CHANGE.matcher(out()).results().map(MatchResult::group).toList();
        assertEquals(1, shown.size(), "only the change before close: " + out());
    }

    @Test
    void onATerminalCloseEndsTheRedrawnLine() {
        SimConsole c = console(lines(""), true).open();
        EventLoop.create().run(() -> {
            pico.output(16).on();
            return null;
        });
        assertFalse(out().endsWith("\n"), "the status line is open: " + out());
        c.close();
        assertTrue(out().endsWith("red ● \n"), out());
        c.close();
        assertTrue(out().endsWith("red ● \n"), "closing twice adds nothing: " + out());
    }

    /** Where the terminal has colour a lit LED is drawn in the colour it is named after; the onboard LED green. */
    @Test
    void onAColourTerminalALitLedIsInItsColour() {
        try (SimConsole c = console(lines(""), true).colour(true).open()) {
            EventLoop.create().run(() -> {
                pico.output(16).on();
                pico.output(19).on();
                pico.output(5).on();
                pico.output("LED").on();
                pico.output(19).off();
                return null;
            });
        }
        String[] frames = out().split("\r");
        assertEquals("GP5 ●  red \033[31m●\033[0m  yellow ○  LED \033[32m●\033[0m \n", frames[frames.length - 1], out());
    }

    @Test
    void colourIsWantedOnATerminalUnlessNoColorOrADumbTerminal() {
        assertTrue(PinDisplay.colourWanted(true, java.util.Map.of("TERM", "xterm-256color")));
        assertTrue(PinDisplay.colourWanted(true, java.util.Map.of("TERM", "xterm", "NO_COLOR", "")), "empty: not set");
        assertFalse(PinDisplay.colourWanted(true, java.util.Map.of("TERM", "xterm", "NO_COLOR", "1")));
        assertFalse(PinDisplay.colourWanted(true, java.util.Map.of("TERM", "dumb")));
        assertFalse(PinDisplay.colourWanted(true, java.util.Map.of()), "no TERM: not known to have colour");
        assertFalse(PinDisplay.colourWanted(false, java.util.Map.of("TERM", "xterm")), "not a terminal");
    }

    /** Another profile's names, and a Pico W's LED (not a GPIO) as LED. */
    @Test
    void theProfileGivesTheNames() {
        var profile = new io.picoloop.config.BoardProfile("picow", java.util.Map.of("lamp", "16", "blue", "17", "led", "LED"),
                115200, 0x2E8A, Duration.ofSeconds(1), Duration.ofSeconds(2), "test");
        PinLabels w = PinLabels.of(profile, PinId.LED);
        assertEquals(List.of("lamp", "blue", "LED", "GP18"),
                List.of(w.name(PinId.gpio(16)), w.name(PinId.gpio(17)), w.name(PinId.LED), w.name(PinId.gpio(18))));
        assertEquals(java.util.Arrays.asList(null, "34", "32"),
                java.util.Arrays.asList(w.colour(PinId.gpio(16)), w.colour(PinId.gpio(17)), w.colour(PinId.LED)));
    }

    @Test
    void pinNamesRenameWhatIsShown() {
        try (SimConsole c = console(lines(""), false).pinNames(p -> p.equals(PinId.gpio(16)) ? "red" : p.toString())
                .open()) {
            EventLoop.create().run(() -> {
                pico.output(16).on();
                pico.output("LED").on();
                return null;
            });
        }
        assertEquals(List.of("red on", "GP25 on"),
                CHANGE.matcher(out()).results().map(m -> m.group(1) + " " + m.group(2)).toList(), out());
    }

    // /proc/self/stat: pid (comm) state ppid pgrp session tty_nr tpgid flags ...
    @Test
    void aJobWhoseTerminalForegroundIsAnotherGroupIsInTheBackground() {
        assertTrue(RawTerminal.isBackgroundJob("4242 (java) S 4100 4242 4100 34817 4300 4194560 0 0"));
        assertFalse(RawTerminal.isBackgroundJob("4242 (java) S 4100 4242 4100 34817 4242 4194560 0 0"),
                "the foreground job");
        assertFalse(RawTerminal.isBackgroundJob("4242 (java) S 1 4242 4242 0 -1 4194560 0 0"), "no terminal");
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesIsSkippedWhole() {
        assertTrue(RawTerminal.isBackgroundJob("4242 (my (odd) name) S 4100 4242 4100 34817 4300 0"));
        assertFalse(RawTerminal.isBackgroundJob("4242 (x) 4300) S 4100 4242 4100 34817 4242 0"));
    }

    @Test
    void anUnreadableStatIsNotTakenForABackgroundJob() {
        assertFalse(RawTerminal.isBackgroundJob(null));
        assertFalse(RawTerminal.isBackgroundJob("garbage"));
        assertFalse(RawTerminal.isBackgroundJob("1 (x) S 1"));
    }

    /** A fade as lines: where it starts, each 10 % step it crosses, where it ends. */
    @Test
    void aPwmOutputShowsItsBrightnessAndAFadeOnlyItsSteps() {
        java.io.StringWriter text = new java.io.StringWriter();
        PinDisplay d = new PinDisplay(new java.io.PrintWriter(text), false, PinId::toString);
        d.showDuty(PinId.gpio(16), 0, false);
        for (int duty = 655; duty < 65535; duty += 655) {
            d.showDuty(PinId.gpio(16), duty, true);
        }
        d.showDuty(PinId.gpio(16), 65535, false);
        List<String> shown = text.toString().lines().map(l -> l.strip().split(" ", 2)[1]).toList();
        assertEquals(List.of("GP16 0%", "GP16 10%", "GP16 20%", "GP16 30%", "GP16 40%", "GP16 50%", "GP16 60%",
                "GP16 70%", "GP16 80%", "GP16 90%", "GP16 100%"), shown);
        java.io.StringWriter line = new java.io.StringWriter();
        PinDisplay t = new PinDisplay(new java.io.PrintWriter(line), true, PinId::toString);
        t.showDuty(PinId.gpio(16), 16384, false);
        t.showAnalog("GP26", 32768);
        assertEquals("\rGP16 ◔ 25% \rGP16 ◔ 25%  GP26 in 50% ", line.toString());
    }

    @Test
    void anAnalogLineSetsWhatTheInputReads() {
        try (SimConsole c = console(lines("analog 26 30000\nanalog GP27 65536\nanalog 25 1\n"), false).open()) {
            long end = System.nanoTime() + PATIENCE.toNanos();
            while (sim.analog("26") != 30000 && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }
        assertEquals(30000, sim.analog("26"));
        assertEquals(0, sim.analog("27"), "65536 is out of range: ignored");
    }
}
