package io.picoloop.cli;

import io.picoloop.button.Button;
import io.picoloop.button.ButtonEvent;
import io.picoloop.device.DeviceException;
import io.picoloop.device.OutputPin;
import io.picoloop.device.Pico;
import io.picoloop.device.PinWrite;
import io.picoloop.device.PingResult;
import io.picoloop.loop.Async;
import io.picoloop.loop.TaskTimeoutException;
import io.picoloop.protocol.PinId;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo",
        description = "Small programs that show what picoloop does.",
        subcommands = {DemoCommand.Reaction.class, DimmerDemo.class})
final class DemoCommand {     // only a group: Main refuses it without a subcommand

    /**
     * The classic lab: the LED lights after a random delay, press the button as fast as you can.
     * The reaction time is the press's device time minus the LED's device time, so USB latency is
     * not in it: the bridge answers {@code write} with the device time at which the pin went high
     * (firmware 0.2.0 on), on the same clock as the press's {@code ! edge}. A bridge that answers
     * a bare {@code ok} (older firmware; found out by the first, untimed-or-not {@code write} that
     * sets the LED low before the game) gets the old way: the LED's device time is bracketed by two
     * pings pipelined around the write ({@code ping}, {@code write}, {@code ping}: the bridge
     * answers in order), the midpoint is used and half the bracket is printed as the error bound.
     */
    @Command(name = "reaction",
            description = {"Reaction time: the LED lights after a random 1-4 s, press the button.",
                "Timed with device timestamps; pressing before the LED is caught.",
                "With --sim the LED is shown on screen and the keyboard is the button",
                "(space = press the button, q = quit)."},
            footer = {"", "Examples:",
                "  picoloop demo reaction --sim",
                "  picoloop demo reaction --pin-led LED --pin-button 14 --rounds 5"})
    static final class Reaction extends BoardCommand {

        static final Duration TOO_SLOW = Duration.ofSeconds(10);
        /** A button still down this long after the round's press is held: the player is told to let go. */
        static final Duration LET_GO = Duration.ofMillis(500);

        @Option(names = "--pin-led", paramLabel = "PIN", defaultValue = "LED",
                description = "The LED. Default: ${DEFAULT-VALUE}.")
        String ledPin;

        @Option(names = "--pin-button", paramLabel = "PIN", defaultValue = "14",
                description = "The button, to GND (pull-up). Default: ${DEFAULT-VALUE}.")
        String buttonPin;

        @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
                description = "How many reactions to time. Default: ${DEFAULT-VALUE}.")
        int rounds;

        @Option(names = "--seed", paramLabel = "N", description = "Seed for the random delays (the same delays every run).")
        Long seed;

        /** Set by {@link #prepare}. */
        private PinId led;
        private PinId button;
        /** Each round's reaction, in ms. */
        private final List<Double> times = new ArrayList<>();

        @Override
        void validate() {
            if (rounds < 1) {
                throw new CliFailure(ExitCode.USAGE, "--rounds must be 1 or more");
            }
        }

        @Override
        void prepare(BoardSession session) {
            ConnectedBoard board = session.board();
            led = board.pin(ledPin);
            button = board.pin(buttonPin);
            if (board.wired(led).equals(board.wired(button))) {
                // refused before anything is driven: mid-game it fails as "GP14 is not an output"
                throw new CliFailure(ExitCode.USAGE, "--pin-led and --pin-button must be different"
                        + " pins (both are " + board.label(led) + ")");
            }
        }

        @Override
        void run(BoardSession session) {
            play(session, led, button, seed == null ? new Random() : new Random(seed), times);
        }

        @Override
        void summarize(BoardSession session, String stoppedBy) {
            // the game's finally blocks switched the LED off, also when Ctrl-C cancelled them
            String end = stoppedBy != null ? "; " + stoppedBy + "; " + session.board().label(led) + " left off" : "";
            if (times.isEmpty()) {
                out().println("no reaction timed" + end);
            } else {
                double best = times.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                double mean = times.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                out().printf("best %.0f ms, mean %.0f ms over %d round%s%s%n", best, mean, times.size(),
                        times.size() == 1 ? "" : "s", end);
            }
        }

        private void play(BoardSession session, PinId ledId, PinId buttonId, Random random, List<Double> times) {
            PrintWriter out = out();
            ConnectedBoard board = session.board();
            Pico pico = board.pico();
            OutputPin led = pico.output(ledId);
            boolean timed = led.offTimed().timed();
            Button button = Button.on(pico, buttonId).open();
            String ledLabel = board.label(ledId);
            // with --sim: the LED on screen, and the keys (their help line first) once the button is watched
            // one key is one press: the player hits space once, the game waits for no release
            boolean keys = session.openConsole(out, err(), true);
            out.printf("reaction test: when %s lights, press the button on %s as fast as you can%s%n", ledLabel,
                    board.label(buttonId), keys ? " (space bar)" : "");
            if (!timed) {
                out.println("this bridge does not say when a pin changed (firmware before 0.2.0): the LED's time"
                        + " is bracketed by pings, so each result has an error bound; update the firmware for exact times");
            }
            out.flush();
            try {
                int round = 1;
                while (round <= rounds) {
                    if (button.isPressed()) {
                        try {
                            button.awaitRelease(LET_GO);     // a click (the simulator's space bar) lets go by itself
                        } catch (TaskTimeoutException held) {
                            out.println("let go of the button...");
                            out.flush();
                            button.awaitRelease();
                        }
                    }
                    long delayMs = 1000 + random.nextInt(3001);
                    out.printf("round %d of %d: wait for the LED...%n", round, rounds);
                    out.flush();
                    try {
                        button.awaitPress(Duration.ofMillis(delayMs));
                        out.println("too soon! wait for the LED");
                        out.flush();
                        continue;   // the same round again, with a new delay
                    } catch (TaskTimeoutException quiet) {
                        // no press during the delay: good
                    }
                    LedOn on = ledOn(pico, led, timed);
                    ButtonEvent press = null;
                    try {
                        press = button.awaitPress(TOO_SLOW);
                    } catch (TaskTimeoutException slow) {
                        // told below, with the LED off
                    } finally {
                        led.off();      // before the result, so a drawn LED goes off at the press
                    }
                    session.endLine();
                    if (press == null) {
                        out.printf("no press within %d s%n", TOO_SLOW.toSeconds());
                    } else if (press.deviceMicros() < on.deviceMicros) {
                        // pressed after the quiet wait ended but before the LED lit
                        out.println("too soon! wait for the LED");
                        out.flush();
                        continue;
                    } else {
                        double ms = (press.deviceMicros() - on.deviceMicros) / 1000.0;
                        times.add(ms);
                        if (on.exact) {
                            out.printf("reaction %.0f ms  (device times: LED lit at %.6f s, press at %.6f s)%n", ms,
                                    on.deviceMicros / 1e6, press.deviceMicros() / 1e6);
                        } else {
                            out.printf("reaction %.0f ms ±%.1f ms  (device times; LED lit at %.6f s, bracketed by pings)%n",
                                    ms, on.errorMicros / 1000.0, on.deviceMicros / 1e6);
                        }
                    }
                    out.flush();
                    round++;
                }
            } finally {
                led.off();
                button.close();
            }
        }

        /**
         * When the LED went on, on the device clock; exact when the bridge said so, else the midpoint
         * of two pings with {@code errorMicros} the error bound.
         */
        record LedOn(long deviceMicros, long errorMicros, boolean exact) {
        }

        /**
         * Lights the LED. {@code timed}: the bridge replies with the device time of the change, which
         * is exact. Otherwise {@code ping}, {@code write <led> 1}, {@code ping}, pipelined: the write
         * lies between the two pings' times.
         */
        static LedOn ledOn(Pico pico, OutputPin led, boolean timed) {
            if (timed) {
                PinWrite w = led.onTimed();
                return new LedOn(w.deviceMicros().orElseThrow(() -> new DeviceException(pico.description()
                        + " stopped sending the time of a pin change (was the firmware replaced?)")), 0, true);
            }
            CompletableFuture<PingResult> before = pico.pingAsync();
            CompletableFuture<Void> write = led.onAsync();
            CompletableFuture<PingResult> after = pico.pingAsync();
            long t1 = Async.await(before).deviceMicros();
            Async.await(write);
            long t2 = Async.await(after).deviceMicros();
            return new LedOn((t1 + t2) / 2, (t2 - t1 + 1) / 2, false);
        }
    }
}
