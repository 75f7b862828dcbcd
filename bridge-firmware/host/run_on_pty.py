#!/usr/bin/env python3
"""Run the bridge firmware under CPython behind a pseudo-terminal, as if it were a Pico on USB.

    python3 bridge-firmware/host/run_on_pty.py --link /tmp/x/ttyPICO --record /tmp/x/pins.jsonl
        [--board pico|picow] [--control /tmp/x/pins.ctl]

--link     a symlink to the pty's slave device is made here; open it like /dev/ttyACM0.
--record   driven output levels are appended here, one JSON line each, flushed:
           {"t": <time.monotonic() seconds>, "pin": 25 or "LED", "level": 0 or 1}
           and each change of a level driven onto an input through --control, as it reaches the pin:
           {"t": ..., "pin": 14, "level": 0 or 1, "input": true}
--board    pico (default) or picow: sets sys.implementation._machine.
--control  optional: a FIFO is made here; write lines "<pin> <level> [<level> ...] [@<us>]" to
           set the level the outside world puts on an input pin: "14 0" presses a button to GND,
           "14 0 1 0 1 0 @300" is a bouncing press, five level changes 300 us apart; "2 0; 3 0"
           changes several pins, one after the other. A level change calls the pin's IRQ handler;
           each line runs at once inside the firmware's event loop (busy-waiting the spacing), as
           pin interrupts do on a board, so bursts are exact. "adc 26 30000" sets what an analog
           input (26-29, temp) reads, read_u16's 0-65535.

Once the firmware has sent its `! boot` line and is about to read, this prints exactly
`READY <link>` on its stdout. SIGTERM or SIGINT end it cleanly (outputs low, link removed, exit
status 0). After the `repl` command the firmware has ended, as on a Pico: the pty stays up and
shows a stand-in REPL banner and `>>> ` prompts (input is dropped) until SIGTERM.
Nothing but the firmware writes to the pty; logs go to stderr.
"""
import argparse
import collections
import os
import select
import signal
import sys
import threading
import time
import tty

HERE = os.path.dirname(os.path.abspath(__file__))
FIRMWARE = os.path.dirname(HERE)


def log(msg):
    sys.stderr.write("run_on_pty: %s\n" % msg)
    sys.stderr.flush()


class MasterIn:
    """sys.stdin for the firmware: unbuffered bytes from the pty master, real poll semantics."""

    def __init__(self, fd):
        self._fd = fd
        self.buffer = self

    def fileno(self):
        return self._fd

    def readinto(self, view):
        data = self.read(len(view)) or b""
        view[: len(data)] = data
        return len(data)

    def read(self, n=1):
        try:
            return os.read(self._fd, n)
        except (BlockingIOError, InterruptedError):
            return None  # would block: MicroPython's non-blocking read says so with None
        except OSError:  # EIO while no side has the slave open: just no data
            return b""


class MasterOut:
    """sys.stdout for the firmware: writes to the pty master as MicroPython 1.27 writes to USB
    CDC on rp2 while a host has the port open: when the pty is full (nobody reads the port) a
    write waits up to WAIT_S without progress, then returns the count it wrote (short).
    select.poll() reports POLLOUT only while the pty has room, as rp2 does for the CDC TX FIFO."""

    WAIT_S = 0.5  # MICROPY_HW_USB_CDC_TX_TIMEOUT

    def __init__(self, fd):
        self._fd = fd
        self.buffer = self

    def fileno(self):
        return self._fd

    def write(self, data):
        if isinstance(data, str):
            data = data.encode()
        view = memoryview(data)
        done = 0
        deadline = time.monotonic() + self.WAIT_S
        while done < len(data):
            try:
                done += os.write(self._fd, view[done:])
                deadline = time.monotonic() + self.WAIT_S
                continue
            except (BlockingIOError, InterruptedError):
                pass
            except OSError as e:
                log("write failed, %d bytes dropped: %s" % (len(data) - done, e))
                return len(data)
            left = deadline - time.monotonic()
            if left <= 0:
                log("nobody reads the port: wrote %d of %d bytes" % (done, len(data)))
                return done
            select.select([], [self._fd], [], min(left, 0.05))
        return done

    def flush(self):
        pass


# What a Pico shows when main.py ends (after `repl`). The pty stays up, like the USB port does.
REPL_BANNER = (
    "MicroPython (host stand-in, run_on_pty.py); %s\r\n"
    'Type "help()" for more information.\r\n>>> '
)


# What MicroPython's REPL answers to a protocol line such as "1 hello": it echoes the line and
# fails to run it as Python.
REPL_ERROR = 'Traceback (most recent call last):\r\n  File "<stdin>", line 1\r\nSyntaxError: invalid syntax\r\n'


def idle_at_repl(master):
    """Until SIGTERM: behave like the REPL a board without the bridge shows: echo each line,
    answer it with a SyntaxError traceback (an empty line with a bare prompt), then `>>> `."""
    pending = b""
    while True:
        select.select([master], [], [], 1.0)
        try:
            data = os.read(master, 4096)
        except (BlockingIOError, InterruptedError):
            continue
        except OSError:
            time.sleep(0.2)
            continue
        pending += data
        while True:
            cut = min([i for i in (pending.find(b"\r"), pending.find(b"\n")) if i >= 0], default=-1)
            if cut < 0:
                break
            line, pending = pending[:cut], pending[cut + 1:]
            text = line.decode("ascii", "replace")
            sys.stdout.write(text + "\r\n" + (REPL_ERROR if text.strip() else "") + ">>> ")


def parse_control(line):
    """A control line to (pin, [levels], spacing_us), or None if it is not one."""
    parts = line.split()
    spacing = 0
    if len(parts) > 2 and parts[-1].startswith("@"):
        if not parts[-1][1:].isdigit():
            return None
        spacing = int(parts[-1][1:])
        parts = parts[:-1]
    if len(parts) < 2 or any(p not in ("0", "1") for p in parts[1:]):
        return None
    if parts[0].upper() == "LED":
        pin = "LED"
    elif parts[0].isdigit():
        pin = int(parts[0])
    else:
        return None
    return pin, [int(p) for p in parts[1:]], spacing


def parse_analog(line):
    """A control line "adc <26-29|temp> <0-65535>" to (input, value), or None if it is not one."""
    parts = line.split()
    if len(parts) != 3 or parts[0] != "adc" or not parts[2].isdigit() or int(parts[2]) > 65535:
        return None
    if parts[1] == "temp":
        return "temp", int(parts[2])
    if parts[1] in ("26", "27", "28", "29"):
        return int(parts[1]), int(parts[2])
    return None


class Control:
    """The --control FIFO: each line changes input levels (machine.burst), as the outside world
    does to a board's pins.

    While the firmware's event loop runs, the loop reads the FIFO itself (add_reader) and applies
    each line in a callback of its own, on its own thread, as a pin IRQ interrupts the core that
    runs the loop on a board: no task runs during a line, and nothing crosses threads (no second
    thread waking the loop, no GIL hand-off) between the change and the firmware's reaction. One
    line per callback, the next one scheduled after it, so the tasks the line woke (the drain)
    run before the next line, as they would between two presses. The pins' input records are
    held during a line and written in a callback after those tasks (machine.hold_records).
    Before the loop runs and after it ended, a thread reads the FIFO and applies the lines.
    """

    def __init__(self, path):
        # Opened read-write, the FIFO always has a writer (this process), so it never reaches EOF
        # and is never reopened: a test's write cannot land in the gap between two opens and fail
        # with a broken pipe. Linux allows O_RDWR on a FIFO and does not block on it.
        self._fd = os.open(path, os.O_RDWR | os.O_NONBLOCK)
        self._buf = b""
        self._pending = collections.deque()
        self._lock = threading.Lock()  # one reader at a time: the loop or the thread
        self._loop = None
        self._idle = threading.Event()  # set while no event loop reads the FIFO
        self._idle.set()
        self._closed = False
        threading.Thread(target=self._read_without_loop, daemon=True).start()

    def _read_lines(self):
        """Complete lines waiting in the FIFO (never blocks); a partial line stays buffered."""
        while True:
            try:
                data = os.read(self._fd, 4096)
            except (BlockingIOError, InterruptedError):
                break
            if not data:
                break
            self._buf += data
        *lines, self._buf = self._buf.split(b"\n")
        return [line.decode("ascii", "replace") for line in lines]

    @staticmethod
    def _apply(line):
        import machine

        for part in line.split(";"):  # several pins: one after another, as if at once
            analog = parse_analog(part)
            if analog is not None:
                machine.set_analog(*analog)
                continue
            parsed = parse_control(part)
            if parsed is None:
                if part.strip():
                    log("control: ignored %r" % part)
                continue
            pin, levels, spacing = parsed
            machine.burst(pin, levels, spacing)

    def _read_without_loop(self):
        while True:
            self._idle.wait()
            if not self._closed:
                select.select([self._fd], [], [], 0.2)
            with self._lock:
                if self._closed:
                    os.close(self._fd)
                    return
                if not self._idle.is_set():
                    continue  # the loop took over meanwhile: the lines are its now
                for line in self._read_lines():
                    self._apply(line)

    def close(self):
        """Stops reading (tests; the runner keeps its FIFO until it exits)."""
        with self._lock:
            self._closed = True
            self._idle.set()

    def attach(self, loop):
        """From inside the running loop: it reads the FIFO from now on."""
        with self._lock:
            self._loop = loop
            self._idle.clear()
        loop.add_reader(self._fd, self._on_readable)

    def detach(self):
        """After the loop ended: lines it had read but not applied, then the thread again."""
        with self._lock:
            self._loop = None
            while self._pending:
                self._apply(self._pending.popleft())
            self._idle.set()

    def _on_readable(self):
        with self._lock:
            idle = not self._pending
            self._pending.extend(self._read_lines())
        if idle and self._pending:
            self._next()

    def _next(self):
        import machine

        line = self._pending.popleft()
        machine.hold_records()
        try:
            self._apply(line)
        finally:
            loop = self._loop
            if loop is None or loop.is_closed():
                machine.release_records()
            else:
                # after the callbacks and tasks the change made ready (they were queued first)
                loop.call_soon(machine.release_records)
                if self._pending:
                    loop.call_soon(self._next)


def main(argv=None):
    ap = argparse.ArgumentParser(description="bridge firmware behind a pty")
    ap.add_argument("--link", required=True)
    ap.add_argument("--record", required=True)
    ap.add_argument("--board", choices=("pico", "picow"), default="pico")
    ap.add_argument("--control")
    ap.add_argument("--uid", help="machine.unique_id() as hex (16 digits); default the stand-in's own")
    ap.add_argument("--reboot-ms", type=int, default=1000,
                    help="SIGUSR1 restarts the firmware on the same pty (a reset that keeps the port),"
                    " after this long with the pins forgotten; what the host sends meanwhile waits in the pty")
    args = ap.parse_args(argv)

    sys.path[:0] = [HERE, FIRMWARE]
    import mpshim

    mpshim.install(args.board)
    import machine

    machine.configure(args.record)
    if args.uid:
        machine.UID = bytes.fromhex(args.uid)

    master, slave = os.openpty()
    tty.setraw(slave)  # raw, echo off: the line discipline must not answer for the firmware
    os.set_blocking(master, False)
    slave_path = os.ttyname(slave)
    if os.path.lexists(args.link):
        os.unlink(args.link)
    os.symlink(slave_path, args.link)
    # `slave` stays open in this process, so the host closing and reopening the link never hangs
    # up the master (no EIO, no lost termios settings).

    control = None
    if args.control:
        if os.path.lexists(args.control):
            os.unlink(args.control)
        os.mkfifo(args.control)
        control = Control(args.control)

    def remove_paths():
        for path in (args.link, args.control):
            if path and os.path.lexists(path):
                os.unlink(path)

    def stop(signum, frame):
        # The normal way out is SystemExit through the firmware's finally blocks (outputs low).
        # asyncio.run's teardown on 3.11 can wait without a limit (tasks, executor threads), and a
        # test waiting for this process must not: exit hard if the clean way takes over 5 s.
        def hard_exit():
            log("teardown did not finish within 5 s of the signal; exiting")
            remove_paths()
            os._exit(0)

        timer = threading.Timer(5.0, hard_exit)
        timer.daemon = True  # never delays a clean exit
        timer.start()
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    real_stdout = sys.stdout

    resets = []

    def ready():  # called inside the firmware's event loop
        import asyncio

        loop = asyncio.get_running_loop()
        if control is not None:
            control.attach(loop)
        main_task = asyncio.current_task()

        def reset():
            resets.append(time.monotonic())
            main_task.cancel()

        loop.add_signal_handler(signal.SIGUSR1, reset)
        real_stdout.write("READY %s\n" % args.link)
        real_stdout.flush()

    sys.stdin = MasterIn(master)
    sys.stdout = MasterOut(master)
    try:
        import asyncio
        import bridge

        while True:
            count = len(resets)
            try:
                bridge.main(on_ready=ready)
            except asyncio.CancelledError:
                if len(resets) == count:
                    raise
            finally:
                if control is not None:
                    control.detach()
            if len(resets) == count:
                break
            log("reset (SIGUSR1): the board reboots in %d ms, the port stays open" % args.reboot_ms)
            time.sleep(args.reboot_ms / 1000)
            machine.reset_state()
        log("bridge left its loop (repl command); idling at a stand-in REPL prompt")
        sys.stdout.write(REPL_BANNER % sys.implementation._machine)
        idle_at_repl(master)
    finally:
        sys.stdout = real_stdout
        remove_paths()
        os.close(master)
        os.close(slave)


if __name__ == "__main__":
    main()
