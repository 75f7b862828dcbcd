package io.picoloop.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --duration}, how long a command that otherwise runs until Ctrl-C runs (blink, watch,
 * read, pwm, fade, demo dimmer): declared once, so every command says it and bounds it alike.
 */
final class StopAfter {

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Stop after this long, e.g. 10s, 2m; at most " + DurationConverter.MAX_TEXT + ".")
    Duration duration;

    /** The duration asked for, or without one the longest a command runs (until Ctrl-C, in effect). */
    Duration orLongest() {
        return duration == null ? DurationConverter.MAX : duration;
    }
}
