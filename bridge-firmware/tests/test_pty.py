"""The firmware behind a real pty (host/run_on_pty.py), as the Java tests will use it."""
import os
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
            self.assertEqual(fw.ask(b"2 mode LED out 1"), "2 ok")
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
            self.assertEqual(fw.ask(b"1 mode 2 out 1"), "1 ok")
            self.assertEqual(fw.ask(b"2 repl"), "2 ok")
            self.assertTrue(fw.read_line().startswith(b"MicroPython "))
            self.assertEqual(fw.levels()[2], 0)
            self.assertIsNone(fw.proc.poll())  # the port stays up, at the REPL
            fw.write(b"3 ping\r\n")
            prompt = b""
            deadline = time.monotonic() + 10
            while prompt.count(b">>> ") < 2 and time.monotonic() < deadline:
                prompt += fw.read_line(timeout=0.2) or fw._buf
                fw._buf = b""
            self.assertGreaterEqual(prompt.count(b">>> "), 2)  # no bridge reply, a prompt
        finally:
            fw.close()


if __name__ == "__main__":
    unittest.main()
