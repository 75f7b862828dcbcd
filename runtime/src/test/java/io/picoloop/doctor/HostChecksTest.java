package io.picoloop.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The computer's checks read from a stand-in root: /etc/group, /proc, udev rules, the device tree. */
class HostChecksTest {

    @TempDir
    Path root;

    private Path write(String absolute, String text) throws IOException {
        Path p = root.resolve(absolute.substring(1));
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private HostChecks host() {
        return new HostChecks(root, true, "ann", 1);
    }

    private void status(String groups) throws IOException {
        write("/proc/self/status", "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\nGroups:\t" + groups + "\n");
    }

    @Test
    void serialPermissionTellsNotAMemberFromNotYetInThisLogin() throws IOException {
        write("/etc/passwd", "ann:x:1000:1000::/home/ann:/bin/bash\n");
        write("/etc/group", "ann:x:1000:\ndialout:x:20:bob\n");
        status("1000 27");
        Check c = host().serialPermission();
        assertFalse(c.ok());
        assertEquals("sudo usermod -aG dialout ann, then log out and in", c.fix());

        write("/etc/group", "ann:x:1000:\ndialout:x:20:bob,ann\n");
        assertEquals("log out and in again (or reboot)", host().serialPermission().fix(), "added, but this login is older");

        status("1000 20 27");
        Check ok = host().serialPermission();
        assertTrue(ok.ok(), ok.line());
        assertEquals("✓ serial permission: this login is in the dialout group", ok.line());
    }

    @Test
    void aBusyPortNamesTheProgramAndItsPid() throws IOException {
        Path port = write("/dev/ttyACM0", "");
        write("/proc/4242/comm", "picocom\n");
        Files.createDirectories(root.resolve("proc/4242/fd"));
        Files.createSymbolicLink(root.resolve("proc/4242/fd/3"), port);
        write("/proc/77/comm", "bash\n");
        Files.createDirectories(root.resolve("proc/77/fd"));
        Files.createSymbolicLink(root.resolve("proc/77/fd/0"), write("/dev/pts/3", ""));
        Check c = host().busy(port.toString());
        assertFalse(c.ok());
        assertEquals("✗ port free: " + port + " is open in picocom (pid 4242) → close that program (or kill 4242)", c.line());
        assertEquals(List.of(), new HostChecks(root, true, "ann", 4242).holders(port), "picoloop itself does not count");
    }

    @Test
    void modemManagerIsAdviceUnlessAUdevRuleKeepsItAway() throws IOException {
        assertTrue(host().modemManager().ok());
        write("/proc/555/comm", "ModemManager\n");
        Check running = host().modemManager();
        assertFalse(running.ok());
        assertFalse(running.needed(), "advice: picoloop works, a probe only delays the first seconds");
        assertTrue(running.fix().contains("ID_MM_DEVICE_IGNORE"), running.fix());
        write("/etc/udev/rules.d/99-pico.rules", "ATTRS{idVendor}==\"2e8a\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"\n");
        assertTrue(host().modemManager().ok(), host().modemManager().line());
    }

    @Test
    void theGpioPluginMattersOnlyOnARaspberryPi() throws IOException {
        assertTrue(host().pi4jPlugin(false).ok(), "not a Pi");
        write("/proc/device-tree/model", "Raspberry Pi 4 Model B Rev 1.5\0");
        Check missing = host().pi4jPlugin(false);
        assertFalse(missing.ok());
        assertEquals("scripts/get-pi-gpio-plugin.sh (examples/README.md)", missing.fix());
        assertTrue(host().pi4jPlugin(true).ok());
    }

    @Test
    void healthyOnlyWhenEveryNeededCheckIsFine() {
        Check advice = Check.failed("ModemManager", "running", "disable it").advisory();
        assertTrue(Doctor.healthy(List.of(Check.ok("JDK", "25"), advice)));
        assertFalse(Doctor.healthy(List.of(Check.failed("bridge", "not running", "picoloop install"), advice)));
        assertEquals("{\"check\":\"JDK\",\"ok\":true,\"needed\":true,\"detail\":\"say \\\"25\\\"\",\"fix\":\"\"}",
                Check.ok("JDK", "say \"25\"").json());
    }
}
