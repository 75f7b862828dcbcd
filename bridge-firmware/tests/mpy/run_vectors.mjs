// Runs the bridge firmware's pure layer under the real MicroPython interpreter (WebAssembly
// port, npm @micropython/micropython-webassembly-pyscript, version pinned in package.json):
// the shared unit checks (tests/checks.py), every session of docs/protocol-vectors.txt for both
// boards, and the imports of the board-side modules with a stand-in `machine`.
//
//   cd bridge-firmware/tests/mpy && npm ci && node run_vectors.mjs
//
// Prints failures and a closing line "N passed, M failed"; exits 1 on any failure.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadMicroPython } from "@micropython/micropython-webassembly-pyscript/micropython.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const tests = dirname(here);
const firmware = dirname(tests);
const repo = dirname(firmware);

let out = "";
const mp = await loadMicroPython({
  heapsize: 4 * 1024 * 1024,
  linebuffer: true,
  stdout: (line) => { out += line + "\n"; },
  stderr: (line) => { out += line + "\n"; },
});

mp.FS.mkdir("/fw");
for (const name of readdirSync(firmware)) {
  if (name.endsWith(".py")) mp.FS.writeFile("/fw/" + name, readFileSync(join(firmware, name)));
}
for (const name of ["vectors.py", "checks.py", "checks_pwm_adc.py", "checks_files.py"]) {
  mp.FS.writeFile("/fw/" + name, readFileSync(join(tests, name)));
}
mp.FS.writeFile("/fw/protocol-vectors.txt", readFileSync(join(repo, "docs", "protocol-vectors.txt")));
mp.FS.mkdir("/fw/stand-in");
mp.FS.writeFile("/fw/stand-in/machine.py", readFileSync(join(here, "machine_stub.py")));
mp.FS.writeFile("/fw/mpy_main.py", readFileSync(join(here, "mpy_main.py")));

let passed = 0;
let failed = 0;
try {
  mp.runPython("import sys\nsys.path.insert(0, '/fw')\nimport mpy_main\nmpy_main.main()");
} catch (e) {
  out += "MicroPython raised: " + String(e) + "\n";
}
const m = out.match(/^RESULT (\d+) (\d+)$/m);
if (m) {
  passed = Number(m[1]);
  failed = Number(m[2]);
} else {
  failed += 1;
}
process.stdout.write(out.replace(/^RESULT .*\n/m, ""));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
