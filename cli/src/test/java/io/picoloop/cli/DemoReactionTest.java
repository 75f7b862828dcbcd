package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.device.OutputPin;
import io.picoloop.device.Pico;
import io.picoloop.loop.EventLoop;
import io.picoloop.testing.ChildProcesses;
import io.picoloop.testing.FirmwareOnPty;
import io.picoloop.testing.ScriptedDevice;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code picoloop demo reaction}: on the simulated Pico, the button driven through stdin; over the
 * pty firmware, the LED's recorded change against the press; and the ping bracket an older bridge
 * (a bare {@code ok} to {@code write}) still gets.
 */
class DemoReactionTest {

    private static final Pattern EXACT = Pattern.compile(
            "reaction (\\d+) ms  \\(device times: LED lit at ([0-9.]+) s, press at ([0-9.]+) s\\)");
    private static final Pattern SHOWN = Pattern.compile("\\s*([0-9.]+)s (GP25|LED) (on|off)");

    @Test
    void anEarlyPressIsCaughtAndTheReactionIsTimedFromDeviceTimes() {
        String script = """
                wait 400
                press
                wait 50
                release
                await-led
                wait 250
                press
                wait 50
                release
                """;
        CliRun run = CliRun.withStdin(script, "demo", "reaction", "--sim", "--rounds", "1", "--seed", "7");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("too soon! wait for the LED"), run.toString());
        assertFalse(run.out().contains("bracketed by pings"), run.toString());
        Matcher m = EXACT.matcher(run.out());
        assertTrue(m.find(), run.toString());
        int ms = Integer.parseInt(m.group(1));
        assertTrue(ms >= 250 && ms < 1000, "the script waited 250 ms after the LED: " + run);
        double span = (Double.parseDouble(m.group(3)) - Double.parseDouble(m.group(2))) * 1000;
        assertEquals(span, ms, 0.5, "the reaction is the press's device time minus the LED's: " + run);
        assertTrue(run.out().contains("best " + ms + " ms, mean " + ms + " ms over 1 round"), run.toString());
    }

    /**
     * With the simulator the player sees the LED light, and go off at the press: drawn from the
     * simulated pin's own changes, at their time (a pipe gets a timestamped line per change).
     */
    @Test
    void withTheSimulatorTheLedIsShownWhenItLightsAndWhenItGoesOff() {
        for (String board : List.of("pico", "picow")) {
            String led = board.equals("pico") ? "GP25" : "LED";
            CliRun run = CliRun.withStdin("await-led\nwait 250\npress\nwait 50\nrelease\n",
                    "demo", "reaction", "--sim", "--board", board, "--rounds", "1", "--seed", "7");
            assertEquals(0, run.exitCode(), run.toString());
            List<String> steps = new ArrayList<>();
            List<Double> shownAt = new ArrayList<>();
            for (String line : run.out().lines().toList()) {
                Matcher shown = SHOWN.matcher(line);
                if (shown.matches()) {
                    steps.add(shown.group(2) + " " + shown.group(3));
                    shownAt.add(Double.parseDouble(shown.group(1)));
                } else if (line.startsWith("round ") || EXACT.matcher(line).lookingAt()) {
                    steps.add(line.substring(0, line.indexOf(' ')));
                }
            }
            assertEquals(List.of("round", led + " on", led + " off", "reaction"), steps, run.toString());
            assertTrue(shownAt.get(1) - shownAt.get(0) >= 0.249, "lit until the press, 250 ms after it lit: " + run);
        }
    }

    /**
     * At a terminal one space is one press: each round takes one key, none waits for a release
     * ("let go of the button"), and no key is left over for the shell.
     */
    @Test
    void atATerminalOneSpaceIsOnePressAndNoKeyIsLeftForTheShell() throws Exception {
        try (PtyTerminal tty = new PtyTerminal()) {
            Process cli = new ProcessBuilder(BlinkOverPtyTest.javaCommand("demo", "reaction", "--sim", "--rounds", "2",
                    "--seed", "7")).redirectInput(new File(tty.path())).redirectErrorStream(true).start();
            try {
                ChildOutput out = ChildOutput.of(cli.getInputStream());
                ChildOutput.await(out::text, "(space bar)", cli);
                for (int round = 1; round <= 2; round++) {
                    awaitTimes(out, SHOWN_ON, round, cli);
                    tty.type(" ");
                    awaitTimes(out, EXACT, round, cli);
                }
                assertTrue(ChildProcesses.endsWithin(cli, Duration.ofSeconds(30)), out.text());
                assertEquals(0, cli.exitValue(), out.text());
                assertTrue(out.text().contains(" over 2 rounds"), out.text());
                assertFalse(out.text().contains("let go of the button"), out.text());
                assertEquals("echo=1 icanon=1", tty.modes(), "the terminal's modes are back");
                assertEquals(0, tty.pending(), "no key left for the shell");
            } finally {
                cli.destroyForcibly();
            }
        }
    }

    private static final Pattern SHOWN_ON = Pattern.compile("(?m)^\\s*[0-9.]+s GP25 on$");

    /** Waits until {@code p} has matched {@code times} times in the child's output. */
    private static void awaitTimes(ChildOutput out, Pattern p, int times, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (p.matcher(out.text()).results().count() < times && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(p.matcher(out.text()).results().count() >= times,
                "no " + times + " x " + p + " within 30 s (alive: " + child.isAlive() + "):\n" + out.text());
    }

    /** Ctrl-C (SIGINT to a picoloop process) while the LED is lit: it goes off, and the demo says so. */
    @Test
    void ctrlCWhileTheLedIsLitLeavesItOffAndSaysSo() throws Exception {
        Process cli = new ProcessBuilder(BlinkOverPtyTest.javaCommand("demo", "reaction", "--sim", "--rounds", "1",
                "--seed", "7")).redirectErrorStream(true).start();
        try {
            ChildOutput out = ChildOutput.of(cli.getInputStream());
            ChildOutput.await(out::text, "GP25 on", cli);
            out.stop(cli, "INT", 130);
            ChildOutput.await(out::text, "no reaction timed; stopped by Ctrl-C or a kill signal; GP25 left off", cli);
            String text = out.text();
            assertTrue(text.indexOf("GP25 off") > text.indexOf("GP25 on"), "the LED shown going off: " + text);
        } finally {
            cli.destroyForcibly();
        }
    }

    /**
     * The LED and the button on one pin would fail mid-game ("not an output"): refused before the
     * game, as a usage error, however the pin is spelled. On a Pico W, LED is not GP25.
     */
    @Test
    void oneLedAndButtonPinIsAUsageErrorHoweverItIsSpelled() {
        List<List<String>> samePin = List.of(List.of("14", "14", "GP14"), List.of("GP14", "14", "GP14"),
                List.of("LED", "25", "GP25"), List.of("led", "GP25", "GP25"), List.of("red", "16", "GP16"));
        for (List<String> pins : samePin) {
            CliRun run = CliRun.of("demo", "reaction", "--sim", "--pin-led", pins.get(0), "--pin-button", pins.get(1));
            assertEquals(2, run.exitCode(), run.toString());
            assertEquals("picoloop: --pin-led and --pin-button must be different pins (both are " + pins.get(2) + ")",
                    run.err().strip(), run.toString());
            assertEquals("", run.out(), "no game started: " + run);
        }
        CliRun picoW = CliRun.of("demo", "reaction", "--sim", "--board", "picow", "--pin-led", "LED",
                "--pin-button", "25");
        assertEquals(2, picoW.exitCode(), picoW.toString());
        assertTrue(picoW.err().contains("GP25 is not a free GPIO on a Raspberry Pi Pico W"), picoW.toString());
    }

    /**
     * The firmware records when it drove the LED (host CLOCK_MONOTONIC); the test presses the
     * button a known time after that. The demo's reaction, from device times only, must match.
     */
    @Test
    void overThePtyTheReactionIsTheTimeFromTheLedChangeToThePress() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CompletableFuture<Integer> cli = CompletableFuture.supplyAsync(() -> Main.run(new PrintWriter(out, true),
                    new PrintWriter(err, true), "demo", "reaction", "--port", fw.port(), "--rounds", "1", "--seed", "3"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            FirmwareOnPty.PinChange lit = null;
            while (lit == null && System.nanoTime() < deadline && !cli.isDone()) {
                lit = fw.pinChanges("25").stream().filter(c -> c.level() == 1).findFirst().orElse(null);
                Thread.sleep(1);
            }
            String context = out + "\n" + err + "\n" + fw.readLog();
            assertTrue(lit != null, "the LED never lit: " + context);
            // press about 300 ms after the LED lit, by the same clock the firmware's record uses
            long pressAt = Math.round((lit.seconds() + 0.300) * 1e9);
            while (System.nanoTime() < pressAt) {
                Thread.onSpinWait();
            }
            double pressed = System.nanoTime() / 1e9;
            fw.drive(14, 0, 0);
            Thread.sleep(60);
            fw.drive(14, 0, 1);
            int code = cli.get(30, TimeUnit.SECONDS);
            String text = out.toString();
            context = text + "\n" + err + "\n" + fw.readLog();
            assertEquals(0, code, context);
            assertFalse(text.contains("too soon"), context);
            assertFalse(text.contains("GP25 on"), "on a board the LED itself is the signal, not the screen: " + context);
            Matcher m = EXACT.matcher(text);
            assertTrue(m.find(), context);
            double expected = (pressed - lit.seconds()) * 1000;
            double span = (Double.parseDouble(m.group(3)) - Double.parseDouble(m.group(2))) * 1000;
            int printed = Integer.parseInt(m.group(1));
            FirmwareOnPty.PinChange press = fw.inputChanges("14").stream().filter(c -> c.level() == 0).findFirst()
                    .orElseThrow(() -> new AssertionError("no recorded press: " + fw.readLog()));
            double recorded = (press.seconds() - lit.seconds()) * 1000;
            System.err.printf("demo reaction over the pty: printed %d ms, device span %.3f ms, LED record to press"
                    + " record %.3f ms (test's press decision %.3f ms)%n", printed, span, recorded, expected);
            // never before the test decided to press (the LED's time is read right after the pin was set)
            assertTrue(span - expected > -0.5, "device span " + span + " ms, recorded LED change to the test's"
                    + " press " + expected + " ms: " + context);
            // and the span between the firmware's own records of the LED change and of the press
            // reaching the pin (not the FIFO and loop wake-up latency before it, which load stretches)
            assertEquals(recorded, span, 2.0, "device span against the firmware's records: " + context);
            assertEquals(span, printed, 0.5, context);
        }
    }

    /** A bridge before firmware 0.2.0 answers {@code write} with a bare {@code ok}: the demo brackets the write with pings. */
    @Test
    void anOlderBridgeGetsTheLedTimeBracketedByPings() throws Exception {
        AtomicLong clock = new AtomicLong();
        try (ScriptedDevice device = new ScriptedDevice(l -> List.of(ScriptedDevice.id(l) + " " + oldBridgeReply(l, clock)));
             Pico pico = Pico.connect(device.transport())) {
            OutputPin led = pico.output(25);
            assertFalse(led.offTimed().timed(), "the probe the demo makes before the game");
            DemoCommand.Reaction.LedOn on = EventLoop.create().run(() -> DemoCommand.Reaction.ledOn(pico, led, false));
            // the device answered ping, write, ping in order, its clock stepping 1000 us per ping
            long t2 = clock.get();
            long t1 = t2 - 1000;
            assertEquals(new DemoCommand.Reaction.LedOn((t1 + t2) / 2, 500, false), on);
        }
    }

    /**
     * hello like firmware 0.1.0 (no keepalive: err unknown); ping with a clock that steps 1000 us
     * per ping; bare ok to everything else.
     */
    private static String oldBridgeReply(String request, AtomicLong clock) {
        return switch (request.split(" ")[1]) {
            case "hello" -> "ok picoloop proto=1 fw=0.1.0 uid=E6614103E7452D2F led=25 pins=0-22,25-28"
                    + " maxline=120 model=\"Raspberry Pi Pico with RP2040\"";
            case "ping" -> "ok " + clock.addAndGet(1000);
            case "toggle", "read" -> "ok 0";
            case "off" -> "ok 1";
            case "keepalive" -> "err unknown no command keepalive (commands: hello ping mode write toggle read off"
                    + " watch unwatch repl)";
            default -> "ok";
        };
    }

    @Test
    void demoWithoutASubcommandIsAUsageErrorNamingIt() {
        CliRun run = CliRun.of("demo");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("reaction"), run.toString());
    }
}
