# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Attributes shared by the declarative resource modules (a module's own entry replaces one of these)."""

from __future__ import annotations


class ModuleDocFragment:
    """Check and diff mode of a module over the shared resource engine (module_utils/module.py)."""

    DOCUMENTATION = r"""
attributes:
  check_mode:
    support: full
    description: Computes the exact plan from reads alone and makes no write.
  diff_mode:
    support: full
    description: Shows the managed fields before and after.
"""
