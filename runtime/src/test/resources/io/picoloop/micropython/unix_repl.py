#!/usr/bin/env python3
"""MicroPython's unix port at its REPL on a pseudo-terminal, relayed to this script's stdin/stdout.

    python3 unix_repl.py MICROPYTHON DIR [--old]

Runs MICROPYTHON in DIR (its files are the "board's"). Output processing is off on the pty, so the
bytes are MicroPython's own ("\r\n", no "\r\r\n"). --old plays a MicroPython older than raw-paste
(1.13 and before): the bytes Ctrl-E 'A' just before a Ctrl-A are dropped, so the board sees a lone
Ctrl-A, resets its raw REPL and prints the banner, as such a board does.
"""
import os
import pty
import select
import sys
import termios
import tty

micropython, cwd = sys.argv[1], sys.argv[2]
old = "--old" in sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.chdir(cwd)
    attrs = termios.tcgetattr(0)
    attrs[1] &= ~termios.OPOST
    termios.tcsetattr(0, termios.TCSANOW, attrs)
    os.execv(micropython, [micropython])

held = b""  # a Ctrl-E, or Ctrl-E 'A', waiting to see whether a Ctrl-A follows (--old)


def to_board(data):
    global held
    if not old:
        os.write(fd, data)
        return
    out = b""
    for b in data:
        c = bytes([b])
        if held == b"\x05" and c == b"A":
            held += c
        elif held == b"\x05A" and c == b"\x01":
            out += c
            held = b""
        else:
            out += held
            held = b""
            if c == b"\x05":
                held = c
            else:
                out += c
    if out:
        os.write(fd, out)


stdin = sys.stdin.fileno()
stdout = sys.stdout.fileno()
# Input waits for the first prompt: until MicroPython has set its terminal up, a Ctrl-C would be the
# pty's SIGINT and kill it, and what came before would be flushed.
early = b""
started = b""
while True:
    r, _, _ = select.select([stdin, fd], [], [])
    if stdin in r:
        data = os.read(stdin, 4096)
        if not data:
            break
        if started is None:
            to_board(data)
        else:
            early += data
    if fd in r:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        os.write(stdout, data)
        if started is not None:
            started += data
            if b">>> " in started:
                started = None
                if early:
                    to_board(early)
