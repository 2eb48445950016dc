# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's error model: one base, ``NcmError``, whose message is written for the user.

* ``NcmApiError`` (client.py): NCM answered with an error, or could not be reached;
* ``NcmInputError``: the task's input is wrong, found before any write; the message names the option and value.
  ``ResolveError`` (resolve.py), ``FilterError`` (inventory_data.py) and ``ConfigError`` (config_diff.py) are kinds
  of it.

``NcmModule.run()`` catches ``NcmError`` once and fails the task with the message and ``to_result()``; the
inventory plugin turns it into a parser error. Code that knows which option a lower-level error concerns wraps the
call in ``about(option)`` instead of catching and re-raising by hand.
"""

from __future__ import annotations

from contextlib import contextmanager


class NcmError(Exception):
    """Base of every error this collection raises on purpose."""

    def to_result(self):
        """Extra fields for a module's failure result."""
        return {}


class NcmInputError(NcmError, ValueError):
    """Bad module input found before any write; the message names the option and the value."""


@contextmanager
def about(subject):
    """Input errors raised inside say what they concern: ``with about("config"):`` gives ``config: <message>``."""
    try:
        yield
    except NcmInputError as exc:
        raise NcmInputError("%s: %s" % (subject, exc)) from None
