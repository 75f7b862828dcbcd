package io.picoloop.cli;

import io.picoloop.protocol.Protocol;
import picocli.CommandLine.Option;

/** {@code --freq}, the PWM frequency of the commands that drive a PWM output (pwm, fade, demo dimmer). */
final class PwmFrequency {

    /** Fast enough that no eye sees an LED flicker, slow enough for any driver. */
    static final int DEFAULT_HZ = 1000;

    @Option(names = {"--freq", "--frequency"}, paramLabel = "HZ", defaultValue = "" + DEFAULT_HZ,
            description = "The PWM frequency, " + Protocol.PWM_FREQ_MIN_HZ + " to " + Protocol.PWM_FREQ_MAX_HZ
                    + " Hz (both pins of a PWM slice share one). Default: ${DEFAULT-VALUE}.")
    int hz;

    /** The frequency, checked against what the chip can do (before any board is opened). */
    int checked() {
        if (hz < Protocol.PWM_FREQ_MIN_HZ || hz > Protocol.PWM_FREQ_MAX_HZ) {
            throw new CliFailure(ExitCode.USAGE, "--freq " + hz + " is out of range: use " + Protocol.PWM_FREQ_MIN_HZ
                    + " to " + Protocol.PWM_FREQ_MAX_HZ + " Hz");
        }
        return hz;
    }
}
