# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Argument specs that several modules share, with the one validation each has.

* a router-or-group target (``router`` or ``group``, exactly one; doc fragment cradlepoint.ncm.target);
* the wait options ``wait``, ``wait_timeout`` and ``poll_interval`` (defaults per module: a reboot takes longer
  than a config sync).
"""

from __future__ import annotations

from ansible_collections.cradlepoint.ncm.plugins.module_utils.errors import NcmInputError

TARGET_SPEC = {"router": {"type": "str"}, "group": {"type": "str"}}
TARGET_EXCLUSIVE = [("router", "group")]  # mutually_exclusive and required_one_of


def wait_spec(timeout, interval):
    """The wait options with this module's default ``wait_timeout`` and ``poll_interval`` (seconds)."""
    return {
        "wait": {"type": "bool", "default": False},
        "wait_timeout": {"type": "int", "default": timeout},
        "poll_interval": {"type": "float", "default": interval},
    }


def check_wait_options(params):
    """``wait_timeout`` and ``poll_interval`` must be more than 0 (checked before any API call)."""
    for option in ("wait_timeout", "poll_interval"):
        if params[option] <= 0:
            raise NcmInputError("%s: must be more than 0, got %r." % (option, params[option]))
