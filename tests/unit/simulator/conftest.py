"""The simulator's own tests use the integration fixtures: one simulator per session, reset before each test."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "integration"))

from harness import sim, sim_session  # noqa: E402,F401  pylint: disable=wrong-import-position,unused-import
