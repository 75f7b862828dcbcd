package io.picoloop.pi4j;

import io.picoloop.config.BoardProfile;
import java.util.Map;

/**
 * Where the Pico is: a serial port ({@code /dev/ttyACM0}) or the simulated board. Read from Pi4J
 * properties ({@value PicoloopPi4J#PROPERTY_PORT}, {@value PicoloopPi4J#PROPERTY_SIM},
 * {@value PicoloopPi4J#PROPERTY_BOARD}) or made in code with {@link #port} / {@link #simulated}.
 *
 * @param port  the serial device, or null for the simulated board
 * @param board {@code pico} or {@code picow}: the simulated board's model (a real board reports its own)
 */
public record PicoSource(String port, String board) {

    public PicoSource {
        String typed = board;
        board = board == null ? "pico" : BoardProfile.boardName(board).orElseThrow(() -> new IllegalArgumentException(
                "picoloop: unknown board '" + typed + "'; use " + BoardProfile.BOARD_NAMES));
        if (port != null && port.isBlank()) {
            throw new IllegalArgumentException("picoloop: empty serial port name; use e.g. /dev/ttyACM0");
        }
    }

    /** The Pico on a serial port, e.g. {@code /dev/ttyACM0}. */
    public static PicoSource port(String port) {
        return new PicoSource(port, null);
    }

    /** The simulated Pico (in this process, no hardware). */
    public static PicoSource simulated() {
        return new PicoSource(null, "pico");
    }

    /** A simulated board of the given model: {@code pico} or {@code picow}. */
    public static PicoSource simulated(String board) {
        return new PicoSource(null, board);
    }

    public boolean isSimulated() {
        return port == null;
    }

    /**
     * The source Pi4J properties name, or null when they name none (then the picoloop plugin
     * registers nothing, and the context keeps the Pi's own GPIO providers).
     *
     * @throws IllegalArgumentException when both a port and the simulator are asked for
     */
    public static PicoSource fromProperties(Map<String, String> properties) {
        String port = properties.get(PicoloopPi4J.PROPERTY_PORT);
        boolean sim = Boolean.parseBoolean(properties.getOrDefault(PicoloopPi4J.PROPERTY_SIM, "false").trim());
        String board = properties.get(PicoloopPi4J.PROPERTY_BOARD);
        if (port != null && !port.isBlank() && sim) {
            throw new IllegalArgumentException("picoloop: both " + PicoloopPi4J.PROPERTY_PORT + "=" + port
                    + " and " + PicoloopPi4J.PROPERTY_SIM + "=true are set; choose one");
        }
        if (sim) {
            return new PicoSource(null, board);
        }
        if (port != null && !port.isBlank()) {
            return new PicoSource(port.trim(), board);
        }
        return null;
    }

    /** For messages: the port, or {@code simulated Pico}. */
    public String describe() {
        return isSimulated() ? "simulated " + (board.equals("picow") ? "Pico W" : "Pico") : port;
    }
}
