"""Fixtures: one NCM simulator per session; `sim` resets its state and counters before each test."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import Simulator  # noqa: E402  pylint: disable=wrong-import-position


@pytest.fixture(scope="session")
def sim_session():
    """The session's simulator (seed size 10)."""
    server = Simulator().start(seed_size=10)
    yield server
    server.stop()


@pytest.fixture
def sim(sim_session):  # pylint: disable=redefined-outer-name
    """The simulator, reset to the start state (seed, faults, config, calls) before the test."""
    sim_session.reset(seed_size=10)
    return sim_session
