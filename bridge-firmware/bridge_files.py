# picoloop bridge: its own files (docs/protocol.md, `files`), so that `picoloop install` can find
# an unchanged board without stopping the bridge.
#
# `files` answers `ok <n> <digest>`: the n files of the bridge in the directory it runs from and
# one sha256 over "<name> <sha256 hex>\n" of each, sorted by name, hashed here from what is in
# flash (a file edited by hand changes it). One combined digest, not a hash per file: seven
# hashes (7 x 64 hex) do not fit a device line (250 bytes), one request per file costs the host a
# round trip each, and the host only needs "the same as mine or not" (it computes the same digest
# from the files it carries; when they differ its raw-REPL install looks at each file).
#
# The bridge's files: main.py and every name that starts with "bridge" or "main.py.": its modules,
# any other bridge's, and an install's leftovers (bridge.py.picoloop-new). So "the same" means the
# whole install would write and remove nothing. A user's own files (main-before-picoloop.py,
# notes.txt) are not the bridge's and do not count.
#
# A reply that takes several turns: each step() hashes one chunk, and the bridge's read task gives
# the other tasks (edges, fades, streams, the keepalive) a turn between two (bridge.Bridge).
import binascii
import hashlib
import os

from micropython import const

from bridge_protocol import MORE, ProtocolError

CHUNK = const(1024)  # bytes hashed per step: well under a millisecond of a Pico's time


def root():
    """The directory the bridge's modules are in, ending in "/" ("" for the current one)."""
    path = __file__
    return path[: path.rfind("/") + 1]


def is_bridge_file(name):
    return name == "main.py" or name.startswith("main.py.") or name.startswith("bridge")


class Files:
    """The `files` command of a bridge_protocol.Dispatcher."""

    def __init__(self, _dispatcher):  # made as every lazy family is (bridge_protocol.LAZY)
        self.root = root()

    def handlers(self):
        """(word, handler) pairs, in the order the bridge's command list names them."""
        return (("files", self._files),)

    def _files(self, args):
        if args:
            raise ProtocolError("args", "usage: files")
        names = [n for n in os.listdir(self.root or ".") if is_bridge_file(n)]
        names.sort()
        return Digest(self.root, names)


def _hex(h):
    return binascii.hexlify(h.digest()).decode()


class Digest:
    """The digest of `files`, one chunk per step(): MORE until the last, then "<n> <digest>"."""

    def __init__(self, where, names):
        self._root = where
        self._names = names
        self._i = 0
        self._file = None
        self._hash = None
        self._all = hashlib.sha256()
        self._buf = bytearray(CHUNK)

    def step(self, _args=None):
        if self._file is None:
            if self._i == len(self._names):
                return "%d %s" % (len(self._names), _hex(self._all))
            self._file = open(self._root + self._names[self._i], "rb")
            self._hash = hashlib.sha256()
        try:
            n = self._file.readinto(self._buf)
        except Exception:
            self._file.close()
            self._file = None
            raise
        if n:
            self._hash.update(memoryview(self._buf)[:n])
        if n == CHUNK:
            return MORE
        self._file.close()
        self._file = None
        self._all.update(("%s %s\n" % (self._names[self._i], _hex(self._hash))).encode())
        self._i += 1
        return MORE
