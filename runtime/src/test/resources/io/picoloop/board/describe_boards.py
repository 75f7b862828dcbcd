# The firmware's board descriptions (bridge-firmware/bridge_board.py) and its hello, one line per
# fact, for BoardModelAgreementTest to compare with io.picoloop.board.BoardModel, and its refusals
# of the pins a board keeps, to compare with the simulator's.
# Usage: python3 describe_boards.py <bridge-firmware dir> <sys.implementation._machine>...
import os
import sys

sys.path[:0] = [sys.argv[1], os.path.join(sys.argv[1], "host")]  # host/: the micropython stand-in

import bridge_board  # noqa: E402
import bridge_protocol  # noqa: E402

for machine in sys.argv[2:]:
    b = bridge_board.for_model(machine)
    print("model %s" % machine)
    print("free %s" % b.pins_text)
    print("led %s" % b.led)
    for n in range(-1, bridge_board.GPIO_COUNT + 1):
        if b.board_use(n) is not None:
            print("use %d %s" % (n, b.board_use(n)))
        if b.is_free(n):
            print("pwm %d %d %d" % ((n,) + b.pwm(n)))
        if b.adc_channel(n) is not None:
            print("adc %d %d" % (n, b.adc_channel(n)))
    print("temperature %d" % bridge_board.ADC_TEMPERATURE_CHANNEL)
    d = bridge_protocol.Dispatcher(b, None, lambda: 0, "E6614103E7452D2F")
    print("hello " + d.dispatch("hello", []))
    for token in [str(n) for n in b.own] + ["GP25", "30", "-1", "025", "banana", "9" * 30]:
        if not b.is_free(bridge_protocol.bounded_int(token.lower().lstrip("gp"), 2)):
            print("refuse %s %s" % (token, d.dispatch("mode", [token, "out"])))
