package io.picoloop.micropython;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Files in one directory of the board's flash, through the raw REPL: listing, sha256 computed on
 * the board (read back and hashed here where a build has no {@code hashlib.sha256}), free space,
 * writing in chunks, renaming and removing. Names are plain ASCII file names in that directory.
 */
public final class BoardFiles {

    /** File bytes per {@code exec}: a literal the board compiles in a few KB of heap. */
    static final int CHUNK = 2048;

    /** One entry of the directory. */
    public record Entry(String name, boolean directory, long size) {
    }

    private final RawRepl repl;
    private final String dir;
    private Boolean hashOnBoard;

    /** @param dir the board's directory, "/" on a Pico (the unix port's tests use a temporary one) */
    public BoardFiles(RawRepl repl, String dir) {
        this.repl = repl;
        this.dir = dir.endsWith("/") ? dir : dir + "/";
    }

    private String path(String name) {
        return PyLiteral.str(dir + name);
    }

    /** The directory's entries. */
    public List<Entry> list() {
        String out = repl.run("import os\nfor e in os.ilistdir(" + PyLiteral.str(dir) + "):\n"
                + " print(e[1]==0x4000 and 'D' or 'F', e[3] if len(e)>3 else os.stat(" + PyLiteral.str(dir) + "+e[0])[6], e[0])\n");
        List<Entry> entries = new ArrayList<>();
        for (String line : out.split("\r?\n")) {
            String[] f = line.split(" ", 3);
            if (f.length == 3) {
                entries.add(new Entry(f[2], f[0].equals("D"), Long.parseLong(f[1])));
            }
        }
        return entries;
    }

    /** Bytes free for files (statvfs: free blocks times block size). */
    public long free() {
        String out = repl.run("import os\ns=os.statvfs(" + PyLiteral.str(dir) + ")\nprint(s[0]*s[3])\n");
        return Long.parseLong(out.strip());
    }

    /** Whether the board hashes files itself (else {@link #sha256} reads them back). */
    public boolean hashesOnBoard() {
        if (hashOnBoard == null) {
            hashOnBoard = repl.run("try:\n import hashlib\n print(hasattr(hashlib,'sha256'))\n"
                    + "except ImportError:\n print(False)\n").strip().equals("True");
        }
        return hashOnBoard;
    }

    /** Lower-case hex sha256 of each of {@code names} that exists (a missing one is left out). */
    public Map<String, String> sha256(List<String> names) {
        Map<String, String> hashes = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return hashes;
        }
        if (!hashesOnBoard()) {
            for (String name : names) {
                byte[] data = readBack(name);
                if (data != null) {
                    hashes.put(name, sha256Hex(data));
                }
            }
            return hashes;
        }
        StringBuilder code = new StringBuilder("import hashlib,binascii\n"
                + "def _h(n):\n try:\n  f=open(n,'rb')\n except OSError:\n  return '-'\n"
                + " h=hashlib.sha256()\n b=bytearray(512)\n while True:\n  k=f.readinto(b)\n  if not k:\n   break\n"
                + "  h.update(b if k==512 else b[:k])\n f.close()\n return binascii.hexlify(h.digest()).decode()\n");
        for (String name : names) {
            code.append("print(_h(").append(path(name)).append("))\n");
        }
        String[] lines = repl.run(code.toString()).strip().split("\r?\n");
        for (int i = 0; i < names.size() && i < lines.length; i++) {
            if (!lines[i].equals("-")) {
                hashes.put(names.get(i), lines[i].strip());
            }
        }
        return hashes;
    }

    /** The file's bytes, or null when there is none. */
    public byte[] readBack(String name) {
        String out = repl.run("import binascii\ntry:\n f=open(" + path(name) + ",'rb')\nexcept OSError:\n f=None\n"
                + "if f:\n while True:\n  b=f.read(256)\n  if not b:\n   break\n  print(binascii.hexlify(b).decode())\n"
                + " f.close()\n print('.')\n");
        if (!out.strip().endsWith(".")) {
            return null;
        }
        StringBuilder hex = new StringBuilder();
        for (String line : out.split("\r?\n")) {
            if (!line.equals(".")) {
                hex.append(line.strip());
            }
        }
        return HexFormat.of().parseHex(hex);
    }

    /** The file's first line (at most 200 bytes), or null when there is none. */
    public String firstLine(String name) {
        String out = repl.run("try:\n f=open(" + path(name) + ",'rb')\n print(repr(f.readline(200)))\n f.close()\n"
                + "except OSError:\n print('-')\n").strip();
        if (out.equals("-")) {
            return null;
        }
        // b'...' as printed, without its line end: escapes stay as the board wrote them
        String line = out.startsWith("b'") || out.startsWith("b\"") ? out.substring(2, out.length() - 1) : out;
        return line.replaceFirst("(\\\\r)?(\\\\n)?$", "");
    }

    /**
     * Writes {@code data} to {@code name}, replacing it, {@link #CHUNK} bytes per exec; {@code progress}
     * hears the bytes written so far. A failure (full filesystem) leaves the partial file for the caller.
     */
    public void write(String name, byte[] data, IntConsumer progress) {
        repl.run("_f=open(" + path(name) + ",'wb')\n");
        try {
            for (int off = 0; off < data.length; off += CHUNK) {
                int n = Math.min(CHUNK, data.length - off);
                repl.run("_f.write(" + PyLiteral.bytes(data, off, n) + ")\n");
                progress.accept(off + n);
            }
        } finally {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            repl.exec("_f.close()\ndel _f\n");
        } catch (MicroPythonException e) {
            // the board is gone or silent: the write's own failure says so
        }
    }

    /** Renames {@code from} to {@code to}, replacing {@code to} (littlefs does that in one step; FAT needs it removed first). */
    public void rename(String from, String to) {
        // the fallback only once the source is known to be there: a failed rename must not cost the target
        repl.run("import os\ntry:\n os.rename(" + path(from) + "," + path(to) + ")\nexcept OSError:\n"
                + " os.stat(" + path(from) + ")\n os.remove(" + path(to) + ")\n os.rename(" + path(from) + "," + path(to) + ")\n");
    }

    /** Removes {@code name} if it is there. */
    public void removeIfPresent(String name) {
        repl.run("import os\ntry:\n os.remove(" + path(name) + ")\nexcept OSError:\n pass\n");
    }

    /** Flushes the filesystem's caches to flash (a no-op where the port has none). */
    public void sync() {
        repl.run("import os\nif hasattr(os,'sync'):\n os.sync()\n");
    }

    /** Lower-case hex sha256 of {@code data}, as the board prints it. */
    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
