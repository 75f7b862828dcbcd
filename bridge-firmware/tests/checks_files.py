# Unit checks of `files` (bridge_files), shared by CPython (test_checks.py) and the real
# MicroPython interpreter (mpy/mpy_main.py): real files in a fresh directory, hashed as on a board.
import binascii
import hashlib
import os

import bridge_files
import bridge_protocol as bp
import vectors

_made = [0]


def _eq(got, want):
    assert got == want, "got %r, want %r" % (got, want)


def _fresh_dir(files):
    """A new directory holding files (name -> bytes), its path ending in "/"."""
    try:
        import tempfile

        path = tempfile.mkdtemp() + "/"
    except ImportError:  # MicroPython: a directory of its own in the interpreter's filesystem
        _made[0] += 1
        path = "/checks-files-%d/" % _made[0]
        os.mkdir(path[:-1])
    for name in files:
        _write(path + name, files[name])
    return path


def _write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def _sha(data):
    return binascii.hexlify(hashlib.sha256(data).digest()).decode()


def _expected(files):
    """The digest the host computes: "<name> <sha256>\\n" of each, sorted by name."""
    text = "".join("%s %s\n" % (n, _sha(files[n])) for n in sorted(files))
    return "%d %s" % (len(files), _sha(text.encode()))


def _device(where):
    d = vectors.ProtocolDevice("pico")
    d.dispatcher.load("files").root = where
    return d


def _ask(d, line):
    d.send(line + b"\n")
    return d.recv()


_BRIDGE = {
    "main.py": b"import bridge\nbridge.main()\n",
    "bridge.py": b"x = 1\n" * 400,  # 2400 bytes: three chunks
    "bridge_protocol.py": b"FW_VERSION = '9.9.9'\n",
}


def check_files_is_the_digest_of_the_bridges_files_only():
    both = dict(_BRIDGE)
    both["notes.txt"] = b"mine"
    both["main-before-picoloop.py"] = b"print('mine')\n"
    where = _fresh_dir(both)
    _eq(_ask(_device(where), b"1 files"), "1 ok " + _expected(_BRIDGE))


def check_files_finds_a_file_edited_by_hand_and_leftovers():
    where = _fresh_dir(_BRIDGE)
    d = _device(where)
    before = _ask(d, b"1 files")
    _write(where + "bridge.py", _BRIDGE["bridge.py"] + b"# edited\n")
    edited = dict(_BRIDGE)
    edited["bridge.py"] = _BRIDGE["bridge.py"] + b"# edited\n"
    after = _ask(d, b"2 files")
    assert after[5:] != before[5:], after
    _eq(after, "2 ok " + _expected(edited))
    _write(where + "main.py.picoloop-new", b"half")  # an install cut short
    edited["main.py.picoloop-new"] = b"half"
    _eq(_ask(d, b"3 files"), "3 ok " + _expected(edited))


def check_files_hashes_a_chunk_per_step():
    where = _fresh_dir(_BRIDGE)
    d = _device(where).dispatcher
    pending = d.handle_line(b"7 files")
    assert isinstance(pending, bp.Pending), pending
    steps = 1
    reply = pending.step()
    while reply is None:
        steps += 1
        reply = pending.step()
    _eq(reply, "7 ok " + _expected(_BRIDGE))
    # a step per chunk of each file and one to end each, and the last: never the whole at once
    chunks = sum(len(v) // bridge_files.CHUNK + 1 for v in _BRIDGE.values())
    _eq(steps, chunks + 1)


def check_files_arguments_and_failures():
    where = _fresh_dir(_BRIDGE)
    d = _device(where)
    _eq(_ask(d, b"1 files now"), "1 err args usage: files")
    d.dispatcher.load("files").root = where + "gone/"
    _eq(_ask(d, b"2 files")[:15], "2 err internal ")  # no such directory: one reply, the bridge goes on
    _eq(_ask(d, b"3 ping")[:5], "3 ok ")


def check_files_root_is_where_the_bridge_runs_from():
    where = bridge_files.root()
    assert where == "" or where.endswith("/"), where
    names = os.listdir(where or ".")
    assert "bridge_files.py" in names, names
