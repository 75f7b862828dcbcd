# Minimal `machine` for importing the board-side firmware modules under the WebAssembly port
# (which has no machine module). Not a simulation: the host stand-in is host/machine.py.
class Pin:
    IN = 0
    OUT = 1
    PULL_UP = 1
    PULL_DOWN = 2
    IRQ_FALLING = 4
    IRQ_RISING = 8

    def __init__(self, id, mode=-1, pull=-1, value=None):
        self.id = id
        self.level = 0 if value is None else value

    def init(self, mode=-1, pull=-1, value=None):
        if value is not None:
            self.level = value

    def value(self, x=None):
        if x is None:
            return self.level
        self.level = x


def unique_id():
    return b"\x01\x02\xab\xcd"


class _Mem32:
    def __init__(self):
        self.words = {}

    def __getitem__(self, addr):
        return self.words.get(addr, 0)

    def __setitem__(self, addr, value):
        self.words[addr] = value


mem32 = _Mem32()


class PWM:
    def __init__(self, pin, freq=None, duty_u16=None):
        self.pin = pin

    def freq(self, hz=None):
        return None

    def duty_u16(self, duty=None):
        return None

    def deinit(self):
        pass


class ADC:
    def __init__(self, id):
        self.id = id

    def read_u16(self):
        return 0
