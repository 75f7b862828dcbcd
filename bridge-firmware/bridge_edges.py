# picoloop bridge: watched inputs (docs/protocol.md, `watch`, `! edge`, `! lost`), the pure part.
#
#   pin IRQ --push()--> fixed ring (pin, raw ticks_us) --wake()--> drain task --drain()-->
#   leading-edge debounce per pin --emit()--> "! edge <pin> <level> <t_us> <seq>" lines
#
# push() is the only code that runs in interrupt context (a hard IRQ): it stores two small ints
# into preallocated arrays and counts drops when the ring is full. No allocation, no big ints, no
# list append, no string formatting. Everything else runs in the drain task (bridge.Bridge).
#
# Debouncing (leading edge): the first edge of a quiet pin is reported at once, as the opposite of
# the level last reported, stamped with its IRQ time. Edges during the following debounce window
# are counted as bounces. When the window has closed, the pin is read again; a level that differs
# from the one reported (a glitch, or a release inside the window) is reported as a corrective
# edge stamped with the last edge seen. A drain that runs late (after a window's end) folds the
# late edges into that window: the fresh read at its close gives the true level.
#
# Overflow: edges that find the ring full are counted. The next drain reports
# "! lost <count> <seq>" and then every watched pin's current level that differs from the one
# last reported, as an edge stamped with the time of that read.
#
# A host that stops reading: before each event line the drain asks writable() (bridge_usb: a
# poll for POLLOUT with timeout 0) and never writes one that cannot go out at once, because a
# write to a full USB FIFO waits up to 500 ms per call on rp2 and would hold up every task,
# the keepalive guard among them. Such an event, and every edge drained after it, is counted as
# lost instead; once a line can go out again (a drain at least every RETRY_MS meanwhile) the
# count is reported exactly like an overflow: "! lost", then the levels that changed.
#
# ticks_diff() only orders ticks less than 2**29 us (536.9 s) apart, so each drain moves every
# watched pin's _since up to its own start (the bridge drains at least once a minute, also on a
# quiet pin); an edge compared with a _since older than that would look older than the watch.
#
# No `machine` here: the driver (bridge_pins.PinDriver, or a fake in tests) attaches the IRQ
# (driver.irq(pin, handler or None)) and reads levels (driver.read(pin)).
from array import array
from micropython import const

RING = const(64)  # edges the ring holds between two drains
RETRY_MS = const(100)  # while events wait for the host to read again: drain this often
NPINS = const(30)  # GPIO 0-29
_MASK = const(0x3FFFFFFF)  # counters stay small ints (no big int in the IRQ)


class Edges:
    """clock: bridge_protocol.Clock (converts raw ticks to the never-wrapping ping clock);
    ticks_us/ticks_diff/ticks_add: MicroPython's; driver: irq(pin, handler) and read(pin);
    emit(line): writes one event line; size: ring capacity in edges; writable(): True when an
    event line can be written without waiting (None: always)."""

    def __init__(self, clock, ticks_us, ticks_diff, ticks_add, driver, emit, size=RING, writable=None):
        self._clock = clock
        self._ticks_us = ticks_us
        self._td = ticks_diff
        self._ta = ticks_add
        self._driver = driver
        self._emit = emit
        self._writable = writable
        self.wake = None  # set by the owner: called from the IRQ after a push (ThreadSafeFlag.set)
        n = size + 1  # one slot stays free: head == tail means empty
        self._n = n
        self._rpin = bytearray(n)
        self._rt = array("i", [0] * n)
        self._ctl = array("i", [0, 0, 0])  # head (written by push), tail (by drain), drops (push)
        self._drops_seen = 0
        self._unsent = 0  # edges lost since an event could not be written; 0: the host hears all
        self.seq = 0  # of the last edge/lost event sent
        self.pins = []  # watched pins, in the order they were watched
        self._level = bytearray(NPINS)  # last reported level
        self._open = bytearray(NPINS)  # 1 while the debounce window is open
        self._win = array("i", [0] * NPINS)  # debounce window, microseconds
        self._end = array("i", [0] * NPINS)  # ticks: the window's end
        self._last = array("i", [0] * NPINS)  # ticks: the last edge seen in the window
        self._since = array("i", [0] * NPINS)  # ticks: edges before this are already in _level

    # -- interrupt context ------------------------------------------------------------------------

    def push(self, pin, t):
        """From the pin IRQ: queue (pin, raw ticks). Allocation-free."""
        c = self._ctl
        h = c[0]
        nxt = h + 1
        if nxt == self._n:
            nxt = 0
        if nxt == c[1]:
            c[2] = (c[2] + 1) & _MASK
        else:
            self._rpin[h] = pin
            self._rt[h] = t
            c[0] = nxt
        w = self.wake
        if w is not None:
            w()

    def handler(self, pin):
        """The IRQ handler for one pin (made once, at `watch`; machine.Pin passes itself)."""
        push = self.push
        ticks_us = self._ticks_us

        def on_edge(_p):
            push(pin, ticks_us())

        return on_edge

    # -- commands (the drain task's thread) ---------------------------------------------------------

    def queued(self):
        """True while the ring holds edges the drain has not taken yet."""
        c = self._ctl
        return c[0] != c[1]

    def ring_control(self):
        """The ring's head, tail and drop count (array "i"): bridge_fast stops when head != tail."""
        return self._ctl

    def watching(self, pin):
        return pin in self.pins

    def watch(self, pin, debounce_ms):
        """Attach the IRQ and start from the pin's current level, which is returned."""
        if pin not in self.pins:
            self.pins.append(pin)
            self._driver.irq(pin, self.handler(pin))
        # Edges stamped before this read are in `level`; one in the same microsecond may be
        # counted twice, which the window's closing read corrects.
        self._since[pin] = self._ticks_us()
        level = 1 if self._driver.read(pin) else 0
        self._level[pin] = level
        self._open[pin] = 0
        self._win[pin] = debounce_ms * 1000
        return level

    def unwatch(self, pin):
        if pin in self.pins:
            self._driver.irq(pin, None)
            self.pins.remove(pin)
            self._open[pin] = 0

    def unwatch_all(self):
        for pin in list(self.pins):
            try:
                self.unwatch(pin)
            except Exception:  # keep going: the others must still be detached
                pass

    # -- the drain task -----------------------------------------------------------------------------

    def drain(self):
        """Report what the IRQs queued and close due windows. Returns microseconds until the
        caller should drain again (a window ends, or lost events wait for the host to read), or
        -1 if nothing is due."""
        c = self._ctl
        td = self._td
        n = self._n
        mark = self._ticks_us()  # every edge still to come is stamped at or after this
        self._resync()  # a loss that waited for the host: reported first, if it can go out now
        while c[1] != c[0]:
            i = c[1]
            pin = self._rpin[i]
            t = self._rt[i]
            c[1] = i + 1 if i + 1 < n else 0
            if pin not in self.pins or td(t, self._since[pin]) < 0:
                continue
            if self._unsent:
                self._unsent = (self._unsent + 1) & _MASK  # the host gets a resync instead
            elif self._open[pin]:
                self._last[pin] = t  # a bounce (or a late edge: the close reads the pin)
            elif self._report(pin, 1 - self._level[pin], t):
                self._open[pin] = 1
                self._end[pin] = self._ta(t, self._win[pin])
                self._last[pin] = t
        for pin in self.pins:
            # Every edge from before `mark` has been drained: keep _since this recent, so that
            # ticks_diff still orders the next edge after it (_lost below sets it later still).
            self._since[pin] = mark
        drops = c[2]
        if drops != self._drops_seen:
            self._unsent = (self._unsent + drops - self._drops_seen) & _MASK
            self._drops_seen = drops
        self._resync()
        if self._unsent:
            return RETRY_MS * 1000
        now = self._ticks_us()
        wait = -1
        for pin in self.pins:
            if not self._open[pin]:
                continue
            left = td(self._end[pin], now)
            if left <= 0:
                self._open[pin] = 0
                level = 1 if self._driver.read(pin) else 0
                if level != self._level[pin]:
                    self._report(pin, level, self._last[pin])
            elif wait < 0 or left < wait:
                wait = left
        if self._unsent:
            return RETRY_MS * 1000
        return wait

    # -- other events in the same sequence (bridge_adc's samples) ----------------------------------

    def send(self, line):
        """Writes an event line with the next seq appended, after the report of any loss waiting
        for it; counts it as lost instead while the host does not read. Returns whether it went."""
        self._resync()
        if self._unsent or not self._can_write():
            self._unsent = (self._unsent + 1) & _MASK
            w = self.wake
            if w is not None:
                w()  # the drain reports the loss once the host reads again
            return False
        self.seq += 1
        self._emit("%s %d" % (line, self.seq))
        return True

    def lose(self, count):
        """count events that were never made (samples taken too late): reported as after an
        overflow, before the next event."""
        self._unsent = (self._unsent + count) & _MASK

    def _can_write(self):
        w = self._writable
        return w is None or w()

    def _resync(self):
        if self._unsent and self._can_write():
            count = self._unsent
            self._unsent = 0
            self._lost(count)

    def _lost(self, count):
        self.seq += 1
        self._emit("! lost %d %d" % (count, self.seq))
        for pin in self.pins:
            level = 1 if self._driver.read(pin) else 0
            now = self._ticks_us()
            self._since[pin] = now  # what is still queued is older than this read
            self._open[pin] = 0
            if level != self._level[pin]:
                self._report(pin, level, now)

    def _report(self, pin, level, t):
        """Writes the edge, or counts it as lost (False) while the host does not read."""
        if self._unsent or not self._can_write():
            self._unsent = (self._unsent + 1) & _MASK
            return False
        self._level[pin] = level
        self.seq += 1
        t_us = self._clock.at_us(t)
        self._emit("! edge %d %d %d %d" % (pin, level, t_us if t_us > 0 else 0, self.seq))
        return True
