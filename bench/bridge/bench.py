"""Pipelined requests to the bridge on the emulated RP2040 (../shared/rp2040/rig), beside a naive
asyncio echo app on the same rig in the same run. See run.sh and docs/performance.md.

Device time per request: the replies carry the device clock (the bridge's t_us, the echo app's
ticks_us); with WINDOW requests always in flight the board never waits for the host, so the
spacing of those stamps is what one request costs the board. Requests per second: 1e6 / that
(what a 125 MHz RP2040 sustains), and through the pty in wall time (the emulator runs slower than
a chip when the machine is busy: its ratio is printed too)."""
import argparse
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FW = os.path.join(ROOT, "bridge-firmware")
RIG = os.environ.get("PICOLOOP_RIG") or os.path.join(os.path.dirname(ROOT), "shared", "rp2040", "rig")


class Board:
    def __init__(self, rig, files, speed):
        self.rig = rig
        self.run = tempfile.mkdtemp(prefix="bench-bridge-")
        subprocess.run(["bash", rig, "start", "-r", self.run, "-s", str(speed)] + files,
                       check=True, stdout=subprocess.DEVNULL)
        self.fd = os.open(os.path.join(self.run, "tty"), os.O_RDWR | os.O_NOCTTY)
        self.buf = b""

    def ctl(self, *cmd):
        return subprocess.run(["bash", self.rig, "ctl", "-r", self.run] + list(cmd), check=True,
                              capture_output=True, text=True).stdout.strip()

    def status(self):
        return dict(f.split("=", 1) for f in self.ctl("status").split()[1:] if "=" in f)

    def send(self, data):
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view):]

    def line(self, timeout=30.0):
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                raise RuntimeError("no line from the board within %.0f s (have %r)" % (timeout, self.buf))
            self.buf += os.read(self.fd, 65536)
        line, self.buf = self.buf.split(b"\n", 1)
        return line.decode(errors="replace").rstrip("\r")

    def ask(self, text, answer_prefix):
        self.send(text.encode() + b"\n")
        while True:
            got = self.line()
            if got.startswith(answer_prefix):
                return got

    def close(self):
        os.close(self.fd)
        subprocess.run(["bash", self.rig, "stop", "-r", self.run], stdout=subprocess.DEVNULL)
        shutil.rmtree(self.run, ignore_errors=True)


def pipelined(board, make, n, window, match, on_event=None):
    """Sends n requests (make(i) -> line), at most `window` unanswered; returns the device stamps
    of the replies (match(i, line) -> t or None for a line that is not reply i) and wall seconds."""
    stamps = []
    sent = 0
    st0 = board.status()
    t0 = time.monotonic()
    while len(stamps) < n:
        batch = []
        while sent < n and sent - len(stamps) < window:
            batch.append(make(sent).encode() + b"\n")
            sent += 1
        if batch:
            board.send(b"".join(batch))
        line = board.line()
        if line.startswith("!"):
            if on_event is not None:
                on_event(line, stamps)
            continue
        t = match(len(stamps), line)
        if t is None:
            raise RuntimeError("request %d: unexpected reply %r" % (len(stamps), line))
        stamps.append(t)
    wall = time.monotonic() - t0
    st1 = board.status()
    # emulated time over the rig's own wall clock, across the run: below 1 when the machine is busy
    ratio = (int(st1["emu_us"]) - int(st0["emu_us"])) / 1000.0 / (int(st1["wall_ms"]) - int(st0["wall_ms"]))
    return stamps, wall, ratio


def figures(name, stamps, wall, ratio, window):
    steady = stamps[min(window, len(stamps) // 4):]  # the first replies come while the pipe fills
    per = (steady[-1] - steady[0]) / (len(steady) - 1)
    n = len(stamps)
    print("%-22s %7.3f ms/request  %6.0f req/s device time; through the pty %5.0f req/s wall"
          " (the emulator ran %.2fx wall speed)" % (name, per / 1000.0, 1e6 / per, n / wall, ratio), flush=True)
    return per


def reply_t(rid):
    def match(i, line):
        f = line.split()
        if len(f) >= 3 and f[0] == str(rid(i)) and f[1] == "ok":
            return int(f[-1])
        return None
    return match


def bridge_files(fw=FW):
    """main.py first (it becomes /main.py), then every bridge*.py."""
    return [os.path.join(fw, "main.py")] + sorted(
        os.path.join(fw, f) for f in os.listdir(fw) if f.startswith("bridge") and f.endswith(".py"))


def bench_bridge(rig, n, window, speed, kinds, press_pin, fw=FW):
    board = Board(rig, bridge_files(fw), speed)
    results = {}
    try:
        board.send(b"\n")
        hello = board.ask("1 hello", "1 ok")
        print("bridge:", hello, flush=True)
        for pin in (25, 16, 19, 20):
            board.ask("2 mode %d out" % pin, "2 ok")
        rid = lambda i: 100 + i % 60000
        multi = board.ask("3 write 16 1 19 0 20 1", "3 ")
        requests = {
            "ping": lambda i: "%d ping" % rid(i),
            "write": lambda i: "%d write 25 %d" % (rid(i), i & 1),
            "toggle": lambda i: "%d toggle 25" % rid(i),
            "write 16 x 19 y 20 z": lambda i: "%d write 16 %d 19 %d 20 %d" % (rid(i), i & 1, 1 - (i & 1), i & 1),
        }
        for w in (window, n):
            print("-- %d requests in flight%s" % (w, " (the board never waits for the host)" if w == n else ""), flush=True)
            for kind in kinds:
                if kind.startswith("write 16") and " ok " not in multi + " ":
                    print("%-22s not supported by this bridge: %s" % (kind, multi), flush=True)
                    continue
                stamps, wall, ratio = pipelined(board, requests[kind], n, w, reply_t(rid))
                results[kind] = figures(kind, stamps, wall, ratio, w)
        if press_pin is not None:
            edges_while_busy(board, n, n, press_pin, rid)  # the board never waits: the bound is tight
    finally:
        board.close()
    return results


def edges_while_busy(board, n, window, pin, rid):
    """Presses a watched button while toggles flow: how long after its edge (device time) the
    `! edge` line came, counted as the replies' stamps around it."""
    board.ask("4 watch %d up 0" % pin, "4 ok")
    delays = []
    events = []

    def on_event(line, stamps):
        f = line.split()
        if f[1] == "edge":
            events.append((int(f[4]), len(stamps)))

    presses = []
    import threading

    def presser():
        for k in range(6):
            board.ctl("press" if k % 2 == 0 else "release", str(pin))
            presses.append(k)
            time.sleep(0.2)

    th = threading.Thread(target=presser)
    th.start()
    count = 0
    seen = 0
    while th.is_alive() or count == 0:  # toggles flow until the last release has gone in
        del events[:]
        stamps, wall, ratio = pipelined(board, lambda i: "%d toggle 25" % rid(i), n, window, reply_t(rid), on_event)
        for t_edge, k in events:
            if 0 < k < len(stamps):  # k == 0: it came between two bursts, while the board idled
                delays.append(stamps[k] - t_edge)
        seen += len(events)
        count += 1
    th.join()
    # each edge line came after reply k-1 and before reply k: out by stamps[k] at the latest
    print("edges while toggles flow (%d in flight): %d of %d edges reported; those amid the replies within %s us of"
          " device time (the next reply's stamp minus the edge's)" % (window, seen, len(presses), sorted(delays)), flush=True)


def bench_echo(rig, n, window, speed):
    board = Board(rig, [os.path.join(HERE, "echo_app.py")], speed)
    try:
        stamps, wall, ratio = pipelined(
            board, lambda i: "%d toggle 25" % (100 + i), n, window,
            lambda i, line: int(line.split()[-1]) if line.startswith("%d toggle" % (100 + i)) else None)
        return figures("naive asyncio echo", stamps, wall, ratio, window)
    finally:
        board.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rig", default=RIG)
    p.add_argument("-n", type=int, default=400, help="requests per kind")
    p.add_argument("--window", type=int, default=16, help="requests in flight (the Java client's limit)")
    p.add_argument("--speed", default="1", help="the rig's pacing (1: emulated time at most wall time)")
    p.add_argument("--press", type=int, default=14, help="a button pressed while toggles flow (-1: none)")
    p.add_argument("--baseline", help="another bridge-firmware directory measured first in the same run"
                   " (e.g. an older checkout: git worktree add /tmp/base <commit>)")
    a = p.parse_args()
    if not os.path.isfile(a.rig):
        sys.exit("bench/bridge: no rig at %s (set PICOLOOP_RIG)" % a.rig)
    echo = bench_echo(a.rig, a.n, a.n, a.speed)  # the board never waits: its own cost
    kinds = ["ping", "write", "toggle", "write 16 x 19 y 20 z"]
    if a.baseline:
        print("== baseline: %s" % a.baseline, flush=True)
        base = bench_bridge(a.rig, a.n, a.window, a.speed, kinds, None if a.press < 0 else a.press, a.baseline)
        print("== this checkout: %s" % FW, flush=True)
    res = bench_bridge(a.rig, a.n, a.window, a.speed, kinds, None if a.press < 0 else a.press)
    for k, v in res.items():
        print("%-22s %.1fx faster than the echo app, in device time, the board never waiting%s"
              % (k, echo / v, "; %.1fx the baseline" % (base[k] / v) if a.baseline and k in base else ""))


if __name__ == "__main__":
    main()
