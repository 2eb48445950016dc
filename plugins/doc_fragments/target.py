# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The router-or-group target of ncm_config, ncm_config_info and ncm_reboot."""

from __future__ import annotations


class ModuleDocFragment:
    """Options router and group: exactly one is required (argument spec: module_utils/options.py TARGET_SPEC)."""

    DOCUMENTATION = r"""
options:
  router:
    description:
      - The router, by id, MAC address, name or serial number.
      - Exactly one of O(router) and O(group) is required.
    type: str
  group:
    description:
      - The group, by id or name. The module description says what the module does with a group.
      - Exactly one of O(router) and O(group) is required.
    type: str
"""
