# picoloop bridge: the board models, each described once (pure, no `machine` import). What the
# bridge accepts and what `hello` says (pins=, led=) derive from here. The host describes the same
# boards in io.picoloop.board.BoardModel; BoardModelFirmwareTest checks that the two agree.
#
# Every board has the 30 GPIO of an RP2040 or RP2350A (GP0-29); a board keeps some for itself:
#   Pico, Pico 2:      GP23 (power-supply mode), GP24 (VBUS sense), GP29 (VSYS sense); the LED is GP25.
#   Pico W, Pico 2 W:  GP23, 24, 25, 29 belong to the wireless chip; the LED is Pin("LED") on that chip.
# The board is told apart by sys.implementation._machine, "<board name> with <MCU>" on rp2:
# "Raspberry Pi Pico with RP2040", "Raspberry Pi Pico2 with RP2350" (no space),
# "Raspberry Pi Pico W with RP2040", "Raspberry Pi Pico 2 W with RP2350", and the MCU
# "RP2350-RISCV" for the RISC-V builds. Only the two Pico W names are wireless boards: other boards
# have " W" in their names too ("Machdyne Werkzeug with RP2040") and get the Pico's pins.

GPIO_COUNT = 30
PICO_LED_GPIO = 25
ADC_FIRST_GPIO = 26  # GP26-29 are ADC channels 0-3 (GP29: VSYS/3, the board's own)
ADC_VSYS_CHANNEL = 3  # GP29, which every board keeps: it reads VSYS/3, the supply
ADC_TEMPERATURE_CHANNEL = 4  # the chip's temperature sensor, on no GPIO
PWM_SLICES = 8  # 2 channels each; the RP2350's other 4 reach no GPIO of a Pico 2

_RADIO = "belongs to the wireless chip"
PICO_OWN = {23: "sets the power-supply mode", 24: "senses VBUS", 29: "senses VSYS"}
RADIO_OWN = {23: _RADIO, 24: _RADIO, 25: _RADIO, 29: _RADIO}
# board name (before " with ") -> the GPIO it keeps for itself; any other name has a Pico's
MODELS = {
    "Raspberry Pi Pico": PICO_OWN,
    "Raspberry Pi Pico2": PICO_OWN,
    "Raspberry Pi Pico W": RADIO_OWN,
    "Raspberry Pi Pico 2 W": RADIO_OWN,
}


class BoardModel:
    """The board the bridge runs on: model is its sys.implementation._machine."""

    def __init__(self, model, own):
        self.model = model
        self.own = own  # GPIO number -> what the board uses it for
        self.wireless = own is RADIO_OWN
        self.led = "LED" if self.wireless else PICO_LED_GPIO  # a GPIO number or a name for machine.Pin
        self.free = [n for n in range(GPIO_COUNT) if n not in own]
        self.pins_text = _ranges(self.free)

    def is_free(self, n):
        return 0 <= n < GPIO_COUNT and n not in self.own

    def board_use(self, n):
        """What the board uses a GPIO it keeps for itself for ("GP29 senses VSYS"), or None."""
        use = self.own.get(n)
        if use is None:
            return None
        # GP25 is the LED of a Pico; whoever asks for it on a W wants the LED
        hint = "; use LED for the onboard LED" if n == PICO_LED_GPIO and self.wireless else ""
        return "GP%d %s%s" % (n, use, hint)

    def adc_channel(self, n):
        """The ADC channel of a free GPIO, or None."""
        return n - ADC_FIRST_GPIO if self.is_free(n) and n >= ADC_FIRST_GPIO else None

    def own_adc_channel(self, n):
        """The ADC channel of a GPIO the board keeps for itself (GP29: 3, VSYS/3), or None."""
        return n - ADC_FIRST_GPIO if n in self.own and n >= ADC_FIRST_GPIO else None

    def pwm(self, n):
        """(slice, channel) of a free GPIO's PWM output; channel 0 is A, 1 is B."""
        return self.pwm_slice(n), n & 1

    def pwm_slice(self, n):
        """The PWM slice of a GPIO: both its channels run at one frequency."""
        return (n >> 1) & (PWM_SLICES - 1)

    def pin_name(self, key):
        return str(key)


def _ranges(pins):
    """[0, 1, 2, 5] -> "0-2,5"."""
    parts = []
    lo = prev = None
    for n in pins + [None]:
        if lo is not None and n != prev + 1:
            parts.append(str(lo) if lo == prev else "%d-%d" % (lo, prev))
            lo = None
        if lo is None:
            lo = n
        prev = n
    return ",".join(parts)


def for_model(model):
    i = model.find(" with ")
    return BoardModel(model, MODELS.get(model[:i] if i >= 0 else model, PICO_OWN))


def detect():
    import sys

    return for_model(getattr(sys.implementation, "_machine", "unknown board"))
