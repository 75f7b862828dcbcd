# The firmware's board descriptions (bridge-firmware/bridge_board.py) and its hello, one line per
# fact, for BoardModelAgreementTest to compare with io.picoloop.board.BoardModel, and its refusals
# of the pins a board keeps, of analog inputs and of PWM slices, to compare with the simulator's.
# A line "refuse <request>|<reply>" is a request and the firmware's reply; "do <request>" one whose
# success the refusals after it need.
# Usage: python3 describe_boards.py <bridge-firmware dir> <sys.implementation._machine>...
import os
import sys

sys.path[:0] = [sys.argv[1], os.path.join(sys.argv[1], "host")]  # host/: the micropython stand-in

import bridge_board  # noqa: E402
import bridge_protocol  # noqa: E402



class Driver:
    """A pin driver that does nothing: the refusals come before any pin is touched."""

    def __getattr__(self, name):
        return lambda *args: 0


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
        if b.own_adc_channel(n) is not None:
            print("own-adc %d %d" % (n, b.own_adc_channel(n)))
    print("temperature %d" % bridge_board.ADC_TEMPERATURE_CHANNEL)
    print("vsys %d" % bridge_board.ADC_VSYS_CHANNEL)
    print("slices %d" % bridge_board.PWM_SLICES)
    d = bridge_protocol.Dispatcher(b, Driver(), lambda: 0, "E6614103E7452D2F")
    print("hello " + d.dispatch("hello", []))
    for token in [str(n) for n in b.own] + ["GP25", "30", "-1", "025", "banana", "9" * 30]:
        if not b.is_free(bridge_protocol.bounded_int(token.lower().lstrip("gp"), 2)):
            print("refuse mode %s out|%s" % (token, d.dispatch("mode", [token, "out"])))
    # analog inputs the board has not, and PWM outputs that would change another's
    for line in ["adc 29", "adc 25", "adc LED", "stream 16 10", "adc 31", "adc", "stream 26"]:
        print("refuse %s|%s" % (line, d.dispatch(line.split()[0], line.split()[1:])))
    print("do pwm 0 1000 100")  # what the refusals below refuse to change
    d.dispatch("pwm", ["0", "1000", "100"])
    for line in ["pwm 16 1000 100", "pwm 1 2000 100", "tone 17 440 100"]:
        print("refuse %s|%s" % (line, d.dispatch(line.split()[0], line.split()[1:])))
