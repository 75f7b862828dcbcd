package io.picoloop.protocol;

import java.util.Arrays;

/**
 * A request as the host builds it, before the pipeline gives it an id: its command word and its
 * arguments as sent. Made by the catalogue ({@link Commands}); {@link Request} is the same with
 * its id, on the wire.
 *
 * @param command the command word
 * @param args    the arguments, each a printable ASCII word (the pipeline checks them)
 */
public record Command(String command, String... args) {

    /** The request as a person would type it, without the id: {@code mode 25 out 0}. */
    @Override
    public String toString() {
        return args.length == 0 ? command : command + " " + String.join(" ", args);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Command c && c.command.equals(command) && Arrays.equals(c.args, args);
    }

    @Override
    public int hashCode() {
        return command.hashCode() * 31 + Arrays.hashCode(args);
    }
}
