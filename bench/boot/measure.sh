#!/bin/bash
# Device time on the emulated RP2040 (../shared/rp2040) from USB configured to the bridge's
# '! boot' line: an upper bound (emu_us is read through `rig ctl status` after the line is seen).
# Usage: bench/boot/measure.sh [RUNS]   (from the repository root)
set -euo pipefail
RIG=$(cd "$(dirname "$0")/../../.." && pwd)/shared/rp2040/rig
for i in $(seq "${1:-3}"); do
    R=$(mktemp -d /tmp/bootrig.XXXX)
    "$RIG" start -r "$R" bridge-firmware/main.py bridge-firmware/bridge*.py >/dev/null
    usb=$(sed -n 's/.*USB CDC configured at emu t=\([0-9.]*\)s.*/\1/p' "$R/emu.log" | head -1)
    timeout 120 python3 -c "
import os
fd = os.open('$R/tty', os.O_RDWR | os.O_NOCTTY); buf = b''
while b'! boot' not in buf:
    buf += os.read(fd, 256)
"
    boot=$("$RIG" ctl -r "$R" status | sed -n 's/.*emu_us=\([0-9]*\).*/\1/p')
    echo "run $i: USB configured at ${usb} s, '! boot' seen by $(awk "BEGIN{print $boot/1e6}") s of device time"
    "$RIG" stop -r "$R" >/dev/null
    rm -rf "$R"
done
