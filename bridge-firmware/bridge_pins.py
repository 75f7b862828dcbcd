# picoloop bridge: the pin driver on machine.Pin (the only firmware module touching GPIO).
#
# Interface used by bridge_protocol.Dispatcher; key is a GPIO number (int) or "LED" (Pico W's LED
# on the wireless chip). The Dispatcher has already checked that key is a free pin of the board,
# and never makes "LED" an input: rp2 raises ValueError for a pull on a wireless-chip pin.
import sys
from machine import ADC, PWM, Pin, mem32
from micropython import const

from bridge_board import ADC_TEMPERATURE_CHANNEL

# Single-cycle IO (RP2040 datasheet 2.3.1.7; RP2350 datasheet 3.1.11): GPIO_OUT holds the levels of
# the SIO-driven outputs, and a store to GPIO_OUT_XOR flips the bits set in the value, all in the
# same clock cycle, atomically (a pin another part of the firmware drives, such as the Pico W's
# wireless chip lines, is not touched). The XOR register moved on the RP2350.
_SIO_BASE = const(0xD0000000)
_GPIO_OUT = const(0x010)
_GPIO_OUT_XOR_RP2040 = const(0x01C)
_GPIO_OUT_XOR_RP2350 = const(0x028)

_PULLS = {"up": Pin.PULL_UP, "down": Pin.PULL_DOWN, "none": None}


class PinDriver:
    def __init__(self, model=None):
        self._pins = {}  # key -> machine.Pin, one object per pin
        self._pwm = {}  # GPIO -> machine.PWM of each PWM output
        self._adc = {}  # 26-28 or "temp" -> machine.ADC
        model = getattr(sys.implementation, "_machine", "") if model is None else model
        self._xor = _SIO_BASE + (_GPIO_OUT_XOR_RP2350 if "RP2350" in model else _GPIO_OUT_XOR_RP2040)

    def setup_out(self, key, level):
        pin = self._pins.get(key)
        if pin is None:
            self._pins[key] = Pin(key, Pin.OUT, None, value=level)
        else:
            pin.init(Pin.OUT, None, value=level)

    def setup_in(self, key, pull):
        pin = self._pins.get(key)
        if pin is None:
            self._pins[key] = Pin(key, Pin.IN, _PULLS[pull])
        else:
            pin.init(Pin.IN, _PULLS[pull])

    def irq(self, key, handler):
        """Call handler(pin) on every edge, in a hard IRQ (exact times, no allocation allowed);
        None detaches it. The pin is an input already (setup_in)."""
        pin = self._pins[key]
        if handler is None:
            pin.irq(handler=None)
        else:
            pin.irq(handler=handler, trigger=Pin.IRQ_RISING | Pin.IRQ_FALLING, hard=True)

    def write(self, key, level):
        self._pins[key].value(level)

    def write_gpios(self, ones, zeros):
        """Drives the GPIO outputs in bit mask `ones` high and those in `zeros` low in one instant:
        one store to GPIO_OUT_XOR, flipping exactly those whose level differs. GPIO numbers only
        (not the Pico W's LED); each is an output already (setup_out)."""
        out = mem32[_SIO_BASE + _GPIO_OUT]
        mem32[self._xor] = (out ^ ones) & (ones | zeros)

    def read(self, key):
        return self._pins[key].value()

    # -- PWM and ADC (bridge_pwm, bridge_adc have the rules) -------------------------------------------

    def pwm(self, key, freq, duty):
        """Makes the GPIO a PWM output, or changes its frequency, at duty (duty_u16)."""
        pwm = self._pwm.get(key)
        if pwm is None:
            pin = self._pins.get(key)
            if pin is None:
                pin = self._pins[key] = Pin(key, Pin.OUT, None, value=0)
            pwm = self._pwm[key] = PWM(pin)
        pwm.freq(freq)
        pwm.duty_u16(duty)

    def pwm_duty(self, key, duty):
        self._pwm[key].duty_u16(duty)

    def pwm_stop(self, key, slice_shared):
        """Duty 0, and the slice stopped unless the slice's other pin still runs PWM (deinit stops
        the whole slice); setup_out then gives the pin back to plain GPIO."""
        pwm = self._pwm.pop(key)
        pwm.duty_u16(0)
        if not slice_shared:
            pwm.deinit()

    def adc_setup(self, key):
        """The pin's pad made an analog input (digital input and pulls off)."""
        self._adc[key] = ADC(Pin(key))

    def adc(self, key):
        """One conversion, 0-65535 (read_u16); key 26-28 (after adc_setup) or "temp"."""
        adc = self._adc.get(key)
        if adc is None:
            adc = self._adc[key] = ADC(ADC_TEMPERATURE_CHANNEL)
        return adc.read_u16()
