package io.picoloop.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The checks of this computer, read from its files under {@code root} ("/" here; a stand-in
 * directory in tests): /etc/group and /etc/passwd, /proc (processes, their open files and
 * groups), udev rules, the device tree's model. Linux only where the check is Linux's own.
 *
 * @param root  where /etc, /proc and /lib live
 * @param linux whether this is Linux
 * @param user  the login name
 * @param self  this process's pid (not counted as a port's holder)
 */
public record HostChecks(Path root, boolean linux, String user, long self) {

    /** This computer. */
    public static HostChecks here() {
        return new HostChecks(Path.of("/"), System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"),
                System.getProperty("user.name", ""), ProcessHandle.current().pid());
    }

    private Path at(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /** JDK 25 or newer (Pi4J 4 needs it). */
    public static Check jdk() {
        Runtime.Version v = Runtime.version();
        String detail = "Java " + v + " (" + System.getProperty("java.home") + ")";
        return v.feature() >= 25 ? Check.ok("JDK", detail)
                : Check.failed("JDK", detail, "install a JDK 25 and set JAVA_HOME to it");
    }

    /**
     * On Linux the serial ports belong to the dialout group (uucp on some systems): this login must
     * be in it, and a login started before `usermod -aG` is not yet.
     */
    public Check serialPermission() {
        String name = "serial permission";
        if (!linux) {
            return Check.ok(name, "not Linux: no group needed");
        }
        List<String[]> groups = groups();
        String[] group = groups.stream().filter(g -> g[0].equals("dialout")).findFirst()
                .orElse(groups.stream().filter(g -> g[0].equals("uucp")).findFirst().orElse(null));
        if (group == null) {
            return Check.ok(name, "no dialout or uucp group here: the ports' own permissions decide");
        }
        Set<String> processGroups = processGroups();
        if (processGroups.contains("0") && processGroups.size() == 1 && uid().equals("0")) {
            return Check.ok(name, "running as root");
        }
        if (processGroups.contains(group[2])) {
            return Check.ok(name, "this login is in the " + group[0] + " group");
        }
        boolean member = List.of(group.length > 3 ? group[3].split(",") : new String[0]).contains(user)
                || group[2].equals(primaryGid());
        return member
                ? Check.failed(name, user + " is in the " + group[0] + " group, but this login started before that",
                        "log out and in again (or reboot)")
                : Check.failed(name, user + " is not in the " + group[0] + " group",
                        "sudo usermod -aG " + group[0] + " " + user + ", then log out and in");
    }

    /** The programs that have {@code port} open: "picocom (pid 1234)". */
    public List<String> holders(Path port) {
        List<String> out = new ArrayList<>();
        Path target;
        try {
            target = port.toRealPath();
        } catch (IOException e) {
            return out;
        }
        try (Stream<Path> procs = Files.list(at("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).sorted().toList()) {
                long pid = Long.parseLong(proc.getFileName().toString());
                if (pid != self && holds(proc.resolve("fd"), target)) {
                    out.add(read(proc.resolve("comm")).strip() + " (pid " + pid + ")");
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to say
        }
        return out;
    }

    private static boolean holds(Path fds, Path target) {
        try (Stream<Path> s = Files.list(fds)) {
            return s.anyMatch(fd -> {
                try {
                    Path t = Files.readSymbolicLink(fd);
                    return t.equals(target) || (Files.exists(t) && t.toRealPath().equals(target));
                } catch (IOException | UnsupportedOperationException e) {
                    return false;       // another user's process, or gone
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    public Check busy(String port) {
        List<String> holders = holders(Path.of(port));
        return holders.isEmpty() ? Check.ok("port free", port + " is not open in another program")
                : Check.failed("port free", port + " is open in " + String.join(", ", holders),
                        "close that program (or kill " + holders.getFirst().replaceAll(".*pid (\\d+)\\)", "$1") + ")");
    }

    /** ModemManager opens every new ttyACM port and sends it AT commands, unless a udev rule tells it to leave 2E8A alone. */
    public Check modemManager() {
        String name = "ModemManager";
        if (!linux) {
            return Check.ok(name, "not Linux").advisory();
        }
        boolean running = false;
        try (Stream<Path> procs = Files.list(at("/proc"))) {
            running = procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .anyMatch(p -> read(p.resolve("comm")).strip().equals("ModemManager"));
        } catch (IOException e) {
            // no /proc
        }
        if (!running) {
            return Check.ok(name, "not running").advisory();
        }
        for (String dir : List.of("/etc/udev/rules.d", "/lib/udev/rules.d", "/usr/lib/udev/rules.d")) {
            try (Stream<Path> rules = Files.list(at(dir))) {
                for (Path r : rules.toList()) {
                    for (String line : read(r).split("\n")) {
                        String l = line.toLowerCase(Locale.ROOT);
                        if (l.contains("2e8a") && l.contains("id_mm_device_ignore") && !l.strip().startsWith("#")) {
                            return Check.ok(name, "running, told to leave Raspberry Pi boards alone (" + dir + "/"
                                    + r.getFileName() + ")").advisory();
                        }
                    }
                }
            } catch (IOException e) {
                // no such directory
            }
        }
        return Check.failed(name, "running, and may probe the Pico's port for a few seconds after it is plugged in",
                "echo 'ATTRS{idVendor}==\"2e8a\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"' | sudo tee /etc/udev/rules.d/"
                        + "99-picoloop-modemmanager.rules, or sudo systemctl disable --now ModemManager").advisory();
    }

    /** On a Raspberry Pi: Pi4J's GPIO plugin, for programs that use the Pi's own pins too. */
    public Check pi4jPlugin(boolean pluginPresent) {
        String name = "Pi4J GPIO plugin";
        String model = read(at("/proc/device-tree/model")).replace("\0", "").strip();
        if (!model.contains("Raspberry Pi")) {
            return Check.ok(name, "not a Raspberry Pi: not needed").advisory();
        }
        return pluginPresent ? Check.ok(name, model + ": present").advisory()
                : Check.failed(name, model + ": missing (only programs using the Pi's own GPIO need it)",
                        "scripts/get-pi-gpio-plugin.sh (examples/README.md)").advisory();
    }

    private List<String[]> groups() {
        List<String[]> out = new ArrayList<>();
        for (String line : read(at("/etc/group")).split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 3) {
                out.add(f);
            }
        }
        return out;
    }

    private Set<String> processGroups() {
        Set<String> out = new TreeSet<>();
        for (String line : read(at("/proc/self/status")).split("\n")) {
            if (line.startsWith("Groups:")) {
                for (String g : line.substring("Groups:".length()).trim().split("\\s+")) {
                    if (!g.isEmpty()) {
                        out.add(g);
                    }
                }
            }
            if (line.startsWith("Gid:")) {
                out.add(line.substring(4).trim().split("\\s+")[0]);
            }
        }
        return out;
    }

    private String uid() {
        for (String line : read(at("/proc/self/status")).split("\n")) {
            if (line.startsWith("Uid:")) {
                return line.substring(4).trim().split("\\s+")[0];
            }
        }
        return "";
    }

    private String primaryGid() {
        for (String line : read(at("/etc/passwd")).split("\n")) {
            String[] f = line.split(":");
            if (f.length > 3 && f[0].equals(user)) {
                return f[3];
            }
        }
        return "";
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
