package io.picoloop.install;

import io.picoloop.device.BridgeIdentity;
import io.picoloop.device.DeviceOptions;
import io.picoloop.device.Pico;
import io.picoloop.micropython.BoardFiles;
import io.picoloop.micropython.ByteLink;
import io.picoloop.micropython.MicroPythonException;
import io.picoloop.micropython.RawRepl;
import io.picoloop.protocol.HelloReply;
import io.picoloop.transport.SerialTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Puts the bundled bridge on one board over its serial port: into the raw REPL from whatever runs
 * (the bridge, a program, the REPL), a soft reset for a clean interpreter, the plan (hashes on the
 * board), then the changed files written under temporary names, checked, and renamed into place
 * with main.py moved aside first and put back last, so that a cable pulled at any moment leaves a
 * board that boots the old bridge, the new one or the plain REPL, never half a bridge. Finally a
 * soft reset starts main.py and the bridge's handshake proves it runs. A progress listener that
 * throws {@link InstallCancelled} at a step stops the install there, the board restarted.
 */
public final class Installer {

    /** How long the board may stay silent in the middle of an answer (an emulated board is slow). */
    static final int IDLE_MS = 10_000;
    /** How long the freshly started bridge has to answer hello (it compiles its modules first). */
    static final Duration HANDSHAKE = Duration.ofSeconds(20);
    /** littlefs gives each file at least a block of 4 KB, and the bridge's are small. */
    private static final int BLOCK = 4096;

    /**
     * What an install did: the plan, and the handshake of the bridge it started or found running
     * unchanged (null on a dry run that had to look with the raw REPL).
     */
    public record Outcome(String port, InstallPlan plan, BridgeIdentity bridge, String micropython) {
    }

    /**
     * The bytes written so far, for a progress bar: {@code file} is being written, {@code done} of
     * the install's {@code total} bytes (every file it writes) are on the board.
     */
    public record Written(String file, long done, long total) {
    }

    private final BridgeBundle bundle;
    private final Consumer<String> progress;
    private final Consumer<Written> chunks;

    /** @param progress hears each step, for a progress line */
    public Installer(BridgeBundle bundle, Consumer<String> progress) {
        this(bundle, progress, w -> { });
    }

    /** @param written hears each chunk written, for a progress bar */
    public Installer(BridgeBundle bundle, Consumer<String> progress, Consumer<Written> written) {
        this.bundle = bundle;
        this.progress = progress;
        this.chunks = written;
    }

    /**
     * Installs on {@code port} (or only says what would change: {@code dryRun}).
     *
     * @throws InstallException naming the port and the fix
     * @throws io.picoloop.transport.PortException when the port cannot be opened
     */
    public Outcome install(String port, boolean dryRun) {
        Outcome current = unchanged(port);
        if (current != null) {
            return current;       // nothing to write or remove, and the bridge never stopped
        }
        InstallPlan plan;
        String micropython;
        try (RawRepl repl = new RawRepl(ByteLink.serial(port), IDLE_MS)) {
            progress.accept("stopping what runs");
            repl.enter();
            try {
                repl.softReset();
                micropython = repl.run("import sys\nprint('%d.%d.%d' % sys.implementation.version[:3])\n").strip();
                BoardFiles files = new BoardFiles(repl, "/");
                plan = plan(files);
                if (dryRun) {
                    repl.restart();       // back to what ran before (main.py), as far as a soft reset gets there
                    return new Outcome(port, plan, null, micropython);
                }
                try {
                    apply(plan, files);
                } catch (InstallException e) {
                    restartQuietly(repl);       // the board still answers: back to what it ran (files are as they were)
                    throw e;
                }
                progress.accept("starting the bridge");
            } catch (InstallCancelled e) {
                restartQuietly(repl);       // stopped between steps: the files are whole, a restart boots them
                throw e;
            }
            repl.restart();
        } catch (MicroPythonException e) {
            throw InstallException.from(e);
        }
        return new Outcome(port, plan, handshake(port), micropython);
    }

    /**
     * The quick look: the bridge running on the port is this picoloop's version and its files on
     * the flash (hashed by the bridge itself) are exactly the bundle's, no leftovers among them:
     * the whole install would write and remove nothing. Null when the raw REPL has to look.
     */
    private Outcome unchanged(String port) {
        progress.accept("asking the running bridge");
        RunningBridge.Answer answer = RunningBridge.ask(port, bundle.version(), IDLE_MS);
        if (answer == null || !answer.files().equals(bundle.filesDigest())) {
            return null;
        }
        InstallPlan plan = new InstallPlan(List.of(), bundle.names(), null, List.of(), 0);
        return new Outcome(port, plan, answer.identity(),
                answer.identity().all().getOrDefault(HelloReply.MICROPYTHON, "(version not known)"));
    }

    private static void restartQuietly(RawRepl repl) {
        try {
            repl.restart();
        } catch (MicroPythonException e) {
            // the install's own failure is what the user hears
        }
    }

    /** What the board holds, against the bundle. */
    public InstallPlan plan(BoardFiles files) {
        progress.accept("checking the files on the board");
        List<BoardFiles.Entry> entries = files.list();
        Map<String, String> hashes = files.sha256(bundle.names());
        String head = entries.stream().anyMatch(e -> e.name().equals("main.py")) ? files.firstLine("main.py") : null;
        return InstallPlan.of(bundle, entries, hashes, head);
    }

    /** Carries the plan out (see the class comment for the order) and checks the result on the board. */
    public void apply(InstallPlan plan, BoardFiles files) {
        for (String s : plan.stale()) {
            files.removeIfPresent(s);
        }
        if (plan.write().isEmpty()) {
            return;
        }
        checkRoom(plan, files);
        List<String> written = new ArrayList<>();
        try {
            long before = 0;
            for (String name : plan.write()) {
                BridgeBundle.BridgeFile f = file(name);
                progress.accept("writing " + name);
                long base = before;
                files.write(name + InstallPlan.TEMP_SUFFIX, f.content(), n -> chunks.accept(new Written(name, base + n, plan.bytes())));
                before += f.content().length;
                written.add(name + InstallPlan.TEMP_SUFFIX);
            }
            verify(files, plan.write(), InstallPlan.TEMP_SUFFIX);
        } catch (MicroPythonException e) {
            if (e.kind() == MicroPythonException.Kind.BOARD_ERROR) {
                written.forEach(files::removeIfPresent);      // the board still answers: take the half-written files away
                if (e.boardError().contains("ENOSPC") || e.boardError().contains("Errno 28")) {
                    throw new InstallException(full(files.free(), plan));
                }
            }
            throw e;
        }
        progress.accept("renaming into place");
        boolean mainNew = plan.write().contains("main.py");
        String mainTemp = "main.py" + InstallPlan.TEMP_SUFFIX;
        // main.py out of the way first: until it is back, a reset boots the plain REPL
        if (plan.backup() != null) {
            files.rename("main.py", plan.backup());
        } else if (mainNew) {
            files.removeIfPresent("main.py");
        } else {
            files.rename("main.py", mainTemp);
        }
        for (String name : plan.write()) {
            if (!name.equals("main.py")) {
                files.rename(name + InstallPlan.TEMP_SUFFIX, name);
            }
        }
        files.rename(mainTemp, "main.py");
        files.sync();
        verify(files, bundle.names(), "");
    }

    private void checkRoom(InstallPlan plan, BoardFiles files) {
        long need = 0;
        for (String name : plan.write()) {
            need += (file(name).content().length / BLOCK + 2L) * BLOCK;
        }
        long free = files.free();
        if (need > free) {
            throw new InstallException(full(free, plan));
        }
    }

    private static String full(long free, InstallPlan plan) {
        return String.format("the board's filesystem is full: %.1f KB free, the bridge needs about %.1f KB more: remove files"
                + " you do not need (mpremote rm :FILE, or Thonny's Files view), then run picoloop install again",
                free / 1024.0, (plan.bytes() + 2L * BLOCK * plan.write().size()) / 1024.0);
    }

    private void verify(BoardFiles files, List<String> names, String suffix) {
        List<String> onBoard = names.stream().map(n -> n + suffix).toList();
        Map<String, String> hashes = files.sha256(onBoard);
        for (String name : names) {
            String want = file(name).sha256();
            if (!want.equals(hashes.get(name + suffix))) {
                throw new InstallException(name + suffix + " on the board does not match what was written (sha256 "
                        + hashes.get(name + suffix) + ", wanted " + want + "): the flash may be failing; run picoloop"
                        + " install again, and if it fails the same way, try another Pico");
            }
        }
    }

    private BridgeBundle.BridgeFile file(String name) {
        return bundle.files().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    /** Opens the port as a program would and shakes hands with the bridge just started. */
    private BridgeIdentity handshake(String port) {
        progress.accept("waiting for the bridge's handshake");
        DeviceOptions options = DeviceOptions.defaults().withHandshakeTimeout(HANDSHAKE).withKeepalive(Duration.ZERO);
        try (Pico pico = Pico.connect(SerialTransport.open(port), options)) {
            BridgeIdentity info = pico.identity();
            if (!info.firmwareVersion().equals(bundle.version())) {
                throw new InstallException("the bridge on " + port + " says firmware " + info.firmwareVersion()
                        + " after installing " + bundle.version() + ": a boot.py or another main.py may start something else;"
                        + " look at the board's files (mpremote ls)");
            }
            return info;
        } catch (RuntimeException e) {
            if (e instanceof InstallException) {
                throw e;
            }
            throw new InstallException("the bridge was written to " + port + " but did not answer after starting ("
                    + e.getMessage() + ")", e);
        }
    }
}
