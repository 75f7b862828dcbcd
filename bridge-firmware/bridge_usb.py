# picoloop bridge: the USB CDC link (sys.stdin / sys.stdout of the board), without blocking.
#
# Reading USB stdin on rp2 without stalling the asyncio loop is a known trap:
# - sys.stdin.read(n) / sys.stdin.buffer.read(n) block until n bytes have come, even after
#   select.poll said "readable" (micropython/micropython#16550; #8772: no any() and no partial
#   read on the rp2 USB stdin). A blocked read freezes every task, including the clock keeper.
# - asyncio.StreamReader(sys.stdin).readline() ends in the same blocking read.
# What is safe: a read of exactly ONE byte after a readable poll, which the poll guarantees can
# be served without waiting. (rp2 offers no count of the bytes waiting: the poll says "at least
# one", and a bulk readinto of more blocks in C until they come, stalling the loop while a person
# types or after a host died mid-line.) Two ways in, both used by bridge.Bridge.read_requests:
# - wait_byte(): asyncio.StreamReader(stdin.buffer).read(1), i.e. the loop's own poll waits for
#   the host (the core sleeps, no polling interval) and then reads one byte;
# - read_line(): ipoll(0) (never waits, allocates nothing) and readinto() of one byte straight
#   into the line buffer, for the rest of a line (bridge_protocol.LineReader.fill). Measured on
#   the emulated RP2040: about 30 us a byte, against 8 us a byte for a bulk readinto.
#
# Writing can stall the loop too: on rp2 a write to USB stdout while the host has the port open
# but does not read (hung, stopped) waits for room in the CDC TX FIFO, on MicroPython 1.27 up to
# 500 ms without progress (MICROPY_HW_USB_CDC_TX_TIMEOUT) and then returns a short count; 1.21 to
# 1.23 wait about as long per 64 bytes and drop what did not fit. So:
# - events ask writable() first (a poll for POLLOUT with timeout 0: rp2 reports it only while the
#   FIFO has room, or while no host has the port open, when writes never wait) and are counted
#   as lost instead of written when it says no (bridge_edges);
# - replies are written as they come: they answer a request, so the host was reading a moment
#   ago, and a host that sends without reading delays only itself (its keepalive deadline moves
#   with each of its lines anyway);
# - what a short write leaves of a line is kept and written first, before the next line, so the
#   host never sees half a line run into the next one.
import sys
import select
from micropython import const

try:
    import asyncio
except ImportError:  # MicroPython before 1.21
    import uasyncio as asyncio

_TAIL_MAX = const(512)  # unwritten bytes kept after short writes (replies to a host not reading)


class UsbLink:
    def __init__(self, stdin=None, stdout=None):
        stdin = sys.stdin if stdin is None else stdin
        stdout = sys.stdout if stdout is None else stdout
        self.readinto = stdin.buffer.readinto
        self._out = stdout.buffer
        self._poll = select.poll()
        self._poll.register(stdin, select.POLLIN)
        # ipoll: MicroPython's poll without a new list per call; CPython (host runs) has only poll
        self.waiting = getattr(self._poll, "ipoll", self._poll.poll)
        self._wpoll = select.poll()
        self._wpoll.register(stdout, select.POLLOUT)
        self._tail = b""  # the part of a line that a short write left unwritten
        self._stream = asyncio.StreamReader(stdin.buffer)

    def read_line(self, lines):
        """The next complete request line from the bytes waiting (see LineReader.fill), or None
        when no more waits. Never blocks."""
        return lines.fill(self.waiting, self.readinto)

    async def wait_byte(self):
        """The next byte (an int), waited for in the loop's poll; None at end of stream."""
        b = await self._stream.read(1)
        return b[0] if b else None

    def writable(self):
        """True when an event line can be written now without waiting (see the top). Never
        blocks, unless a short write left part of a line: that is written first, once there is
        room for some of it."""
        ready = self._wpoll.poll(0)
        if not ready or not ready[0][1] & select.POLLOUT:
            return False
        if self._tail:
            self._write(b"")
        return not self._tail

    def write_line(self, text):
        # Always one whole line per write, so replies and events never interleave.
        self._write(text.encode() + b"\n")

    def write_reply(self, buf, n):
        """Writes the line in buf[:n] (bridge_fast's reply buffer) as write_line does."""
        if self._tail:
            self._write(bytes(buf[:n]))
            return
        done = self._out.write(buf, n) or 0
        if done < n:
            self._tail = bytes(buf[done:n])

    def _write(self, data):
        if self._tail:
            data = self._tail + data
        n = self._out.write(data) or 0  # None: nothing could be written
        self._tail = data[n:] if n < len(data) else b""
        if len(self._tail) > _TAIL_MAX:
            # Finish the line already begun on the wire; the whole lines after it are dropped.
            self._tail = self._tail[: self._tail.find(b"\n") + 1]

    def flush(self):
        flush = getattr(self._out, "flush", None)
        if flush is not None:
            flush()
