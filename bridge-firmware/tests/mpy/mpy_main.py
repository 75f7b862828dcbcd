# Runs inside the MicroPython WebAssembly interpreter (see run_vectors.mjs); files are in /fw.
import sys


def log(msg):
    print(msg)


def import_checks():
    """The board-side modules import and work as far as this port allows (no USB, no loop)."""
    sys.path.append("/fw/stand-in")  # machine stand-in, last so a real one would win
    import micropython
    import bridge
    import bridge_board
    import bridge_pins
    import bridge_usb  # noqa: F401  (select exists here; sys.stdin cannot be polled)

    assert hasattr(micropython, "kbd_intr")
    with open("/fw/main.py") as f:
        compile(f.read(), "main.py", "exec")

    class Link:
        def __init__(self, data):
            self.data = list(data)
            self.lines = []

        def read_line(self, lines):  # as UsbLink: a poll that allocates nothing, one byte a read
            return lines.fill(self._waiting, self._readinto)

        def _waiting(self, timeout):
            return (1,) if self.data else ()

        def _readinto(self, view):
            view[0] = self.data.pop(0)
            return 1

        def writable(self):
            return True

        def write_line(self, text):
            self.lines.append(text)

        def flush(self):
            pass

    link = Link(b"1 mode 25 out 1\n2 ping\n\n3 repl\n4 ping\n")
    app = bridge.Bridge(
        link, bridge_board.for_model("Raspberry Pi Pico with RP2040"), bridge_pins.PinDriver(), "AB"
    )
    app.pump(1000)
    assert link.lines[0].startswith("1 ok "), link.lines
    assert link.lines[1].startswith("2 ok "), link.lines
    assert link.lines[2:] == ["3 ok"], link.lines  # nothing after repl
    assert not app.running
    assert bridge.uid_hex(b"\x0f\xa0") == "0FA0"


def main():
    import checks
    import vectors

    passed, failed = checks.run_checks(log)
    with open("/fw/protocol-vectors.txt") as f:
        text = f.read()
    p, f_ = vectors.run_all(text, vectors.ProtocolDevice, log)
    passed += p
    failed += f_
    try:
        import_checks()
        passed += 1
    except Exception as e:
        failed += 1
        log("FAIL import_checks: %s %s" % (type(e).__name__, e))
        sys.print_exception(e)
    print("RESULT %d %d" % (passed, failed))
