# Host stand-in for MicroPython's `micropython` module (CPython only; see run_on_pty.py).
kbd_intr_calls = []  # every kbd_intr(arg), in order, for tests


def const(x):
    return x


def kbd_intr(chr_code):
    kbd_intr_calls.append(chr_code)


def schedule(func, arg):
    func(arg)
    return None


def alloc_emergency_exception_buf(size):
    return None
