package io.picoloop.cli;

import io.picoloop.install.BootselDrive;
import io.picoloop.install.BridgeBundle;
import io.picoloop.install.InstallCancelled;
import io.picoloop.install.InstallException;
import io.picoloop.install.Installer;
import io.picoloop.sim.PinDisplay;
import io.picoloop.transport.PortScanner;
import io.picoloop.transport.SerialTransport;
import io.picoloop.transport.TransportException;
import io.picoloop.transport.PortScanner.Candidates;
import io.picoloop.transport.PortScanner.PortInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "install",
        description = {"Put the bridge firmware this picoloop comes with onto a Pico running MicroPython, check it and start it.",
            "Works whatever the board runs (the bridge of any version, your own main.py, the REPL); files that are already"
                    + " right are not written again; your own main.py is kept as main-before-picoloop.py.",
            "A Pico in BOOTSEL mode (the RPI-RP2 or RP2350 drive) needs MicroPython first: --uf2 FILE copies it."})
final class InstallCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "The Pico's serial port. Default: the one Pico on USB.")
    String port;

    @Option(names = "--all", description = "Every Pico on USB, one line each and a table at the end.")
    boolean all;

    @Option(names = "--dry-run", description = "Only say what would change on the board.")
    boolean dryRun;

    @Option(names = "--uf2", paramLabel = "FILE",
            description = "A MicroPython .uf2 to copy onto a Pico in BOOTSEL mode first (nothing is downloaded).")
    Path uf2;

    @Option(names = "--drives", paramLabel = "DIRS",
            description = "Where to look for a Pico's BOOTSEL drive (':'-separated directories). Default: $"
                    + BootselDrive.DRIVES_ENV + ", else the mounted drives.")
    String drives;

    @Option(names = "--wait-for-board", paramLabel = "TIME", converter = DurationConverter.class,
            description = "With --uf2: how long the Pico has to come back as MicroPython's serial port after the copy."
                    + " Default: 60s.")
    Duration comeBack = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    /** The serial ports on USB as the system lists them (jSerialComm); a test's stand-in bus replaces it. */
    Supplier<List<PortInfo>> usb = PortScanner::allPorts;

    /** How often the ports are listed while a board is waited for. */
    private static final long POLL_MS = 250;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port != null && all) {
            throw new CliFailure(ExitCode.USAGE, "--port and --all exclude each other: drop one");
        }
        BridgeBundle bundle = BridgeBundle.load();
        List<String> ports = port != null ? List.of(port) : picoPorts(err);
        if (ports.size() > 1 && !all) {
            throw new CliFailure(ExitCode.USAGE, "several Picos on USB (" + String.join(", ", ports)
                    + "): name one with --port, or install on all of them with --all");
        }
        return install(ports, bundle, out, err, PinDisplay.stdoutIsTerminal());
    }

    /** {@link #install(List, BridgeBundle, PrintWriter, PrintWriter, boolean)} for a pipe: no progress lines. */
    int install(List<String> ports, BridgeBundle bundle, PrintWriter out, PrintWriter err) {
        return install(ports, bundle, out, err, false);
    }

    /** Boards installed at once with --all; a test sets 1 to time them one after the other. */
    int atOnce = InstallAll.AT_ONCE;

    /**
     * Installs on each of {@code ports}: a line per board as it ends (on a {@code terminal} its
     * progress redrawn first, in a block with the other running boards'), and with --all the boards
     * at the same time (see {@link InstallAll}), then a table in the ports' order and a summary.
     */
    int install(List<String> ports, BridgeBundle bundle, PrintWriter out, PrintWriter err, boolean terminal) {
        LiveBlock block = new LiveBlock(out, LiveBlock.redraws(terminal, System.getenv()));
        if (!all) {
            installOne(block, 0, ports.getFirst(), bundle, err, () -> false);
            return 0;
        }
        InstallAll installs = new InstallAll(ports);
        SerialTransport.addShutdownHook(Thread.ofPlatform().name("picoloop-install-ctrl-c").unstarted(
                () -> installs.stop(rows -> InstallAll.print(out, rows, bundle.version()))));
        List<InstallAll.Row> rows = installs.run(atOnce, (slot, p, cancelled) -> {
            try {
                return installOne(block, slot, p, bundle, err, cancelled::get);
            } catch (InstallException | TransportException e) {
                return new InstallAll.Row(p, "FAILED", e.getMessage());
            } catch (InstallCancelled e) {
                throw e;
            } catch (RuntimeException e) {
                return new InstallAll.Row(p, "FAILED", e.toString());     // a bug, said on its line: the other boards go on
            }
        });
        installs.report(r -> InstallAll.print(out, r, bundle.version()));
        return rows.stream().allMatch(InstallAll.Row::ok) ? 0 : ExitCode.BOARD.code();
    }

    /**
     * One board's install, its progress in {@code slot} of the block and its result line (a failure:
     * its line on {@code err}, then thrown); stops at the next step once {@code cancelled}.
     */
    private InstallAll.Row installOne(LiveBlock block, int slot, String p, BridgeBundle bundle, PrintWriter err,
            BooleanSupplier cancelled) {
        long t0 = System.nanoTime();
        InstallProgress progress = new InstallProgress(block, slot, p);
        Consumer<String> steps = step -> {
            if (cancelled.getAsBoolean()) {
                throw new InstallCancelled();
            }
            progress.step(step);
        };
        try {
            Installer.Outcome o = new Installer(bundle, steps, progress::written).install(p, dryRun);
            String what = dryRun && o.plan().write().isEmpty() ? o.plan().describe()
                    : dryRun ? "would " + o.plan().describe().replaceFirst("^writes", "write")
                    : o.plan().write().isEmpty() ? "bridge " + o.bridge().firmwareVersion() + " already installed, running"
                    : "installed bridge " + o.bridge().firmwareVersion() + ": " + o.plan().describe();
            progress.done(String.format("%s: %s (MicroPython %s, %.1f s)", p, what, o.micropython(), (System.nanoTime() - t0) / 1e9));
            return new InstallAll.Row(p, "ok", dryRun ? "dry run" : o.bridge().firmwareVersion());
        } catch (RuntimeException e) {
            boolean board = e instanceof InstallException || e instanceof TransportException;
            // with --all a board's failure is its line here and the others go on; else the caller prints it
            // (a board stopped by Ctrl-C: the table says so)
            progress.failed(err, !all || e instanceof InstallCancelled ? null
                    : "picoloop: " + p + ": " + (board ? e.getMessage() : e.toString()));
            throw e;
        }
    }

    /** The Picos running MicroPython on USB; else the BOOTSEL drive (with --uf2: flashed, and the port it comes back as). */
    private List<String> picoPorts(PrintWriter err) throws IOException {
        List<PortInfo> allPorts = usb.get();
        Candidates c = PortScanner.candidates(allPorts, PortScanner.RASPBERRY_PI_VID);
        List<String> found = new ArrayList<>();
        c.first().forEach(p -> found.add(p.path()));
        c.then().forEach(p -> found.add(p.path()));
        if (!found.isEmpty() && uf2 == null) {
            return found;
        }
        List<BootselDrive> bootsel = BootselDrive.find(drives != null ? drives : System.getenv(BootselDrive.DRIVES_ENV));
        if (bootsel.isEmpty()) {
            if (uf2 != null) {
                throw new CliFailure(ExitCode.PORT, "--uf2 needs a Pico in BOOTSEL mode and none is: hold BOOTSEL"
                        + " while plugging it in, wait for the RPI-RP2 (or RP2350) drive, then run this again");
            }
            String notPico = c.notTried().isEmpty() ? "" : " (" + String.join("; ", c.notTried().stream()
                    .map(p -> p.path() + " is " + p.kind().whatItIs()).toList()) + ")";
            throw new CliFailure(ExitCode.PORT, "no Pico running MicroPython found on USB" + notPico
                    + ": plug it in with a data cable, or name its port with --port; a new Pico needs MicroPython first"
                    + " (hold BOOTSEL while plugging it in, then picoloop install --uf2 FILE)");
        }
        BootselDrive drive = bootsel.getFirst();
        if (uf2 == null) {
            throw new CliFailure(ExitCode.BOARD, drive.advice());
        }
        if (!Files.isRegularFile(uf2)) {
            throw new CliFailure(ExitCode.USAGE, "no file " + uf2 + ": name the MicroPython .uf2 you downloaded");
        }
        drive.copy(uf2, n -> { });
        err.println("picoloop: copied " + uf2.getFileName() + " to " + drive.mount() + "; waiting for the Pico to restart as MicroPython");
        err.flush();
        return List.of(awaitNewPort(found));
    }

    /** The port with MicroPython's USB id that was not there {@code before}: the board restarted from its UF2. */
    private String awaitNewPort(List<String> before) {
        long end = System.nanoTime() + comeBack.toNanos();
        while (true) {
            for (PortInfo p : PortScanner.candidates(usb.get(), PortScanner.RASPBERRY_PI_VID).first()) {
                if (!before.contains(p.path())) {
                    return p.path();
                }
            }
            if (System.nanoTime() - end >= 0) {
                break;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new CliFailure(ExitCode.PORT, "the Pico did not come back as a MicroPython serial port within "
                + DurationConverter.text(comeBack) + " after " + uf2.getFileName() + " was copied: was it MicroPython's UF2 for"
                + " this board? Unplug the Pico and plug it in again (without BOOTSEL), then run picoloop install"
                + " (or give it longer: --wait-for-board 120s)");
    }
}
