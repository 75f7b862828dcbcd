# Makes CPython look enough like MicroPython for the bridge firmware (host runs and tests).
#
# install(board) adds MicroPython's time.ticks_* (wrapping at 2**30 like the real ports),
# time.sleep_ms/sleep_us, asyncio.sleep_ms, asyncio.ThreadSafeFlag and MicroPython's
# asyncio.StreamReader(stream) (CPython's takes no stream), and sets
# sys.implementation._machine. The host's `machine` and `micropython` stand-ins live next to this
# file; the caller puts this folder on sys.path.
import asyncio
import sys
import threading
import time

PERIOD = 1 << 30
MASK = PERIOD - 1
HALF = PERIOD >> 1

MODELS = {
    "pico": "Raspberry Pi Pico with RP2040",
    "picow": "Raspberry Pi Pico W with RP2040",
}

# ticks_us starts 5 s before its wrap, so every host run longer than that crosses a wrap.
_us_offset = (PERIOD - 5_000_000) - time.monotonic_ns() // 1000


def ticks_us():
    return (time.monotonic_ns() // 1000 + _us_offset) & MASK


def ticks_ms():
    return (time.monotonic_ns() // 1_000_000) & MASK


def ticks_diff(a, b):
    return ((a - b + HALF) & MASK) - HALF


def ticks_add(t, delta):
    return (t + delta) & MASK


class ThreadSafeFlag:
    """asyncio.ThreadSafeFlag for CPython: set() may be called from another thread.

    set() on the loop's own thread (where run_on_pty.py runs pin changes, as a pin IRQ interrupts
    the loop's core on a board) marks the waiter ready at once, as MicroPython's set() does: the
    waiting task runs on the loop's next turn. Only a set() from another thread goes through
    call_soon_threadsafe (a wake-up of the loop, and the set one turn later)."""

    def __init__(self):
        self._loop = None
        self._thread = None
        self._event = asyncio.Event()

    def set(self):
        loop = self._loop
        if loop is None or threading.get_ident() == self._thread:
            self._event.set()
        else:
            loop.call_soon_threadsafe(self._event.set)

    def clear(self):
        self._event.clear()

    async def wait(self):
        self._loop = asyncio.get_running_loop()
        self._thread = threading.get_ident()
        await self._event.wait()
        self._event.clear()


class StreamReader:
    """asyncio.StreamReader(stream) as MicroPython has it (an alias of its Stream class): read(n)
    waits in the event loop's poll until the stream's fd is readable, then reads once. Only for
    the firmware's own names: CPython's asyncio.streams keeps its own class."""

    def __init__(self, s, e=None):
        self.s = s

    async def read(self, n=-1):
        loop = asyncio.get_running_loop()
        fd = self.s.fileno()
        while True:
            readable = loop.create_future()
            loop.add_reader(fd, lambda: readable.done() or readable.set_result(None))
            try:
                await readable
            finally:
                loop.remove_reader(fd)
            data = self.s.read(n)
            if data is not None:  # None: it would block after all (MicroPython's convention)
                return data


def install(board="pico"):
    time.ticks_us = ticks_us
    time.ticks_ms = ticks_ms
    time.ticks_diff = ticks_diff
    time.ticks_add = ticks_add
    time.sleep_ms = lambda ms: time.sleep(ms / 1000)
    time.sleep_us = lambda us: time.sleep(us / 1_000_000)
    asyncio.sleep_ms = lambda ms: asyncio.sleep(ms / 1000)
    asyncio.ThreadSafeFlag = ThreadSafeFlag
    asyncio.StreamReader = StreamReader
    sys.implementation._machine = MODELS[board]
