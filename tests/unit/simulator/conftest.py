"""A simulator subprocess for the simulator's own tests."""

import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "integration"))

from harness import Simulator  # noqa: E402  pylint: disable=wrong-import-position


@pytest.fixture(scope="session")
def sim_server():
    """One simulator (seed 10) for the session."""
    server = Simulator().start(seed_size=10)
    yield server
    server.stop()


@pytest.fixture
def sim(sim_server):  # pylint: disable=redefined-outer-name
    """Fresh state before each test."""
    sim_server.reset(seed_size=10)
    return sim_server
