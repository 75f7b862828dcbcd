# Unit checks of PWM outputs and analog inputs (bridge_pwm, bridge_adc) on a clock the check moves,
# shared by CPython (test_checks.py) and the real MicroPython interpreter (mpy/mpy_main.py) through
# checks.all_checks(). Each check_* function raises AssertionError.
import bridge_board
import bridge_edges
import bridge_protocol as bp
import bridge_pwm
import vectors


def _eq(got, want):
    assert got == want, "got %r, want %r" % (got, want)


class _Board:
    """A Dispatcher on a FakeDriver. t: the device clock in microseconds (now_us), moved by the
    check; ms: the keepalive's ticks_ms; reading: whether the host reads (the link's writable())."""

    def __init__(self):
        self.t = 0
        self.ms = 0
        self.reading = True
        self.lines = []
        self.driver = vectors.FakeDriver()
        self.edges = bridge_edges.Edges(
            None, lambda: self.t, lambda a, b: a - b, lambda a, b: a + b, self.driver,
            self.lines.append, bridge_edges.RING, lambda: self.reading,
        )
        self.keepalive = bp.Keepalive(lambda: self.ms, lambda a, b: a - b, lambda a, b: a + b)
        self.d = bp.Dispatcher(
            bridge_board.for_model(vectors.MODELS["pico"]), self.driver, lambda: self.t, "AB",
            self.edges, self.keepalive,
        )

    def ask(self, line):
        return self.d.handle_line(line)

    def at(self, t):
        """Moves the clock to t and runs what the timer task would; returns the new event lines."""
        self.t = t
        n = len(self.lines)
        self.wait = [self.d.pwm.service(), self.d.analog.service()]
        return self.lines[n:]

    def duty(self, pin):
        return self.driver.pwms[pin][1]


def check_pwm_sets_frequency_and_duty_and_off_makes_a_low_output():
    b = _Board()
    b.t = 5
    _eq(b.ask(b"1 pwm 16 1000 16384"), "1 ok 5")
    _eq(b.driver.pwms[16], (1000, 16384))
    _eq(b.ask(b"2 pwm 16 2000 100"), "2 ok 5")
    _eq(b.driver.pwms[16], (2000, 100))
    _eq(b.ask(b"3 pwm 16 off"), "3 ok 5")
    _eq(b.driver.pwms, {})
    _eq(b.driver.level(16), 0)
    _eq(b.d.state(16), bp.OUT_LOW)


def check_fade_steps_on_a_straight_line_and_ends_at_its_target():
    b = _Board()
    b.ask(b"1 pwm 16 1000 0")
    b.t = 1000
    _eq(b.ask(b"2 fade 16 0 1000 100"), "2 ok 1000")
    _eq(b.duty(16), 0)
    b.at(1000)
    _eq(b.wait[0], bridge_pwm.FADE_STEP_MS * 1000)
    b.at(51000)
    _eq(b.duty(16), 500)
    b.at(76000)
    _eq(b.duty(16), 750)
    b.at(100000)
    _eq((b.duty(16), b.wait[0]), (990, 1000))  # the last step waits only for the end
    b.at(101000)
    _eq((b.duty(16), b.wait[0]), (1000, -1))  # over: nothing left to run
    _eq(b.ask(b"3 fade 16 1000 0 10"), "3 ok 101000")  # down works too
    b.at(106000)
    _eq(b.duty(16), 500)


def check_a_new_duty_ends_a_fade():
    b = _Board()
    b.ask(b"1 pwm 16 1000 0")
    b.ask(b"2 fade 16 0 65535 1000")
    b.ask(b"3 pwm 16 1000 7")
    b.at(500000)
    _eq((b.duty(16), b.wait[0]), (7, -1))


def check_tone_is_a_square_wave_for_its_time_then_duty_0():
    b = _Board()
    _eq(b.ask(b"1 tone 19 440 200"), "1 ok 0")
    _eq(b.driver.pwms[19], (440, bridge_pwm.TONE_DUTY))
    b.at(100)
    _eq(b.wait[0], 200000 - 100)  # no steps: it sleeps to the end
    b.at(200000)
    _eq(b.driver.pwms[19], (440, 0))
    _eq(b.d.state(19), bp.PWM)  # still a PWM output, silent


def check_stream_samples_on_the_board_clock_and_reports_late_ones_as_lost():
    b = _Board()
    b.driver.analog[26] = 1234
    b.t = 1000
    _eq(b.ask(b"1 stream 26 10"), "1 ok 1000")
    _eq(b.at(10999), [])
    _eq(b.wait[1], 1)
    _eq(b.at(11000), ["! sample 26 1234 11000 1"])
    b.driver.analog[26] = 99
    _eq(b.at(21500), ["! sample 26 99 21500 2"])  # late but within its period: taken
    _eq(b.wait[1], 9500)  # the next is still due at 31000, not 10 ms after this one
    _eq(b.at(52000), ["! lost 2 3", "! sample 26 99 52000 4"])  # 31000 and 41000 never taken
    _eq(b.at(61000), ["! sample 26 99 61000 5"])
    _eq(b.ask(b"2 stream 26 off"), "2 ok")
    _eq(b.at(100000), [])
    _eq(b.wait[1], -1)


def check_samples_share_the_edges_sequence_and_wait_for_a_host_that_reads():
    b = _Board()
    b.ask(b"1 stream temp 10")
    b.reading = False
    _eq(b.at(10000), [])
    _eq(b.at(20000), [])
    b.reading = True
    _eq(b.at(30000), ["! lost 2 1", "! sample temp 0 30000 2"])
    _eq(b.edges.seq, 2)


def check_adc_reads_the_value_and_makes_the_pin_analog():
    b = _Board()
    b.driver.analog["temp"] = 14019
    b.t = 77
    _eq(b.ask(b"1 adc temp"), "1 ok 14019 77")
    b.ask(b"2 mode 27 out 1")
    b.driver.analog[27] = 40000
    _eq(b.ask(b"3 adc GP27"), "3 ok 40000 77")
    _eq(b.d.state(27), bp.ANALOG)
    _eq(b.driver.level(27), None)  # no longer driven
    _eq(b.ask(b"4 off"), "4 ok 0")


def check_off_expiry_hello_and_repl_end_pwm_and_streams():
    for ending in (b"off", b"expiry", b"hello", b"repl"):
        b = _Board()
        b.ask(b"1 pwm 16 1000 30000")
        b.ask(b"2 fade 16 30000 0 1000")
        b.ask(b"3 tone 19 440 1000")
        b.ask(b"4 stream 26 10")
        b.ask(b"5 keepalive 100")
        if ending == b"expiry":
            b.ms = 100
            _eq(b.d.expire_if_due(), "! expired 100")
        else:
            assert b.ask(b"6 " + ending).startswith("6 ok"), ending
        _eq(b.d.analog.streams, {})
        _eq(b.at(20000), [])
        _eq(b.wait, [-1, -1])
        _eq((b.driver.pwms, b.driver.level(16), b.driver.level(19)), ({}, 0, 0))


def check_hello_without_a_keepalive_stops_streams_and_keeps_pwm():
    b = _Board()
    b.ask(b"1 pwm 16 1000 30000")
    b.ask(b"2 stream 26 10")
    assert b.ask(b"3 hello").startswith("3 ok picoloop")
    _eq(b.d.analog.streams, {})
    _eq(b.driver.pwms[16], (1000, 30000))


def check_stopping_one_pin_of_a_slice_keeps_the_other_running():
    b = _Board()
    b.ask(b"1 pwm 16 1000 100")
    b.ask(b"2 pwm 17 1000 200")
    stops = []
    b.driver.pwm_stop = lambda key, shared: stops.append((key, shared))
    b.ask(b"3 pwm 16 off")
    b.ask(b"4 pwm 17 off")
    _eq(stops, [(16, True), (17, False)])  # the slice is stopped only with its last pin


def check_pwm_and_adc_arguments_are_bounded():
    b = _Board()
    for bad in (b"pwm 16 " + b"9" * 100 + b" 1", b"pwm 16 1000 " + b"9" * 100, b"fade 16 0 1 " + b"9" * 100,
                b"stream 26 " + b"9" * 100, b"adc " + b"9" * 100, b"tone 16 1e3 10", b"pwm 16 1000 0x10"):
        got = b.ask(b"1 " + bad)
        assert got.startswith("1 err "), got
        assert len(got) <= bp.MAXREPLY, got
