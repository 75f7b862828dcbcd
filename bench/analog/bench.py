"""PWM outputs and sample streams of the bridge on the emulated RP2040 (../shared/rp2040/rig), beside
a naive asyncio sampler on the same rig in the same run. See run.sh and docs/performance.md.

PWM: the rig logs every level the PWM slice puts on a pin (GPIO lines, emulated microseconds), so
a PWM output's period and high time are measured there, and a fade's duty per period gives its
steps. Streams: each `! sample` carries the device time it was read; sample k of a stream started
at t0 is due at t0 + k * period, so its lateness is t - due, and the spacing of the stamps is what
a program sees. The baseline samples with asyncio.sleep_ms(period) between reads (sampler_app.py)."""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "bench", "bridge"))
import bench as rigbench  # noqa: E402  (bench/bridge: the rig's Board)

PWM_CASES = ((16, 1000, 16384), (19, 50, 49152), (20, 10000, 6554))  # pin, Hz, duty_u16
FADE = (21, 1000, 200)  # pin, Hz, ms: 0 to 65535
PERIODS = (20, 10, 5, 2, 1)  # stream periods, ms


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(p / 100.0 * len(s)))]


def device_now(board):
    return int(board.ask("60000 ping", "60000 ").split()[2])


def wait_device(board, us):
    """Returns once the board's clock has moved on by us (pings: device time, not wall time)."""
    end = device_now(board) + us
    while device_now(board) < end:
        pass


def changes(board, pin):
    """(level, emu_us) of every logged change of pin, in order."""
    out = []
    with open(os.path.join(board.run, "gpio.log")) as f:
        for line in f:
            p = line.split()
            if p[0] == "GPIO" and p[1] == str(pin):
                out.append((int(p[2]), int(p[3])))
    return out


def periods(ch):
    """(period_us, high_us, start) of every whole PWM period in a list of changes."""
    out = []
    for i in range(len(ch) - 2):
        if ch[i][0] == 1 and ch[i + 1][0] == 0 and ch[i + 2][0] == 1:
            out.append((ch[i + 2][1] - ch[i][1], ch[i + 1][1] - ch[i][1], ch[i][1]))
    return out


def bench_pwm(board):
    print("-- PWM from the GPIO log (emulated time)", flush=True)
    for pin, hz, duty in PWM_CASES:
        board.ask("1 pwm %d %d %d" % (pin, hz, duty), "1 ok")
        wait_device(board, max(200000, 10 * 1000000 // hz))
        board.ask("2 pwm %d off" % pin, "2 ok")
        ps = periods(changes(board, pin))[1:-1]  # whole periods, away from the start and the stop
        period = sum(p for p, _, _ in ps) / len(ps)
        high = sum(h for _, h, _ in ps) / len(ps)
        print("pwm %2d %6d Hz duty %5d: %4d periods, period %.2f us (asked %.2f), high %.2f us, duty %.4f"
              " (asked %.4f)" % (pin, hz, duty, len(ps), period, 1e6 / hz, high, high / period, duty / 65535.0),
              flush=True)


def bench_fade(board):
    pin, hz, ms = FADE
    board.ask("1 pwm %d %d 0" % (pin, hz), "1 ok")
    board.ask("2 fade %d 0 65535 %d" % (pin, ms), "2 ok")
    wait_device(board, ms * 1000 + 100000)
    board.ask("3 pwm %d off" % pin, "3 ok")
    ps = periods(changes(board, pin))
    steps = []  # (start, high) each time the high time changed
    for p, h, t in ps:
        if not steps or abs(h - steps[-1][1]) > 2:
            steps.append((t, h))
    gaps = [(b[0] - a[0]) / 1000.0 for a, b in zip(steps, steps[1:])]
    highs = [h for _, h in steps]
    print("fade %d 0->65535 in %d ms at %d Hz: %d duty steps seen (%d expected, the first and last are"
          " steady levels without edges), %s; step spacing %.2f ms mean, %.2f min, %.2f max" % (
              pin, ms, hz, len(steps), ms // 10 - 1, "rising" if highs == sorted(highs) else "NOT rising",
              sum(gaps) / len(gaps), min(gaps), max(gaps)), flush=True)


def stream_stats(name, period_ms, stamps, lateness, lost):
    gaps = [b - a for a, b in zip(stamps, stamps[1:])]
    late = "lateness p50 %5d us p99 %5d max %5d" % (pct(lateness, 50), pct(lateness, 99), max(lateness)) \
        if lateness else "%32s" % "(no schedule)"
    print("%-9s %2d ms: %5d samples %4d lost; %s; spacing mean %8.1f us, p1 %6d p99 %6d max %6d" % (
        name, period_ms, len(stamps), lost, late, sum(gaps) / len(gaps), pct(gaps, 1), pct(gaps, 99),
        max(gaps)), flush=True)


def bench_streams(board, seconds):
    print("-- sample streams (device time)", flush=True)
    board.ctl("adc", "0", "2048")
    fastest = None
    for period in PERIODS:
        count = int(seconds * 1000 / period)
        t0 = int(board.ask("1 stream 26 %d" % period, "1 ok").split()[2])
        stamps, lateness, lost, k = [], [], 0, 0
        while k < count:
            f = board.line().split()
            if f[:2] == ["!", "lost"]:
                lost += int(f[2])
                k += int(f[2])
            elif f[:3] == ["!", "sample", "26"]:
                k += 1
                t = int(f[4])
                stamps.append(t)
                lateness.append(t - (t0 + k * period * 1000))
        board.send(b"2 stream 26 off\n")
        while not board.line().startswith("2 ok"):
            pass
        stream_stats("bridge", period, stamps, lateness, lost)
        if lost == 0:
            fastest = period
    print("bridge: the shortest period with no lost sample: %s" % (
        "%d ms (%d samples/s)" % (fastest, 1000 // fastest) if fastest else "none"), flush=True)


def bench_baseline(rig, seconds, speed):
    print("-- baseline: asyncio.sleep_ms(period) between reads (sampler_app.py)", flush=True)
    board = rigbench.Board(rig, [os.path.join(HERE, "sampler_app.py")], speed)
    try:
        board.ctl("adc", "0", "2048")
        for period in PERIODS:
            count = int(seconds * 1000 / period)
            board.send(b"%d %d\n" % (period, count))
            stamps = []
            while True:
                f = board.line().split()
                if f == ["done"]:
                    break
                if f[:1] == ["s"]:
                    stamps.append(int(f[1]))
            stream_stats("baseline", period, stamps, [], 0)
    finally:
        board.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rig", default=rigbench.RIG)
    p.add_argument("--seconds", type=float, default=2.0, help="device seconds of samples per stream period")
    p.add_argument("--speed", default="1", help="the rig's pacing (1: emulated time at most wall time)")
    a = p.parse_args()
    if not os.path.isfile(a.rig):
        sys.exit("bench/analog: no rig at %s (set PICOLOOP_RIG)" % a.rig)
    bench_baseline(a.rig, a.seconds, a.speed)
    board = rigbench.Board(a.rig, rigbench.bridge_files(), a.speed)
    try:
        board.send(b"\n")
        board.ask("0 hello", "0 ok")
        bench_pwm(board)
        bench_fade(board)
        bench_streams(board, a.seconds)
        st = board.status()
        print("(the emulator ran %s x wall speed over its life)" % st.get("ratio"), flush=True)
    finally:
        board.close()


if __name__ == "__main__":
    main()
