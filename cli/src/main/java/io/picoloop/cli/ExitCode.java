package io.picoloop.cli;

import io.picoloop.config.ConfigException;
import io.picoloop.transport.PortException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ParameterException;

/**
 * picoloop's exit codes and what each means: every command's help lists them ({@link #helpList()}),
 * and a failure is mapped to one here ({@link #of}, picocli's exit-code mapper). The README says
 * the same (a test compares).
 */
enum ExitCode {
    DONE(0, "done"),
    /** The board or the link failed: no bridge, device error, timeout, protocol garbage, link lost. */
    BOARD(1, "board or link failure"),
    /** The command line or the config file is wrong (picocli's own code for usage errors). */
    USAGE(2, "usage or config error"),
    PORT(3, "serial port missing, busy, not permitted or not a serial port"),
    /** The JVM's own for SIGINT (128 + 2), once the board is closed; no command returns it. */
    CTRL_C(130, "stopped by Ctrl-C"),
    /** The JVM's own for SIGTERM (128 + 15), as {@link #CTRL_C}. */
    KILL(143, "stopped by kill (SIGTERM)");

    /** The heading of the help's list. */
    static final String HEADING = "%nExit codes:%n";

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    int code() {
        return code;
    }

    String meaning() {
        return meaning;
    }

    /** The help's list: the codes, right-aligned, and what each means. */
    static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode e : values()) {
            list.put(String.format("%3d", e.code), e.meaning);
        }
        return list;
    }

    /** The code a failure ends the command with (the failure as the command threw it, unwrapped). */
    static int of(Throwable failure) {
        return switch (failure) {
            case CliFailure f -> f.exitCode().code;
            case PortException p -> PORT.code;
            case ConfigException c -> USAGE.code;
            case IllegalArgumentException i -> USAGE.code;
            case ParameterException p -> USAGE.code;
            default -> BOARD.code;
        };
    }
}
