"""PWM outputs and analog inputs under CPython: the pin driver on the `machine` stand-in, and the
firmware's timer task (fades, tones, sample streams) in its real asyncio loop behind the pty."""
import time
import unittest

from tests import support  # noqa: F401  (paths, shims)
from tests.ptyfw import PtyFirmware
import bridge_pins
import machine


class PinDriverOnTheStandIn(unittest.TestCase):
    def setUp(self):
        machine.reset_state()
        self.driver = bridge_pins.PinDriver()

    def test_pwm_is_set_changed_and_stopped_per_slice(self):
        self.driver.pwm(16, 1000, 16384)
        self.driver.pwm(17, 1000, 100)
        self.assertEqual(machine.pwm_state(16), (1000, 16384))
        self.assertIsNone(machine.driven_level(16), "the pad follows the slice, not a level")
        self.driver.pwm_duty(16, 65535)
        self.assertEqual(machine.pwm_state(16), (1000, 65535))
        self.driver.pwm_stop(16, True)
        self.driver.setup_out(16, 0)
        self.assertEqual(machine.pwm_state(17), (1000, 100), "the other pin of the slice runs on")
        self.assertEqual(machine.driven_level(16), 0)
        self.driver.pwm_stop(17, False)
        self.assertIsNone(machine.pwm_state(17), "the slice is stopped with its last pin")

    def test_adc_reads_what_the_outside_puts_in_12_bits(self):
        self.driver.adc_setup(26)
        machine.set_analog(26, 40000)
        raw = 40000 >> 4
        self.assertEqual(self.driver.adc(26), raw << 4 | raw >> 8)
        machine.set_analog(26, 65535)
        self.assertEqual(self.driver.adc(26), 65535)
        self.assertEqual(self.driver.adc("temp"), machine.TEMP_27C << 4 | machine.TEMP_27C >> 8)

    def test_the_stand_in_refuses_what_rp2_refuses(self):
        pwm = machine.PWM(machine.Pin(16))
        with self.assertRaises(ValueError):
            pwm.freq(7)
        with self.assertRaises(ValueError):
            pwm.duty_u16(65536)
        with self.assertRaises(ValueError):
            machine.ADC(machine.Pin(16))


class TimedThroughPty(unittest.TestCase):
    """The timer task on the firmware's own loop; times are the device's (samples) or the stand-in's
    records (time.monotonic)."""

    def setUp(self):
        self.fw = PtyFirmware(control=True)
        self.assertTrue(self.fw.read_line().startswith(b"! boot "))

    def tearDown(self):
        self.fw.close()

    def test_stream_samples_are_due_on_the_device_clock(self):
        fw = self.fw
        fw.drive("adc 26 30000")
        value = str(30000 >> 4 << 4 | 30000 >> 4 >> 8)  # what the chip keeps of it: 12 bits
        deadline = time.monotonic() + 10
        while fw.ask(b"1 adc 26").split()[2] != value:  # the control line lands in its own turn
            self.assertLess(time.monotonic(), deadline, "the control line did not set the ADC")
            time.sleep(0.02)
        period = 20000
        t0 = int(fw.ask(b"2 stream 26 20").split()[2])
        k = 0  # sample number, counting those reported lost
        seq = 0
        while k < 15:
            line = fw.read_line()
            self.assertIsNotNone(line, "no sample or lost report came")
            f = line.decode().split()
            self.assertEqual(int(f[-1]), seq + 1, "one sequence, no gap: %r" % line)
            seq += 1
            if f[1] == "lost":
                k += int(f[2])
                continue
            k += 1
            self.assertEqual(f[:4], ["!", "sample", "26", value])
            t = int(f[4])
            self.assertGreaterEqual(t, t0 + k * period, "never before it is due")
            self.assertLess(t, t0 + (k + 1) * period, "a sample a whole period late is lost, not sent")
        self.assertEqual(fw.ask(b"3 stream 26 off"), "3 ok")

    def test_fade_steps_and_ends_at_its_target_and_a_tone_ends_on_time(self):
        fw = self.fw
        self.assertRegex(fw.ask(b"1 pwm 16 1000 0"), r"^1 ok \d+$")
        self.assertRegex(fw.ask(b"2 fade 16 0 65535 200"), r"^2 ok \d+$")
        self.assertRegex(fw.ask(b"3 tone 19 440 100"), r"^3 ok \d+$")
        # both over by the device's clock before this ping's reply
        deadline = int(fw.ask(b"4 ping").split()[2]) + 400000
        while int(fw.ask(b"5 ping").split()[2]) < deadline:
            pass
        duties = [d for _, _, d in fw.pwm_records(16)]
        self.assertEqual(duties[-1], 65535)
        self.assertEqual(duties, sorted(duties), "a fade up only goes up")
        self.assertGreaterEqual(len(set(duties)), 5, "steps, not a jump: %r" % duties)
        tone = fw.pwm_records(19)
        self.assertEqual(tone[-1][1:], (440, 0))
        start = next(t for t, _, d in tone if d == 32768)
        self.assertGreaterEqual(tone[-1][0] - start, 0.1 - 0.002, "not ended before its time")


if __name__ == "__main__":
    unittest.main()
