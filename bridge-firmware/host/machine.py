# Host stand-in for MicroPython's `machine` module: enough of Pin for the bridge firmware.
#
# Every driven output level is appended to a record file (configure(record_path=...)) as one JSON
# line, flushed at once, so another process (a Java test) can follow the pins:
#   {"t": <time.monotonic() seconds>, "pin": 25 or "LED", "level": 0 or 1}
# A line is written when a pin becomes an output and whenever an output's level changes.
# mem32 (SIO's GPIO_OUT and GPIO_OUT_XOR only, RP2040 addresses) changes several outputs in one
# instant: their records share one "t" (one time read, all levels set under one lock hold).
# A level the outside world puts on an input is recorded too, marked "input": true, when the level
# the pin sees changes, timed just before its irq handler runs and written after it (so a test can
# tell when the firmware saw a press without timing its own write to the control FIFO):
#   {"t": <time.monotonic() seconds>, "pin": 14, "level": 0 or 1, "input": true}
# Input levels come from outside through drive_input(pin, level) or burst(pin, levels, spacing_us)
# (run_on_pty.py feeds them from its --control FIFO); a level change calls the pin's irq handler
# when its trigger matches, in the caller's thread, with ticks_us read by the handler itself, as a
# hard IRQ on the board would. run_on_pty.py calls them from inside the firmware's asyncio loop, so
# no task runs during a burst, as on a board whose CPU is busy with pin interrupts.
# PWM outputs are recorded when they start, change or stop, with their frequency and duty (no
# "level": a reader of levels skips them); analog inputs read what set_analog() put on them:
#   {"t": <time.monotonic() seconds>, "pin": 16, "pwm_hz": 1000, "duty": 16384}  (duty 0, hz 0: stopped)
# Records are instrumentation a board does not have: between hold_records() and release_records()
# (run_on_pty.py holds them during a control line and releases them in a later loop callback)
# the input records, and whatever else is given to later(), wait, so their JSON and file writes do
# not delay the firmware's reaction to the change.
import json
import threading
import time

_lock = threading.RLock()
_record = None
_held = None  # a list of pending writes while records are held (hold_records), else None
_state = {}  # pin id -> dict(mode, pull, level, outside, irq)
UID = b"\xe6\x61\x41\x03\xe7\x45\x2d\x2f"


def configure(record_path=None):
    global _record
    with _lock:
        if _record is not None:
            _record.close()
        _record = open(record_path, "a") if record_path else None


def reset_state():
    """Power-on state (tests): forget every pin."""
    with _lock:
        _state.clear()
        _pwm.clear()
        _analog.clear()


def unique_id():
    return UID


def reset():
    raise SystemExit("machine.reset()")


def driven_level(pin):
    """The level the firmware drives on an output pin, or None (tests)."""
    with _lock:
        s = _state.get(pin)
        if s is None or s["mode"] != Pin.OUT:
            return None
        return s["level"]


def drive_input(pin, level):
    """Set the level the outside world puts on a pin; runs its irq handler on a matching edge."""
    level = 1 if level else 0
    with _lock:
        s = _state.setdefault(pin, _new_state())
        old = _level_seen(s)
        s["outside"] = level
        irq = s["irq"]
    if old == level:
        return
    t = time.monotonic()
    if irq is not None:
        handler, trigger, obj = irq
        if trigger & (Pin.IRQ_RISING if level else Pin.IRQ_FALLING):
            handler(obj)
    # recorded after the handler ran (writing first would delay its ticks_us and shift the edges
    # of a burst), with the time read before it
    later(lambda: _emit_locked(pin, level, True, t))


def later(fn):
    """Runs fn (a record's write) now, or at release_records() while records are held."""
    held = _held
    if held is None:
        fn()
    else:
        held.append(fn)


def hold_records():
    """Input records (and later() calls) wait for release_records() from now on."""
    global _held
    if _held is None:
        _held = []


def release_records():
    """Writes what waited since hold_records(), in order, and stops holding."""
    global _held
    held, _held = _held, None
    for fn in held or ():
        fn()


def burst(pin, levels, spacing_us=0):
    """drive_input() each level in turn, spacing_us microseconds apart (busy-waiting: exact to a
    few microseconds, and nothing else runs in this thread meanwhile)."""
    start = time.monotonic_ns()
    for i, level in enumerate(levels):
        due = start + i * spacing_us * 1000
        while time.monotonic_ns() < due:
            pass
        drive_input(pin, level)


def _new_state():
    return {"mode": None, "pull": None, "level": 0, "outside": None, "irq": None}


def _level_seen(s):
    if s["mode"] == Pin.OUT:
        return s["level"]
    if s["outside"] is not None:
        return s["outside"]
    return 1 if s["pull"] == Pin.PULL_UP else 0


def _emit_locked(pin, level, input=False, t=None):
    with _lock:
        _emit(pin, level, input, t)


def _emit(pin, level, input=False, t=None):
    if _record is not None:
        entry = {"t": time.monotonic() if t is None else t, "pin": pin, "level": level}
        if input:
            entry["input"] = True
        _record.write(json.dumps(entry) + "\n")
        _record.flush()


class Pin:
    IN = 0
    OUT = 1
    OPEN_DRAIN = 2
    PULL_UP = 1
    PULL_DOWN = 2
    IRQ_FALLING = 4
    IRQ_RISING = 8

    def __init__(self, id, mode=-1, pull=-1, *, value=None):
        if isinstance(id, str):
            if id != "LED":
                raise ValueError("unknown named pin %r" % id)
        elif not isinstance(id, int) or not 0 <= id <= 29:
            raise ValueError("invalid pin")
        self._id = id
        with _lock:
            _state.setdefault(id, _new_state())
        self.init(mode, pull, value=value)

    def init(self, mode=-1, pull=-1, *, value=None):
        if isinstance(self._id, str) and pull not in (-1, None):
            raise ValueError("pulls are not supported for external pins")  # rp2, as on a Pico W
        with _lock:
            s = _state[self._id]
            if pull != -1:
                s["pull"] = pull
            if value is not None:
                s["level"] = 1 if value else 0
            if mode != -1:
                s["mode"] = mode
                if mode == Pin.OUT:
                    _emit(self._id, s["level"])

    def value(self, x=None):
        with _lock:
            s = _state[self._id]
            if x is None:
                return _level_seen(s)
            level = 1 if x else 0
            changed = level != s["level"]
            s["level"] = level
            if changed and s["mode"] == Pin.OUT:
                _emit(self._id, level)
        return None

    def on(self):
        self.value(1)

    def off(self):
        self.value(0)

    high = on
    low = off

    def toggle(self):
        self.value(1 - _state[self._id]["level"])

    def irq(self, handler=None, trigger=IRQ_FALLING | IRQ_RISING, hard=False):
        with _lock:
            _state[self._id]["irq"] = None if handler is None else (handler, trigger, self)
        return None

    def __repr__(self):
        return "Pin(%r)" % (self._id,)


SIO_GPIO_OUT = 0xD0000010
SIO_GPIO_OUT_XOR = 0xD000001C  # RP2040 (the stand-in is a Pico or Pico W with RP2040)


class _Mem32:
    """machine.mem32 for the two SIO registers the bridge uses; any other address is an error."""

    def __getitem__(self, addr):
        if addr != SIO_GPIO_OUT:
            raise ValueError("stand-in mem32: no register at 0x%08X" % addr)
        with _lock:
            bits = 0
            for pin, s in _state.items():
                if isinstance(pin, int) and s["mode"] == Pin.OUT and s["level"]:
                    bits |= 1 << pin
            return bits

    def __setitem__(self, addr, value):
        if addr != SIO_GPIO_OUT_XOR:
            raise ValueError("stand-in mem32: no writable register at 0x%08X" % addr)
        with _lock:
            t = time.monotonic()  # one instant for every pin this store flips
            for pin in range(30):
                if value >> pin & 1:
                    s = _state.setdefault(pin, _new_state())
                    s["level"] ^= 1
                    if s["mode"] == Pin.OUT:
                        _emit(pin, s["level"], t=t)


mem32 = _Mem32()

# -- PWM and ADC, as on rp2 -------------------------------------------------------------------------

_pwm = {}  # GPIO -> {"freq": Hz, "duty": duty_u16} of every running PWM output
_analog = {}  # ADC channel (0-3 = GP26-29, 4 = temperature sensor) -> the 12-bit value it converts
TEMP_27C = 876  # 0.706 V of 3.3 V in 12 bits: the sensor at 27 degrees C (RP2040 datasheet 4.9.5)


def pwm_state(pin):
    """(freq, duty_u16) of a running PWM output, or None (tests)."""
    with _lock:
        s = _pwm.get(pin)
        return None if s is None else (s["freq"], s["duty"])


def set_analog(key, value_u16):
    """What ADC input key (26-29 or "temp") reads: read_u16() gives the 12 bits the chip keeps of
    value_u16, scaled back up as rp2 does."""
    with _lock:
        _analog[4 if key == "temp" else key - 26] = value_u16 >> 4


def _emit_pwm(pin, freq, duty):
    if _record is not None:
        _record.write(json.dumps({"t": time.monotonic(), "pin": pin, "pwm_hz": freq, "duty": duty}) + "\n")
        _record.flush()


class PWM:
    """machine.PWM of rp2: freq 8 Hz to 62.5 MHz (ValueError outside), duty_u16; deinit stops the
    whole slice (both pins of it)."""

    def __init__(self, pin, *, freq=None, duty_u16=None):
        self._id = pin._id
        with _lock:
            _state[self._id]["mode"] = "PWM"  # the pad follows the slice now, not the pin's level
            self._s = _pwm.setdefault(self._id, {"freq": 0, "duty": 0})
        if freq is not None:
            self.freq(freq)
        if duty_u16 is not None:
            self.duty_u16(duty_u16)

    def freq(self, hz=None):
        if hz is None:
            return self._s["freq"]
        if not 8 <= hz <= 62_500_000:
            raise ValueError("freq out of range")
        with _lock:
            self._s["freq"] = hz
            _emit_pwm(self._id, hz, self._s["duty"])

    def duty_u16(self, duty=None):
        if duty is None:
            return self._s["duty"]
        if not 0 <= duty <= 65535:
            raise ValueError("duty_u16 out of range")
        with _lock:
            self._s["duty"] = duty
            _emit_pwm(self._id, self._s["freq"], duty)

    def deinit(self):
        with _lock:
            for pin in list(_pwm):
                if (pin >> 1) & 7 == (self._id >> 1) & 7:
                    del _pwm[pin]
                    _emit_pwm(pin, 0, 0)


class ADC:
    CORE_TEMP = 4

    def __init__(self, id):
        n = id._id if isinstance(id, Pin) else id
        if isinstance(n, int) and 26 <= n <= 29:
            n -= 26
        if n not in (0, 1, 2, 3, 4):
            raise ValueError("invalid Pin for ADC")
        self._channel = n
        if isinstance(id, Pin):
            with _lock:
                _state[id._id]["mode"] = "ADC"  # digital input and pulls off

    def read_u16(self):
        with _lock:
            raw = _analog.get(self._channel, TEMP_27C if self._channel == 4 else 0)
        return raw << 4 | raw >> 8
