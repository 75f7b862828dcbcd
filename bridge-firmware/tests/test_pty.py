"""The firmware behind a real pty (host/run_on_pty.py), as the Java tests will use it."""
import json
import os
import select
import sys
import time
import unittest

from tests import support
import vectors
from tests.ptyfw import PtyDevice, PtyFirmware


class VectorsThroughPty(unittest.TestCase):
    def test_every_session(self):
        for s in vectors.parse(support.vectors_text()):
            with self.subTest(board=s.board, session=s.title):
                device = PtyDevice(s.board)
                try:
                    self.assertEqual(vectors.play(s, device), [])
                finally:
                    device.close()


class RunnerContract(unittest.TestCase):
    def test_ready_boot_reopen_and_sigterm(self):
        fw = PtyFirmware("picow")
        try:
            self.assertEqual(fw.ready_line, "READY " + fw.link)
            self.assertTrue(os.path.islink(fw.link))
            self.assertTrue(fw.read_line().startswith(b"! boot picoloop proto=1 fw="))
            hello = fw.ask(b"1 hello")
            self.assertIn('led=LED pins=0-22,26-28', hello)
            self.assertTrue(hello.endswith('model="Raspberry Pi Pico W with RP2040"'), hello)
            self.assertRegex(fw.ask(b"2 mode LED out 1"), r"^2 ok \d+$")
            for _ in range(3):  # the host closes and reopens the port
                fw.reopen()
                self.assertTrue(fw.ask(b"3 ping").startswith("3 ok "))
            fw.write(b"4 ping\n")
            fw.reopen()  # close with a reply unread: the reply may be lost, never the firmware
            got = fw.ask(b"5 ping")
            if got.startswith("4 "):
                got = fw.read_line().decode()
            self.assertTrue(got.startswith("5 ok "), got)
            os.close(fw.fd)
            fw.fd = None
            fw.proc.terminate()
            self.assertEqual(fw.proc.wait(timeout=20), 0)
            self.assertFalse(os.path.lexists(fw.link))
            self.assertEqual(fw.levels()["LED"], 0)  # safe state on exit
        finally:
            fw.close()

    def test_ping_time_grows_across_ticks_wrap(self):
        # host ticks_us wraps 5 s after start (host/mpshim.py): ping must keep growing
        fw = PtyFirmware()
        try:
            fw.read_line()
            last = -1
            deadline = time.monotonic() + 7
            while time.monotonic() < deadline:
                t = int(fw.ask(b"1 ping").split()[2])
                self.assertGreater(t, last)
                last = t
                time.sleep(0.5)
            self.assertGreater(last, 6_000_000)
        finally:
            fw.close()

    def test_control_fifo_drives_inputs(self):
        fw = PtyFirmware(control=True)
        try:
            fw.read_line()
            self.assertEqual(fw.ask(b"1 mode 14 in up"), "1 ok")
            self.assertEqual(fw.ask(b"2 read 14"), "2 ok 1")
            with open(fw.control, "w") as ctl:
                ctl.write("14 0\n")
            deadline = time.monotonic() + 10
            got = None
            while time.monotonic() < deadline:
                got = fw.ask(b"3 read 14")
                if got == "3 ok 0":
                    break
                time.sleep(0.05)
            self.assertEqual(got, "3 ok 0")
        finally:
            fw.close()

    def test_repl_command_ends_the_bridge(self):
        fw = PtyFirmware()
        try:
            fw.read_line()
            self.assertRegex(fw.ask(b"1 mode 2 out 1"), r"^1 ok \d+$")
            self.assertEqual(fw.ask(b"2 repl"), "2 ok")
            self.assertTrue(fw.read_line().startswith(b"MicroPython "))
            self.assertEqual(fw.levels()[2], 0)
            self.assertIsNone(fw.proc.poll())  # the port stays up, at the REPL
            fw.write(b"3 ping\r\n")
            seen = fw._buf
            deadline = time.monotonic() + 10
            while seen.count(b">>> ") < 2 and time.monotonic() < deadline:
                if select.select([fw.fd], [], [], 0.2)[0]:
                    seen += os.read(fw.fd, 4096)
            # no bridge reply: the REPL echoes the line, fails to run it as Python, prompts again
            self.assertNotIn(b"3 ok", seen)
            self.assertIn(b"3 ping\r\n", seen)
            self.assertIn(b"SyntaxError", seen)
            self.assertGreaterEqual(seen.count(b">>> "), 2, seen)
        finally:
            fw.close()


class WatchedInputsThroughPty(unittest.TestCase):
    """Bursts of edges made inside the firmware process (control lines with @spacing), events
    read through the pty. Timings are printed to stderr."""

    def setUp(self):
        self.fw = PtyFirmware(control=True)
        self.addCleanup(self.fw.close)
        self.assertTrue(self.fw.read_line().startswith(b"! boot "))

    def event(self, timeout=5.0):
        line = self.fw.read_line(timeout)
        self.assertIsNotNone(line, "no event line in time")
        return line.decode().split()

    def assert_quiet_then_sync(self, ms=80):
        time.sleep(ms / 1000)  # past the debounce windows: a wrong corrective edge would come now
        self.assertTrue(self.fw.ask(b"9 ping").startswith("9 ok "), "an unexpected line came first")

    def test_bouncing_press_and_release_give_one_edge_each(self):
        self.assertEqual(self.fw.ask(b"1 watch 14"), "1 ok 1")
        t0 = int(self.fw.ask(b"2 ping").split()[2])
        sent = time.monotonic()
        self.fw.drive("14 0 1 0 1 0 1 0 @400")  # 7 edges in 2.4 ms
        press = self.event()
        latency_ms = (time.monotonic() - sent) * 1000
        self.assert_quiet_then_sync()
        self.fw.drive("14 1 0 1 0 1 @500")  # 5 edges in 2 ms
        release = self.event()
        self.assert_quiet_then_sync()
        self.assertEqual(press[:4] + [press[5]], ["!", "edge", "14", "0", "1"])
        self.assertEqual(release[:4] + [release[5]], ["!", "edge", "14", "1", "2"])
        t_press, t_release = int(press[4]), int(release[4])
        self.assertLess(t0, t_press)
        self.assertGreater(t_release - t_press, 80000)  # the 80 ms pause, in device time
        sys.stderr.write("\n  bounce: press at %d us, release %d us later; FIFO write to event "
                         "line %.1f ms\n" % (t_press, t_release - t_press, latency_ms))

    def test_glitch_is_corrected_with_the_time_of_its_last_edge(self):
        self.assertEqual(self.fw.ask(b"1 watch 14 up 20"), "1 ok 1")
        self.fw.drive("14 0 1 @300")  # a 300 us spike to GND
        down = self.event()
        up = self.event()
        self.assertEqual(down[2:4] + [down[5]], ["14", "0", "1"])
        self.assertEqual(up[2:4] + [up[5]], ["14", "1", "2"])
        spike = int(up[4]) - int(down[4])
        self.assertTrue(250 <= spike <= 5000, spike)  # 300 us, busy-waited in the firmware process
        sys.stderr.write("\n  glitch: 300 us spike stamped %d us wide\n" % spike)
        self.assert_quiet_then_sync()

    def test_overflow_reports_lost_then_the_true_level(self):
        self.assertEqual(self.fw.ask(b"1 watch 14"), "1 ok 1")
        self.fw.drive("14 " + " ".join(["0", "1"] * 250))  # 500 edges at once, ring of 64
        first, lost, level = self.event(), self.event(), self.event()
        self.assertEqual(first[:4] + [first[5]], ["!", "edge", "14", "0", "1"])
        self.assertEqual(lost, ["!", "lost", "436", "2"])
        self.assertEqual(level[:4] + [level[5]], ["!", "edge", "14", "1", "3"])
        self.assertGreaterEqual(int(level[4]), int(first[4]))
        self.assert_quiet_then_sync()
        self.assertEqual(self.fw.ask(b"2 read 14"), "2 ok 1")
        self.fw.drive("14 0")  # and the next press is reported as usual
        nxt = self.event()
        self.assertEqual(nxt[2:4] + [nxt[5]], ["14", "0", "4"])

    def test_edges_keep_their_time_across_the_ticks_wrap(self):
        # host ticks_us wraps 5 s after start: edge times keep growing with the ping clock
        self.assertEqual(self.fw.ask(b"1 watch 14 up 0"), "1 ok 1")
        last = -1
        level = 1
        for i in range(12):
            level = 1 - level
            before = int(self.fw.ask(b"2 ping").split()[2])
            self.fw.drive("14 %d" % level)
            ev = self.event()
            after = int(self.fw.ask(b"3 ping").split()[2])
            self.assertEqual(ev[2:4] + [ev[5]], ["14", str(level), str(i + 1)])
            t = int(ev[4])
            self.assertTrue(before <= t <= after and t > last, (before, t, after))
            last = t
            time.sleep(0.5)
        self.assertGreater(last, 5_000_000)


class HostStopsReading(unittest.TestCase):
    """A host that keeps the port open but stops reading (hung, SIGSTOPped) while watched pins
    keep changing: the firmware must not block its loop on writes into the full pty (the
    runner's stdout waits 0.5 s per write there, as rp2's USB stdout does for a full FIFO), or
    the keepalive, meant for exactly this host, switches the outputs off late. One drain writes
    an event per changed pin, so with 20 pins a blocked loop is late by 10 s per drain."""

    KEEPALIVE_MS = 3000
    MARGIN_S = 4.0  # generous: a busy 2-core machine
    PINS = range(2, 22)
    CHANGES = 200  # of all 20 pins at once: about 100 KB of events; the pty holds about 19 KB

    def test_keepalive_expires_on_time_and_the_loss_is_reported_when_the_host_reads_again(self):
        fw = PtyFirmware(control=True)
        self.addCleanup(fw.close)
        self.assertTrue(fw.read_line().startswith(b"! boot "))
        self.assertRegex(fw.ask(b"1 mode 25 out 1"), r"^1 ok \d+$")
        for pin in self.PINS:
            self.assertEqual(fw.ask(b"2 watch %d up 0" % pin), "2 ok 1")
        self.assertEqual(fw.ask(b"3 keepalive %d" % self.KEEPALIVE_MS), "3 ok")
        armed = time.monotonic()
        # From here the host neither reads nor writes the port.
        fw.drive("\n".join("; ".join("%d %d" % (pin, i % 2) for pin in self.PINS)
                           for i in range(self.CHANGES)))
        off_at = None
        deadline = armed + self.KEEPALIVE_MS / 1000 + self.MARGIN_S
        while off_at is None and time.monotonic() < deadline:
            time.sleep(0.05)
            with open(fw.record) as f:
                for line in f:
                    entry = json.loads(line)
                    if entry["pin"] == 25 and entry["level"] == 0 and not entry.get("input"):
                        off_at = entry["t"]
        self.assertIsNotNone(off_at, "output 25 still on %.1f s after the keepalive was armed"
                             % (time.monotonic() - armed))
        late = off_at - armed
        self.assertGreater(late, self.KEEPALIVE_MS / 1000 - 0.5)
        self.assertLess(late, self.KEEPALIVE_MS / 1000 + self.MARGIN_S)
        # The host reads again: every line whole, the edges in order, then the loss reported.
        lines = []
        while not lines or not lines[-1].startswith("! lost "):
            line = fw.read_line(10.0)
            self.assertIsNotNone(line, "no `! lost` after %d lines: %r" % (len(lines), lines[-3:]))
            lines.append(line.decode())
        edges = lines[:-2]
        self.assertEqual(lines[-2], "! expired %d" % self.KEEPALIVE_MS)
        level = {pin: 1 for pin in self.PINS}
        for seq, line in enumerate(edges, 1):
            pin = int(line.split()[2]) if line.startswith("! edge ") else None
            self.assertIn(pin, level, line)
            level[pin] = 1 - level[pin]
            self.assertRegex(line, r"^! edge %d %d \d+ %d$" % (pin, level[pin], seq))
        count, seq = map(int, lines[-1].split()[2:])
        self.assertEqual(seq, len(edges) + 1)
        self.assertGreater(count, 0)
        self.assertLessEqual(len(edges) + count, len(self.PINS) * self.CHANGES)
        sys.stderr.write("\n  host stops reading: outputs off %.2f s after the keepalive was armed "
                         "(%d ms); %d edges sent, %d lost\n" % (late, self.KEEPALIVE_MS, len(edges), count))


if __name__ == "__main__":
    unittest.main()
