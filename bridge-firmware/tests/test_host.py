"""CPython-only tests: the host shims, the machine stand-in, the asyncio app and main()."""
import asyncio
import json
import os
import tempfile
import time
import unittest

from tests import support
import bridge
import bridge_board
import bridge_pins
import bridge_protocol
import machine
import micropython
import mpshim
import run_on_pty
import vectors


class TicksShim(unittest.TestCase):
    def test_wrap_semantics(self):
        top = mpshim.PERIOD - 1
        self.assertEqual(time.ticks_add(top, 1), 0)
        self.assertEqual(time.ticks_diff(0, top), 1)
        self.assertEqual(time.ticks_diff(top, 0), -1)
        self.assertEqual(time.ticks_diff(time.ticks_add(5, -10), 5), -10)
        self.assertTrue(0 <= time.ticks_us() <= top)
        self.assertTrue(0 <= time.ticks_ms() <= top)

    def test_clock_on_shim_is_monotonic(self):
        clock = bridge_protocol.Clock(time.ticks_us, time.ticks_diff)
        a = clock.now_us()
        time.sleep(0.01)
        self.assertGreaterEqual(clock.now_us() - a, 9000)


class MachineStandIn(unittest.TestCase):
    def setUp(self):
        machine.reset_state()
        fd, self.path = tempfile.mkstemp()
        os.close(fd)
        machine.configure(self.path)

    def tearDown(self):
        machine.configure(None)
        os.unlink(self.path)

    def records(self):
        with open(self.path) as f:
            return [json.loads(line) for line in f]

    def test_record_and_inputs(self):
        p = machine.Pin(25, machine.Pin.OUT, value=1)
        p.value(1)  # no change, no record
        p.toggle()
        led = machine.Pin("LED", machine.Pin.OUT)
        led.on()
        self.assertEqual([(r["pin"], r["level"]) for r in self.records()],
                         [(25, 1), (25, 0), ("LED", 0), ("LED", 1)])
        self.assertIsInstance(self.records()[0]["t"], float)
        edges = []
        i = machine.Pin(14, machine.Pin.IN, machine.Pin.PULL_UP)
        i.irq(lambda pin: edges.append(pin.value()), machine.Pin.IRQ_FALLING)
        self.assertEqual(i.value(), 1)
        machine.drive_input(14, 0)
        machine.drive_input(14, 0)  # no change, no record
        machine.drive_input(14, 1)
        self.assertEqual(edges, [0])
        self.assertEqual([(r["pin"], r["level"]) for r in self.records() if r.get("input")], [(14, 0), (14, 1)])
        self.assertFalse(any(r.get("input") for r in self.records()[:4]), "outputs are not marked input")
        with self.assertRaises(ValueError):
            machine.Pin(30)


class FakeLink:
    def __init__(self, data):
        self.data = bytearray(data)
        self.lines = []
        self.flushed = False

    def read_byte(self):
        return self.data.pop(0) if self.data else None

    def write_line(self, text):
        self.lines.append(text)

    def flush(self):
        self.flushed = True


class App(unittest.TestCase):
    def test_run_answers_in_order_and_stops_on_repl(self):
        machine.reset_state()
        link = FakeLink(b"1 mode 25 out 1\n2 toggle 25\n\n3 hello\n4 repl\n5 ping\n")
        app = bridge.Bridge(link, bridge_board.for_model(mpshim.MODELS["pico"]),
                            bridge_pins.PinDriver(), "AB")
        asyncio.run(asyncio.wait_for(app.run(), 10))
        self.assertEqual(link.lines[0], bridge_protocol.boot_line())
        self.assertRegex(link.lines[1], r"^1 ok \d+$")
        self.assertRegex(link.lines[2], r"^2 ok 0 \d+$")
        self.assertTrue(link.lines[3].startswith("3 ok picoloop proto=1 fw=%s uid=AB " % bridge_protocol.FW_VERSION))
        self.assertEqual(link.lines[4:], ["4 ok"])
        self.assertTrue(link.flushed)
        self.assertEqual(machine.driven_level(25), 0)

    def test_main_turns_ctrl_c_off_and_back_on(self):
        rfd, wfd = os.pipe()
        out_r, out_w = os.pipe()
        os.write(wfd, b"1 mode 7 out 1\n\x03\nrepl\n")
        os.set_blocking(rfd, False)
        saved = (run_on_pty.sys.stdin, run_on_pty.sys.stdout)
        del micropython.kbd_intr_calls[:]
        try:
            run_on_pty.sys.stdin = run_on_pty.MasterIn(rfd)
            run_on_pty.sys.stdout = run_on_pty.MasterOut(out_w)
            bridge.main()
        finally:
            run_on_pty.sys.stdin, run_on_pty.sys.stdout = saved
            for fd in (rfd, wfd, out_w):
                os.close(fd)
        with os.fdopen(out_r, "rb") as f:
            out = f.read().decode().split("\n")
        self.assertEqual(micropython.kbd_intr_calls, [-1, 3])
        self.assertEqual(out[:4], [bridge_protocol.boot_line(), out[1], out[2], "- ok"])
        self.assertRegex(out[1], r"^1 ok \d+$")
        self.assertTrue(out[2].startswith("- err syntax"), out)
        self.assertEqual(machine.driven_level(7), 0)


if __name__ == "__main__":
    unittest.main()
