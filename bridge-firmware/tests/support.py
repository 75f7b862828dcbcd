# Shared test setup: paths, the MicroPython shims for CPython, helpers.
import os
import sys

TESTS = os.path.dirname(os.path.abspath(__file__))
FIRMWARE = os.path.dirname(TESTS)
HOST = os.path.join(FIRMWARE, "host")
REPO = os.path.dirname(FIRMWARE)
VECTORS = os.path.join(REPO, "docs", "protocol-vectors.txt")
RUNNER = os.path.join(HOST, "run_on_pty.py")

for _p in (FIRMWARE, HOST, TESTS):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import mpshim  # noqa: E402  (host/)

mpshim.install("pico")


def vectors_text():
    with open(VECTORS) as f:
        return f.read()
