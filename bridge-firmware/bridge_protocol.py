# picoloop bridge: protocol v1 (docs/protocol.md), the pure part.
#
# Framing, byte validation, request parsing and command dispatch. No `machine`, no I/O, no
# asyncio: this module runs unchanged under MicroPython on the Pico, under CPython on the host and
# under the MicroPython WebAssembly interpreter in the tests. Pins are reached through a driver
# object (see bridge_pins.PinDriver for the interface), the clock through a callable.
import sys
from array import array

from micropython import const

FW_VERSION = "0.6.0"  # the one place the firmware version is written (and Protocol.BRIDGE_FIRMWARE on the Java side, kept equal by a test)
PROTO = const(1)
MAXLINE = const(120)  # request bytes before the line end (LF, CR LF or CR)
MAXREPLY = const(250)  # device line length limit, newline not counted

DEBOUNCE_MS = const(20)  # default debounce window of `watch`
DEBOUNCE_MAX_MS = const(1000)
KEEPALIVE_MIN_MS = const(100)  # `keepalive` takes 0 (off) or this to KEEPALIVE_MAX_MS
KEEPALIVE_MAX_MS = const(600000)  # 10 min, far below the 2**29 ms that ticks_diff can span

_NL = const(10)
_CR = const(13)
_ID_MAX = const(65535)

# Returned by a step of a reply that takes several turns of the loop while it is not done (Pending).
MORE = object()

# Returned by LineReader.feed() for a line that overflowed the buffer (it is then discarded).
TOOLONG = object()
_TOOLONG_REPLY = "- err toolong line longer than %d bytes; send shorter lines" % MAXLINE


# the interpreter's version, for `hello` (firmware 0.6.0): `picoloop install` on an unchanged board
# reports it without entering the REPL
_MICROPYTHON = "%d.%d.%d" % tuple(sys.implementation.version[:3])


def boot_line():
    return "! boot picoloop proto=%d fw=%s" % (PROTO, FW_VERSION)


class LineReader:
    """Cuts a byte stream into request lines with a fixed buffer of MAXLINE bytes.

    A line ends at LF, CR LF or a lone CR: a serial terminal in raw mode (picocom, screen) sends
    a lone CR for Enter, and the board's binary stdin passes it on as it is. The LF of a CR LF
    belongs to the CR's line end, also when it comes in a later read: it is not a second, empty
    line. feed(byte) returns None while a line is being collected (and for that LF), the line's
    bytes (without its end) when it is complete, or TOOLONG at the end of an overlong line. An
    overlong line is never stored: its bytes past the buffer are dropped as they come.
    """

    def __init__(self, maxline=MAXLINE):
        self.buf = bytearray(maxline)
        self.max = maxline
        # bytes in buf, "the last byte was a CR", "this line overflowed": an array, so that the
        # board's fast path (bridge_fast) reads and updates the same state
        self.st = array("i", [0, 0, 0])
        self._one = bytearray(1)

    def feed(self, b):
        st = self.st
        after_cr = st[1]
        st[1] = 1 if b == _CR else 0
        if b == _NL or b == _CR:
            if after_cr and b == _NL:
                return None  # the LF of a CR LF: the line ended at the CR
            n = st[0]
            st[0] = 0
            if st[2]:
                st[2] = 0
                return TOOLONG
            return bytes(self.buf[:n])
        if st[2]:
            return None
        if st[0] >= self.max:
            st[2] = 1
            return None
        self.buf[st[0]] = b
        st[0] += 1
        return None

    def fill(self, waiting, readinto):
        """Reads the bytes that wait, one at a time, to the end of the first line; returns what
        feed() returns at that line end, or None once no byte waits (the line so far is kept).

        waiting(0): iterable, non-empty while a byte waits (MicroPython's poll.ipoll, no allocation);
        readinto(buf): reads exactly len(buf) bytes. One byte at a time, each after a poll,
        because rp2's USB stdin blocks until it has every byte asked for (bridge_usb): the poll
        makes each read safe, and a person typing or a host dying mid-line never stalls the loop.
        (On a board, bridge_fast.serve does this in viper.)
        """
        one = self._one
        while True:
            for _ in waiting(0):
                break
            else:
                return None
            readinto(one)
            line = self.feed(one[0])
            if line is not None:
                return line

    def taken(self, n):
        """The line of n bytes that bridge_fast.serve left in the buffer (n > max: too long)."""
        return TOOLONG if n > self.max else bytes(self.buf[:n])


class Clock:
    """Microseconds since start, never wrapping, built on MicroPython's wrapping ticks_us.

    ticks_us() wraps (at 2**30 on MicroPython ports); ticks_diff() is only meaningful for spans
    below half the period (about 536 s), so now_us() must be called at least that often: the
    bridge runs a task that does it (bridge.Bridge.keep_clock).
    """

    def __init__(self, ticks_us, ticks_diff):
        self.ticks_us = ticks_us
        self._ticks_diff = ticks_diff
        # last ticks_us, then seconds and microseconds since start: two small ints, never a big
        # one, in an array the board's fast path (bridge_fast) reads and updates too
        self.st = array("i", [ticks_us(), 0, 0])

    def now_us(self):
        st = self.st
        now = self.ticks_us()
        us = st[2] + self._ticks_diff(now, st[0])
        st[0] = now
        while us >= 1000000:
            us -= 1000000
            st[1] += 1
        st[2] = us
        return st[1] * 1000000 + us

    def at_us(self, ticks):
        """now_us() of a recent raw ticks_us() value (less than about 536 s old)."""
        total = self.now_us()
        return total + self._ticks_diff(ticks, self.st[0])


class Keepalive:
    """The host-alive watchdog of `keepalive <ms>`: while armed, every line from the host moves the
    deadline to <ms> from now, so only a host that has gone quiet (killed, crashed, hung) lets it
    run out; the bridge's guard task then puts the board in the safe state
    (Dispatcher.expire_if_due). Disarmed (ms == 0) at boot, by `keepalive 0` and by an expiry.

    ticks_ms/ticks_diff/ticks_add: MicroPython's (wrapping); changed: set by the owner, called
    after every accepted `keepalive` (the bridge restarts its guard task to the new deadline).
    """

    def __init__(self, ticks_ms, ticks_diff, ticks_add):
        self._ticks_ms = ticks_ms
        self._td = ticks_diff
        self._ta = ticks_add
        self.ms = 0
        self._deadline = 0
        self.changed = None

    def set(self, ms):
        self.ms = ms
        self.refresh()
        if self.changed is not None:
            self.changed()

    def refresh(self):
        if self.ms:
            self._deadline = self._ta(self._ticks_ms(), self.ms)

    def left_ms(self):
        """Milliseconds until the deadline (0: it has passed), or -1 while disarmed."""
        if not self.ms:
            return -1
        left = self._td(self._deadline, self._ticks_ms())
        return left if left > 0 else 0


def _printable(s, limit):
    # For echoing something into a message: printable ASCII only, bounded length.
    out = []
    for ch in s[:limit]:
        o = ord(ch)
        out.append(ch if 0x20 <= o <= 0x7E else "?")
    if len(s) > limit:
        out.append("...")
    return "".join(out)


def is_digits(s):
    if not s:
        return False
    for ch in s:
        if ch < "0" or ch > "9":
            return False
    return True


def bounded_int(s, max_digits):
    """s as a number if it is 1 to max_digits decimal digits, else -1. Length first: a hostile
    100-digit number must never become a big int."""
    return int(s) if is_digits(s) and len(s) <= max_digits else -1


def settle(handler, args):
    """handler(args) as the reply's words ("ok ...", "err ..."); a value that is neither None nor a
    str (MORE, or a handler's work with a step()) is returned as it is."""
    try:
        value = handler(args)
    except ProtocolError as e:
        return "err %s %s" % (e.code, e.message)
    except Exception as e:  # a bug: report it, keep the bridge running
        return "err internal %s" % _printable("%s: %s" % (type(e).__name__, e), 150)
    if value is None:
        return "ok"
    return "ok " + value if isinstance(value, str) else value


class Pending:
    """A reply that takes several turns of the loop: the handler returned its work, whose step()
    returns MORE until it is done. The bridge answers no other request meanwhile (replies stay in
    the order of the requests) but lets its other tasks run between two steps."""

    def __init__(self, rid, work):
        self.rid = rid
        self.work = work

    def step(self):
        """One step; the whole reply line once the work is done, else None."""
        reply = settle(self.work.step, None)
        return None if reply is MORE else self.rid + " " + reply

    def finish(self):
        """All the steps at once (tests, and callers with nothing else to run)."""
        while True:
            reply = self.step()
            if reply is not None:
                return reply


class ProtocolError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


_OUT = "out"
_IN = "in"
UNSET = const(0)
OUT_LOW = const(1)  # bridge_fast has the same two numbers
OUT_HIGH = const(2)
INPUT = const(3)
PWM = const(4)  # bridge_pwm
ANALOG = const(5)  # bridge_adc
_PULLS = ("up", "down", "none")
_USAGE = {
    "hello": "hello",
    "ping": "ping",
    "mode": "mode <pin> out [0|1] or mode <pin> in [up|down|none]",
    "write": "write <pin> <0|1> [<pin> <0|1> ...]",
    "toggle": "toggle <pin>",
    "read": "read <pin>",
    "off": "off",
    "watch": "watch <pin> [up|down|none] [<debounce_ms 0-%d>]" % DEBOUNCE_MAX_MS,
    "unwatch": "unwatch <pin>",
    "keepalive": "keepalive <ms 0 (off) or %d-%d>" % (KEEPALIVE_MIN_MS, KEEPALIVE_MAX_MS),
    "repl": "repl",
}


# The command families imported at their first request, not at boot: compiling their source is
# about a fifth of the bridge's start (docs/performance.md, "Boot"), and many sessions never use
# them. (Dispatcher attribute, module, class made with the Dispatcher, its words in the order the
# command list names them.) The words are written here too, so that the command list needs no
# import: check_lazy_families_name_the_words_of_their_handlers holds them equal.
LAZY = (
    ("pwm", "bridge_pwm", "Pwm", ("pwm", "fade", "tone")),
    ("analog", "bridge_adc", "Analog", ("adc", "stream")),
    ("files", "bridge_files", "Files", ("files",)),
)


class _NotLoaded:
    """A lazy family before its first request: it has no PWM output, fade, tone or stream yet, so
    the safe state, a pin's new role and the timer task find nothing of it to end."""

    def release(self, key):
        pass

    def all_off(self):
        pass

    def stop_all(self):
        pass

    def service(self):
        return -1


_NOT_LOADED = _NotLoaded()


class Dispatcher:
    """Turns one request line into one reply line (or None for an empty line).

    board: bridge_board.BoardModel; driver: setup_out(key, level), setup_in(key, pull), write(key,
    level), read(key) -> 0|1, with key an int GPIO number or "LED"; now_us: callable; uid: hex
    string; edges: bridge_edges.Edges for `watch`/`unwatch`; keepalive: Keepalive for
    `keepalive` (None: those commands answer `err internal`). After a `repl` request,
    repl_requested is True and the caller leaves its loop. pwm, analog and files are the LAZY
    families: a stand-in until the first request of theirs, or load(attr).
    """

    def __init__(self, board, driver, now_us, uid, edges=None, keepalive=None):
        self.board = board
        self.driver = driver
        self.now_us = now_us
        self.uid = uid
        self.edges = edges
        self.keepalive = keepalive
        # what each pin is set up as: UNSET, OUT_LOW, OUT_HIGH or INPUT; GPIO in a bytearray that
        # the board's fast path (bridge_fast) reads and updates too, a named pin (the Pico W's LED)
        # in a dict
        self.gpio = bytearray(30)
        self._named = {}
        self.repl_requested = False
        self._gpio = bytearray(100)  # 1 for each free GPIO: a one- or two-digit pin token's fast check
        for n in range(100):
            self._gpio[n] = 1 if board.is_free(n) else 0
        self.wake_timers = None  # set by the owner: called when a fade, tone or stream starts
        # each module names its own commands: a new one is added in its module alone (a lazy
        # family's also in LAZY, which a check holds equal to its handlers())
        core = (
            ("hello", self._hello),
            ("ping", self._ping),
            ("mode", self._mode),
            ("write", self._write),
            ("toggle", self._toggle),
            ("read", self._read),
            ("off", self._off),
            ("watch", self._watch),
            ("unwatch", self._unwatch),
            ("keepalive", self._keepalive),
            ("repl", self._repl),
        )
        self._handlers = {}
        words = []
        for word, handler in core:
            self._handlers[word] = handler
            words.append(word)
        for attr, _module, _cls, family in LAZY:
            setattr(self, attr, _NOT_LOADED)
            for word in family:
                self._handlers[word] = self._first_request(attr, word)
                words.append(word)
        self.commands = " ".join(words)  # what the errors for an unknown or missing command list

    # -- framing and parsing ------------------------------------------------------------------

    def handle_line(self, line):
        """line: bytes without its line end, at most MAXLINE of them (LineReader), or TOOLONG. Returns the reply (str),
        None, or a Pending for a reply that takes several turns (`files`)."""
        if self.keepalive is not None:
            self.keepalive.refresh()  # any line, even a refused one: the host is alive
        if line is TOOLONG:
            return _TOOLONG_REPLY
        if not line:
            return None
        if min(line) < 0x20 or max(line) > 0x7E:  # two loops in C; the column only for the message
            for i in range(len(line)):
                b = line[i]
                if b < 0x20 or b > 0x7E:
                    return "- err syntax byte 0x%02X at column %d is not printable ASCII" % (b, i + 1)
        tokens = line.decode().split()
        if not tokens:
            return None
        rid = "-"
        first = tokens[0]
        if first.isdigit():  # ASCII only by now: 0-9
            if len(first) > 5 or int(first) > _ID_MAX:
                return "- err syntax id must be a number 0 to 65535"
            rid = first if first[0] != "0" else str(int(first))
            tokens.pop(0)
        if not tokens:
            return "%s err syntax no command after the id (commands: %s)" % (rid, self.commands)
        reply = self.dispatch(tokens[0], tokens[1:])
        return rid + " " + reply if isinstance(reply, str) else Pending(rid, reply)

    def dispatch(self, command, args):
        handler = self._handlers.get(command)  # as typed first: lower case needs no new string
        if handler is None:
            command = command.lower()
            handler = self._handlers.get(command)
        if handler is None:
            return "err unknown no command %s (commands: %s)" % (_printable(command, 20), self.commands)
        return settle(handler, args)

    def load(self, attr):
        """The lazy family at attr ("pwm", "analog", "files"), imported and made at the first call
        (on a board its module's compile: docs/protocol.md, "Timing and flow")."""
        part = getattr(self, attr)
        if part is _NOT_LOADED:
            for a, module, cls, _family in LAZY:
                if a == attr:
                    part = getattr(__import__(module), cls)(self)
                    for word, handler in part.handlers():
                        self._handlers[word] = handler
                    setattr(self, attr, part)
        return part

    def _first_request(self, attr, word):
        def load_and_handle(args):
            self.load(attr)
            return self._handlers[word](args)

        return load_and_handle

    # -- argument helpers -----------------------------------------------------------------------

    def _args(self, command, args, low, high):
        if not low <= len(args) <= high:
            raise ProtocolError("args", "usage: " + _USAGE[command])

    def _pin(self, token):
        """A pin token to its driver key (int GPIO or "LED"), or ProtocolError pin."""
        if len(token) <= 2 and token.isdigit() and self._gpio[int(token)]:
            return int(token)  # the common case, without a new string
        t = token.lower()
        if t == "led":
            return self.board.led
        n = bounded_int(t[2:] if t.startswith("gp") else t, 2)
        if n >= 0 and self.board.is_free(n):
            return n
        use = self.board.board_use(n)
        raise ProtocolError(
            "pin",
            "%s is not a free GPIO on this board (free: %s)%s"
            % (_printable(token, 20), self.board.pins_text, ": " + use if use else ""),
        )

    def _input_pin(self, key):
        """key, unless it is the Pico W's LED: a pin of the wireless chip, output only (it takes no
        pull, and reads nothing a program could use)."""
        if isinstance(key, int):
            return key
        raise ProtocolError(
            "pin",
            "%s is the onboard LED, an output only; for an input use a GPIO from the header (free: %s)"
            % (key, self.board.pins_text),
        )

    def _level(self, command, token):
        if token == "0":
            return 0
        if token == "1":
            return 1
        raise ProtocolError("args", "level must be 0 or 1; usage: " + _USAGE[command])

    def _output(self, key):
        if self._driven(key) < 0:
            name = self.board.pin_name(key)
            raise ProtocolError(
                "mode", "%s is not an output; send: mode %s out" % (name, name)
            )

    # -- commands -------------------------------------------------------------------------------

    def _hello(self, args):
        self._args("hello", args, 0, 0)
        # A new host session. An earlier host that armed the keepalive asked for the safe state
        # once it stops talking, and it has: do it now, rather than in the new session's face.
        if self.keepalive is not None and self.keepalive.ms:
            self.keepalive.set(0)
            self.safe_state()
        self.analog.stop_all()  # samples are for the host that asked for them
        model = self.board.model.replace('"', "'")
        return 'picoloop proto=%d fw=%s uid=%s led=%s pins=%s maxline=%d micropython=%s model="%s"' % (
            PROTO,
            FW_VERSION,
            self.uid,
            self.board.led,
            self.board.pins_text,
            MAXLINE,
            _MICROPYTHON,
            _printable(model, 80),
        )

    def _ping(self, args):
        if args:
            self._args("ping", args, 0, 0)
        return str(self.now_us())

    def _mode(self, args):
        self._args("mode", args, 2, 3)
        key = self._pin(args[0])
        kind = args[1].lower()
        if kind == _OUT:
            level = self._level("mode", args[2]) if len(args) == 3 else 0
            self.release(key)
            self.driver.setup_out(key, level)
            t = self.now_us()  # right after the pin is driven: when the level appeared
            self._set(key, OUT_HIGH if level else OUT_LOW)
            return str(t)
        if kind == _IN:
            pull = args[2].lower() if len(args) == 3 else "none"
            if pull not in _PULLS:
                raise ProtocolError("args", "pull must be up, down or none; usage: " + _USAGE["mode"])
            self._input_pin(key)
            self.release(key)
            self.driver.setup_in(key, pull)
            self._set(key, INPUT)
            return None
        raise ProtocolError("args", "usage: " + _USAGE["mode"])

    def _write(self, args):
        n = len(args)
        if n == 2:
            key = self._pin(args[0])
            level = self._level("write", args[1])
            self._output(key)
            self.driver.write(key, level)
            t = self.now_us()  # right after pin.value(level): when the level appeared
            self._set(key, OUT_HIGH if level else OUT_LOW)
            return str(t)
        if n < 2 or n & 1:
            raise ProtocolError("args", "usage: " + _USAGE["write"])
        return self._write_together(args)

    def _write_together(self, args):
        """`write <pin> <level> <pin> <level> ...`: every pin takes its level in the same instant
        (driver.write_gpios: one store to the GPIO registers), or, on any error, none does."""
        ones = 0
        zeros = 0
        keys = []
        for i in range(0, len(args), 2):
            key = self._pin(args[i])
            level = self._level("write", args[i + 1])
            self._output(key)
            if not isinstance(key, int):
                raise ProtocolError(
                    "pin", "%s is on the wireless chip, not a GPIO: write it in a request of its own" % key
                )
            bit = 1 << key
            if (ones | zeros) & bit:
                raise ProtocolError("args", "GP%d is named twice: each pin once per write" % key)
            if level:
                ones |= bit
            else:
                zeros |= bit
            keys.append(key)
        self.driver.write_gpios(ones, zeros)
        t = self.now_us()  # right after the store: when the levels appeared
        for key in keys:
            self._set(key, OUT_HIGH if ones >> key & 1 else OUT_LOW)
        return str(t)

    def _toggle(self, args):
        if len(args) != 1:
            self._args("toggle", args, 1, 1)
        key = self._pin(args[0])
        self._output(key)
        level = 1 - self._driven(key)
        self.driver.write(key, level)
        t = self.now_us()  # right after pin.value(level)
        self._set(key, OUT_HIGH if level else OUT_LOW)
        return str(level) + " " + str(t)

    def _read(self, args):
        self._args("read", args, 1, 1)
        key = self._pin(args[0])
        state = self._state(key)
        if state == OUT_LOW or state == OUT_HIGH:
            return str(self._driven(key))
        if state == INPUT:
            return str(1 if self.driver.read(key) else 0)
        name = self.board.pin_name(key)
        if state == PWM or state == ANALOG:
            raise ProtocolError("mode", "%s is %s; for a level send: mode %s in" % (
                name, "a PWM output" if state == PWM else "an analog input (send: adc %s)" % name, name))
        # the Pico W's LED is an output only: an input is no way to read it
        raise ProtocolError(
            "mode", "%s is not set up; send: mode %s %s" % (name, name, "in" if isinstance(key, int) else "out")
        )

    def _off(self, args):
        self._args("off", args, 0, 0)
        return str(self.all_off())

    def _watch(self, args):
        self._args("watch", args, 1, 3)
        key = self._input_pin(self._pin(args[0]))
        pull = args[1].lower() if len(args) >= 2 else "up"
        if pull not in _PULLS:
            raise ProtocolError("args", "pull must be up, down or none; usage: " + _USAGE["watch"])
        ms = DEBOUNCE_MS
        if len(args) == 3:
            ms = bounded_int(args[2], 4)
            if ms < 0 or ms > DEBOUNCE_MAX_MS:
                raise ProtocolError(
                    "args", "debounce must be 0 to %d ms; usage: %s" % (DEBOUNCE_MAX_MS, _USAGE["watch"])
                )
        if self.edges is None:
            raise ProtocolError("internal", "no edge support in this build")
        self.pwm.release(key)
        self.analog.release(key)
        self.driver.setup_in(key, pull)
        self._set(key, INPUT)
        return str(self.edges.watch(key, ms))

    def _unwatch(self, args):
        self._args("unwatch", args, 1, 1)
        key = self._pin(args[0])
        if self.edges is None or not self.edges.watching(key):
            name = self.board.pin_name(key)
            raise ProtocolError("mode", "%s is not watched; send: watch %s" % (name, name))
        self.edges.unwatch(key)
        return None

    def _keepalive(self, args):
        self._args("keepalive", args, 1, 1)
        ms = bounded_int(args[0], 6)
        if ms != 0 and not KEEPALIVE_MIN_MS <= ms <= KEEPALIVE_MAX_MS:
            raise ProtocolError(
                "args", "keepalive must be 0 (off) or %d to %d ms; usage: %s"
                % (KEEPALIVE_MIN_MS, KEEPALIVE_MAX_MS, _USAGE["keepalive"])
            )
        if self.keepalive is None:
            raise ProtocolError("internal", "no keepalive in this build")
        self.keepalive.set(ms)
        return None

    def expire_if_due(self):
        """The guard task's check: once the armed keepalive has run out, the safe state and the
        event line to send ("! expired <ms>"), disarmed until the next `keepalive`; else None."""
        ka = self.keepalive
        if ka is None or ka.left_ms() != 0:
            return None
        ms = ka.ms
        ka.ms = 0  # not ka.set(0): that restarts the guard task, which is the caller here
        self.safe_state()
        return "! expired %d" % ms

    # -- pin states ------------------------------------------------------------------------------

    def _state(self, key):
        return self.gpio[key] if isinstance(key, int) else self._named.get(key, UNSET)

    def _set(self, key, state):
        if isinstance(key, int):
            self.gpio[key] = state
        else:
            self._named[key] = state

    def _driven(self, key):
        """The level an output drives, or -1 for a pin that is not an output."""
        state = self._state(key)
        return 1 if state == OUT_HIGH else 0 if state == OUT_LOW else -1

    def _outputs(self):
        keys = [n for n in range(len(self.gpio)) if self.gpio[n] == OUT_LOW or self.gpio[n] == OUT_HIGH]
        return keys + [k for k in self._named if self._named[k] in (OUT_LOW, OUT_HIGH)]

    pin = _pin  # for bridge_pwm and bridge_adc
    state = _state
    set_state = _set

    def release(self, key):
        """Before the pin takes another role: no longer watched, PWM or sampled."""
        if self.edges is not None and self.edges.watching(key):
            self.edges.unwatch(key)
        self.pwm.release(key)
        self.analog.release(key)

    def _repl(self, args):
        self._args("repl", args, 0, 0)
        self.all_off()
        if self.edges is not None:
            self.edges.unwatch_all()
        if self.keepalive is not None:
            self.keepalive.set(0)  # the REPL's tools must not have the outputs switched off later
        self.repl_requested = True
        return None

    def safe_state(self):
        """Every output low (PWM too), every watch and stream ended; keeps going past a failure
        (nothing to report it to: the host is gone, or the bridge is ending)."""
        try:
            self.all_off()
        except Exception:
            pass
        if self.edges is not None:
            self.edges.unwatch_all()

    def all_off(self):
        """The safe state: every output driven low, PWM outputs made plain outputs first, fades,
        tones and streams stopped. Returns how many outputs there are."""
        n = 0
        failure = None
        self.analog.stop_all()
        try:
            self.pwm.all_off()
        except Exception as e:  # keep going: the other outputs must still go low
            failure = e
        for key in self._outputs():
            try:
                self.driver.write(key, 0)
                self._set(key, OUT_LOW)
            except Exception as e:  # keep going: the other outputs must still go low
                failure = e
            n += 1
        if failure is not None:
            raise failure
        return n
