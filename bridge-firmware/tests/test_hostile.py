"""10,000 random and hostile lines through the pty to the running firmware.

Every non-empty line (a CR ends a line too) gets exactly one reply (an error, or ok for an
accidentally valid command), empty lines none; the firmware never reports `err internal` and
still answers ping afterwards. The seed is printed (set PICOLOOP_FUZZ_SEED to replay one).
"""
import os
import random
import sys
import threading
import time
import unittest

from tests import support  # noqa: F401
from tests.ptyfw import PtyFirmware

LINES = 10000
CODES = (b"toolong", b"syntax", b"unknown", b"args", b"pin", b"mode")
WORDS = [b"hello", b"ping", b"mode", b"write", b"toggle", b"read", b"off", b"out", b"in", b"up",
         b"down", b"none", b"LED", b"led", b"GP25", b"25", b"0", b"1", b"2", b"-1", b"29", b"65535",
         b"65536", b"banana", b"PING", b"Mode", b"gp", b"9" * 40, b"\xc3\xa9", b"\x00", b"\x03"]


def hostile_line(rng):
    kind = rng.randrange(10)
    if kind == 0:  # overlong, sometimes very
        n = rng.choice((121, 122, 130, 200, 500, 2000, rng.randrange(121, 4000)))
        body = bytes(rng.randrange(32, 127) for _ in range(min(n, 64))) * (n // 64 + 1)
        return body[:n]
    if kind == 1:  # random bytes, no newline
        return bytes(rng.choice([b for b in range(256) if b != 10]) for _ in range(rng.randrange(1, 60)))
    if kind == 2:  # control bytes in otherwise fine lines
        line = bytearray(b"%d ping" % rng.randrange(70000))
        line.insert(rng.randrange(len(line) + 1), rng.choice((0, 3, 9, 13, 27, 127, 255)))
        return bytes(line)
    if kind == 3:  # huge numbers everywhere
        big = str(rng.randrange(10 ** rng.randrange(1, 40))).encode()
        return rng.choice((big + b" ping", b"1 write " + big + b" 1", b"1 mode " + big + b" out",
                           b"1 mode gp" + big + b" in", b"1 write 25 " + big))
    if kind == 4:  # empty-ish
        return rng.choice((b"", b" ", b"   ", b"\r", b"  \r", b" " * 120, b" " * 121))
    if kind == 5:  # invalid UTF-8 and friends
        return rng.choice((b"\xff\xfe", b"caf\xc3\xa9", b"\xc3", b"\xed\xa0\x80", b"1 \xe2\x82\xac"))
    # random tokens, often valid commands with garbage
    toks = [rng.choice(WORDS) for _ in range(rng.randrange(1, 6))]
    if rng.random() < 0.5:
        toks.insert(0, str(rng.randrange(70000)).encode())
    sep = rng.choice((b" ", b"  ", b" " * 5))
    return sep.join(toks) + rng.choice((b"", b"\r", b" "))


def expected_replies(line):
    """How many replies the line and its LF get: the protocol's rule, written independently of
    the firmware. A CR ends a line too (and the LF after a last CR is part of its line end)."""
    return sum(1 for part in line.split(b"\r") if len(part) > 120 or part.strip(b" ") != b"")


class HostileInput(unittest.TestCase):
    def test_ten_thousand_hostile_lines(self):
        seed = int(os.environ.get("PICOLOOP_FUZZ_SEED", random.randrange(1 << 32)))
        sys.stderr.write("\n[test_hostile] seed %d (PICOLOOP_FUZZ_SEED to replay) ... " % seed)
        rng = random.Random(seed)
        lines = []
        while len(lines) < LINES:
            line = hostile_line(rng)
            if b"repl" not in line.lower():  # never ask the bridge to stop
                lines.append(line)
        expected = sum(expected_replies(line) for line in lines)

        fw = PtyFirmware()
        try:
            self.assertTrue(fw.read_line().startswith(b"! boot"))
            writer_error = []

            def writer():
                try:
                    for i in range(0, LINES, 100):
                        fw.write(b"".join(line + b"\n" for line in lines[i:i + 100]))
                except OSError as e:
                    writer_error.append(e)

            t = threading.Thread(target=writer, daemon=True)
            started = time.monotonic()
            t.start()
            replies = []
            while len(replies) < expected:
                line = fw.read_line(timeout=30)
                if line is None:
                    break
                replies.append(line)
            t.join(30)
            self.assertEqual(writer_error, [])
            self.assertEqual(len(replies), expected, "replies for non-empty lines (seed %d)" % seed)
            for reply in replies:
                parts = reply.split(b" ")
                self.assertTrue(parts[0] == b"-" or parts[0].isdigit(), reply)
                self.assertIn(parts[1], (b"ok", b"err"), reply)
                if parts[1] == b"err":
                    self.assertIn(parts[2], CODES, reply)
                self.assertLessEqual(len(reply), 250, reply)
            self.assertEqual(fw.read_line(timeout=0.5), None, "extra replies (seed %d)" % seed)
            self.assertTrue(fw.ask(b"42 ping").startswith("42 ok "))
            sys.stderr.write("%d lines, %d replies in %.1f s ... " % (LINES, len(replies), time.monotonic() - started))
        finally:
            fw.close()


if __name__ == "__main__":
    unittest.main()
