# Unit checks of the pure firmware layer, shared by CPython (test_checks.py) and the real
# MicroPython interpreter (mpy/mpy_main.py). Each check_* function raises AssertionError.
import bridge_board
import bridge_edges
import bridge_protocol as bp
import vectors


def _device(board="pico"):
    return vectors.ProtocolDevice(board)


def _ask(device, data):
    device.send(data + b"\n")
    return device.recv()


def _eq(got, want):
    assert got == want, "got %r, want %r" % (got, want)


def check_framing_cr_and_limit():
    d = _device()
    _eq(_ask(d, b"1 ping " + b" " * 113)[:5], "1 ok ")  # exactly 120 bytes
    _eq(_ask(d, b"1 ping " + b" " * 113 + b"\r")[:5], "1 ok ")  # 120 and a dropped \r
    _eq(_ask(d, b"1 ping " + b" " * 114)[:11], "- err toolo")  # 121 bytes
    _eq(_ask(d, b"x" * 100000)[:11], "- err toolo")
    _eq(_ask(d, b"2 ping")[:5], "2 ok ")


def check_line_reader_is_bounded():
    r = bp.LineReader()
    for _ in range(10000):
        assert r.feed(0x41) is None
    assert len(r.buf) == bp.MAXLINE
    assert r.feed(10) is bp.TOOLONG
    for b in b"ok":
        r.feed(b)
    _eq(r.feed(10), b"ok")


def _lines(reader, *reads):
    """What a LineReader makes of these reads, one list per read (TOOLONG as "TOOLONG"); the same
    reads through fill() (the bridge's path: bytes read straight into the buffer) must agree."""
    out = []
    for data in reads:
        got = [reader.feed(b) for b in data]
        out.append(["TOOLONG" if x is bp.TOOLONG else x for x in got if x is not None])
    _eq(_filled(bp.LineReader(), *reads), out)
    return out


def _filled(reader, *reads):
    out = []
    for data in reads:
        waiting = list(data)

        def ready(timeout):
            return (1,) if waiting else ()

        def readinto(view):
            view[0] = waiting.pop(0)
            return 1

        got = []
        while True:
            line = reader.fill(ready, readinto)
            if line is None:
                break
            got.append("TOOLONG" if line is bp.TOOLONG else line)
        out.append(got)
    return out


def check_fill_keeps_a_partial_line_and_reads_nothing_more_than_waits():
    r = bp.LineReader()
    _eq(_filled(r, b"12 tog", b"gle 25\r", b"\n3 ping\n4"), [[], [b"12 toggle 25"], [b"3 ping"]])
    _eq(_filled(r, b" ping\n"), [[b"4 ping"]])
    _eq(_filled(r, b"x" * 121, b"\n", b"y" * 120 + b"\n"), [[], ["TOOLONG"], [b"y" * 120]])


def check_line_reader_ends_lines_at_lf_crlf_or_a_lone_cr():
    r = bp.LineReader()
    _eq(_lines(r, b"ping\n", b"ping\r\n", b"ping\r"), [[b"ping"], [b"ping"], [b"ping"]])
    _eq(_lines(r, b"1 ping\r2 ping\r"), [[b"1 ping", b"2 ping"]])
    # the LF of a CR LF is no second line, also when it comes in the next read
    _eq(_lines(r, b"3 ping\r", b"\n4 ping\r", b"\n"), [[b"3 ping"], [b"4 ping"], []])
    # but a CR or LF after it is one: empty lines (ignored by the dispatcher)
    _eq(_lines(r, b"5\r\r\n", b"6\r\n\n", b"\n\r"), [[b"5", b""], [b"6", b""], [b"", b""]])
    # overlong lines end at a CR as well, and keep the 120-byte limit
    _eq(_lines(r, b"x" * 121 + b"\r\n7\r", b"y" * 120 + b"\r\n"), [["TOOLONG", b"7"], [b"y" * 120]])
    _eq(_lines(r, b"z" * 500 + b"\r", b"\n8\n"), [["TOOLONG"], [b"8"]])


def check_ids():
    d = _device()
    _eq(_ask(d, b"00007 ping")[:5], "7 ok ")
    _eq(_ask(d, b"65535"), "65535 err syntax no command after the id (commands: %s)" % d.dispatcher.commands)
    _eq(_ask(d, b"9" * 100 + b" ping")[:12], "- err syntax")
    _eq(_ask(d, b"65536 ping")[:12], "- err syntax")
    _eq(_ask(d, b"-1 ping")[:13], "- err unknown")


def check_empty_and_spaces():
    d = _device()
    _eq(_ask(d, b""), None)
    _eq(_ask(d, b"     "), None)
    _eq(_ask(d, b"  \r"), None)
    _eq(_ask(d, b"  3   PiNg  ")[:5], "3 ok ")


def check_bad_bytes():
    d = _device()
    for bad in (b"\x00", b"\x03", b"\x7f", b"\x80", b"\xff", b"\t", b"\x1b[A"):
        _eq(_ask(d, b"1 ping" + bad)[:12], "- err syntax")
    _eq(_ask(d, b"2 ping\r\r")[:5], "2 ok ")  # a CR ends the line; the next one an empty line


def check_pins_refused_without_big_ints():
    d = _device()
    for tok in (b"23", b"24", b"29", b"30", b"-1", b"GP", b"GP-1", b"1e3", b"0x19", b"9" * 105, b"gp" + b"9" * 100, b"led2"):
        got = _ask(d, b"1 mode " + tok + b" out")
        assert got.startswith("1 err pin "), got
        assert len(got) <= bp.MAXREPLY, got
    _eq(_ask(d, b"2 mode gp28 OUT 1")[:5], "2 ok ")
    _eq(d.driver.level(28), 1)


def check_replies_are_short():
    d = _device()
    for line in (b"1 " + b"z" * 118, b"1 mode " + b"q" * 113, b"1 hello", b"1 write " + b"w" * 100 + b" 1"):
        got = _ask(d, line)
        assert got is not None and len(got) <= bp.MAXREPLY, got
        for ch in got:
            assert 0x20 <= ord(ch) <= 0x7E, got


def check_read_output_and_input():
    d = _device()
    _eq(_ask(d, b"1 mode 3 in up"), "1 ok")
    _eq(_ask(d, b"2 read 3"), "2 ok 1")
    d.driver.outside[3] = 0
    _eq(_ask(d, b"3 read GP3"), "3 ok 0")
    _eq(_ask(d, b"4 mode 3 out 1")[:5], "4 ok ")
    _eq(_ask(d, b"5 read 3"), "5 ok 1")
    _eq(_ask(d, b"6 mode 3 in"), "6 ok")
    _eq(_ask(d, b"7 off"), "7 ok 0")
    _eq(_ask(d, b"8 write 3 1")[:10], "8 err mode")


class _Boom:
    def setup_out(self, key, level):
        raise RuntimeError("driver \x00 failed")


class _SlowPins(vectors.FakeDriver):
    """Every pin change takes 100 us on a fake clock, so a reply time read before the change
    would be 100 us early."""

    def __init__(self):
        super().__init__()
        self.now = 5000

    def setup_out(self, key, level):
        self.now += 100
        super().setup_out(key, level)

    def write(self, key, level):
        self.now += 100
        super().write(key, level)


def check_output_replies_carry_the_time_the_level_changed():
    pins = _SlowPins()
    d = bp.Dispatcher(bridge_board.for_model(vectors.MODELS["pico"]), pins, lambda: pins.now, "AB")
    _eq(d.handle_line(b"1 ping"), "1 ok 5000")
    _eq(d.handle_line(b"2 mode 25 out 1"), "2 ok 5100")
    _eq(d.handle_line(b"3 write 25 0"), "3 ok 5200")
    _eq(d.handle_line(b"4 toggle LED"), "4 ok 1 5300")
    _eq(d.handle_line(b"5 write GP25 1"), "5 ok 5400")  # the same level again: still driven, still timed
    _eq(d.handle_line(b"6 read 25"), "6 ok 1")
    _eq(d.handle_line(b"7 mode 25 in"), "7 ok")  # an input drives nothing: no time
    _eq(d.handle_line(b"8 off"), "8 ok 0")


def check_write_several_pins_in_one_instant():
    pins = vectors.FakeDriver()
    d = bp.Dispatcher(bridge_board.for_model(vectors.MODELS["pico"]), pins, lambda: 7000, "AB")
    for pin in (16, 19, 20):
        d.handle_line(("1 mode %d out" % pin).encode())
    _eq(d.handle_line(b"2 write 16 1 19 0 GP20 1"), "2 ok 7000")
    _eq(pins.together, [[(16, 1), (20, 1)]])  # one store; 19 was low already
    _eq(d.handle_line(b"3 write 16 0 19 1 20 0"), "3 ok 7000")
    _eq(pins.together[1], [(16, 0), (19, 1), (20, 0)])
    _eq(d.handle_line(b"4 read 19"), "4 ok 1")
    _eq(d.handle_line(b"5 toggle 19"), "5 ok 0 7000")  # the levels the bridge keeps follow
    # any error: no pin changes (all are checked before the store)
    for bad, code in ((b"6 write 16 1 19", "args"), (b"6 write 16 1 18 1", "mode"), (b"6 write 16 1 16 0", "args"),
                      (b"6 write 16 1 23 1", "pin"), (b"6 write 16 1 19 2", "args")):
        got = d.handle_line(bad)
        assert got.startswith("6 err %s " % code), got
    _eq(len(pins.together), 2)
    _eq(pins.driven[16], 0)


def check_write_several_pins_refuses_the_pico_w_led():
    pins = vectors.FakeDriver()
    d = bp.Dispatcher(bridge_board.for_model(vectors.MODELS["picow"]), pins, lambda: 7000, "AB")
    d.handle_line(b"1 mode LED out")
    d.handle_line(b"1 mode 16 out")
    got = d.handle_line(b"2 write 16 1 LED 1")
    assert got.startswith("2 err pin LED is on the wireless chip"), got
    _eq(pins.together, [])
    _eq(d.handle_line(b"3 write LED 1")[:5], "3 ok ")


def check_internal_error_keeps_going():
    d = vectors.ProtocolDevice("pico", _Boom(), level=lambda k: None)
    got = _ask(d, b"4 mode 5 out")
    assert got.startswith("4 err internal RuntimeError"), got
    assert "\x00" not in got
    _eq(_ask(d, b"5 ping")[:5], "5 ok ")


def check_repl_command():
    d = _device()
    _ask(d, b"1 mode 25 out 1")
    _eq(_ask(d, b"2 repl extra")[:10], "2 err args")
    assert not d.dispatcher.repl_requested
    _eq(_ask(d, b"3 REPL"), "3 ok")
    assert d.dispatcher.repl_requested
    _eq(d.driver.level(25), 0)


def check_boards():
    pico = bridge_board.for_model("Raspberry Pi Pico with RP2040")
    pico2 = bridge_board.for_model("Raspberry Pi Pico2 with RP2350")
    w = bridge_board.for_model("Raspberry Pi Pico W with RP2040")
    w2 = bridge_board.for_model("Raspberry Pi Pico 2 W with RP2350")
    for b in (pico, pico2):
        _eq((b.led, b.pins_text, b.wireless), (25, "0-22,25-28", False))
    for b in (w, w2):
        _eq((b.led, b.pins_text, b.wireless), ("LED", "0-22,26-28", True))
    _eq([n for n in range(-2, 40) if pico.is_free(n)], list(range(0, 23)) + list(range(25, 29)))
    _eq([n for n in range(-2, 40) if w.is_free(n)], list(range(0, 23)) + list(range(26, 29)))
    _eq(pico.free, [n for n in range(30) if pico.is_free(n)])
    _eq([pico.board_use(n) for n in (22, 23, 24, 25, 29)],
        [None, "GP23 sets the power-supply mode", "GP24 senses VBUS", None, "GP29 senses VSYS"])
    _eq([w.board_use(n) for n in (22, 23, 25)],
        [None, "GP23 belongs to the wireless chip",
         "GP25 belongs to the wireless chip; use LED for the onboard LED"])
    for b in (pico, pico2, w, w2):
        _eq([(n, b.adc_channel(n)) for n in range(30) if b.adc_channel(n) is not None],
            [(26, 0), (27, 1), (28, 2)])
    # RP2040 datasheet, 4.5.2: GP0 is PWM 0A, GP1 0B, ... GP15 7B, GP16 0A again
    _eq([pico.pwm(n) for n in (0, 1, 2, 15, 16, 28)], [(0, 0), (0, 1), (1, 0), (7, 1), (0, 0), (6, 0)])
    _eq(bridge_board._ranges([]), "")
    _eq(bridge_board._ranges([3]), "3")


def check_refusal_says_what_the_board_uses_the_pin_for():
    _eq(_ask(_device(), b"1 mode 29 out"),
        "1 err pin 29 is not a free GPIO on this board (free: 0-22,25-28): GP29 senses VSYS")
    _eq(_ask(_device("picow"), b"2 mode GP25 out"),
        "2 err pin GP25 is not a free GPIO on this board (free: 0-22,26-28): GP25 belongs to the"
        " wireless chip; use LED for the onboard LED")
    _eq(_ask(_device(), b"3 mode 30 out"), "3 err pin 30 is not a free GPIO on this board (free: 0-22,25-28)")


def check_pico_w_led_is_an_output_only():
    w = _device("picow")
    refusal = ("err pin LED is the onboard LED, an output only; for an input use a GPIO from the"
               " header (free: 0-22,26-28)")
    for i, line in enumerate((b"mode LED in up", b"mode led in", b"mode LED in down", b"watch LED")):
        _eq(_ask(w, ("%d " % i).encode() + line), "%d %s" % (i, refusal))
    _eq(w.driver.pulls, {})  # nothing reached the pin driver
    _eq(_ask(w, b"5 mode LED in sideways")[:10], "5 err args")
    _eq(_ask(w, b"6 mode LED out 1")[:5], "6 ok ")


def check_board_names_exactly():
    # sys.implementation._machine of the rp2 builds: "<MICROPY_HW_BOARD_NAME> with <MCU>"
    wireless = ("Raspberry Pi Pico W with RP2040", "Raspberry Pi Pico 2 W with RP2350",
                "Raspberry Pi Pico 2 W with RP2350-RISCV")
    plain = ("Raspberry Pi Pico with RP2040", "Raspberry Pi Pico2 with RP2350",
             "Raspberry Pi Pico2 with RP2350-RISCV", "Machdyne Werkzeug with RP2040",
             "Raspberry Pi Pico Wireless-ish with RP2040", "unknown board",
             "Raspberry Pi Pico WH with RP2040", "W with RP2040", "")
    for model in wireless + plain:
        b = bridge_board.for_model(model)
        _eq((model, b.wireless, b.led), (model, model in wireless, "LED" if model in wireless else 25))


def check_clock_survives_wraps():
    period = 1 << 30
    state = [period - 1000]

    def ticks_us():
        return state[0] % period

    def ticks_diff(a, b):
        return ((a - b + (period >> 1)) % period) - (period >> 1)

    clock = bp.Clock(ticks_us, ticks_diff)
    total = 0
    for step in (500, 400, 200, 300000000, 500000000, 500000000, 7):
        state[0] += step
        total += step
        _eq(clock.now_us(), total)
    assert total > period


def check_matcher():
    m = vectors.match
    assert m("1 ok {int}", "1 ok 42")
    assert not m("1 ok {int}", "1 ok x")
    assert not m("1 ok {int}", "1 ok ")
    assert m("1 err mode {*}", "1 err mode 20 is not an output")
    assert m("1 err mode {*}", "1 err mode")
    assert not m("1 err mode {*}", "1 err modes")
    assert m("a uid={hex} b", "a uid=E661ff b")
    assert not m("a uid={hex} b", "a uid=XYZ b")
    assert m("x fw={word} y model={*}", 'x fw=0.1.0 y model="A B"')
    _eq(vectors.unescape("a\\x00\\r\\t\\\\{3*z}"), b"a\x00\r\t\\zzz")


# -- watched inputs: the debounce state machine on a fake clock ------------------------------------

_PERIOD = 1 << 30


def _ticks_diff(a, b):
    return ((a - b + (_PERIOD >> 1)) % _PERIOD) - (_PERIOD >> 1)


def _ticks_add(a, d):
    return (a + d) % _PERIOD


class _Bench:
    """Edges on a fake ticks_us that starts 10 ms before the 2**30 wrap, a FakeDriver and a list
    of event lines. t is the bench's own clock in microseconds since the start (never wraps)."""

    def __init__(self, size=bridge_edges.RING):
        self.t = 0
        self.lines = []
        self.reading = True  # does the host read? (the link's writable())
        self.writes_left = -1  # when >= 0: lines that still fit before the host stops reading
        self.blind_writes = []  # lines written while writable() would have said no
        self.driver = vectors.FakeDriver()
        self.clock = bp.Clock(self.ticks_us, _ticks_diff)
        self.edges = bridge_edges.Edges(
            self.clock, self.ticks_us, _ticks_diff, _ticks_add, self.driver,
            self.emit, size, self.writable,
        )
        self.wakes = 0
        self.edges.wake = self.on_wake

    def on_wake(self):
        self.wakes += 1

    def writable(self):
        if self.writes_left == 0:
            self.reading = False
        return self.reading

    def emit(self, line):
        if not self.writable():
            self.blind_writes.append(line)
        if self.writes_left > 0:
            self.writes_left -= 1
        self.lines.append(line)

    def ticks_us(self):
        # computed here, not kept: 2**30 itself is a big int on 32-bit MicroPython ports
        return (_PERIOD - 10000 + self.t) % _PERIOD

    def watch(self, pin, pull="up", ms=20):
        self.driver.setup_in(pin, pull)
        return self.edges.watch(pin, ms)

    def drive(self, pin, *levels, spacing=0):
        """Levels in turn, `spacing` us apart (the clock ends at the last one); no drain."""
        for i, level in enumerate(levels):
            if i:
                self.t += spacing
            self.driver.drive(pin, level)

    def at(self, t):
        self.t = t
        return self

    def drain(self):
        """Drain; returns the new event lines."""
        n = len(self.lines)
        self.last_wait = self.edges.drain()
        return self.lines[n:]


def check_edges_leading_edge_is_reported_at_once():
    b = _Bench()
    _eq(b.watch(14), 1)
    b.at(1000).drive(14, 0)
    assert b.wakes == 1
    _eq(b.drain(), ["! edge 14 0 1000 1"])
    _eq(b.last_wait, 20000)  # the window is open for 20 ms from the edge
    b.at(21000)
    _eq(b.drain(), [])  # still pressed: nothing at the window's close
    _eq(b.last_wait, -1)


def check_edges_bounces_are_suppressed():
    b = _Bench()
    b.watch(14)
    b.at(5000).drive(14, 0, 1, 0, 1, 0, spacing=300)  # a bouncing press, 5 edges in 1.2 ms
    _eq(b.drain(), ["! edge 14 0 5000 1"])
    b.at(26000)
    _eq(b.drain(), [])
    b.at(500000).drive(14, 1, 0, 1, 0, 1, spacing=250)  # a bouncing release
    _eq(b.drain(), ["! edge 14 1 500000 2"])
    b.at(530000)
    _eq(b.drain(), [])
    _eq(b.edges.seq, 2)


def check_edges_glitch_is_corrected_at_window_close():
    b = _Bench()
    b.watch(14)
    b.at(100).drive(14, 0, 1, spacing=80)  # an 80 us glitch to GND
    _eq(b.drain(), ["! edge 14 0 100 1"])
    b.at(20099)
    _eq(b.drain(), [])  # the window is still open
    _eq(b.last_wait, 1)
    b.at(20100)
    _eq(b.drain(), ["! edge 14 1 180 2"])  # stamped with the last edge seen


def check_edges_release_within_window():
    b = _Bench()
    b.watch(14)
    b.at(0).drive(14, 0)
    b.at(3000).drive(14, 1, 0, 1, spacing=200)  # a short tap and its bouncing release
    _eq(b.drain(), ["! edge 14 0 0 1"])
    b.at(20000)
    _eq(b.drain(), ["! edge 14 1 3400 2"])


def check_edges_pins_are_independent():
    b = _Bench()
    _eq(b.watch(14), 1)
    _eq(b.watch(15, "down", 5), 0)
    b.at(1000).drive(14, 0)
    b.at(1100).drive(15, 1)
    b.at(1200).drive(14, 1)  # a bounce of 14 only
    _eq(b.drain(), ["! edge 14 0 1000 1", "! edge 15 1 1100 2"])
    _eq(b.last_wait, 6100 - 1200)  # 15's window (5 ms) closes first
    b.at(6100).drive(15, 0)  # after 15's window: a new leading edge
    _eq(b.drain(), ["! edge 15 0 6100 3"])
    b.at(21000).drive(14, 0)  # 14's window has ended: the close reads the level first
    _eq(b.drain(), [])  # the edge at 21000 fell after the end (late drain): folded in, level 0
    b.at(27000)
    _eq(b.drain(), [])
    b.at(40000).drive(14, 1)
    _eq(b.drain(), ["! edge 14 1 40000 4"])


def check_edges_zero_debounce_reports_every_drained_change():
    b = _Bench()
    b.watch(3, "down", 0)
    for i, level in enumerate((1, 0, 1, 0)):
        b.at(100 * (i + 1)).drive(3, level)
        _eq(b.drain(), ["! edge 3 %d %d %d" % (level, 100 * (i + 1), i + 1)])
    b.at(1000).drive(3, 1, 0, 1, spacing=10)  # a burst between two drains: coalesced
    _eq(b.drain(), ["! edge 3 1 1000 5"])
    _eq(b.last_wait, -1)


def check_edges_ring_overflow_reports_lost_then_level():
    b = _Bench(size=4)
    b.watch(14)
    b.watch(15, "down")
    b.at(100).drive(14, *([0, 1] * 5 + [0]), spacing=10)  # 11 edges, 4 fit
    _eq(b.edges._ctl[2], 7)
    lines = b.drain()
    _eq(lines[:2], ["! edge 14 0 100 1", "! lost 7 2"])
    _eq(lines[2:], [])  # 14 ends at 0, as reported
    b.at(1000).drive(14, *([1, 0] * 3 + [1]), spacing=10)
    b.drive(15, 1)
    # the 4 queued edges of 14 (a new press, reported) and then the drops (15's edge among them)
    _eq(b.drain(), ["! edge 14 1 1000 3", "! lost 4 4", "! edge 15 1 1060 5"])
    b.at(1100)
    _eq(b.drain(), [])  # windows were reset by the resync; the queue is empty
    b.at(2000).drive(14, 0)
    _eq(b.drain(), ["! edge 14 0 2000 6"])


def check_edges_unwatch_detaches_and_ignores_queued_edges():
    b = _Bench()
    b.watch(14)
    b.at(10).drive(14, 0)
    b.edges.unwatch(14)
    b.at(20)
    assert 14 not in b.driver.irqs
    _eq(b.drain(), [])  # the queued edge belonged to a pin no longer watched
    b.at(50).drive(14, 1)
    _eq(b.wakes, 1)
    _eq(b.watch(14, "up", 20), 1)
    _eq(b.drain(), [])


def check_edges_watch_again_restarts_from_the_level():
    b = _Bench()
    b.watch(14)
    b.at(10).drive(14, 0)
    b.at(20)
    _eq(b.watch(14, "up", 50), 0)  # the queued edge is older than this read: already in it
    _eq(b.drain(), [])
    b.at(100).drive(14, 1)
    _eq(b.drain(), ["! edge 14 1 100 1"])
    _eq(b.last_wait, 50000)


def check_edges_are_lost_not_written_while_the_host_does_not_read():
    b = _Bench()
    b.watch(14)
    b.watch(15, "down")
    b.at(1000).drive(14, 0)
    _eq(b.drain(), ["! edge 14 0 1000 1"])
    b.at(30000)
    _eq(b.drain(), [])
    b.reading = False  # the host hangs: a write would wait for the USB FIFO
    b.at(40000).drive(14, 1, 0, 1, spacing=100)  # a release, a press, a release
    b.drive(15, 1)
    _eq(b.drain(), [])  # nothing written: 4 edges lost
    _eq(b.last_wait, bridge_edges.RETRY_MS * 1000)  # the drain looks again soon
    b.at(140000)
    _eq(b.drain(), [])
    b.reading = True
    b.at(240000)  # the retry: the loss, then the levels that differ from the ones reported
    _eq(b.drain(), ["! lost 4 2", "! edge 14 1 240000 3", "! edge 15 1 240000 4"])
    _eq(b.last_wait, -1)
    b.at(300000).drive(14, 0)
    _eq(b.drain(), ["! edge 14 0 300000 5"])
    _eq(b.blind_writes, [])


def check_edges_a_host_that_stops_reading_mid_burst_gets_one_lost():
    b = _Bench(size=4)
    b.watch(14)
    b.watch(15, "down", 0)
    b.at(100).drive(14, 0)
    b.at(200).drive(15, 1)
    b.writes_left = 1  # the first event still fits, then the FIFO is full
    b.at(300).drive(14, *([1, 0] * 4), spacing=10)  # 2 of these fit the ring, 6 are dropped
    _eq(b.drain(), ["! edge 14 0 100 1"])  # 15's edge, 14's bounces and drops: lost
    b.at(500)
    _eq(b.drain(), [])  # 14's window closes while the host does not read: no corrective edge
    b.writes_left = -1
    b.reading = True
    b.at(150000)
    _eq(b.drain(), ["! lost 9 2", "! edge 15 1 150000 3"])  # 14 is 0, as reported
    b.at(200000).drive(15, 0)
    _eq(b.drain(), ["! edge 15 0 200000 4"])
    _eq(b.blind_writes, [])


def check_edges_irq_push_does_not_allocate():
    b = _Bench(size=8)
    b.watch(14)
    import micropython

    lock = getattr(micropython, "heap_lock", None)  # MicroPython only
    now = b.ticks_us()
    b.edges._ticks_us = lambda: now  # a real ticks_us() is a small int; the bench's math is not
    handler = b.edges.handler(14)  # made at `watch`, not in the IRQ
    if lock is not None:
        lock()
    try:
        for _ in range(20):  # fills the ring, then counts drops
            handler(None)
    finally:
        if lock is not None:
            micropython.heap_unlock()
    _eq(b.edges._ctl[2], 12)
    _eq(b.wakes, 20)


def check_edges_time_is_the_ping_clock_across_wrap():
    b = _Bench()
    b.watch(14)
    b.at(9990).drive(14, 0)  # raw ticks just before the 2**30 wrap...
    b.at(10050)  # ...drained just after it
    _eq(b.drain(), ["! edge 14 0 9990 1"])
    _eq(b.clock.now_us(), 10050)


def check_edges_a_quiet_watch_hears_presses_past_half_the_ticks_period():
    # ticks_diff orders ticks only within 2**29 us (536.9 s): a press more than that after the
    # `watch` once looked older than the watch and was dropped, from 536.9 s to 1073.7 s and in
    # every later such half period. The bridge drains once a minute, also on a quiet pin.
    b = _Bench()
    b.watch(14)
    minute = 60000000
    level = 1
    for i, due in enumerate((_PERIOD // 2 + 1000, _PERIOD + 1000, _PERIOD * 3 // 2 + 1000)):
        while b.t + minute < due:
            b.at(b.t + minute)
            b.clock.now_us()  # bridge.Bridge.keep_clock: the clock, then a drain
            _eq(b.drain(), [])
        level = 1 - level
        b.at(due).drive(14, level)
        _eq(b.drain(), ["! edge 14 %d %d %d" % (level, due, i + 1)])
        b.at(due + 20000)
        _eq(b.drain(), [])  # once: the window closes on the same level


def check_watch_commands():
    d = _device()
    _eq(_ask(d, b"1 watch 14"), "1 ok 1")
    d.input("14", 0)
    got = d.recv()
    assert got.startswith("! edge 14 0 ") and got.endswith(" 1"), got
    _eq(_ask(d, b"2 read GP14"), "2 ok 0")
    _eq(_ask(d, b"3 watch 14 down 1000"), "3 ok 0")
    _eq(_ask(d, b"4 watch 14 down 0100")[:4], "4 ok")
    _eq(_ask(d, b"5 watch 14 down 10000")[:10], "5 err args")
    _eq(_ask(d, b"6 watch 14 up 5 x")[:10], "6 err args")
    _eq(_ask(d, b"7 mode 14 out")[:5], "7 ok ")  # a new mode ends the watch
    _eq(_ask(d, b"8 unwatch 14")[:10], "8 err mode")
    _eq(_ask(d, b"9 watch led"), "9 ok 1")  # GP25 on a Pico (now an input, pulled up)
    _eq(_ask(d, b"10 repl"), "10 ok")
    _eq(d.driver.irqs, {})
    w = vectors.ProtocolDevice("picow")
    _eq(_ask(w, b"1 watch LED")[:9], "1 err pin")


# -- keepalive: the host-alive watchdog on a fake millisecond clock that wraps ---------------------


class _MsClock:
    """ticks_ms starting 1 s before the 2**30 wrap; t is milliseconds since the start."""

    def __init__(self):
        self.t = 0

    def ticks_ms(self):
        return (_PERIOD - 1000 + self.t) % _PERIOD


def _keepalive_device():
    ms = _MsClock()
    d = vectors.ProtocolDevice("pico", ticks=(ms.ticks_ms, _ticks_diff, _ticks_add))
    return d, ms


def check_keepalive_arguments():
    d, _ = _keepalive_device()
    for bad in (b"", b" 99", b" 1", b" 600001", b" -1", b" 1e3", b" soon", b" " + b"9" * 100, b" 500 1"):
        got = _ask(d, b"1 keepalive" + bad)
        assert got.startswith("1 err args "), got
        assert len(got) <= bp.MAXREPLY, got
    _eq(d.keepalive.ms, 0)
    _eq(_ask(d, b"2 KEEPALIVE 100"), "2 ok")
    _eq(d.keepalive.ms, 100)
    _eq(_ask(d, b"3 keepalive 99")[:10], "3 err args")  # refused: stays armed as it was
    _eq(d.keepalive.ms, 100)
    _eq(_ask(d, b"4 keepalive 600000"), "4 ok")
    _eq(_ask(d, b"5 keepalive 000"), "5 ok")
    _eq(d.keepalive.ms, 0)


def check_keepalive_expiry_is_the_safe_state_and_disarms():
    d, ms = _keepalive_device()
    _ask(d, b"1 mode 25 out 1")
    _ask(d, b"2 mode 16 out 1")
    _eq(_ask(d, b"3 watch 14"), "3 ok 1")
    _eq(d.dispatcher.expire_if_due(), None)  # disarmed: nothing ever runs out
    _eq(_ask(d, b"4 keepalive 500"), "4 ok")
    _eq(d.keepalive.left_ms(), 500)
    ms.t = 499
    _eq(d.dispatcher.expire_if_due(), None)
    _eq(d.keepalive.left_ms(), 1)
    ms.t = 1700  # across the ticks_ms wrap, long past the deadline
    _eq(d.keepalive.left_ms(), 0)
    _eq(d.dispatcher.expire_if_due(), "! expired 500")
    _eq((d.driver.level(25), d.driver.level(16)), (0, 0))
    _eq(d.edges.pins, [])
    _eq(d.driver.irqs, {})
    _eq(d.keepalive.left_ms(), -1)  # disarmed until the next keepalive
    ms.t = 100000
    _eq(d.dispatcher.expire_if_due(), None)
    _eq(_ask(d, b"5 read 25"), "5 ok 0")  # still outputs, just low
    _eq(_ask(d, b"6 write 25 1")[:5], "6 ok ")


def check_repl_disarms_the_keepalive():
    # the board hands over to a REPL tool: a keepalive armed before must not switch outputs off later
    d, ms = _keepalive_device()
    _eq(_ask(d, b"1 keepalive 500"), "1 ok")
    _eq(_ask(d, b"2 repl"), "2 ok")
    _eq(d.keepalive.left_ms(), -1)
    ms.t = 1000
    _eq(d.dispatcher.expire_if_due(), None)


def check_keepalive_every_line_moves_the_deadline():
    d, ms = _keepalive_device()
    _ask(d, b"1 keepalive 300")
    for i, line in enumerate((b"2 ping", b"frobnicate", b"", b"x" * 200, b"\x03", b"3 keepalive 99")):
        ms.t = 250 * (i + 1)  # each line 250 ms after the one before: never 300 ms of silence
        _eq(d.dispatcher.expire_if_due(), None)
        d.send(line + b"\n")
        d.out.clear()
        _eq(d.keepalive.left_ms(), 300)
    ms.t += 300
    _eq(d.dispatcher.expire_if_due(), "! expired 300")


def check_keepalive_zero_disarms():
    d, ms = _keepalive_device()
    _ask(d, b"1 mode 25 out 1")
    _ask(d, b"2 keepalive 100")
    _eq(_ask(d, b"3 keepalive 0"), "3 ok")
    ms.t = 1000000
    _eq(d.keepalive.left_ms(), -1)
    _eq(d.dispatcher.expire_if_due(), None)
    _eq(d.driver.level(25), 1)


def check_hello_ends_an_earlier_hosts_keepalive_at_once():
    d, ms = _keepalive_device()
    _ask(d, b"1 mode 25 out 1")
    _ask(d, b"2 keepalive 100")
    _eq(_ask(d, b"3 hello")[:5], "3 ok ")
    _eq(d.driver.level(25), 0)  # the earlier host's outputs: off now, not 100 ms into the new session
    _eq(d.keepalive.left_ms(), -1)
    _ask(d, b"4 mode 25 out 1")
    ms.t = 1000000
    _eq(d.dispatcher.expire_if_due(), None)
    _eq(d.driver.level(25), 1)
    _eq(_ask(d, b"5 hello")[:5], "5 ok ")
    _eq(d.driver.level(25), 1)  # not armed: hello changes nothing


def check_keepalive_tells_its_owner_of_each_change():
    d, _ = _keepalive_device()
    seen = []
    d.keepalive.changed = lambda: seen.append(d.keepalive.ms)
    _ask(d, b"1 keepalive 1000")
    _ask(d, b"2 keepalive 10")  # refused: no change
    _ask(d, b"3 ping")
    _ask(d, b"4 keepalive 0")
    _eq(seen, [1000, 0])


def check_lazy_families_name_the_words_of_their_handlers():
    """bridge_protocol.LAZY lists each lazy family's words so that the command list needs no
    import: they must be its module's handlers() words, in that order."""
    d, _ = _keepalive_device()
    for attr, module, cls, family in bp.LAZY:
        part = getattr(__import__(module), cls)(d.dispatcher)
        _eq(tuple(word for word, _ in part.handlers()), family)
        _eq(d.dispatcher.load(attr).__class__, part.__class__)
        _eq(tuple(word for word, _ in d.dispatcher.load(attr).handlers()), family)


def _loaded(d):
    return [attr for attr, _, _, _ in bp.LAZY if getattr(d.dispatcher, attr).__class__ is not bp._NotLoaded]


def check_lazy_families_are_made_at_their_first_request_only():
    """hello, off, mode, write, watch, the keepalive's expiry and repl, which end PWM and streams,
    work without making them; a first request makes its own family alone, once."""
    d, ms = _keepalive_device()
    for line in (b"1 hello", b"2 mode 16 out 1", b"3 write 16 1", b"4 watch 17", b"5 mode 17 in up",
                 b"6 off", b"7 write 16 1", b"8 keepalive 100"):
        reply = _ask(d, line)
        assert reply.startswith(line.split()[0].decode() + " ok"), reply
    assert _ask(d, b"9 nosuch").endswith("fade tone adc stream files)"), "the command list names them all"
    _eq(d.driver.level(16), 1)
    ms.t += 100
    _eq(d.dispatcher.expire_if_due(), "! expired 100")
    _eq(d.driver.level(16), 0)
    _eq(_loaded(d), [])
    _eq(_ask(d, b"10 pwm 16 1000 100")[:6], "10 ok ")
    _eq(_loaded(d), ["pwm"])
    pwm = d.dispatcher.pwm
    _eq(_ask(d, b"11 FADE 16 100 0 10")[:6], "11 ok ")
    assert d.dispatcher.pwm is pwm, "made once"
    _eq(_ask(d, b"12 repl"), "12 ok")
    _eq((d.driver.level(16), _loaded(d)), (0, ["pwm"]))


def all_checks():
    import checks_files
    import checks_pwm_adc

    found = []
    for g in (globals(), checks_pwm_adc.__dict__, checks_files.__dict__):
        found += [(name, g[name]) for name in sorted(g) if name.startswith("check_")]
    return found


def run_checks(log=None):
    passed = failed = 0
    for name, fn in all_checks():
        try:
            fn()
            passed += 1
        except Exception as e:
            failed += 1
            if log is not None:
                log("FAIL %s: %s %s" % (name, type(e).__name__, e))
    return passed, failed
