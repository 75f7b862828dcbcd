# Reader and player for docs/protocol-vectors.txt (format at the top of that file).
#
# Runs under CPython and under MicroPython (the WebAssembly interpreter in tests/mpy): no `re`, no
# dataclasses, nothing CPython-only. A "device" is anything with
#   send(data: bytes)           the host writes these bytes (a `>` line and its newline, or `>>` bytes)
#   recv() -> str or None       the next line the device sent (None: nothing came)
#   expect_nothing() -> None or an error string
#   level(pin: str) -> 0, 1 or None (pin as written after `$`: "25", "LED")
#   input(pin: str, level: int)   the outside world sets an input pin (`~`)
#   finish() -> None or an error string (e.g. unexpected extra lines)
import bridge_protocol
from bridge_protocol import is_digits


class Session:
    def __init__(self, board, title, lineno):
        self.board = board
        self.title = title
        self.lineno = lineno
        self.steps = []  # (kind, arg, lineno); kind in ">" (arg: the bytes sent), "<", "<-", "$", "~"


def unescape(s):
    """\\xNN, \\r, \\t, \\n, \\\\ and {N*c} to bytes."""
    out = bytearray()
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c == "\\" and i + 1 < n:
            e = s[i + 1]
            if e == "x":
                out.append(int(s[i + 2 : i + 4], 16))
                i += 4
                continue
            simple = {"\\": 92, "r": 13, "t": 9, "n": 10}.get(e)
            if simple is not None:
                out.append(simple)
                i += 2
                continue
        if c == "{":
            star = s.find("*", i)
            close = s.find("}", i)
            if star > i + 1 and close == star + 2 and is_digits(s[i + 1 : star]):
                ch = s[star + 1].encode()
                for _ in range(int(s[i + 1 : star])):
                    out.extend(ch)
                i = close + 1
                continue
        out.extend(c.encode())
        i += 1
    return bytes(out)


def parse(text):
    """The sessions of a vectors file (codec-only directives are skipped)."""
    sessions = []
    board = "pico"
    current = None
    lineno = 0
    for raw in text.split("\n"):
        lineno += 1
        line = raw[:-1] if raw.endswith("\r") else raw
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@board "):
            board = line[7:].strip()
        elif line.startswith("== "):
            current = Session(board, line[3:].strip(), lineno)
            sessions.append(current)
        elif line == ">" or line.startswith("> "):
            _step(current, ">", unescape(line[2:]) + b"\n", lineno)
        elif line.startswith(">> "):
            _step(current, ">", unescape(line[3:]), lineno)  # no newline added
        elif line == "<-":
            _step(current, "<-", None, lineno)
        elif line.startswith("< "):
            _step(current, "<", line[2:], lineno)
        elif line.startswith("$ ") or line.startswith("~ "):
            parts = line[2:].split()
            _step(current, line[0], (parts[0], int(parts[1])), lineno)
        elif line.startswith("reply ") or line.startswith("event ") or line.startswith("bad "):
            pass  # host-side codec cases
        else:
            raise ValueError("protocol-vectors.txt line %d: unknown directive %r" % (lineno, line))
    return sessions


def _step(session, kind, arg, lineno):
    if session is None:
        raise ValueError("protocol-vectors.txt line %d: step outside a session" % lineno)
    session.steps.append((kind, arg, lineno))


_CLASSES = {
    "{int}": "0123456789",
    "{hex}": "0123456789abcdefABCDEF",
}


def match(pattern, line):
    """Does the device line match the pattern ({int} {hex} {word} {*}, the rest literal)?"""
    return _match(pattern, 0, line, 0)


def _match(p, i, s, j):
    np = len(p)
    ns = len(s)
    while i < np:
        if p[i : i + 4] == " {*}" and i + 4 == np:
            return j == ns or s[j] == " "
        if p[i : i + 3] == "{*}":
            if i + 3 == np:
                return True
            for k in range(ns, j - 1, -1):
                if _match(p, i + 3, s, k):
                    return True
            return False
        tok = p[i : i + 5]
        if tok in _CLASSES or p[i : i + 6] == "{word}":
            allowed = _CLASSES.get(tok)
            width = 5 if allowed is not None else 6
            k = j
            while k < ns and (s[k] in allowed if allowed is not None else s[k] != " "):
                k += 1
            while k > j:  # longest first, then shorter
                if _match(p, i + width, s, k):
                    return True
                k -= 1
            return False
        if j >= ns or p[i] != s[j]:
            return False
        i += 1
        j += 1
    return j == ns


def play(session, device):
    """Plays one session; returns a list of failure messages (empty: passed)."""
    failures = []
    for kind, arg, lineno in session.steps:
        if kind == ">":
            device.send(arg)
        elif kind == "<":
            got = device.recv()
            if got is None or not match(arg, got):
                failures.append("line %d: expected %r, got %r" % (lineno, arg, got))
                break
        elif kind == "<-":
            err = device.expect_nothing()
            if err:
                failures.append("line %d: expected no reply: %s" % (lineno, err))
                break
        elif kind == "$":
            pin, level = arg
            got = device.level(pin)
            if got != level:
                failures.append("line %d: pin %s should be %d, is %r" % (lineno, pin, level, got))
                break
        elif kind == "~":
            pin, level = arg
            device.input(pin, level)
    if not failures:
        err = device.finish()
        if err:
            failures.append("after the session: %s" % err)
    return failures


def pin_key(pin):
    """A `$` pin token to the firmware's pin key: "25" -> 25, "LED" -> "LED"."""
    return int(pin) if is_digits(pin) else pin.upper()


class FakeDriver:
    """A pin driver without hardware: remembers levels (for MicroPython, unit tests).
    drive(key, level) is the outside world: it calls the pin's IRQ handler on a change."""

    def __init__(self):
        self.driven = {}  # key -> level of outputs
        self.pulls = {}  # key -> pull of inputs
        self.outside = {}  # key -> level put on an input from outside
        self.irqs = {}  # key -> IRQ handler
        self.together = []  # per write_gpios(): the (pin, level) pairs it changed in one instant
        self.pwms = {}  # key -> (freq, duty_u16) of PWM outputs
        self.analog = {}  # 26-28 or "temp" -> what adc() reads

    def irq(self, key, handler):
        if handler is None:
            self.irqs.pop(key, None)
        else:
            self.irqs[key] = handler

    def drive(self, key, level):
        old = self.read(key) if key in self.pulls else None
        self.outside[key] = level
        handler = self.irqs.get(key)
        if handler is not None and old != level:
            handler(key)

    def setup_out(self, key, level):
        self.pulls.pop(key, None)
        self.driven[key] = level

    def setup_in(self, key, pull):
        self.driven.pop(key, None)
        self.pulls[key] = pull

    def write(self, key, level):
        self.driven[key] = level

    def write_gpios(self, ones, zeros):
        """Several GPIO at once (bridge_pins.PinDriver.write_gpios); each store is logged in
        `together` as the (pin, level) pairs it changed."""
        changed = []
        for key in range(30):
            if (ones | zeros) >> key & 1:
                level = ones >> key & 1
                if self.driven.get(key) != level:
                    changed.append((key, level))
                self.driven[key] = level
        self.together.append(changed)

    def pwm(self, key, freq, duty):
        self.driven.pop(key, None)  # the pad follows the PWM slice now
        self.pwms[key] = (freq, duty)

    def pwm_duty(self, key, duty):
        self.pwms[key] = (self.pwms[key][0], duty)

    def pwm_stop(self, key, slice_shared):
        del self.pwms[key]

    def adc_setup(self, key):
        self.driven.pop(key, None)
        self.pulls.pop(key, None)

    def adc(self, key):
        return self.analog.get(key, 0)

    def read(self, key):
        if key in self.outside:
            return self.outside[key]
        return 1 if self.pulls.get(key) == "up" else 0

    def level(self, key):
        return self.driven.get(key)


MODELS = {
    "pico": "Raspberry Pi Pico with RP2040",
    "picow": "Raspberry Pi Pico W with RP2040",
}


class ProtocolDevice:
    """The firmware's framing and dispatch layer in this process, at power-on state.

    driver: a pin driver; level: callable(key) -> driven level or None (default: driver.level);
    ticks: (ticks_ms, ticks_diff, ticks_add) for the keepalive (default: time's).
    """

    def __init__(self, board_name, driver=None, level=None, drive=None, ticks=None):
        import time
        import bridge_board
        import bridge_edges
        import bridge_protocol

        self.driver = FakeDriver() if driver is None else driver
        self._level = self.driver.level if level is None else level
        self._drive = getattr(self.driver, "drive", None) if drive is None else drive
        self.out = []
        clock = bridge_protocol.Clock(time.ticks_us, time.ticks_diff)
        self.edges = bridge_edges.Edges(
            clock, time.ticks_us, time.ticks_diff, time.ticks_add, self.driver, self.out.append
        )
        if ticks is None:
            ticks = (time.ticks_ms, time.ticks_diff, time.ticks_add)
        self.keepalive = bridge_protocol.Keepalive(*ticks)
        self.dispatcher = bridge_protocol.Dispatcher(
            bridge_board.for_model(MODELS[board_name]), self.driver, clock.now_us,
            "E6614103E7452D2F", self.edges, self.keepalive,
        )
        self.lines = bridge_protocol.LineReader()

    def send(self, data):
        for b in data:
            line = self.lines.feed(b)
            if line is not None:
                self.edges.drain()  # what the drain task would have done meanwhile
                reply = self.dispatcher.handle_line(line)
                if isinstance(reply, bridge_protocol.Pending):
                    reply = reply.finish()  # the bridge's read task steps it, a chunk a turn
                if reply is not None:
                    self.out.append(reply)

    def input(self, pin, level):
        self._drive(pin_key(pin), level)
        self.edges.drain()

    def recv(self):
        return self.out.pop(0) if self.out else None

    def expect_nothing(self):
        if self.out:
            return "got %r" % self.out[0]
        return None

    def level(self, pin):
        return self._level(pin_key(pin))

    def finish(self):
        return self.expect_nothing()


def run_all(text, make_device, log=None):
    """Plays every session; make_device(board_name) -> device. Returns (passed, failed)."""
    passed = failed = 0
    for session in parse(text):
        device = make_device(session.board)
        try:
            failures = play(session, device)
        finally:
            close = getattr(device, "close", None)
            if close is not None:
                close()
        if failures:
            failed += 1
            if log is not None:
                log("FAIL [%s] %s (line %d): %s" % (session.board, session.title, session.lineno, "; ".join(failures)))
        else:
            passed += 1
    return passed, failed
