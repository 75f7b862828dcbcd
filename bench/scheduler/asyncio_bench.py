"""CPython asyncio side of the scheduler benchmarks: the same workloads as SchedulerBench.java.

Each figure is printed as "RESULT name value unit" for run.sh.
"""
import asyncio
import resource
import sys
import time


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    k = max(0, min(len(sorted_values) - 1, int(-(-p / 100.0 * len(sorted_values) // 1)) - 1))
    return sorted_values[k]


async def _yielder(n):
    for _ in range(n):
        await asyncio.sleep(0)


def switch(tasks, yields):
    best = 0.0
    for _ in range(3):
        async def main():
            await asyncio.gather(*(_yielder(yields) for _ in range(tasks)))
        t0 = time.perf_counter()
        asyncio.run(main())
        best = max(best, tasks * yields / (time.perf_counter() - t0))
    print(f"RESULT switch_rate {best:.0f} switches/s")


def callbacks(total):
    best = 0.0
    for _ in range(3):
        loop = asyncio.new_event_loop()
        left = [total]

        def step():
            left[0] -= 1
            if left[0] > 0:
                loop.call_soon(step)
            elif left[0] == 0:
                loop.stop()
        for _ in range(100):
            loop.call_soon(step)
        t0 = time.perf_counter()
        loop.run_forever()
        best = max(best, total / (time.perf_counter() - t0))
        loop.close()
    print(f"RESULT callback_rate {best:.0f} callbacks/s")


def lateness(tasks, period_ms, seconds):
    samples = []

    async def periodic(loop, phase, period, end):
        deadline = phase
        while deadline < end:
            await asyncio.sleep(deadline - loop.time())
            samples.append(loop.time() - deadline)
            deadline += period

    async def main():
        loop = asyncio.get_running_loop()
        period = period_ms / 1000.0
        start = loop.time() + 0.2
        end = start + seconds
        await asyncio.gather(*(periodic(loop, start + period * i / tasks, period, end) for i in range(tasks)))
    asyncio.run(main())
    s = sorted(samples)
    print(f"RESULT lateness_p50 {percentile(s, 50) * 1e6:.1f} us")
    print(f"RESULT lateness_p99 {percentile(s, 99) * 1e6:.1f} us")
    print(f"RESULT lateness_max {s[-1] * 1e6:.1f} us")
    print(f"RESULT lateness_samples {len(s)} n")


def scale(tasks, burst=False):
    """Same as SchedulerBench.scale: one sleep per task; spread over 0.5 s, or all at one instant."""
    samples = []
    wakes = []

    async def sleeper(loop, deadline):
        await asyncio.sleep(deadline - loop.time())
        now = loop.time()
        samples.append(now - deadline)
        wakes.append(now)

    async def main():
        loop = asyncio.get_running_loop()
        t0 = loop.time()
        wake = t0 + 4.0
        spread = 0.0 if burst else 0.5
        all_tasks = [asyncio.create_task(sleeper(loop, wake + spread * i / tasks)) for i in range(tasks)]
        await asyncio.sleep(0)          # every task has now run up to its sleep
        asleep = loop.time() - t0
        await asyncio.gather(*all_tasks)
        return asleep
    asleep = asyncio.run(main())
    s = sorted(samples)
    p = "scale_burst" if burst else "scale"
    print(f"RESULT {p}_tasks {len(s)} tasks")
    print(f"RESULT {p}_all_asleep_after {asleep * 1e3:.0f} ms")
    print(f"RESULT {p}_peak_rss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.1f} MB")
    print(f"RESULT {p}_wake_p50 {percentile(s, 50) * 1e6:.1f} us")
    print(f"RESULT {p}_wake_p99 {percentile(s, 99) * 1e6:.1f} us")
    print(f"RESULT {p}_wake_max {s[-1] * 1e6:.1f} us")
    print(f"RESULT {p}_per_wake {(max(wakes) - min(wakes)) * 1e6 / tasks:.2f} us")


def drift(periods):
    async def naive(loop, start):
        for _ in range(periods):          # what a MicroPython-style loop usually does
            await asyncio.sleep(0.01)
        return loop.time() - start - periods * 0.01

    async def absolute(loop, start):
        deadline = start
        for _ in range(periods):
            deadline += 0.01
            await asyncio.sleep(deadline - loop.time())
        return loop.time() - start - periods * 0.01

    async def main():
        loop = asyncio.get_running_loop()
        start = loop.time()
        return await asyncio.gather(naive(loop, start), absolute(loop, start))
    naive_err, absolute_err = asyncio.run(main())
    print(f"RESULT drift_naive_sleep {naive_err * 1e3:.3f} ms")
    print(f"RESULT drift_absolute_deadline {absolute_err * 1e3:.3f} ms")


def control(period_ms, seconds):
    """No asyncio: a plain thread sleeping to absolute deadlines, to see what the machine does."""
    period = period_ms / 1000.0
    samples = []
    deadline = time.monotonic() + period
    end = deadline + seconds
    while deadline < end:
        delay = deadline - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        samples.append(time.monotonic() - deadline)
        deadline += period
    s = sorted(samples)
    print(f"RESULT control_p50 {percentile(s, 50) * 1e6:.1f} us")
    print(f"RESULT control_p99 {percentile(s, 99) * 1e6:.1f} us")
    print(f"RESULT control_max {s[-1] * 1e6:.1f} us")


if __name__ == "__main__":
    cmd, args = sys.argv[1], [int(a) for a in sys.argv[2:]]
    {"switch": switch, "callbacks": callbacks, "lateness": lateness, "scale": scale, "scale-burst": lambda n: scale(n, True), "drift": drift, "control": control}[cmd](*args)
