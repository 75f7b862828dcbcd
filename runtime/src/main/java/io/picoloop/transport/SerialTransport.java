package io.picoloop.transport;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import io.picoloop.protocol.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * A serial port (the Pico's USB CDC port, {@code /dev/ttyACM0} or {@code COM3}, or a
 * pseudo-terminal) as a line {@link Transport}, on jSerialComm. Opens 8N1 at the given baud (irrelevant on USB CDC), takes
 * jSerialComm's exclusive lock ({@code flock}) so a second picoloop cannot open the same port,
 * asserts DTR (the Pico's USB CDC sends nothing without it), and reads with a 100 ms timeout so
 * closing is prompt. A port that vanishes (unplugged) ends the link: the listener's
 * {@code onClosed} gets the cause.
 */
public final class SerialTransport extends AbstractLineTransport {

    public static final int DEFAULT_BAUD = 115200;
    private static final int READ_TIMEOUT_MS = 100;
    // errno values, the same on Linux, macOS and the BSDs (EAGAIN is not: HostOs.eagain())
    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int ENXIO = 6;
    private static final int EACCES = 13;
    private static final int EBUSY = 16;
    private static final int ENODEV = 19;
    private static final int EISDIR = 21;
    private static final int ENOTTY = 25;
    // Windows error codes (GetLastError() after CreateFileW)
    private static final int ERROR_FILE_NOT_FOUND = 2;
    private static final int ERROR_PATH_NOT_FOUND = 3;
    private static final int ERROR_ACCESS_DENIED = 5;
    private static final int ERROR_BAD_UNIT = 20;
    private static final int ERROR_SHARING_VIOLATION = 32;
    private static final int ERROR_DEV_NOT_EXIST = 55;
    private static final int ERROR_INVALID_NAME = 123;
    private static final int ERROR_NO_SUCH_DEVICE = 433;
    private static final int ERROR_DEVICE_NOT_CONNECTED = 1167;
    /** The fix for a path that is not a serial port. */
    private static final String NAME_THE_PORT = "name the Pico's port, e.g. /dev/ttyACM0 (`picoloop ports` lists them)";
    /** The usual holders of the port; on POSIX only those that take jSerialComm's flock show as busy. */
    private static final String POSIX_HOLDERS = "another picoloop, Thonny, mpremote, picocom?";
    /** On Windows a port opens exclusively: any terminal program holding it shows as busy. */
    private static final String WINDOWS_HOLDERS = "another picoloop, Thonny, mpremote, PuTTY, a serial monitor?";

    private final SerialPort port;

    private SerialTransport(String path, SerialPort port) {
        super(path, Protocol.MAX_DEVICE_LINE_BYTES);
        this.port = port;
    }

    /**
     * Runs {@code hook} at JVM shutdown (Ctrl-C) BEFORE jSerialComm's own shutdown hook closes
     * every open port, so cleanup such as switching LEDs off can still reach the board. A plain
     * {@link Runtime#addShutdownHook} would race with it and find the port already closed.
     *
     * @throws SerialLibraryException when jSerialComm's native library cannot be loaded
     */
    public static void addShutdownHook(Thread hook) {
        SerialLibraryException.guard(() -> {
            SerialPort.addShutdownHook(hook);
            return null;
        });
    }

    /** Opens a port at 115200 baud. */
    public static SerialTransport open(String path) {
        return open(path, DEFAULT_BAUD);
    }

    /**
     * Opens a port: a path ({@code /dev/ttyACM0}, a symlink such as
     * {@code /dev/serial/by-id/...}) or a name under /dev ({@code ttyACM0}); on Windows a port
     * name ({@code COM3}).
     *
     * @throws PortException MISSING, NOT_A_PORT, BUSY, PERMISSION or OTHER, with a one-line message naming the fix
     * @throws SerialLibraryException when jSerialComm's native library cannot be loaded
     */
    public static SerialTransport open(String path, int baud) {
        return new SerialTransport(path, openPort(path, baud));
    }

    /** The port opened and set up as {@link #open(String, int)} says; {@link SerialStream} reads it byte by byte. */
    static SerialPort openPort(String path, int baud) {
        HostOs os = HostOs.CURRENT;
        String device = deviceName(path, os, Files::exists);
        return SerialLibraryException.guard(() -> {
            SerialPort sp;
            try {
                sp = SerialPort.getCommPort(device);
            } catch (SerialPortInvalidPortException e) {
                throw missing(path, os, e);
            }
            sp.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            sp.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
            sp.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
            if (!sp.openPort()) {
                throw classify(path, os, PortFacts.of(device, os), sp.getLastErrorCode(), sp.getLastErrorLocation());
            }
            // Without DTR a Pico sends nothing. On a pseudo-terminal this fails (ENOTTY): harmless.
            sp.setDTR();
            return sp;
        });
    }

    /**
     * What to hand jSerialComm for what the user typed. On Windows the name as given
     * ({@code COM3}: jSerialComm adds {@code \\.\} itself, and no file of that name exists),
     * so whether the port is there is {@code openPort()}'s to say. Elsewhere a device path, a bare
     * name looked for under /dev too, and it must exist (jSerialComm's own "does not exist" is
     * its error 2, which is also what it reports for a port already open in this program).
     *
     * @throws PortException MISSING when no such file exists (not on Windows)
     */
    static String deviceName(String path, HostOs os, Predicate<Path> exists) {
        if (os == HostOs.WINDOWS) {
            return path;
        }
        Path file = Paths.get(path);
        if (!exists.test(file) && !path.contains("/") && exists.test(Paths.get("/dev", path))) {
            file = Paths.get("/dev", path);
        }
        if (!exists.test(file)) {
            throw missing(path, os, null);
        }
        return file.toString();
    }

    /**
     * What is known of the port after a failed open, for {@link #classify}.
     *
     * @param device    the name handed to jSerialComm
     * @param exists    the file exists (POSIX); the system lists the port (Windows)
     * @param directory it is a directory (POSIX)
     * @param readWrite this user may read and write it (POSIX; always true on Windows)
     */
    record PortFacts(String device, boolean exists, boolean directory, boolean readWrite) {

        static PortFacts of(String device, HostOs os) {
            if (os == HostOs.WINDOWS) {
                String name = PortScanner.listedName(device, os);
                boolean listed = Arrays.stream(SerialPort.getCommPorts())
                        .anyMatch(p -> p.getSystemPortName().equalsIgnoreCase(name));
                return new PortFacts(device, listed, false, true);
            }
            Path f = Paths.get(device);
            return new PortFacts(device, Files.exists(f), Files.isDirectory(f), Files.isReadable(f) && Files.isWritable(f));
        }
    }

    /**
     * Turns jSerialComm's error after a failed {@code openPort()} into a {@link PortException}
     * whose message says in plain words what is wrong and what to do. jSerialComm reports errno
     * (Linux, macOS) or a Windows error code, except for a port this process already has open,
     * which it reports as 2 on both (ENOENT, ERROR_FILE_NOT_FOUND: told apart by whether the port
     * {@linkplain PortFacts#exists exists}). The numbers themselves, and the line in jSerialComm's
     * native source ({@code getLastErrorLocation()}), are only in the exception's cause: with
     * {@code PICOLOOP_DEBUG=1} the CLI prints them with the stack trace.
     *
     * @param error    {@code getLastErrorCode()}
     * @param location {@code getLastErrorLocation()}
     */
    static PortException classify(String path, HostOs os, PortFacts facts, int error, int location) {
        IOException detail = new IOException("jSerialComm could not open " + facts.device() + ": "
                + (os == HostOs.WINDOWS ? "Windows error " : "errno ") + error + " at line " + location
                + " of its native code");
        return os == HostOs.WINDOWS ? classifyWindows(path, facts, error, detail) : classifyPosix(path, os, facts, error, detail);
    }

    private static PortException classifyPosix(String path, HostOs os, PortFacts facts, int errno, IOException detail) {
        if (!facts.exists()) {
            return missing(path, os, detail);
        }
        if (errno == EISDIR || facts.directory()) {
            return new PortException(PortException.Kind.NOT_A_PORT, path, path + " is a directory, not a serial port: "
                    + NAME_THE_PORT, detail);
        }
        if (errno == ENOTTY) {
            // open() worked, the terminal settings did not: a file, /dev/null, some other device
            return new PortException(PortException.Kind.NOT_A_PORT, path, path + " is not a serial port: "
                    + NAME_THE_PORT, detail);
        }
        if (errno == EACCES || errno == EPERM || !facts.readWrite()) {
            String fix = os == HostOs.LINUX
                    ? "add yourself to the dialout group (sudo usermod -aG dialout $USER), then log out and in"
                    : "`ls -l " + facts.device() + "` shows who may open it";
            return new PortException(PortException.Kind.PERMISSION, path, "permission denied opening " + path + ": "
                    + fix, detail);
        }
        if (errno == os.eagain() || errno == EBUSY) {
            return busy(path, POSIX_HOLDERS, detail);
        }
        if (errno == ENOENT) {
            return openHere(path, detail);
        }
        if (errno == ENXIO || errno == ENODEV) {
            return missing(path, os, detail);
        }
        return other(path, "system error " + errno, detail);
    }

    private static PortException classifyWindows(String path, PortFacts facts, int error, IOException detail) {
        return switch (error) {
            case ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION -> busy(path, WINDOWS_HOLDERS, detail);
            case ERROR_FILE_NOT_FOUND -> facts.exists() ? openHere(path, detail) : missing(path, HostOs.WINDOWS, detail);
            case ERROR_PATH_NOT_FOUND, ERROR_BAD_UNIT, ERROR_DEV_NOT_EXIST, ERROR_INVALID_NAME, ERROR_NO_SUCH_DEVICE,
                 ERROR_DEVICE_NOT_CONNECTED -> missing(path, HostOs.WINDOWS, detail);
            default -> other(path, "Windows error " + error, detail);
        };
    }

    private static PortException busy(String path, String holders, IOException detail) {
        return new PortException(PortException.Kind.BUSY, path, path + " is in use by another program (" + holders
                + "): close it and try again", detail);
    }

    private static PortException openHere(String path, IOException detail) {
        return new PortException(PortException.Kind.BUSY, path, path
                + " is already open in this program: close the other connection first", detail);
    }

    private static PortException other(String path, String error, IOException detail) {
        return new PortException(PortException.Kind.OTHER, path, "cannot open " + path + " (" + error
                + "): unplug and replug the board, then try again", detail);
    }

    private static PortException missing(String path, HostOs os, Throwable detail) {
        return new PortException(PortException.Kind.MISSING, path, missingMessage(path, os == HostOs.WINDOWS), detail);
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
