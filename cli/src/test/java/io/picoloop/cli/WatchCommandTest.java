package io.picoloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.button.ButtonEvent;
import io.picoloop.protocol.PinId;
import io.picoloop.testing.FirmwareOnPty;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code picoloop watch}: on the simulated Pico driven through stdin, and over the pty firmware. */
class WatchCommandTest {

    private static final Pattern EVENT = Pattern.compile("(?m)^(press|release|long|double|click)\\s+GP14\\s+device\\s+([0-9.]+) s\\s+host \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");

    static List<String> kinds(String out) {
        return EVENT.matcher(out).results().map(m -> m.group(1)).toList();
    }

    @Test
    void everyKindOfEventOnTheSimulatedButton() {
        String script = """
                wait 500
                bounce
                wait 100
                release
                wait 600
                press
                wait 1300
                release
                wait 100
                press
                wait 60
                release
                wait 100
                press
                wait 60
                release
                wait 700
                quit
                """;
        CliRun run = CliRun.withStdin(script, "watch", "--pin", "14", "--sim");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("watching GP14 (pull up, debounce 20 ms, pressed = low) on simulated Pico: it reads released"),
                run.toString());
        assertEquals(List.of("press", "release", "click", "press", "long", "release", "press", "release", "press",
                "double", "release"), kinds(run.out()), run.toString());
        assertTrue(run.out().contains("GP14: 4 presses, 4 releases, 1 long, 1 double, 1 click, 0 lost"), run.toString());
        assertTrue(run.out().contains("held "), run.toString());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("long") && l.endsWith("held 1000.0 ms")),
                "a long press says how long it has been held: " + run);
    }

    @Test
    void countEndsTheWatchAfterTheLastRelease() {
        CliRun run = CliRun.withStdin("wait 400\npress\nwait 50\nrelease\nwait 50\npress\nwait 50\nrelease\n",
                "watch", "--pin", "GP14", "--sim", "--count", "2", "--double", "100");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("press", "release", "press", "release"),
                kinds(run.out()).stream().filter(k -> !k.equals("click") && !k.equals("double")).toList(), run.toString());
        assertTrue(run.out().contains("GP14: 2 presses, 2 releases"), run.toString());
    }

    /** --count ends the watch once the last press's click could show, however short the press. */
    @Test
    void countWaitsForTheClickOfTheLastPress() {
        CliRun run = CliRun.withStdin("press\nwait 5\nrelease\nwait 3000\n",
                "watch", "--pin", "14", "--sim", "--debounce", "0", "--count", "1", "--duration", "20s");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("press", "release", "click"), kinds(run.out()), run.toString());
    }

    /** The first line of input acts on the watched button: it is not applied before the watch and lost. */
    @Test
    void theFirstInputLineIsAPressOfTheWatchedButton() {
        CliRun run = CliRun.withStdin("press\nwait 100\nrelease\n",
                "watch", "--pin", "14", "--sim", "--count", "1", "--duration", "20s");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("on simulated Pico: it reads released"), run.toString());
        assertEquals(List.of("press", "release"),
                kinds(run.out()).stream().filter(k -> !k.equals("click")).toList(), run.toString());
        Matcher held = Pattern.compile("(?m)^release .* held ([0-9.]+) ms$").matcher(run.out());
        assertTrue(held.find(), run.toString());
        assertTrue(Double.parseDouble(held.group(1)) >= 100, "held for the script's wait 100: " + run);
        assertTrue(run.out().contains("GP14: 1 press, 1 release"), run.toString());
    }

    /** A typo on stdin is one line on stderr, and the lines after it still press the button. */
    @Test
    void aBadInputLineIsToldAndTheNextLinesStillAct() {
        List<String> bad = List.of("wait abc", "wait", "wait -5", "wait 99999999999999999999", "wait 5 5",
                "press now", "quit please", "jump");
        String script = String.join("\n", bad) + "\npress\nwait 50\nrelease\n";
        CliRun run = CliRun.withStdin(script, "watch", "--pin", "14", "--sim", "--count", "1", "--duration", "20s");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("press", "release"),
                kinds(run.out()).stream().filter(k -> !k.equals("click")).toList(), run.toString());
        assertTrue(run.out().contains("GP14: 1 press, 1 release"), run.toString());
        assertEquals(bad.stream().map(l -> "picoloop: ignored input \"" + l
                + "\" (press [pin], release [pin], bounce [pin], analog [pin|temp] <0-65535>, wait <ms>, await-led, quit)").toList(), run.err().lines().toList(),
                run.toString());
    }

    /** Without a pull the simulated button reads released, as with the pull-up: its press and release are events. */
    @Test
    void withPullNoneTheSimulatedButtonStartsReleased() {
        CliRun run = CliRun.withStdin("press\nwait 60\nrelease\n",
                "watch", "--pin", "14", "--sim", "--pull", "none", "--count", "1", "--duration", "20s");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("(pull none, debounce 20 ms, pressed = low) on simulated Pico: it reads released"),
                run.toString());
        assertEquals(List.of("press", "release"), kinds(run.out()).stream().filter(k -> !k.equals("click")).toList(),
                run.toString());
        Matcher held = Pattern.compile("(?m)^release .* held ([0-9.]+) ms$").matcher(run.out());
        assertTrue(held.find() && Double.parseDouble(held.group(1)) >= 60, run.toString());
    }

    /** A script that ends with the button held: nobody can release it, so the run ends as at quit. */
    @Test
    void theEndOfTheInputEndsARunThatStillWaitsForIt() {
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> CliRun.withStdin("press\n", "watch", "--pin", "14", "--sim", "--count", "1"));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("GP14: 1 press, 0 releases"), run.toString());
    }

    /** A line naming a pin the command does not watch says so: it would otherwise seem to do nothing. */
    @Test
    void aLineForAnUnwatchedPinIsTold() {
        CliRun run = CliRun.withStdin("press 15\nrelease 15\npress\nwait 50\nrelease\n",
                "watch", "--pin", "14", "--sim", "--count", "1", "--duration", "20s");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("picoloop: press 15: GP15 is not watched, so the program sees no change (watched: GP14)",
                "picoloop: release 15: GP15 is not watched, so the program sees no change (watched: GP14)"),
                run.err().lines().toList(), run.toString());
        assertTrue(run.out().contains("GP14: 1 press, 1 release"), run.toString());
    }

    /**
     * A press in the moment between the watch's start and the line saying what is watched (a
     * script's first line, while the simulator's console opens) is printed after that line, and
     * counted at once. Before, it came first (CI, once), above the line it belongs under.
     */
    @Test
    void anEventBeforeTheWatchLineIsPrintedAfterIt() {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        ButtonPrinter printer = new ButtonPrinter(out, "GP14");
        printer.print(new ButtonEvent(ButtonEvent.Kind.PRESS, PinId.gpio(14), 11_554, System.nanoTime(), 0));
        assertEquals(1, printer.count(ButtonEvent.Kind.PRESS));
        out.println("watching GP14");
        printer.begin();
        printer.print(new ButtonEvent(ButtonEvent.Kind.RELEASE, PinId.gpio(14), 72_215, System.nanoTime(), 60_661));
        out.flush();
        assertEquals(List.of("watching", "press", "release"),
                text.toString().lines().map(l -> l.split(" ")[0]).toList(), text.toString());
    }

    /** A release of a press from before the watch has no known hold: it says so rather than "held 0.0 ms". */
    @Test
    void aReleaseOfAPressBeforeTheWatchSaysSo() {
        StringWriter text = new StringWriter();
        ButtonPrinter printer = new ButtonPrinter(new PrintWriter(text), "GP14");
        printer.begin();
        printer.print(new ButtonEvent(ButtonEvent.Kind.RELEASE, PinId.gpio(14), 1_500_000, System.nanoTime(), 0));
        assertTrue(text.toString().stripTrailing().endsWith("(pressed before the watch began)"), text.toString());
        assertTrue(!text.toString().contains("held"), text.toString());
    }

    @Test
    void badOptionsAreRefused() {
        CliRun noPin = CliRun.of("watch", "--sim");
        assertEquals(2, noPin.exitCode(), noPin.toString());
        assertTrue(noPin.err().contains("--pin"), noPin.toString());
        CliRun debounce = CliRun.of("watch", "--pin", "14", "--debounce", "2000", "--sim");
        assertEquals(2, debounce.exitCode(), debounce.toString());
        CliRun led = CliRun.of("watch", "--pin", "LED", "--sim", "--duration", "100ms");
        assertEquals(2, led.exitCode(), led.toString());
        assertTrue(led.err().contains("LED cannot be watched: it is an output, not a pin on the header;"
                + " watch a GPIO such as 14"), led.toString());
        // the same pin by number: on a Pico the LED is GP25
        CliRun gp25 = CliRun.of("watch", "--pin", "25", "--sim", "--duration", "100ms");
        assertEquals(2, gp25.exitCode(), gp25.toString());
        assertTrue(gp25.err().contains("GP25 (the onboard LED) cannot be watched"), gp25.toString());
    }

    /** The firmware's IRQ sees a bouncing press and release; the CLI prints one press and one release. */
    @Test
    void overThePtyABouncingPressIsOnePress() throws Exception {
        try (FirmwareOnPty fw = FirmwareOnPty.start("pico")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CompletableFuture<Integer> cli = CompletableFuture.supplyAsync(() -> Main.run(new PrintWriter(out, true),
                    new PrintWriter(err, true), "watch", "--pin", "14", "--port", fw.port(), "--count", "1"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!out.toString().contains("watching GP14") && System.nanoTime() < deadline && !cli.isDone()) {
                Thread.sleep(20);
            }
            assertTrue(out.toString().contains("watching GP14"), out + "\n" + err + "\n" + fw.readLog());
            fw.drive(14, 300, 0, 1, 0, 1, 0);          // five edges in 1.2 ms
            // the release must reach the firmware well after the press: wait until the press was
            // reported, then hold the button (a fixed sleep alone lets a stalled firmware process
            // read both bursts back to back)
            while (!kinds(out.toString()).contains("press") && System.nanoTime() < deadline && !cli.isDone()) {
                Thread.sleep(5);
            }
            assertTrue(kinds(out.toString()).contains("press"), out + "\n" + err + "\n" + fw.readLog());
            Thread.sleep(150);                          // held down: an observation window, not a synchronisation
            fw.drive(14, 400, 1, 0, 1, 0, 1, 0, 1);    // seven edges in 2.4 ms
            int code = cli.get(30, TimeUnit.SECONDS);
            String text = out.toString();
            assertEquals(0, code, text + "\n" + err + "\n" + fw.readLog());
            assertEquals(List.of("press", "release"), kinds(text).stream().filter(k -> !k.equals("click")).toList(), text);
            Matcher m = EVENT.matcher(text);
            assertTrue(m.find());
            double press = Double.parseDouble(m.group(2));
            assertTrue(m.find());
            double release = Double.parseDouble(m.group(2));
            assertTrue(release - press > 0.100 && release - press < 5, text);
        }
    }
}
