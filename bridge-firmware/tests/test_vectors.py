"""Every session of docs/protocol-vectors.txt against the protocol/dispatch layer in-process."""
import unittest

from tests import support
import bridge_pins
import machine
import vectors


def _with_machine_pins(board):
    machine.reset_state()
    return vectors.ProtocolDevice(board, bridge_pins.PinDriver(), machine.driven_level,
                                  machine.drive_input)


class VectorsInProcess(unittest.TestCase):
    def _play_all(self, make_device):
        sessions = vectors.parse(support.vectors_text())
        self.assertGreater(len(sessions), 10)
        self.assertEqual({s.board for s in sessions}, {"pico", "picow"})
        for s in sessions:
            with self.subTest(board=s.board, session=s.title):
                self.assertEqual(vectors.play(s, make_device(s.board)), [])

    def test_with_machine_pin_stand_in(self):
        self._play_all(_with_machine_pins)

    def test_with_fake_driver(self):
        self._play_all(vectors.ProtocolDevice)


if __name__ == "__main__":
    unittest.main()
