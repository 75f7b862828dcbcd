# picoloop bridge: what the board offers (pure, no `machine` import).
#
# Free GPIO per board (docs/protocol.md, "Pins"):
#   Pico, Pico 2 (RP2040, RP2350A):  0-22, 25-28; the LED is GP25.
#   Pico W, Pico 2 W:                0-22, 26-28; GP23/24/25/29 belong to the wireless chip, the
#                                    LED is Pin("LED") on that chip.
# The board is told apart by sys.implementation._machine, "<board name> with <MCU>" on rp2:
# "Raspberry Pi Pico with RP2040", "Raspberry Pi Pico2 with RP2350" (no space),
# "Raspberry Pi Pico W with RP2040", "Raspberry Pi Pico 2 W with RP2350", and the MCU
# "RP2350-RISCV" for the RISC-V builds. Only the two Pico W names are wireless boards: other boards
# have " W" in their names too ("Machdyne Werkzeug with RP2040") and get the Pico's pins.

PICO_RANGES = ((0, 22), (25, 28))
PICO_W_RANGES = ((0, 22), (26, 28))


class Board:
    def __init__(self, model, ranges, led):
        self.model = model
        self.ranges = ranges
        self.led = led  # 25 (a GPIO number) or "LED" (a name for machine.Pin)
        self.pins_text = ",".join("%d-%d" % r for r in ranges)

    def is_free(self, n):
        for lo, hi in self.ranges:
            if lo <= n <= hi:
                return True
        return False

    def pin_name(self, key):
        return str(key)

    @property
    def wireless(self):
        return self.led == "LED"


WIRELESS_NAMES = ("Raspberry Pi Pico W", "Raspberry Pi Pico 2 W")


def is_wireless(model):
    i = model.find(" with ")
    return (model[:i] if i >= 0 else model) in WIRELESS_NAMES


def for_model(model):
    if is_wireless(model):
        return Board(model, PICO_W_RANGES, "LED")
    return Board(model, PICO_RANGES, 25)


def detect():
    import sys

    return for_model(getattr(sys.implementation, "_machine", "unknown board"))
