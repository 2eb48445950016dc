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
    description:
      - Computes the exact plan from reads alone and makes no write.
      - A referenced group, push destination, router or user that does not exist yet, because an earlier task of the
        play only plans to create (or rename) it, does not fail the task; the change is planned with that reference
        known after apply and the result lists it in C(assumes). A record that refers to something not created yet
        does not exist yet either, so it is planned as a create. See the drift detection guide.
  diff_mode:
    support: full
    description:
      - Shows the managed fields before and after.
      - References read as the names the user writes with the id beside (V(IBR900 (id 1\)), V(7.24.30 (id 3\)),
        V(branch-offices (id 12\))); in check mode, one that does not exist yet reads V(branch-offices (known after
        apply\)). The returned resource keeps ids and URLs.
"""
