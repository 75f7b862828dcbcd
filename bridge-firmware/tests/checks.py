# Unit checks of the pure firmware layer, shared by CPython (test_checks.py) and the real
# MicroPython interpreter (mpy/mpy_main.py). Each check_* function raises AssertionError.
import bridge_board
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
    assert len(r._buf) == bp.MAXLINE + 1
    assert r.feed(10) is bp.TOOLONG
    for b in b"ok":
        r.feed(b)
    _eq(r.feed(10), b"ok")


def check_ids():
    d = _device()
    _eq(_ask(d, b"00007 ping")[:5], "7 ok ")
    _eq(_ask(d, b"65535"), "65535 err syntax no command after the id (commands: %s)" % bp.COMMANDS)
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
    for bad in (b"\x00", b"\x03", b"\x7f", b"\x80", b"\xff", b"\t", b"\r\r", b"\x1b[A"):
        _eq(_ask(d, b"1 ping" + bad)[:12], "- err syntax")


def check_pins_refused_without_big_ints():
    d = _device()
    for tok in (b"23", b"24", b"29", b"30", b"-1", b"GP", b"GP-1", b"1e3", b"0x19", b"9" * 105, b"gp" + b"9" * 100, b"led2"):
        got = _ask(d, b"1 mode " + tok + b" out")
        assert got.startswith("1 err pin "), got
        assert len(got) <= bp.MAXREPLY, got
    _eq(_ask(d, b"2 mode gp28 OUT 1"), "2 ok")
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
    _eq(_ask(d, b"4 mode 3 out 1"), "4 ok")
    _eq(_ask(d, b"5 read 3"), "5 ok 1")
    _eq(_ask(d, b"6 mode 3 in"), "6 ok")
    _eq(_ask(d, b"7 off"), "7 ok 0")
    _eq(_ask(d, b"8 write 3 1")[:10], "8 err mode")


class _Boom:
    def setup_out(self, key, level):
        raise RuntimeError("driver \x00 failed")


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


def all_checks():
    g = globals()
    return [(name, g[name]) for name in sorted(g) if name.startswith("check_")]


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
