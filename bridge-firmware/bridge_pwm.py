# picoloop bridge: PWM outputs (docs/protocol.md, `pwm`, `fade`, `tone`), the pure part.
#
# The RP2040 (and the RP2350's GP0-29) has 8 PWM slices of 2 channels; bridge_board.BoardModel.pwm
# says which slice and channel (A, B) a GPIO drives. Both channels of a slice count with one counter, so they share
# one frequency; GP0 and GP16 (GP1 and GP17, ...) are the same channel, so they would share the
# duty too. A request that would change what another PWM pin outputs is refused, naming that pin.
#
# Fades and tones run on the board's clock: service() (the bridge's timer task) sets each fade's
# duty every FADE_STEP_MS on a straight line from its start, so a fade is smooth whatever the USB
# link does, and ends a tone exactly when its time is up. No `machine` here: the driver
# (bridge_pins.PinDriver, or a fake in tests) does pwm(key, freq, duty), pwm_duty(key, duty) and
# pwm_stop(key, slice_shared).
from micropython import const

from bridge_protocol import OUT_LOW, PWM, ProtocolError, bounded_int

FREQ_MIN_HZ = const(10)  # 125 MHz / (256 * 65536) = 7.5 Hz on an RP2040, 8.9 Hz on an RP2350 at 150 MHz
FREQ_MAX_HZ = const(1000000)  # 125 steps of duty left at 125 MHz
DUTY_MAX = const(65535)  # duty_u16: 0 always low, 65535 always high
RUN_MAX_MS = const(600000)  # the longest fade or tone, as the keepalive's longest period
FADE_STEP_MS = const(10)  # a fade sets its duty this often
TONE_DUTY = const(32768)  # a tone is a square wave

USAGE = {
    "pwm": "pwm <pin> <freq_hz %d-%d> <duty 0-%d> | pwm <pin> off" % (FREQ_MIN_HZ, FREQ_MAX_HZ, DUTY_MAX),
    "fade": "fade <pin> <from 0-%d> <to 0-%d> <ms 1-%d>" % (DUTY_MAX, DUTY_MAX, RUN_MAX_MS),
    "tone": "tone <pin> <freq_hz %d-%d> <ms 1-%d>" % (FREQ_MIN_HZ, FREQ_MAX_HZ, RUN_MAX_MS),
}


def _usage(command, why=""):
    return ProtocolError("args", why + "usage: " + USAGE[command])


class Pwm:
    """The PWM outputs of a bridge_protocol.Dispatcher, which owns the pins' states."""

    def __init__(self, dispatcher):
        self._d = dispatcher
        self.freq = {}  # GPIO -> Hz, of every PWM output
        self.duty = {}  # GPIO -> duty_u16
        self._runs = {}  # GPIO -> [t0_us, t1_us, from, to, end duty] of a fade or tone

    def handlers(self):
        """(word, handler) pairs, in the order the bridge's command list names them."""
        return (("pwm", self._pwm), ("fade", self._fade), ("tone", self._tone))

    # -- commands -------------------------------------------------------------------------------

    def _pwm(self, args):
        if len(args) == 2 and args[1].lower() == "off":
            key = self._output(args[0], "pwm")
            return str(self.stop(key))
        if len(args) != 3:
            raise _usage("pwm")
        key = self._gpio(args[0])
        freq = self._freq(args[1], "pwm")
        duty = self._duty(args[2], "pwm")
        self._runs.pop(key, None)  # a duty asked for ends a fade or tone
        return str(self._start(key, freq, duty))

    def _fade(self, args):
        if len(args) != 4:
            raise _usage("fade")
        key = self._output(args[0], "fade")
        start = self._duty(args[1], "fade")
        end = self._duty(args[2], "fade")
        ms = self._ms(args[3], "fade")
        t = self._start(key, self.freq[key], start)
        self._run(key, t, ms, start, end, end)
        return str(t)

    def _tone(self, args):
        if len(args) != 3:
            raise _usage("tone")
        key = self._gpio(args[0])
        freq = self._freq(args[1], "tone")
        ms = self._ms(args[2], "tone")
        t = self._start(key, freq, TONE_DUTY)
        self._run(key, t, ms, TONE_DUTY, TONE_DUTY, 0)
        return str(t)

    # -- arguments ------------------------------------------------------------------------------

    def _gpio(self, token):
        key = self._d.pin(token)
        if not isinstance(key, int):
            raise ProtocolError(
                "pin", "%s is on the wireless chip, not a GPIO: PWM needs a GPIO from the header (free: %s)"
                % (key, self._d.board.pins_text),
            )
        return key

    def _output(self, token, command):
        key = self._gpio(token)
        if key not in self.freq:
            raise ProtocolError(
                "mode", "%d is not a PWM output; send: pwm %d <freq_hz> <duty> (%s)" % (key, key, USAGE[command])
            )
        return key

    def _freq(self, token, command):
        hz = bounded_int(token, 7)
        if not FREQ_MIN_HZ <= hz <= FREQ_MAX_HZ:
            raise _usage(command, "frequency must be %d to %d Hz, what the PWM divider reaches; "
                         % (FREQ_MIN_HZ, FREQ_MAX_HZ))
        return hz

    def _duty(self, token, command):
        duty = bounded_int(token, 5)
        if not 0 <= duty <= DUTY_MAX:
            raise _usage(command, "duty must be 0 (low) to %d (high); " % DUTY_MAX)
        return duty

    def _ms(self, token, command):
        ms = bounded_int(token, 6)
        if not 1 <= ms <= RUN_MAX_MS:
            raise _usage(command, "time must be 1 to %d ms; " % RUN_MAX_MS)
        return ms

    def _check_slice(self, key, freq):
        """Refuses a frequency that would change another PWM pin's output (see the top)."""
        pwm = self._d.board.pwm
        here = pwm(key)
        for other in self.freq:
            there = pwm(other)
            if other == key or there[0] != here[0]:
                continue
            if there == here:
                raise ProtocolError(
                    "pin", "GP%d and GP%d are the same PWM output (slice %d channel %s): only one of them can run PWM"
                    % (key, other, here[0], "AB"[here[1]]),
                )
            if self.freq[other] != freq:
                raise ProtocolError(
                    "pin", "GP%d shares PWM slice %d with GP%d, which runs at %d Hz: both pins of a slice have one"
                    " frequency; use %d Hz, or a pin on another slice" % (key, here[0], other, self.freq[other],
                                                                           self.freq[other]),
                )

    # -- outputs --------------------------------------------------------------------------------

    def _start(self, key, freq, duty):
        """Makes key a PWM output (or changes one); returns the device time it took effect."""
        d = self._d
        self._check_slice(key, freq)
        if key in self.freq:
            if self.freq[key] != freq:
                d.driver.pwm(key, freq, duty)
            elif self.duty[key] != duty:
                d.driver.pwm_duty(key, duty)
        else:
            d.release(key)  # no longer watched or sampled
            d.driver.pwm(key, freq, duty)
        t = d.now_us()  # right after the duty was set: when the output changed
        d.set_state(key, PWM)
        self.freq[key] = freq
        self.duty[key] = duty
        return t

    def _run(self, key, t0, ms, start, end, final):
        self._runs[key] = [t0, t0 + ms * 1000, start, end, final]
        if self._d.wake_timers is not None:
            self._d.wake_timers()

    def stop(self, key):
        """PWM off: the pin becomes an output driven low. Returns the device time it went low."""
        d = self._d
        self._runs.pop(key, None)
        del self.freq[key]
        del self.duty[key]
        pwm_slice = d.board.pwm_slice
        shared = False
        for other in self.freq:
            shared = shared or pwm_slice(other) == pwm_slice(key)
        d.driver.pwm_stop(key, shared)
        d.driver.setup_out(key, 0)
        t = d.now_us()
        d.set_state(key, OUT_LOW)
        return t

    def release(self, key):
        """Before the pin takes another role (mode, watch, adc): its PWM ends, if it had one."""
        if key in self.freq:
            self.stop(key)

    def all_off(self):
        """The safe state's part: every PWM output, fades and tones with them, driven low as a plain
        output; keeps going past a failure, which it raises at the end."""
        failure = None
        for key in list(self.freq):
            try:
                self.stop(key)
            except Exception as e:
                failure = e
                self.freq.pop(key, None)
        if failure is not None:
            raise failure

    # -- the timer task --------------------------------------------------------------------------

    def service(self):
        """Moves every fade to its duty for now and ends the tones and fades that are over. Returns
        microseconds until it should run again, or -1 when nothing runs."""
        if not self._runs:
            return -1
        now = self._d.now_us()
        wait = -1
        for key in list(self._runs):
            t0, t1, start, end, final = self._runs[key]
            left = t1 - now
            if left <= 0:
                del self._runs[key]
                duty = final
            else:
                duty = end - (end - start) * left // (t1 - t0)
                step = left if start == end else min(left, FADE_STEP_MS * 1000)
                wait = step if wait < 0 else min(wait, step)
            if duty != self.duty[key]:
                self._d.driver.pwm_duty(key, duty)
                self.duty[key] = duty
        return wait
