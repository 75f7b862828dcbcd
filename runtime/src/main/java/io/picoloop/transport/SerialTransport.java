package io.picoloop.transport;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import io.picoloop.protocol.LineCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A serial port (the Pico's USB CDC port, {@code /dev/ttyACM0}, or a pseudo-terminal) as a line
 * {@link Transport}, on jSerialComm. Opens 8N1 at the given baud (irrelevant on USB CDC), takes
 * jSerialComm's exclusive lock ({@code flock}) so a second picoloop cannot open the same port,
 * asserts DTR (the Pico's USB CDC sends nothing without it), and reads with a 100 ms timeout so
 * closing is prompt. A port that vanishes (unplugged) ends the link: the listener's
 * {@code onClosed} gets the cause.
 */
public final class SerialTransport extends AbstractLineTransport {

    public static final int DEFAULT_BAUD = 115200;
    private static final int READ_TIMEOUT_MS = 100;
    // errno values on Linux
    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int ENXIO = 6;
    private static final int EAGAIN = 11;
    private static final int EACCES = 13;
    private static final int EBUSY = 16;
    private static final int ENODEV = 19;
    private static final int EISDIR = 21;
    private static final int ENOTTY = 25;
    /** The fix for a path that is not a serial port. */
    private static final String NAME_THE_PORT = "name the Pico's port, e.g. /dev/ttyACM0 (`picoloop ports` lists them)";
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private final SerialPort port;

    private SerialTransport(String path, SerialPort port) {
        super(path, LineCodec.MAX_DEVICE_LINE_BYTES);
        this.port = port;
    }

    /**
     * Runs {@code hook} at JVM shutdown (Ctrl-C) BEFORE jSerialComm's own shutdown hook closes
     * every open port, so cleanup such as switching LEDs off can still reach the board. A plain
     * {@link Runtime#addShutdownHook} would race with it and find the port already closed.
     */
    public static void addShutdownHook(Thread hook) {
        com.fazecast.jSerialComm.SerialPort.addShutdownHook(hook);
    }

    /** Opens a port at 115200 baud. */
    public static SerialTransport open(String path) {
        return open(path, DEFAULT_BAUD);
    }

    /**
     * Opens a port: a path ({@code /dev/ttyACM0}, a symlink such as
     * {@code /dev/serial/by-id/...}) or a name under /dev ({@code ttyACM0}).
     *
     * @throws PortException MISSING, NOT_A_PORT, BUSY, PERMISSION or OTHER, with a one-line message naming the fix
     */
    public static SerialTransport open(String path, int baud) {
        Path file = Paths.get(path);
        if (!Files.exists(file) && !path.contains("/") && Files.exists(Paths.get("/dev", path))) {
            file = Paths.get("/dev", path);
        }
        if (!Files.exists(file)) {
            throw missing(path);
        }
        SerialPort sp;
        try {
            sp = SerialPort.getCommPort(file.toString());
        } catch (SerialPortInvalidPortException e) {
            throw missing(path);
        }
        sp.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        sp.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        sp.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!sp.openPort()) {
            throw classify(path, file, sp.getLastErrorCode(), sp.getLastErrorLocation());
        }
        // Without DTR a Pico sends nothing. On a pseudo-terminal this fails (ENOTTY): harmless.
        sp.setDTR();
        return new SerialTransport(path, sp);
    }

    /**
     * Turns jSerialComm's error after a failed {@code openPort()} into a {@link PortException}
     * whose message says in plain words what is wrong and what to do. jSerialComm reports errno,
     * except for a port this process already has open, which it reports as 2 (which is also
     * ENOENT, hence the file checks). The numbers themselves, and the line in jSerialComm's native
     * source ({@code getLastErrorLocation()}), are only in the exception's cause: with
     * {@code PICOLOOP_DEBUG=1} the CLI prints them with the stack trace.
     *
     * @param errno    {@code getLastErrorCode()}
     * @param location {@code getLastErrorLocation()}
     */
    static PortException classify(String path, Path file, int errno, int location) {
        IOException detail = new IOException("jSerialComm could not open " + file + ": errno " + errno
                + " at line " + location + " of its native code");
        if (!Files.exists(file)) {
            return missing(path, detail);
        }
        if (errno == EISDIR || Files.isDirectory(file)) {
            return new PortException(PortException.Kind.NOT_A_PORT, path, path + " is a directory, not a serial port: "
                    + NAME_THE_PORT, detail);
        }
        if (errno == ENOTTY) {
            // open() worked, the terminal settings did not: a file, /dev/null, some other device
            return new PortException(PortException.Kind.NOT_A_PORT, path, path + " is not a serial port: "
                    + NAME_THE_PORT, detail);
        }
        if (errno == EACCES || errno == EPERM || !Files.isReadable(file) || !Files.isWritable(file)) {
            return new PortException(PortException.Kind.PERMISSION, path, "permission denied opening " + path
                    + ": add yourself to the dialout group (sudo usermod -aG dialout $USER), then log out and in",
                    detail);
        }
        if (errno == EAGAIN || errno == EBUSY) {
            return new PortException(PortException.Kind.BUSY, path, path + " is in use by another program"
                    + " (another picoloop, Thonny, mpremote, screen, picocom?): close it and try again", detail);
        }
        if (errno == ENOENT) {
            return new PortException(PortException.Kind.BUSY, path, path
                    + " is already open in this program: close the other connection first", detail);
        }
        if (errno == ENXIO || errno == ENODEV) {
            return missing(path, detail);
        }
        return new PortException(PortException.Kind.OTHER, path, "cannot open " + path + " (system error " + errno
                + "): unplug and replug the board, then try again", detail);
    }

    private static PortException missing(String path) {
        return missing(path, null);
    }

    private static PortException missing(String path, Throwable detail) {
        return new PortException(PortException.Kind.MISSING, path, missingMessage(path, WINDOWS), detail);
    }

    /**
     * "no serial port P: is the Pico plugged in...". A bare name ({@code ttyACM0}) is looked for
     * under /dev too, and the message says so when neither is there, lest the user retry with the
     * full path: not on Windows, where a bare name ({@code COM3}) is the usual form.
     */
    static String missingMessage(String path, boolean windows) {
        String devPath = "/dev/" + path;
        String notThereEither = !windows && !path.isEmpty() && !path.contains("/") && !Files.exists(Paths.get(devPath))
                ? " (nor " + devPath + ")" : "";
        return "no serial port " + path + notThereEither
                + ": is the Pico plugged in with a data USB cable? `picoloop ports` lists the ports found";
    }

    @Override
    protected int read(byte[] buf) throws IOException {
        int n = port.readBytes(buf, buf.length);
        if (n < 0 && isOpen()) {
            // jSerialComm returns -1 when the device is gone (unplugged) or the pty peer closed
            return -1;
        }
        return Math.max(n, 0);
    }

    @Override
    protected void write(byte[] data) throws IOException {
        int off = 0;
        while (off < data.length) {
            int n = port.writeBytes(data, data.length - off, off);
            if (n < 0) {
                throw new IOException("the port stopped accepting data (device unplugged?)");
            }
            off += n;
        }
    }

    @Override
    protected void closeStream() {
        port.closePort();
    }
}
