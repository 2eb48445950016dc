# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The action group attribute of every module (not of the inventory plugin)."""

from __future__ import annotations


class ModuleDocFragment:
    """Membership of the action group ``cradlepoint.ncm.ncm`` (meta/runtime.yml)."""

    DOCUMENTATION = r"""
attributes:
  action_group:
    description: Use C(group/cradlepoint.ncm.ncm) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - cradlepoint.ncm.ncm
"""
