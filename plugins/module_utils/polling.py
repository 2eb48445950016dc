# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Waiting for NCM: one polling loop for every ``wait: true`` (config sync, routers back after a reboot)."""

from __future__ import annotations

import time


def poll_until(check, timeout, interval, sleep_first=False, clock=time.monotonic, sleep=time.sleep):
    """Call ``check()`` until it returns true or ``timeout`` seconds have passed; True when it did, else False.

    Sleeps ``interval`` seconds between two calls, never past the deadline, so the last call happens at the
    deadline. ``sleep_first`` waits one interval before the first call (a reboot needs time to start). ``check``
    may also end the wait by raising (or failing the module).
    """
    deadline = clock() + timeout
    if sleep_first:
        sleep(max(0.0, min(interval, deadline - clock())))
    while True:
        if check():
            return True
        if clock() >= deadline:
            return False
        sleep(max(0.0, min(interval, deadline - clock())))
