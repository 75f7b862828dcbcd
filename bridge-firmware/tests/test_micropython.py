"""The pure firmware layer, the shared checks and every vector under the REAL MicroPython
interpreter (WebAssembly port from npm), via tests/mpy/run_vectors.mjs.

Skipped (with a message) only when `node` is not installed. When tests/mpy/node_modules is
missing, this runs `npm ci` there first (the version is pinned by package-lock.json); if that
fails the test fails and names the command to run by hand.
"""
import os
import re
import shutil
import subprocess
import unittest

from tests import support

MPY = os.path.join(support.TESTS, "mpy")
PACKAGE = os.path.join(MPY, "node_modules", "@micropython", "micropython-webassembly-pyscript")


class UnderRealMicroPython(unittest.TestCase):
    def setUp(self):
        if shutil.which("node") is None:
            self.skipTest("node is not installed: cannot run MicroPython (WebAssembly)")
        if not os.path.isdir(PACKAGE):
            npm = shutil.which("npm")
            cmd = "cd %s && npm ci" % os.path.relpath(MPY, support.REPO)
            if npm is None:
                self.fail("MicroPython package missing and npm not installed; run: " + cmd)
            done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=MPY,
                                  capture_output=True, text=True, timeout=600)
            if done.returncode != 0 or not os.path.isdir(PACKAGE):
                self.fail("npm ci failed (%s); run by hand: %s" % (done.stderr.strip()[-500:], cmd))

    def test_checks_and_vectors(self):
        done = subprocess.run(["node", "run_vectors.mjs"], cwd=MPY, capture_output=True,
                              text=True, timeout=300)
        out = done.stdout + done.stderr
        last = re.search(r"^(\d+) passed, (\d+) failed$", done.stdout, re.M)
        self.assertIsNotNone(last, out)
        self.assertEqual(last.group(2), "0", out)
        self.assertGreater(int(last.group(1)), 20, out)
        self.assertEqual(done.returncode, 0, out)


if __name__ == "__main__":
    unittest.main()
