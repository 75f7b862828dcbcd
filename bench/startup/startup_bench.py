"""Start-up times of ./picoloop beside a bare `java -version`, measured in the same run, interleaved.

Each round runs every command once, in turn, on a pseudo-terminal (stdin, stdout and stderr, as in
a terminal session), and times it from the fork to its exit (wall) and its CPU (user + system, all
threads). Reported per command: the median and the spread (min, p10, p90, max) over the rounds, and
the ratio to `java -version` two ways: of the medians, and the median of each round's own ratio (the
machine's load changes between rounds; a round's commands ran within about a second of each other).
A command given with a target ratio (a third tab-separated field) gets a verdict line: met when both
ratios are within it.
"""
import os
import pty
import select
import statistics
import subprocess
import sys
import time


def run_once(argv, env):
    master, slave = pty.openpty()
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:     # EIO: every end of the terminal closed, the command has exited
                break
            if not chunk:
                break
            out += chunk
        elif p.poll() is not None:
            break
    _, status, usage = os.wait4(p.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    os.close(master)
    code = os.waitstatus_to_exitcode(status)
    return wall, (usage.ru_utime + usage.ru_stime) * 1000, code, out


def pct(values, q):
    s = sorted(values)
    return s[min(len(s) - 1, int(q * (len(s) - 1) + 0.5))]


def main():
    rounds = int(sys.argv[1])
    specs = [line.split("\t") for line in sys.argv[2:]]         # "name\tcommand line[\ttarget ratio]" each
    commands = [spec[:2] for spec in specs]
    targets = {spec[0]: float(spec[2]) for spec in specs if len(spec) > 2}
    env = dict(os.environ)
    for name, cmd in commands:                                  # warm-up: jar built, cache made, files in the page cache
        wall, cpu, code, out = run_once(["bash", "-c", cmd], env)
        if code != 0:
            sys.exit(f"{name}: exit {code}: {out.decode(errors='replace')}")
    walls = {name: [] for name, _ in commands}
    cpus = {name: [] for name, _ in commands}
    for _ in range(rounds):
        for name, cmd in commands:
            wall, cpu, code, out = run_once(["bash", "-c", "exec " + cmd], env)
            if code != 0:
                sys.exit(f"{name}: exit {code}: {out.decode(errors='replace')}")
            walls[name].append(wall)
            cpus[name].append(cpu)
    base = commands[0][0]
    base_med = statistics.median(walls[base])
    print(f"{'command':<34} {'median':>8} {'min':>6} {'p10':>6} {'p90':>6} {'max':>6}  {'x base':>7} {'x/round':>8}  {'CPU med':>7}")
    verdicts = []
    for name, _ in commands:
        w = walls[name]
        per_round = statistics.median(a / b for a, b in zip(w, walls[base]))
        x_base = statistics.median(w) / base_med
        print(f"{name:<34} {statistics.median(w):6.1f}ms {min(w):6.0f} {pct(w, 0.1):6.0f} {pct(w, 0.9):6.0f} {max(w):6.0f}"
              f"  {x_base:6.2f}x {per_round:7.2f}x  {statistics.median(cpus[name]):5.0f}ms")
        if name in targets:
            met = "met" if max(x_base, per_round) <= targets[name] else "NOT met"
            cpu_x = statistics.median(cpus[name]) / statistics.median(cpus[base])
            verdicts.append(f"target {name}: within {targets[name]:g}x {base}: {x_base:.2f}x / {per_round:.2f}x per round"
                            f" (CPU {cpu_x:.1f}x): {met}")
    print(f"({rounds} rounds; ms wall from fork to exit; 'x base' = median / median of {base}; "
          f"'x/round' = median over rounds of the command's time / {base}'s in the same round)")
    for line in verdicts:
        print(line)


if __name__ == "__main__":
    main()
