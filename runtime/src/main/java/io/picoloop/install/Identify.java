package io.picoloop.install;

import io.picoloop.device.DeviceOptions;
import io.picoloop.device.OutputPin;
import io.picoloop.device.Pico;
import io.picoloop.micropython.ByteLink;
import io.picoloop.micropython.MicroPythonException;
import io.picoloop.micropython.RawRepl;
import io.picoloop.transport.SerialTransport;
import java.time.Duration;

/** "Which Pico is mine?": the board's onboard LED flashes, through the bridge or MicroPython's REPL. */
public final class Identify {

    /** Flashes, each on and off this long: about 3 s, hard to miss. */
    static final int FLASHES = 8;
    static final int HALF_PERIOD_MS = 180;

    private Identify() {
    }

    /** Flashes the LED of the board {@code report} describes, and leaves it off. */
    public static void flash(BoardProbe.Report report) {
        if (report.bridge() != null) {
            try (Pico pico = Pico.connect(SerialTransport.open(report.port()),
                    DeviceOptions.defaults().withKeepalive(Duration.ZERO).withHandshakeTimeout(Installer.HANDSHAKE))) {
                OutputPin led = pico.output("LED");
                for (int i = 0; i < 2 * FLASHES; i++) {
                    led.toggle();
                    sleep();
                }
                pico.allOff();
            }
            return;
        }
        try (RawRepl repl = new RawRepl(ByteLink.serial(report.port()), Installer.IDLE_MS)) {
            repl.enter();
            repl.run("import time\nfrom machine import Pin\np=Pin('LED',Pin.OUT)\nfor i in range(" + 2 * FLASHES + "):\n"
                    + " p.toggle()\n time.sleep_ms(" + HALF_PERIOD_MS + ")\np.value(0)\n");
            repl.restart();
        } catch (MicroPythonException e) {
            throw new InstallException(e.getMessage(), e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(HALF_PERIOD_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
