#!/usr/bin/env python3
"""A plain echo peer behind a pty: every byte written to the link comes straight back.

    python3 echo_pty.py LINK       (prints "READY LINK" once the link exists; SIGTERM ends it)
"""
import os
import select
import signal
import sys
import tty


def main():
    link = sys.argv[1]
    master, slave = os.openpty()
    tty.setraw(slave)
    if os.path.lexists(link):
        os.unlink(link)
    os.symlink(os.ttyname(slave), link)
    signal.signal(signal.SIGTERM, lambda s, f: sys.exit(0))
    print("READY %s" % link, flush=True)
    try:
        while True:
            select.select([master], [], [])
            data = os.read(master, 4096)
            os.write(master, data)
    finally:
        os.unlink(link)


if __name__ == "__main__":
    main()
