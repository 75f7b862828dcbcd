package io.picoloop.sim;

import java.nio.charset.StandardCharsets;

/**
 * What the board says once {@code repl} has left the bridge: MicroPython's banner and prompt,
 * and a SyntaxError for every line. Just enough for the host to recognise a REPL on the port.
 */
final class MicroPythonRepl {

    /** The MicroPython the simulated board's REPL and its bridge's hello say it runs. */
    static final String VERSION = "1.26.1";

    private MicroPythonRepl() {
    }

    static byte[] banner(String model) {
        return ("MicroPython v" + VERSION + " on 2025-09-11; " + model + "\r\n"
                + "Type \"help()\" for more information.\r\n>>> ").getBytes(StandardCharsets.US_ASCII);
    }

    /** The echo of what was typed, a traceback and a new prompt after each newline. */
    static byte[] answer(byte[] buf, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                out.append("\r\nTraceback (most recent call last):\r\n  File \"<stdin>\", line 1\r\n"
                        + "SyntaxError: invalid syntax\r\n>>> ");
            } else {
                out.append((char) (buf[i] & 0xFF));
            }
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
