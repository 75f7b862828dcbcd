# picoloop bridge: analog inputs (docs/protocol.md, `adc`, `stream`, `! sample`), the pure part.
#
# The ADC reads GP26, GP27, GP28 (channels 0-2) and the chip's temperature sensor (channel 4,
# `temp`); values are read_u16's, 0-65535. GP29 (channel 3) is not on the header: a Pico reads
# VSYS/3 on it, a Pico W shares it with the wireless chip.
#
# A stream samples one input every <period_ms> on the board's clock: sample k (1, 2, ...) is due
# at t0 + k * period, t0 being the time in the reply to `stream`, whatever the link does, and is
# stamped with the time it was read. A sample the timer task was too late for (a whole period or
# more) is never taken: it is counted as lost and reported with the edges' `! lost`, in the same
# sequence (bridge_edges.Edges.send and .lose), as are samples the host did not read. No `machine` here: the driver (bridge_pins.PinDriver, or a
# fake in tests) does adc(key) -> 0-65535, with key 26, 27, 28 or "temp".
from micropython import const

from bridge_protocol import ANALOG, ProtocolError, bounded_int

PINS = (26, 27, 28)
TEMP = "temp"
PERIOD_MIN_MS = const(1)
PERIOD_MAX_MS = const(60000)
_VSYS_GPIO = const(29)

USAGE = {
    "adc": "adc <26|27|28|temp>",
    "stream": "stream <26|27|28|temp> <period_ms %d-%d> | stream <26|27|28|temp> off" % (PERIOD_MIN_MS, PERIOD_MAX_MS),
}


class Analog:
    """The analog inputs of a bridge_protocol.Dispatcher, which owns the pins' states and the
    event sequence (its edges)."""

    def __init__(self, dispatcher):
        self._d = dispatcher
        self.streams = {}  # input -> [period_us, due_us] of every stream
        self.changed = None  # set by the owner: called when a stream starts (wake its timer)

    def handlers(self):
        return {"adc": self._adc, "stream": self._stream}

    # -- commands -------------------------------------------------------------------------------

    def _adc(self, args):
        if len(args) != 1:
            raise ProtocolError("args", "usage: " + USAGE["adc"])
        key = self._analog(self._input(args[0]))
        value = self._d.driver.adc(key)
        return "%d %d" % (value, self._d.now_us())  # the time right after the conversion

    def _stream(self, args):
        if len(args) != 2:
            raise ProtocolError("args", "usage: " + USAGE["stream"])
        key = self._input(args[0])
        if args[1].lower() == "off":
            if key not in self.streams:
                raise ProtocolError("mode", "%s is not streamed; send: stream %s <period_ms>" % (key, key))
            del self.streams[key]
            return None
        ms = bounded_int(args[1], 5)
        if not PERIOD_MIN_MS <= ms <= PERIOD_MAX_MS:
            raise ProtocolError(
                "args", "period must be %d to %d ms; usage: %s" % (PERIOD_MIN_MS, PERIOD_MAX_MS, USAGE["stream"])
            )
        if self._d.edges is None:
            raise ProtocolError("internal", "no event support in this build")
        self._analog(key)
        t = self._d.now_us()
        self.streams[key] = [ms * 1000, t + ms * 1000]  # sample k at t + k * period, k >= 1
        if self.changed is not None:
            self.changed()
        return str(t)

    def _input(self, token):
        """An analog input token to the driver's key: 26, 27, 28 or "temp"."""
        if token.lower() == TEMP:
            return TEMP
        t = token.lower()
        if bounded_int(t[2:] if t.startswith("gp") else t, 2) == _VSYS_GPIO:
            raise ProtocolError(
                "pin", "GP29 is not on the header: a Pico reads VSYS/3 (its supply) on it, a Pico W's wireless"
                " chip uses it; analog inputs: 26, 27, 28, temp",
            )
        key = self._d.pin(token)
        if key not in PINS:
            raise ProtocolError(
                "pin", "%s has no ADC: analog inputs are 26, 27, 28 and temp (the chip's temperature sensor)"
                % self._d.board.pin_name(key),
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
