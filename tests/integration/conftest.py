"""Fixtures: one NCM simulator per session; `sim` resets its state and counters before each test."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import sim, sim_session  # noqa: E402,F401  pylint: disable=wrong-import-position,unused-import
