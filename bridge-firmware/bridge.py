# picoloop bridge: the asyncio application wiring protocol, board, pins and USB link together.
#
# Tasks:
#   read_requests  waits in the loop's poll for USB stdin (see bridge_usb), reads what has come,
#                  cuts lines, answers each request at once, in the order received; replies are
#                  written as whole lines.
#   keep_clock     touches the never-wrapping microsecond clock often enough that the wrapping
#                  ticks_us (2**30) never loses a period, and wakes send_edges as often, so that a
#                  quiet watched pin's ticks stay comparable (bridge_edges: ticks_diff orders
#                  ticks only within 2**29 us, 536.9 s).
#   send_edges     watched inputs: pin IRQs put (pin, raw ticks) in a fixed ring and set a
#                  ThreadSafeFlag; this task waits on it, drains the ring through the debounce
#                  (bridge_edges) and writes "! edge <pin> <level> <t_us> <seq>" (and
#                  "! lost <count> <seq>" after an overflow) with the same write_line as replies,
#                  so an event line never lands inside a reply line. While a debounce window is
#                  open, a short sleeper task sets the flag again when it ends. An event is only
#                  written when link.writable() says it goes out without waiting; while the host
#                  does not read, events count as lost (reported as after an overflow once it
#                  reads again) and the sleeper wakes the drain every RETRY_MS to look.
#   guard_host     only while a `keepalive <ms>` is armed: sleeps until the deadline, and when no
#                  line from the host has moved it meanwhile, drives every output low, ends every
#                  watch and writes "! expired <ms>" (a killed or hung host must not leave a motor
#                  on). Each accepted `keepalive` replaces it, so a shorter period counts at once.
#                  A reply that takes several turns (`files`: bridge_files hashes a chunk a turn) is
#                  finished first, a step per turn, before the next line is read.
#   run_timers     only while a fade, tone or sample stream runs (bridge_pwm, bridge_adc): sleeps
#                  until the next is due, on the board's clock; restarted when one starts.
# Ctrl-C: kbd_intr(-1) while the bridge runs so that 0x03 is ordinary data; kbd_intr(3) again
# when it ends, by the `repl` command or anything else (try/finally in main()).
import sys
import time
import micropython
from micropython import const

try:
    import asyncio
except ImportError:  # MicroPython before 1.21
    import uasyncio as asyncio

import bridge_board
import bridge_edges
import bridge_protocol
import bridge_usb

_BATCH = const(8)  # lines answered per turn before yielding to other tasks
_EOF_MS = const(10)  # pause after an empty read (end of stream: never on USB, so no spin)
_CLOCK_MS = const(60000)  # well below the 536 s that ticks_diff can span
_NET_MS = const(5)  # see Bridge.net


def uid_hex(raw):
    return "".join("%02X" % b for b in raw)


class Bridge:
    def __init__(self, link, board, driver, uid, ring=bridge_edges.RING):
        self.link = link
        self.clock = bridge_protocol.Clock(time.ticks_us, time.ticks_diff)
        self.edges = bridge_edges.Edges(
            self.clock, time.ticks_us, time.ticks_diff, time.ticks_add, driver, link.write_line, ring,
            link.writable,
        )
        self.keepalive = bridge_protocol.Keepalive(time.ticks_ms, time.ticks_diff, time.ticks_add)
        self.keepalive.changed = self._restart_guard
        self.dispatcher = bridge_protocol.Dispatcher(
            board, driver, self.clock.now_us, uid, self.edges, self.keepalive
        )
        self.dispatcher.wake_timers = self._restart_timers
        self._timers = None  # the run_timers task while a fade, tone or stream runs
        self.lines = bridge_protocol.LineReader()
        # the next line for the dispatcher (bytes, TOOLONG) or None; on a board bridge_fast's
        # FastPath.read_line, which answers ping/write/toggle itself (see main())
        self.next_line = self._next_line
        self.running = True
        self.flag = None  # asyncio.ThreadSafeFlag, made in run() (inside the loop)
        self._wake_at = None  # ticks_ms of the pending window sleeper, if any
        self._guard = None  # the guard_host task while a keepalive is armed
        self.net_ms = 0  # > 0: run net() (main() sets it on a board)
        self.pending = None  # a reply that takes several turns (bridge_protocol.Pending), until sent

    def pump(self, limit):
        """Answer at most `limit` lines from the bytes waiting; stops early when a pin IRQ has queued
        an edge, so that its event goes out before the next reply. Returns how many lines it
        answered (0: none was complete)."""
        n = 0
        edges = self.edges
        while n < limit and self.running and self.pending is None:
            line = self.next_line()
            if line is None:
                break
            n += 1
            self.on_line(line)
            if edges.queued():
                break
        return n

    def _next_line(self):
        return self.link.read_line(self.lines)

    def use_fast_path(self, model):
        """On a board: ping/write/toggle answered in viper (bridge_fast), the rest as before."""
        import bridge_fast

        fast = bridge_fast.FastPath(self.link, self.lines, self.dispatcher, self.clock, self.edges, model)
        self.next_line = fast.read_line

    def feed(self, b):
        line = self.lines.feed(b)
        if line is not None:
            self.on_line(line)

    def on_line(self, line):
        try:
            reply = self.dispatcher.handle_line(line)
        except Exception as e:  # outside a command handler: still one reply, keep running
            reply = "- err internal %s" % type(e).__name__
        if isinstance(reply, bridge_protocol.Pending):
            self.pending = reply  # read_requests finishes it before it reads the next line
        elif reply is not None:
            self.link.write_line(reply)
        if self.dispatcher.repl_requested:
            self.link.flush()
            self.running = False

    async def read_requests(self):
        while self.running:
            if self.pending is not None:
                await self.finish_pending()
                continue
            if self.pump(_BATCH):
                await asyncio.sleep_ms(0)  # more may be waiting: let the other tasks in first
                continue
            # Nothing waiting: sleep in the loop's poll until the host writes. A request is then
            # served at once instead of at the next turn of a polling interval.
            b = await self.link.wait_byte()
            if b is None:
                await asyncio.sleep_ms(_EOF_MS)
            else:
                self.feed(b)

    async def finish_pending(self):
        """One step of the pending reply per turn, the other tasks running in between, then its line.
        The host's lines wait meanwhile, so each step counts as one for the keepalive: a host
        waiting for this reply is alive."""
        while True:
            self.keepalive.refresh()
            reply = self.pending.step()
            if reply is not None:
                break
            await asyncio.sleep_ms(0)
        self.pending = None
        self.link.write_line(reply)

    async def send_edges(self):
        while True:
            await self.flag.wait()
            try:
                wait_us = self.edges.drain()
            except Exception as e:  # never let a bug stop the events for good
                self.link.write_line("! error edges %s" % type(e).__name__)
                wait_us = -1
            if wait_us >= 0:
                self._wake_after(wait_us // 1000 + 1)

    def _wake_after(self, ms):
        at = time.ticks_add(time.ticks_ms(), ms)
        if self._wake_at is not None and time.ticks_diff(at, self._wake_at) >= 0:
            return  # a sleeper wakes the drain early enough already
        self._wake_at = at
        asyncio.create_task(self._sleeper(ms, at))

    async def _sleeper(self, ms, at):
        await asyncio.sleep_ms(ms)
        if self._wake_at == at:
            self._wake_at = None
        self.flag.set()

    async def guard_host(self):
        # Every request moves the deadline without waking this: on waking early it sleeps again,
        # to the new deadline, so it wakes about once per keepalive period, not per request.
        while True:
            left = self.keepalive.left_ms()
            if left < 0:
                return  # disarmed
            if left == 0:
                line = self.dispatcher.expire_if_due()  # the safe state first, then the news
                if line is not None:
                    self.link.write_line(line)
                return
            await asyncio.sleep_ms(left)

    def _restart_guard(self):
        if self._guard is not None:
            self._guard.cancel()
            self._guard = None
        if self.keepalive.ms:
            self._guard = asyncio.create_task(self.guard_host())

    async def run_timers(self):
        d = self.dispatcher
        while True:
            a = d.pwm.service()
            b = d.analog.service()
            wait = a if b < 0 or 0 <= a < b else b
            if wait < 0:
                self._timers = None
                return
            # rounded down: the loop's own lateness (its ms ticks, its poll) is about a millisecond,
            # and a turn too early only sleeps again (bench/analog, docs/performance.md)
            await asyncio.sleep_ms(wait // 1000)

    def _restart_timers(self):
        if self._timers is not None:
            self._timers.cancel()
        self._timers = asyncio.create_task(self.run_timers())

    async def net(self):
        """A timer that wakes the loop every net_ms. On MicroPython 1.28 on the emulated RP2040 the
        loop, asleep in its poll for the host's next bytes after a fast burst of replies, missed
        their arrival and slept on until its next timer: a keepalive of 3 s expired while the
        host pinged every second (bench/bridge, docs/performance.md). Whether a chip does the same
        is not known; with this a missed wake-up costs at most net_ms, for ~200 short wake-ups a
        second while idle."""
        while True:
            await asyncio.sleep_ms(self.net_ms)

    async def keep_clock(self):
        while True:
            self.clock.now_us()
            self.flag.set()  # a drain, also on a quiet pin: bridge_edges keeps its ticks recent
            await asyncio.sleep_ms(_CLOCK_MS)

    async def run(self, on_ready=None):
        self.link.write_line(bridge_protocol.boot_line())
        self.flag = asyncio.ThreadSafeFlag()
        self.edges.wake = self.flag.set
        clock_task = asyncio.create_task(self.keep_clock())
        edges_task = asyncio.create_task(self.send_edges())
        net_task = asyncio.create_task(self.net()) if self.net_ms > 0 else None
        if on_ready is not None:
            on_ready()
        try:
            await self.read_requests()
        finally:
            self.edges.unwatch_all()
            clock_task.cancel()
            edges_task.cancel()
            if net_task is not None:
                net_task.cancel()
            if self._guard is not None:
                self._guard.cancel()
            if self._timers is not None:
                self._timers.cancel()

    def safe_state(self):
        self.dispatcher.safe_state()


def main(on_ready=None):
    import machine
    import bridge_pins

    board = bridge_board.detect()
    app = Bridge(bridge_usb.UsbLink(), board, bridge_pins.PinDriver(), uid_hex(machine.unique_id()))
    if sys.implementation.name == "micropython" and sys.platform == "rp2":
        app.net_ms = _NET_MS
        try:
            app.use_fast_path(board.model)  # viper: machine code for the RP2040's Cortex-M0+ / RP2350
        except (ImportError, SyntaxError):  # a build without the native emitter: the Python path
            pass
    # 0x03 is data while the bridge runs; the finally gives Ctrl-C back whatever ends the loop
    # (the `repl` command, an exception, or on the host SIGTERM).
    micropython.kbd_intr(-1)
    micropython.alloc_emergency_exception_buf(100)  # a traceback from the pin IRQ, if ever
    try:
        asyncio.run(app.run(on_ready))
    finally:
        app.safe_state()
        micropython.kbd_intr(3)
    return app
