"""The shared unit checks of the pure layer (checks.py), under CPython."""
import unittest

from tests import support  # noqa: F401  (paths, shims)
import checks


class PureLayerChecks(unittest.TestCase):
    def test_checks(self):
        for name, fn in checks.all_checks():
            with self.subTest(name):
                fn()


if __name__ == "__main__":
    unittest.main()
