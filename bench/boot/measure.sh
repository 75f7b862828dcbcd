#!/bin/bash
# How long the bridge takes from power-up to serving requests, on the emulated RP2040
# (../shared/rp2040), in device time and in the emulator's wall time, side by side.
#
# The port is opened as soon as USB is configured and two requests wait in the board's buffer:
# `mode 2 out` and `write 2 1`. The rig's gpio.log stamps GP2 going high in exact emulated
# microseconds, so the first request the bridge served is timed exactly (its own handling, about
# 0.4 ms, included), not bounded by a `rig ctl status` read after the fact. The wall figure is
# what a person watching the emulator waits; it depends on the machine's load (ratio < 1).
# Then the first and the second `pwm` request, each after a `ping`: the device time from the
# ping's reply to the pwm's is its handling, and the first's also imports bridge_pwm (firmware
# after 0.6.0 imports it at the first PWM request, not at boot).
# Usage: bench/boot/measure.sh [RUNS]   (from the repository root; the rig: $PICOLOOP_RIG, else
# ../shared/rp2040/rig beside the repository)
set -euo pipefail
RIG=${PICOLOOP_RIG:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/rp2040/rig}
for i in $(seq "${1:-3}"); do
    R=$(mktemp -d /tmp/bootrig.XXXX)
    "$RIG" start -r "$R" bridge-firmware/main.py bridge-firmware/bridge*.py >/dev/null
    usb=$(sed -n 's/.*USB CDC configured at emu t=\([0-9.]*\)s.*/\1/p' "$R/emu.log" | head -1)
    out=$(timeout 120 python3 -c "
import os, time
fd = os.open('$R/tty', os.O_RDWR | os.O_NOCTTY); buf = b''; t = time.monotonic()
os.write(fd, b'\n1 mode 2 out\n2 write 2 1\n')
while b'2 ok' not in buf:
    buf += os.read(fd, 256)
wall = time.monotonic() - t
os.write(fd, b'3 ping\n4 pwm 16 1000 100\n5 ping\n6 pwm 16 1000 200\n')
while b'6 ok' not in buf:
    buf += os.read(fd, 256)
t = {int(l.split()[0]): int(l.split()[-1]) for l in buf.decode().splitlines() if l[:1] in ('3', '4', '5', '6')}
print('%.2f %.1f %.1f' % (wall, (t[4] - t[3]) / 1e3, (t[6] - t[5]) / 1e3))
")
    served=$(awk '$1 == "GPIO" && $2 == 2 && $3 == 1 { print $4 / 1e6; exit }' "$R/gpio.log")
    read -r wall pwm1 pwm2 <<<"$out"
    echo "run $i: USB configured at ${usb} s; first request served at ${served} s of device time, ${wall} s of wall time after the port opened; first pwm ${pwm1} ms, second ${pwm2} ms of device time"
    "$RIG" stop -r "$R" >/dev/null
    rm -rf "$R"
done
