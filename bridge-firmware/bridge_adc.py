# picoloop bridge: analog inputs (docs/protocol.md, `adc`, `stream`, `! sample`), the pure part.
#
# The ADC reads the free GPIO the board model gives an ADC channel (GP26, GP27, GP28: channels
# 0-2) and the chip's temperature sensor (`temp`); values are read_u16's, 0-65535. GP29 (channel
# 3) is the board's own (bridge_board): it reads VSYS/3, and a Pico W shares it with the wireless chip.
#
# A stream samples one input every <period_ms> on the board's clock: sample k (1, 2, ...) is due
# at t0 + k * period, t0 being the time in the reply to `stream`, whatever the link does, and is
# stamped with the time it was read. A sample the timer task was too late for (a whole period or
# more) is never taken: it is counted as lost and reported with the edges' `! lost`, in the same
# sequence (bridge_edges.Edges.send and .lose), as are samples the host did not read. No `machine` here: the driver (bridge_pins.PinDriver, or a
# fake in tests) does adc(key) -> 0-65535, with key 26, 27, 28 or "temp".
from micropython import const

from bridge_board import ADC_VSYS_CHANNEL
from bridge_protocol import ANALOG, ProtocolError, bounded_int

TEMP = "temp"
PERIOD_MIN_MS = const(1)
PERIOD_MAX_MS = const(60000)


class Analog:
    """The analog inputs of a bridge_protocol.Dispatcher, which owns the pins' states and the
    event sequence (its edges)."""

    def __init__(self, dispatcher):
        self._d = dispatcher
        board = dispatcher.board
        pins = [str(n) for n in board.free if board.adc_channel(n) is not None]
        self._names = ", ".join(pins + [TEMP])  # "26, 27, 28, temp"
        choice = "|".join(pins + [TEMP])
        self._usage = {
            "adc": "adc <%s>" % choice,
            "stream": "stream <%s> <period_ms %d-%d> | stream <%s> off" % (choice, PERIOD_MIN_MS, PERIOD_MAX_MS, choice),
        }
        self.streams = {}  # input -> [period_us, due_us] of every stream

    def handlers(self):
        """(word, handler) pairs, in the order the bridge's command list names them."""
        return (("adc", self._adc), ("stream", self._stream))

    # -- commands -------------------------------------------------------------------------------

    def _adc(self, args):
        if len(args) != 1:
            raise ProtocolError("args", "usage: " + self._usage["adc"])
        key = self._analog(self._input(args[0]))
        value = self._d.driver.adc(key)
        return "%d %d" % (value, self._d.now_us())  # the time right after the conversion

    def _stream(self, args):
        if len(args) != 2:
            raise ProtocolError("args", "usage: " + self._usage["stream"])
        key = self._input(args[0])
        if args[1].lower() == "off":
            if key not in self.streams:
                raise ProtocolError("mode", "%s is not streamed; send: stream %s <period_ms>" % (key, key))
            del self.streams[key]
            return None
        ms = bounded_int(args[1], 5)
        if not PERIOD_MIN_MS <= ms <= PERIOD_MAX_MS:
            raise ProtocolError(
                "args", "period must be %d to %d ms; usage: %s" % (PERIOD_MIN_MS, PERIOD_MAX_MS, self._usage["stream"])
            )
        if self._d.edges is None:
            raise ProtocolError("internal", "no event support in this build")
        self._analog(key)
        t = self._d.now_us()
        self.streams[key] = [ms * 1000, t + ms * 1000]  # sample k at t + k * period, k >= 1
        if self._d.wake_timers is not None:
            self._d.wake_timers()
        return str(t)

    def _input(self, token):
        """An analog input token to the driver's key: a GPIO with an ADC channel, or "temp"."""
        t = token.lower()
        if t == TEMP:
            return TEMP
        board = self._d.board
        n = bounded_int(t[2:] if t.startswith("gp") else t, 2)
        channel = board.own_adc_channel(n)
        if channel is not None:
            raise ProtocolError("pin", "%s: ADC channel %d%s, not a header pin; analog inputs: %s" % (
                board.board_use(n), channel,
                " reads VSYS/3 (the supply)" if channel == ADC_VSYS_CHANNEL else " is the board's", self._names))
        key = self._d.pin(token)
        if not isinstance(key, int) or board.adc_channel(key) is None:
            raise ProtocolError(
                "pin", "%s has no ADC: analog inputs are %s (the chip's temperature sensor)"
                % (board.pin_name(key), self._names.replace(", " + TEMP, " and " + TEMP)),
            )
        return key

    def _analog(self, key):
        """The pin made an analog input, if it is not one yet (no longer an output, watched or PWM)."""
        if key != TEMP and self._d.state(key) != ANALOG:
            self._d.release(key)
            self._d.driver.adc_setup(key)
            self._d.set_state(key, ANALOG)
        return key

    # -- the pins' other roles and the safe state ----------------------------------------------------

    def release(self, key):
        """Before the pin takes another role (mode, watch, pwm): its stream ends, if it had one."""
        self.streams.pop(key, None)

    def stop_all(self):
        self.streams.clear()

    # -- the timer task --------------------------------------------------------------------------

    def service(self):
        """Takes every sample that is due and sends it; a sample a whole period late or more is
        not taken but counted as lost. Returns microseconds until the next one is due, or -1 when
        nothing streams."""
        if not self.streams:
            return -1
        d = self._d
        edges = d.edges
        wait = -1
        for key in list(self.streams):
            s = self.streams[key]
            now = d.now_us()
            late = now - s[1]
            if late >= 0:
                missed = late // s[0]
                if missed:
                    edges.lose(missed)
                value = d.driver.adc(key)
                t = d.now_us()
                edges.send("! sample %s %d %d" % (key, value, t))
                s[1] += (missed + 1) * s[0]
                now = t
            left = s[1] - now
            wait = left if wait < 0 or left < wait else wait
        return wait if wait > 0 else 0
