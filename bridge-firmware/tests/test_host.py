"""CPython-only tests: the host shims, the machine stand-in, the asyncio app and main()."""
import asyncio
import json
import os
import subprocess
import sys
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

    def read_line(self, lines):  # as UsbLink: a poll that allocates nothing, one byte a read
        return lines.fill(self._waiting, self._readinto)

    def _waiting(self, timeout):
        return (1,) if self.data else ()

    def _readinto(self, view):
        view[0] = self.data.pop(0)
        return 1

    async def wait_byte(self):
        if not self.data:
            await asyncio.Event().wait()  # nothing more will come
        return self.data.pop(0)

    def writable(self):
        return True

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

    def test_files_is_hashed_a_chunk_a_turn_and_answered_in_order(self):
        """While `files` hashes, the other tasks get a turn between two chunks, and the request
        that came after it is answered after it."""
        machine.reset_state()
        where = tempfile.mkdtemp() + "/"
        for name in ("main.py", "bridge.py"):
            with open(where + name, "wb") as f:
                f.write(b"# %s\n" % name.encode() * 2000)  # 20-odd KB: a chunk a turn is many turns
        link = FakeLink(b"1 ping\n2 files\n3 ping\n4 repl\n")
        app = bridge.Bridge(link, bridge_board.for_model(mpshim.MODELS["pico"]), bridge_pins.PinDriver(), "AB")
        app.dispatcher.load("files").root = where
        turns = []

        async def other_task():  # stands for the edge drain, fades and the keepalive's guard
            while True:
                turns.append(len(link.lines))
                await asyncio.sleep(0)

        async def main():
            other = asyncio.create_task(other_task())
            await asyncio.wait_for(app.run(), 10)
            other.cancel()

        asyncio.run(main())
        self.assertRegex(link.lines[1], r"^1 ok \d+$")
        self.assertRegex(link.lines[2], r"^2 ok 2 [0-9a-f]{64}$")
        self.assertRegex(link.lines[3], r"^3 ok \d+$")
        self.assertEqual(link.lines[4:], ["4 ok"])
        while_hashing = turns.count(2)  # turns taken after ping's reply and before files's
        self.assertGreater(while_hashing, 20, "the loop ran other tasks while the files were hashed")

    def test_a_keepalive_does_not_run_out_while_files_is_hashed(self):
        """The host's lines wait while `files` works; the host is waiting for its reply, so the
        keepalive counts each step as a line."""
        machine.reset_state()
        where = tempfile.mkdtemp() + "/"
        with open(where + "bridge.py", "wb") as f:
            f.write(b"#" * 100000)  # about a hundred steps
        link = FakeLink(b"1 mode 25 out 1\n2 keepalive 100\n3 files\n4 repl\n")
        app = bridge.Bridge(link, bridge_board.for_model(mpshim.MODELS["pico"]), bridge_pins.PinDriver(), "AB")
        app.dispatcher.load("files").root = where
        step = bridge_protocol.Pending.step
        now = [0]
        app.keepalive._ticks_ms = lambda: now[0]  # a step takes 5 ms of the keepalive's clock

        lefts = []

        def slow_step(pending):
            now[0] += 5
            lefts.append(app.keepalive.left_ms())  # what the guard task would find, were it its turn
            return step(pending)

        bridge_protocol.Pending.step = slow_step
        try:
            asyncio.run(asyncio.wait_for(app.run(), 10))
        finally:
            bridge_protocol.Pending.step = step
        self.assertGreater(min(lefts), 0, "the keepalive ran out while files was hashed")
        self.assertFalse([line for line in link.lines if line.startswith("! expired")], link.lines)
        self.assertRegex(link.lines[3], r"^3 ok 1 [0-9a-f]{64}$")
        self.assertGreater(now[0], 100, "the hashing took longer than the keepalive")

    def test_pwm_adc_and_files_are_imported_at_their_first_request_not_at_boot(self):
        """Their compile is a fifth of a board's boot (docs/performance.md, "Boot"): a fresh
        interpreter runs the app through the requests that end PWM and streams without importing
        them, then a `pwm` and a `fade` (the timer task) import bridge_pwm alone."""
        script = """if 1:
            import asyncio, json, sys
            from tests.test_host import FakeLink
            import bridge, bridge_board, bridge_pins, mpshim
            lazy = ("bridge_pwm", "bridge_adc", "bridge_files")

            def run(data):
                link = FakeLink(data)
                board = bridge_board.for_model(mpshim.MODELS["pico"])
                app = bridge.Bridge(link, board, bridge_pins.PinDriver(), "AB")
                asyncio.run(asyncio.wait_for(app.run(), 10))
                app.safe_state()
                return [link.lines[1:], [m for m in lazy if m in sys.modules]]

            print(json.dumps([run(b"1 hello\\n2 mode 16 out 1\\n3 write 16 0\\n4 off\\n5 repl\\n"),
                              run(b"1 pwm 16 1000 100\\n2 fade 16 100 0 20\\n3 repl\\n")]))
        """
        done = subprocess.run([sys.executable, "-c", script], cwd=support.FIRMWARE, capture_output=True,
                              text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        (boot, boot_loaded), (first, first_loaded) = json.loads(done.stdout)
        self.assertEqual([line.split()[1] for line in boot + first], ["ok"] * 8, boot + first)
        self.assertEqual(boot_loaded, [])
        self.assertEqual(first_loaded, ["bridge_pwm"])

    def test_idle_bridge_sleeps_in_the_loop_poll_and_answers_the_next_request(self):
        """No polling interval while the host is silent: the reader waits in the loop's poll (the
        core sleeps), and a request written after the silence is read and answered."""
        import bridge_usb

        machine.reset_state()
        rfd, wfd = os.pipe()
        out_r, out_w = os.pipe()
        os.set_blocking(rfd, False)
        os.set_blocking(out_r, False)
        link = bridge_usb.UsbLink(stdin=run_on_pty.MasterIn(rfd), stdout=run_on_pty.MasterOut(out_w))
        polls = []
        plain_read_line = link.read_line
        link.read_line = lambda lines: polls.append(1) or plain_read_line(lines)
        app = bridge.Bridge(link, bridge_board.for_model(mpshim.MODELS["pico"]), bridge_pins.PinDriver(), "AB")

        async def reply(prefix):
            out = asyncio.StreamReader(run_on_pty.MasterIn(out_r))  # MicroPython's, from the shim
            got = b""
            while prefix.encode() not in got:
                got += await out.read(4096)
            return got.decode()

        async def main():
            running = asyncio.create_task(app.run())
            await reply(bridge_protocol.boot_line())
            await asyncio.sleep(0.3)
            idle_polls = len(polls)
            await asyncio.sleep(0.3)  # 150 turns of a 2 ms polling interval
            self.assertEqual(len(polls), idle_polls)
            os.write(wfd, b"1 mode 25 out 1\n")
            answer = await asyncio.wait_for(reply("1 ok"), 5)
            self.assertRegex(answer, r"1 ok \d+\n")
            self.assertEqual(machine.driven_level(25), 1)
            os.write(wfd, b"2 repl\n")
            await asyncio.wait_for(running, 5)

        try:
            asyncio.run(main())
        finally:
            for fd in (rfd, wfd, out_r, out_w):
                os.close(fd)

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


class ShortWriter:
    """stdout for a UsbLink: polls as the write end of a pipe (empty: writable; filled by the
    test: not), and each write takes as many bytes as the next entry of `accept` says (all of
    them when it is empty), as rp2's USB stdout does after its timeout."""

    def __init__(self):
        self.rfd, self.wfd = os.pipe()
        os.set_blocking(self.wfd, False)
        self.buffer = self
        self.accept = []
        self.wire = b""
        self.calls = 0

    def fileno(self):
        return self.wfd

    def write(self, data):
        self.calls += 1
        n = self.accept.pop(0) if self.accept else len(data)
        self.wire += bytes(data[:n])
        return n

    def fill_pipe(self):
        try:
            while True:
                os.write(self.wfd, b"x" * 4096)
        except BlockingIOError:
            pass

    def empty_pipe(self):
        os.set_blocking(self.rfd, False)
        try:
            while os.read(self.rfd, 65536):
                pass
        except BlockingIOError:
            pass

    def close(self):
        os.close(self.rfd)
        os.close(self.wfd)


class UsbLinkWrites(unittest.TestCase):
    def setUp(self):
        import bridge_usb

        self.out = ShortWriter()
        self.addCleanup(self.out.close)
        rfd, wfd = os.pipe()
        self.addCleanup(os.close, rfd)
        self.addCleanup(os.close, wfd)
        self.link = bridge_usb.UsbLink(stdin=run_on_pty.MasterIn(rfd), stdout=self.out)

    def test_events_wait_for_room_and_a_short_write_is_finished_before_the_next_line(self):
        link, out = self.link, self.out
        self.assertTrue(link.writable())
        out.fill_pipe()
        self.assertFalse(link.writable())  # no room: no write attempted
        self.assertEqual(out.calls, 0)
        out.empty_pipe()
        out.accept = [4, 0]  # the host stops reading in the middle of a line...
        link.write_line("! edge 14 0 100 1")
        link.write_line("7 ok 5")  # ...a reply still goes out as it comes
        self.assertEqual(out.wire, b"! ed")
        out.fill_pipe()
        self.assertFalse(link.writable())
        self.assertEqual(out.calls, 2)
        out.empty_pipe()  # it reads again: the rest first, then the next line
        self.assertTrue(link.writable())
        link.write_line("! edge 14 1 200 2")
        self.assertEqual(out.wire, b"! edge 14 0 100 1\n7 ok 5\n! edge 14 1 200 2\n")

    def test_what_waits_for_a_host_that_never_reads_is_bounded(self):
        link, out = self.link, self.out
        out.accept = [5] + [0] * 100
        for i in range(100):
            link.write_line("%d ok %s" % (i, "y" * 100))
        self.assertLess(len(link._tail), 1024)
        out.accept = []
        self.assertTrue(link.writable())
        # the line begun on the wire is finished; whole lines were dropped, none cut
        lines = out.wire.decode().split("\n")
        self.assertEqual(lines.pop(), "")
        self.assertEqual(lines[0], "0 ok " + "y" * 100)
        self.assertLess(len(lines), 10)
        for line in lines:
            self.assertRegex(line, r"^\d+ ok y{100}$")


class LiveLink:
    """A link the test writes requests to while the bridge runs, and whose lines it awaits."""

    def __init__(self):
        self.data = bytearray()
        self.lines = []
        self.reading = True  # writable(): False while the host "does not read"
        self.blind_events = []  # events written while writable() said no
        self._more = asyncio.Event()
        self._wrote = asyncio.Event()

    def send(self, text):
        self.data += text.encode() + b"\n"
        self._more.set()

    def read_line(self, lines):  # as UsbLink: a poll that allocates nothing, one byte a read
        return lines.fill(self._waiting, self._readinto)

    def _waiting(self, timeout):
        return (1,) if self.data else ()

    def _readinto(self, view):
        view[0] = self.data.pop(0)
        return 1

    async def wait_byte(self):
        while not self.data:
            self._more.clear()
            await self._more.wait()
        return self.data.pop(0)

    def writable(self):
        return self.reading

    def write_line(self, text):
        if not self.reading and text.startswith("! "):
            self.blind_events.append(text)
        self.lines.append(text)
        self._wrote.set()

    def flush(self):
        pass

    async def line(self, prefix, timeout=5.0):
        """The first line the bridge wrote that starts with prefix, waited for."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            for text in self.lines:
                if text.startswith(prefix):
                    return text
            self._wrote.clear()
            await asyncio.wait_for(self._wrote.wait(), max(0.0, deadline - loop.time()))

    def events(self, kind):
        return [text for text in self.lines if text.startswith("! " + kind)]

    async def event(self, kind, n, timeout=5.0):
        """The n-th (from 1) event line of that kind, waited for."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while len(self.events(kind)) < n:
            self._wrote.clear()
            await asyncio.wait_for(self._wrote.wait(), max(0.0, deadline - loop.time()))
        return self.events(kind)[n - 1]


def run_bridge(scenario):
    """Runs a Bridge on a LiveLink at power-on state while `await scenario(app, link)`."""
    machine.reset_state()
    link = LiveLink()
    app = bridge.Bridge(link, bridge_board.for_model(mpshim.MODELS["pico"]), bridge_pins.PinDriver(), "AB")

    async def main():
        running = asyncio.create_task(app.run())
        try:
            await scenario(app, link)
        finally:
            link.send("99 repl")
            await asyncio.wait_for(running, 5)

    asyncio.run(main())


class Keepalive(unittest.TestCase):
    """The host-alive watchdog on the asyncio app, in short real times (the deadline logic itself
    is checked on a fake clock in checks.py)."""

    def run_bridge(self, scenario):
        run_bridge(scenario)

    def test_a_silent_host_gets_outputs_low_watches_ended_one_event_and_a_disarmed_board(self):
        async def scenario(app, link):
            link.send("1 mode 25 out 1")
            link.send("2 watch 14")
            link.send("3 keepalive 100")
            self.assertEqual(await link.line("3 "), "3 ok")
            armed = time.monotonic()
            self.assertEqual(machine.driven_level(25), 1)
            self.assertEqual(await link.line("! expired"), "! expired 100")
            waited = time.monotonic() - armed
            self.assertGreaterEqual(waited, 0.095)
            self.assertLess(waited, 3.0)
            self.assertEqual(machine.driven_level(25), 0)
            self.assertEqual(app.edges.pins, [])
            machine.drive_input(14, 0)  # no watch left: no edge event
            await asyncio.sleep(0.25)  # longer than the period: a still armed guard would fire again
            self.assertEqual(link.events("expired"), ["! expired 100"])
            self.assertEqual(link.events("edge"), [])
            link.send("4 read 25")
            self.assertEqual(await link.line("4 "), "4 ok 0")

        self.run_bridge(scenario)

    def test_any_request_moves_the_deadline(self):
        async def scenario(app, link):
            link.send("1 mode 25 out 1")
            link.send("2 keepalive 400")
            await link.line("2 ok")
            start = time.monotonic()
            n = 3
            while time.monotonic() - start < 1.2:  # three periods, never 400 ms without a request
                link.send(("%d ping", "%d read 25", "%d frobnicate")[n % 3] % n)
                await link.line("%d " % n)
                n += 1
                await asyncio.sleep(0.04)
            self.assertEqual(link.events("expired"), [])
            self.assertEqual(machine.driven_level(25), 1)
            quiet = time.monotonic()
            self.assertEqual(await link.line("! expired"), "! expired 400")
            self.assertGreaterEqual(time.monotonic() - quiet, 0.3)
            self.assertEqual(machine.driven_level(25), 0)

        self.run_bridge(scenario)

    def test_keepalive_0_disarms_and_a_new_period_counts_at_once(self):
        async def scenario(app, link):
            link.send("1 mode 25 out 1")
            link.send("2 keepalive 100")
            link.send("3 keepalive 0")
            await link.line("3 ok")
            await asyncio.sleep(0.3)
            self.assertEqual(link.events("expired"), [])
            self.assertEqual(machine.driven_level(25), 1)
            link.send("4 keepalive 600000")
            link.send("5 keepalive 150")  # the guard sleeping toward 10 min is replaced
            await link.line("5 ok")
            self.assertEqual(await link.line("! expired", timeout=3), "! expired 150")
            self.assertEqual(machine.driven_level(25), 0)

        self.run_bridge(scenario)


class HostNotReading(unittest.TestCase):
    """Events are not written while the link says it cannot take them (on a board: the host has
    the port open but does not read, and a write would wait for the USB FIFO): they are counted
    as lost and reported as `! lost` and the true levels once it can, without another edge."""

    def test_events_wait_as_a_loss_and_the_levels_follow_when_the_host_reads_again(self):
        async def scenario(app, link):
            link.send("1 watch 14")
            link.send("2 watch 15 down 0")
            self.assertEqual(await link.line("2 "), "2 ok 0")
            machine.drive_input(14, 0)
            self.assertTrue((await link.event("edge", 1)).startswith("! edge 14 0 "))
            await asyncio.sleep(0.05)  # past the debounce window
            link.reading = False
            for level in (1, 0, 1, 0):
                machine.drive_input(15, level)
                await asyncio.sleep(0.01)
            machine.drive_input(14, 1)
            await asyncio.sleep(0.3)  # three retries of the drain
            self.assertEqual(link.blind_events, [])
            self.assertEqual(len(link.lines), 4, link.lines)  # boot, two replies, one edge
            link.reading = True  # no new edge: the drain's retry reports the loss
            self.assertEqual(await link.event("lost", 1), "! lost 5 2")
            level = await link.event("edge", 2)
            self.assertTrue(level.startswith("! edge 14 1 ") and level.endswith(" 3"), level)
            await asyncio.sleep(0.05)
            self.assertEqual(len(link.events("edge")), 2, link.lines)  # 15 is 0, as reported

        run_bridge(scenario)


class QuietWatch(unittest.TestCase):
    """A watched pin that stays quiet for longer than half the ticks_us period (2**29 us, 536.9 s)
    still reports its next press: keep_clock drains the edges once a minute, so their ticks stay
    comparable. Here ticks_us jumps 100 s at a time (mpshim's offset) and keep_clock runs every
    20 ms of real time instead of every minute."""

    def test_a_press_after_long_quiet_is_reported_once_with_its_time(self):
        drains = []

        async def drained_after_the_jump(before):
            deadline = time.monotonic() + 10
            while len(drains) == before:
                self.assertLess(time.monotonic(), deadline, "no drain for 10 s after a jump")
                await asyncio.sleep(0.01)

        async def scenario(app, link):
            plain_drain = app.edges.drain
            app.edges.drain = lambda: drains.append(1) or plain_drain()
            link.send("1 watch 14")
            self.assertEqual(await link.line("1 "), "1 ok 1")
            jumped = 0
            level = 1
            for seq, quiet_s in enumerate((540, 1080, 1620), 1):  # past 2**29, 2**30, 1.5 * 2**30 us
                while jumped < quiet_s:
                    before = len(drains)
                    mpshim._us_offset += 100_000_000
                    jumped += 100
                    await drained_after_the_jump(before)
                level = 1 - level
                t0 = app.clock.now_us()
                machine.drive_input(14, level)
                event = await link.event("edge", seq)
                t1 = app.clock.now_us()
                self.assertEqual(event.split()[2:4] + event.split()[5:], ["14", str(level), str(seq)])
                self.assertTrue(t0 <= int(event.split()[4]) <= t1, (t0, event, t1))
            await asyncio.sleep(0.1)  # past the 20 ms debounce window
            self.assertEqual(len(link.events("edge")), 3, link.lines)

        saved_clock_ms = bridge._CLOCK_MS
        bridge._CLOCK_MS = 20  # read by keep_clock at each turn: set before the bridge runs
        try:
            run_bridge(scenario)
        finally:
            bridge._CLOCK_MS = saved_clock_ms


class IrqOnTheLoopThread(unittest.TestCase):
    """run_on_pty.Control applies control lines on the event loop's own thread, as a pin IRQ
    interrupts the loop's core on a board; ThreadSafeFlag.set() there needs no cross-thread wake."""

    def setUp(self):
        machine.reset_state()
        fd, self.record = tempfile.mkstemp()
        os.close(fd)
        machine.configure(self.record)
        self.dir = tempfile.mkdtemp()
        self.fifo = os.path.join(self.dir, "pins.ctl")
        os.mkfifo(self.fifo)

    def tearDown(self):
        machine.configure(None)
        os.unlink(self.record)
        os.unlink(self.fifo)
        os.rmdir(self.dir)

    def test_flag_set_on_the_loop_thread_wakes_the_waiter_without_a_loop_wake_up(self):
        async def main():
            loop = asyncio.get_running_loop()
            flag = asyncio.ThreadSafeFlag()
            woke = []

            async def waiter():
                await flag.wait()
                woke.append(True)

            task = asyncio.create_task(waiter())
            await asyncio.sleep(0)  # the waiter waits now
            calls = []
            real = loop.call_soon_threadsafe
            loop.call_soon_threadsafe = lambda *a, **k: calls.append(a) or real(*a, **k)
            try:
                flag.set()
            finally:
                del loop.call_soon_threadsafe
            self.assertEqual(calls, [])
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            self.assertEqual(woke, [True])
            await task
            # from another thread it still works, through the loop's wake-up
            task = asyncio.create_task(waiter())
            await asyncio.sleep(0)
            await loop.run_in_executor(None, flag.set)
            await asyncio.wait_for(task, 5)
            self.assertEqual(woke, [True, True])

        asyncio.run(main())

    def test_records_held_until_released(self):
        p = machine.Pin(14, machine.Pin.IN, machine.Pin.PULL_UP)
        p.irq(lambda pin: None)
        machine.hold_records()
        machine.drive_input(14, 0)
        later = []
        machine.later(lambda: later.append(1))
        with open(self.record) as f:
            self.assertEqual(f.read(), "")
        self.assertEqual(later, [])
        machine.release_records()
        self.assertEqual(later, [1])
        with open(self.record) as f:
            self.assertEqual([(r["pin"], r["level"], r["input"]) for r in map(json.loads, f)], [(14, 0, True)])
        machine.drive_input(14, 1)  # not held: written at once
        with open(self.record) as f:
            self.assertEqual(len(f.readlines()), 2)

    def test_control_lines_run_on_the_loop_thread_one_per_turn(self):
        control = run_on_pty.Control(self.fifo)
        seen = []  # (what, thread)
        p = machine.Pin(14, machine.Pin.IN, machine.Pin.PULL_UP)

        async def main():
            import threading

            loop = asyncio.get_running_loop()
            flag = asyncio.ThreadSafeFlag()
            p.irq(lambda pin: (seen.append(("irq %d" % pin.value(), threading.get_ident())), flag.set()))

            async def drain():
                while True:
                    await flag.wait()
                    with open(self.record) as f:
                        held = [r for r in f if '"input"' in r]
                    seen.append(("drain, %d records written" % len(held), threading.get_ident()))

            task = asyncio.create_task(drain())
            await asyncio.sleep(0)
            control.attach(loop)
            with open(self.fifo, "w") as f:
                f.write("14 0\n14 1\n")  # two lines in one write
            deadline = loop.time() + 5
            while len(seen) < 4 and loop.time() < deadline:
                await asyncio.sleep(0.01)
            task.cancel()
            return threading.get_ident()

        try:
            loop_thread = asyncio.run(main())
        finally:
            control.detach()
            control.close()
        self.assertEqual([w for w, _ in seen], ["irq 0", "drain, 0 records written", "irq 1", "drain, 1 records written"])
        self.assertTrue(all(t == loop_thread for _, t in seen), seen)
        with open(self.record) as f:
            self.assertEqual([(r["pin"], r["level"]) for r in map(json.loads, f) if r.get("input")], [(14, 0), (14, 1)])


if __name__ == "__main__":
    unittest.main()
