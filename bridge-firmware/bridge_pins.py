# picoloop bridge: the pin driver on machine.Pin (the only firmware module touching GPIO).
#
# Interface used by bridge_protocol.Dispatcher; key is a GPIO number (int) or "LED" (Pico W's LED
# on the wireless chip). The Dispatcher has already checked that key is a free pin of the board,
# and never makes "LED" an input: rp2 raises ValueError for a pull on a wireless-chip pin.
from machine import Pin

_PULLS = {"up": Pin.PULL_UP, "down": Pin.PULL_DOWN, "none": None}


class PinDriver:
    def __init__(self):
        self._pins = {}  # key -> machine.Pin, one object per pin

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

    def read(self, key):
        return self._pins[key].value()
