# picoloop bridge: the USB CDC link (sys.stdin / sys.stdout of the board), without blocking.
#
# Reading USB stdin on rp2 without stalling the asyncio loop is a known trap:
# - sys.stdin.read(n) / sys.stdin.buffer.read(n) block until n bytes have come, even after
#   select.poll said "readable" (micropython/micropython#16550; #8772: no any() and no partial
#   read on the rp2 USB stdin). A blocked read freezes every task, including the clock keeper.
# - asyncio.StreamReader(sys.stdin).readline() ends in the same blocking read.
# What is safe: a read of exactly ONE byte after a readable poll, which the poll guarantees can
# be served without waiting. Two ways in, both used by bridge.Bridge.read_requests:
# - wait_byte(): asyncio.StreamReader(stdin.buffer).read(1), i.e. the loop's own poll waits for
#   the host (the core sleeps, no polling interval) and then reads one byte;
# - read_byte(): poll(0) (never waits) and one byte, in a bounded batch for the rest of a line.
# One syscall-ish step per byte is slow-ish but the requests are short (at most 121 bytes).
import sys
import select

try:
    import asyncio
except ImportError:  # MicroPython before 1.21
    import uasyncio as asyncio


class UsbLink:
    def __init__(self, stdin=None, stdout=None):
        stdin = sys.stdin if stdin is None else stdin
        stdout = sys.stdout if stdout is None else stdout
        self._read = stdin.buffer.read
        self._out = stdout.buffer
        self._poll = select.poll()
        self._poll.register(stdin, select.POLLIN)
        self._stream = asyncio.StreamReader(stdin.buffer)

    def read_byte(self):
        """One byte (an int) if one is waiting, else None. Never blocks."""
        ready = self._poll.poll(0)
        if not ready or not ready[0][1] & select.POLLIN:
            return None
        b = self._read(1)
        if not b:
            return None
        return b[0]

    async def wait_byte(self):
        """The next byte (an int), waited for in the loop's poll; None at end of stream."""
        b = await self._stream.read(1)
        return b[0] if b else None

    def write_line(self, text):
        # Always one whole line per write, so replies and (later) events never interleave.
        self._out.write(text.encode() + b"\n")

    def flush(self):
        flush = getattr(self._out, "flush", None)
        if flush is not None:
            flush()
