# picoloop bridge: the hot path on the board, in viper (machine code; ints are machine words).
#
# One call reads the waiting bytes into the line buffer and answers every `ping`, `toggle <gpio>`
# and `write <gpio> <0|1> [<gpio> <0|1> ...]` it completes, as typed by the Java client (`12 toggle 25`: lower case,
# single spaces, a plain GPIO number that is an output), without a Python object per byte or per
# request: the pin is set through the SIO set/clear registers, the reply is written digit by digit
# into a fixed buffer. Any other line (other commands, errors, `GP25`, `LED`, two spaces) goes back
# to bridge_protocol.Dispatcher, which answers it exactly as before; the protocol vectors check
# both paths on the board (bench/bridge/vectors_on_rig.py).
#
# Why: MicroPython on an RP2040 at 125 MHz spends ~10 us on a Python call, 30-100 us on a new
# string, 100 us on str(int) (measured on the emulated RP2040, docs/performance.md). Reading stays
# one byte per poll, as rp2's stdin demands (bridge_usb): ~24 us a byte here, which is most of
# what a request costs now.
#
# The state it shares, all preallocated (no allocation here, and nothing it calls allocates):
#   LineReader.st   array("i"): bytes in the buffer, after-CR flag, overflow flag
#   Clock.st        array("i"): last ticks_us, seconds, microseconds (the `ping` clock)
#   Dispatcher.gpio bytearray(30): per GPIO 0 not set up, 1 output low, 2 output high, 3 input
#   Edges ring control (head != tail: an IRQ queued an edge; stop, so that its event goes first)
# Not for CPython or the WebAssembly port (no viper there): bridge.main() imports it on a board
# only; the host runs the Python path.
import micropython
from micropython import const

_NL = const(10)
_CR = const(13)
_SPACE = const(32)
_ZERO = const(48)
_NINE = const(57)
_MASK = const(0x3FFFFFFF)  # ticks_us wraps at 2**30
_HALF = const(0x20000000)
_SECOND = const(1000000)

_PING = const(0)
_TOGGLE = const(1)
_WRITE = const(2)

# Dispatcher.gpio states
OUT_LOW = const(1)
OUT_HIGH = const(2)

# SIO GPIO_OUT_SET, GPIO_OUT_CLR, GPIO_OUT, GPIO_OUT_XOR (RP2040 datasheet 2.3.1.7; on the RP2350
# SET, CLR and XOR moved); bridge_pins has the same for the Python path
_SIO = const(0xD0000000)
REGS_RP2040 = (_SIO + 0x014, _SIO + 0x018, _SIO + 0x010, _SIO + 0x01C)
REGS_RP2350 = (_SIO + 0x018, _SIO + 0x020, _SIO + 0x010, _SIO + 0x028)


@micropython.viper
def serve(ctx) -> int:
    """Reads and answers lines until no byte waits or an edge is queued, or a line needs the
    Python path. Returns the count of lines answered (>= 0), or -1 - n for a line of n bytes left
    in the buffer for the Python path (n = MAXLINE + 1: too long). ctx: see FastPath."""
    waiting = ctx[0]
    readinto = ctx[1]
    reply = ctx[2]
    one_obj = ctx[3]
    one = ptr8(one_obj)
    buf = ptr8(ctx[4])
    st = ptr32(ctx[5])
    gpio = ptr8(ctx[6])
    clk = ptr32(ctx[7])
    ring = ptr32(ctx[8])
    out_obj = ctx[9]
    out = ptr8(out_obj)
    top = int(ctx[10])
    set_reg = ptr32(int(ctx[11]))
    clr_reg = ptr32(int(ctx[12]))
    ticks_us = ctx[13]
    out_reg = ptr32(int(ctx[14]))
    xor_reg = ptr32(int(ctx[15]))
    w_ping = ptr8(b"ping")
    w_toggle = ptr8(b"toggle ")
    w_write = ptr8(b"write ")
    w_ok = ptr8(b" ok ")
    served = 0
    n = st[0]
    while ring[0] == ring[1]:
        ready = 0
        for _ in waiting(0):
            ready = 1
            break
        if not ready:
            break
        readinto(one_obj)
        b = one[0]
        if b != _NL and b != _CR:
            st[1] = 0
            if n < top:
                buf[n] = b
                n += 1
            else:
                st[2] = 1  # overflow: the rest of the line is dropped
            continue
        after_cr = st[1]
        st[1] = 1 if b == _CR else 0
        if after_cr and b == _NL:
            continue  # the LF of a CR LF
        if st[2]:
            st[2] = 0
            st[0] = 0
            return -2 - top
        line = n
        n = 0
        st[0] = 0
        if line == 0:
            return -1  # an empty line: the Python path ignores it (and moves the keepalive)
        # <id>: 1-5 digits, no leading zero, at most 65535, then one space
        i = 0
        rid = 0
        while i < line and i < 6 and buf[i] >= _ZERO and buf[i] <= _NINE:
            rid = rid * 10 + buf[i] - _ZERO
            i += 1
        if i == 0 or i > 5 or rid > 65535 or (i > 1 and buf[0] == _ZERO) or i >= line or buf[i] != _SPACE:
            return -1 - line
        id_len = i
        i += 1
        # the command; for toggle and write: <gpio> <level> pairs (toggle: one pin, no level)
        kind = _PING
        level = 0
        k = 0
        if line - i == 4:
            while k < 4 and buf[i + k] == w_ping[k]:
                k += 1
            if k != 4:
                return -1 - line
        else:
            if line - i > 7 and buf[i] == w_toggle[0]:
                kind = _TOGGLE
                while k < 7 and buf[i + k] == w_toggle[k]:
                    k += 1
            elif line - i > 8 and buf[i] == w_write[0]:
                kind = _WRITE
                while k < 6 and buf[i + k] == w_write[k]:
                    k += 1
            if kind == _PING or k != (7 if kind == _TOGGLE else 6):
                return -1 - line
            p = i + k
            ones = 0  # GPIO to drive high, as bits
            zeros = 0
            pairs = 0
            while p < line:
                pin = 0  # 1-2 digits naming an output, each pin once
                q = p
                while p < line and p - q < 3 and buf[p] >= _ZERO and buf[p] <= _NINE:
                    pin = pin * 10 + buf[p] - _ZERO
                    p += 1
                if p == q or p - q > 2 or pin > 29 or (gpio[pin] != OUT_LOW and gpio[pin] != OUT_HIGH):
                    return -1 - line  # not an output, or not a pin: the Python path says why
                if (ones | zeros) & (1 << pin):
                    return -1 - line
                if kind == _TOGGLE:
                    if p != line:
                        return -1 - line
                    level = 1 if gpio[pin] == OUT_LOW else 0
                else:
                    if p + 2 > line or buf[p] != _SPACE or buf[p + 1] < _ZERO or buf[p + 1] > _ZERO + 1:
                        return -1 - line
                    level = buf[p + 1] - _ZERO
                    p += 2
                    if p < line:
                        if buf[p] != _SPACE or p + 1 == line:
                            return -1 - line
                        p += 1
                if level:
                    ones |= 1 << pin
                else:
                    zeros |= 1 << pin
                pairs += 1
            if pairs == 1:
                if ones:
                    set_reg[0] = ones
                else:
                    clr_reg[0] = zeros
            else:  # several pins in one store, as bridge_pins.PinDriver.write_gpios
                xor_reg[0] = (out_reg[0] ^ ones) & (ones | zeros)
            pin = 0
            while pin < 30:
                if ones & (1 << pin):
                    gpio[pin] = OUT_HIGH
                elif zeros & (1 << pin):
                    gpio[pin] = OUT_LOW
                pin += 1
        # the clock, read right after the pin changed (bridge_protocol.Clock)
        now = int(ticks_us())
        us = clk[2] + ((now - clk[0] + _HALF) & _MASK) - _HALF
        clk[0] = now
        sec = clk[1]
        while us >= _SECOND:
            us -= _SECOND
            sec += 1
        clk[1] = sec
        clk[2] = us
        # the reply: <id> ok [<level>] <t_us>
        o = 0
        while o < id_len:
            out[o] = buf[o]
            o += 1
        k = 0
        while k < 4:
            out[o] = w_ok[k]
            o += 1
            k += 1
        if kind == _TOGGLE:
            out[o] = _ZERO + level
            out[o + 1] = _SPACE
            o += 2
        start = o
        v = sec if sec > 0 else us
        while True:
            out[o] = _ZERO + v % 10
            o += 1
            v //= 10
            if v == 0:
                break
        k = o - 1
        while start < k:  # the digits came last first
            c = out[start]
            out[start] = out[k]
            out[k] = c
            start += 1
            k -= 1
        if sec > 0:
            v = us
            k = 5
            while k >= 0:
                out[o + k] = _ZERO + v % 10
                v //= 10
                k -= 1
            o += 6
        out[o] = _NL
        reply(out_obj, o + 1)
        served += 1
    st[0] = n
    return served


class FastPath:
    """Binds serve() to the bridge's objects; read_line() is the Bridge's reader on a board."""

    def __init__(self, link, lines, dispatcher, clock, edges, model):
        self._lines = lines
        self._keepalive = dispatcher.keepalive
        regs = REGS_RP2350 if "RP2350" in model else REGS_RP2040
        self._ctx = (
            link.waiting, link.readinto, link.write_reply, bytearray(1), lines.buf, lines.st,
            dispatcher.gpio, clock.st, edges.ring_control(), bytearray(lines.max + 24), lines.max,
            regs[0], regs[1], clock.ticks_us, regs[2], regs[3],
        )
        self.served = 0

    def read_line(self):
        """Answers what it can; the next line for the Python path (bytes, or TOOLONG), or None."""
        r = serve(self._ctx)
        if r >= 0:
            if r and self._keepalive is not None:
                self._keepalive.refresh()  # once for the burst: no other task ran in between
            return None
        n = -1 - r
        return self._lines.taken(n)
