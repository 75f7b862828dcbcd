#!/usr/bin/env python3
"""The bridge firmware on a pty (bridge-firmware/host/run_on_pty.py), with every input change the
control FIFO makes stamped on CLOCK_MONOTONIC just before the pin's IRQ handler runs.

    python3 stamped_runner.py --stamps FILE <run_on_pty.py arguments...>

FILE gets one line per input change: "<pin> <level> <time.monotonic_ns()>", and one per "! edge"
line the firmware writes to the pty: "w <before os.write> <after os.write>". On Linux
time.monotonic_ns() and Java's System.nanoTime() both read CLOCK_MONOTONIC, so the Java side can
subtract them (EdgeBench checks that first).
"""
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
HOST = os.path.join(HERE, "..", "..", "bridge-firmware", "host")
FIRMWARE = os.path.join(HOST, "..")


def main():
    argv = sys.argv[1:]
    i = argv.index("--stamps")
    stamps_path = argv[i + 1]
    del argv[i:i + 2]
    board = argv[argv.index("--board") + 1] if "--board" in argv else "pico"
    sys.path[:0] = [os.path.abspath(HOST), os.path.abspath(FIRMWARE)]
    import mpshim

    mpshim.install(board)
    import machine

    stamps = open(stamps_path, "a", buffering=1)
    real = machine.drive_input

    def drive_input(pin, level):
        t = time.monotonic_ns()
        real(pin, level)
        # written with the pin records, after the firmware's reaction (run_on_pty holds them)
        machine.later(lambda: stamps.write("%s %d %d\n" % (pin, 1 if level else 0, t)))

    machine.drive_input = drive_input  # burst() looks it up at each call
    import run_on_pty

    # Each "! edge" line's write to the pty, stamped before and after os.write: splits the
    # firmware's own part (pin change -> write) from the pty and the host's reader (write -> read).
    write = run_on_pty.MasterOut.write

    def stamped_write(self, data):
        if data[:7] != b"! edge ":
            return write(self, data)
        t0 = time.monotonic_ns()
        n = write(self, data)
        t1 = time.monotonic_ns()
        machine.later(lambda: stamps.write("w %d %d\n" % (t0, t1)))
        return n

    run_on_pty.MasterOut.write = stamped_write

    run_on_pty.main(argv)


if __name__ == "__main__":
    main()
