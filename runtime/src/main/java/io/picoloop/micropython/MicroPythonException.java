package io.picoloop.micropython;

/** The board did not do what the raw REPL asked; the message is one line naming the port and the fix. */
public class MicroPythonException extends RuntimeException {

    /** What went wrong, for callers that react differently (a full filesystem, a lost link). */
    public enum Kind {
        /** Nothing came back at all: not MicroPython, or stuck. */
        NO_ANSWER,
        /** Output keeps coming and Ctrl-C does not stop it: a program that turned the keyboard interrupt off. */
        IGNORES_CTRL_C,
        /** Bytes came, but not what MicroPython's raw REPL sends. */
        GARBAGE,
        /** It answered before, then went silent in the middle of an operation. */
        STOPPED_ANSWERING,
        /** The port went away (unplugged, reset) or stopped accepting data. */
        LINK_LOST,
        /** Code ran on the board and raised; {@link #boardError()} is its traceback. */
        BOARD_ERROR
    }

    private final Kind kind;
    private final String boardError;

    public MicroPythonException(Kind kind, String message) {
        this(kind, message, "", null);
    }

    public MicroPythonException(Kind kind, String message, String boardError, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.boardError = boardError;
    }

    public Kind kind() {
        return kind;
    }

    /** The board's traceback for {@link Kind#BOARD_ERROR}, else empty. */
    public String boardError() {
        return boardError;
    }
}
