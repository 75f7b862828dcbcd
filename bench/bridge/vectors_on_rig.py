"""Every Pico session of docs/protocol-vectors.txt against the bridge on the emulated RP2040 (real
MicroPython v1.28.0 on rp2, so the viper fast path of bridge_fast.py answers what it can and the
Python path the rest). Each session starts from a hard reset (`rig ctl reset`). About 2-3 minutes.
Usage: python3 bench/bridge/vectors_on_rig.py [TITLE_SUBSTRING]"""
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path[:0] = [HERE, os.path.join(ROOT, "bridge-firmware"), os.path.join(ROOT, "bridge-firmware", "tests")]
sys.path.append(os.path.join(ROOT, "bridge-firmware", "host"))  # the `micropython` stand-in for bridge_protocol
import bench  # noqa: E402
import vectors  # noqa: E402


class RigDevice:
    def __init__(self, board):
        self.board = board
        self.driven = set()  # levels driven from outside persist across a reset: undone there

    def reset(self):
        for pin in self.driven:
            self.board.ctl("float", pin)
        self.driven.clear()
        self.board.ctl("reset")
        while not self.board.line(timeout=60).startswith("! boot picoloop"):
            pass

    def send(self, data):
        self.board.send(data)

    def recv(self):
        try:
            return self.board.line(timeout=5)
        except RuntimeError:
            return None

    def expect_nothing(self):
        return None

    def level(self, pin):
        gpio = 25 if pin.upper() == "LED" else int(pin)
        fields = dict(f.split("=", 1) for f in self.board.ctl("get", str(gpio)).split() if "=" in f)
        return int(fields["out"]) if fields.get("oe") == "1" else None

    def input(self, pin, level):
        self.driven.add(pin)
        self.board.ctl("set", pin, str(level))
        time.sleep(0.05)

    def finish(self):
        self.board.send(b"65000 ping\n")
        got = self.recv()
        if got is None or not vectors.match("65000 ok {int}", got):
            return "sync ping answered with %r" % got
        return None


def main():
    rig = os.environ.get("PICOLOOP_RIG") or os.path.join(os.path.dirname(ROOT), "shared", "rp2040", "rig")
    with open(os.path.join(ROOT, "docs", "protocol-vectors.txt")) as f:
        sessions = [s for s in vectors.parse(f.read()) if s.board == "pico"]
    if len(sys.argv) > 1:
        sessions = [s for s in sessions if sys.argv[1] in s.title]
    board = bench.Board(rig, bench.bridge_files(), 1)  # paced: a keepalive period must not pass while a rig ctl runs
    failed = 0
    try:
        device = RigDevice(board)
        for s in sessions:
            device.reset()
            errors = vectors.play(s, device)
            print("%s %s%s" % ("FAIL" if errors else "ok  ", s.title, ": " + "; ".join(errors) if errors else ""), flush=True)
            failed += bool(errors)
    finally:
        board.close()
    print("%d sessions, %d failed" % (len(sessions), failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
