"""Starts host/run_on_pty.py and talks to it through the pty, as the Java side will."""
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from tests import support
import vectors

START_S = 20.0  # generous: a busy 2-core machine
REPLY_S = 10.0


class PtyFirmware:
    def __init__(self, board="pico", control=False):
        self.dir = tempfile.mkdtemp(prefix="picoloop-fw-")
        self.link = os.path.join(self.dir, "ttyPICO")
        self.record = os.path.join(self.dir, "pins.jsonl")
        self.control = os.path.join(self.dir, "pins.ctl") if control else None
        cmd = [sys.executable, support.RUNNER, "--link", self.link, "--record", self.record,
               "--board", board]
        if self.control:
            cmd += ["--control", self.control]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.ready_line = self._read_ready()
        self.fd = None
        self._buf = b""
        self.open()

    def _read_ready(self):
        deadline = time.monotonic() + START_S
        line = b""
        while not line.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.proc.stdout], [], [], left)[0]:
                self.close()
                raise AssertionError("runner printed no READY line in time")
            c = os.read(self.proc.stdout.fileno(), 1)
            if not c:
                err = self.proc.stderr.read().decode(errors="replace")
                self.close()
                raise AssertionError("runner ended before READY: %s" % err)
            line += c
        return line.decode().rstrip("\n")

    def open(self):
        self.fd = os.open(self.link, os.O_RDWR | os.O_NOCTTY)
        self._buf = b""

    def reopen(self):
        os.close(self.fd)
        self.open()

    def write(self, data):
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view):]

    def read_line(self, timeout=REPLY_S):
        """The next line (bytes, no newline) or None when nothing came in time."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                return None
            self._buf += os.read(self.fd, 65536)
        line, self._buf = self._buf.split(b"\n", 1)
        return line

    def ask(self, line):
        self.write(line + b"\n")
        got = self.read_line()
        return None if got is None else got.decode()

    def drive(self, control_line):
        """One control line (host/run_on_pty.py --control): "14 0", "14 0 1 0 1 0 @300"."""
        with open(self.control, "w") as ctl:
            ctl.write(control_line + "\n")

    def levels(self):
        """The last recorded level of every pin, keyed by the record's pin (25 or "LED")."""
        last = {}
        with open(self.record) as f:
            for line in f:
                entry = json.loads(line)
                if not entry.get("input") and "level" in entry:  # not a PWM record
                    last[entry["pin"]] = entry["level"]
        return last

    def pwm_records(self, pin):
        """(t, freq, duty) of every recorded PWM change of a pin, in order."""
        out = []
        with open(self.record) as f:
            for line in f:
                entry = json.loads(line)
                if entry["pin"] == pin and "pwm_hz" in entry:
                    out.append((entry["t"], entry["pwm_hz"], entry["duty"]))
        return out

    def close(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=START_S)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        self.proc.stderr.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class PtyDevice:
    """A vectors device (see vectors.py) on a fresh firmware process behind a pty."""

    SYNC_ID = 65000

    def __init__(self, board):
        self.fw = PtyFirmware(board, control=True)
        boot = self.fw.read_line()
        assert boot is not None and boot.startswith(b"! boot picoloop proto=1 fw="), boot

    def send(self, data):
        self.fw.write(data)

    def recv(self):
        line = self.fw.read_line()
        return None if line is None else line.decode(errors="replace")

    def expect_nothing(self):
        return None  # an unexpected reply shows up at the next recv() or in finish()

    def level(self, pin):
        return self.fw.levels().get(vectors.pin_key(pin))

    def input(self, pin, level):
        self.fw.drive("%s %d" % (pin, level))

    def finish(self):
        got = self.fw.ask(b"%d ping" % self.SYNC_ID)
        if got is None or not vectors.match("%d ok {int}" % self.SYNC_ID, got):
            return "sync ping answered with %r" % got
        return None

    def close(self):
        self.fw.close()
