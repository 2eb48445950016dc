#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read NCM groups with resolved names."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ncm_group_info
short_description: List NetCloud Manager groups with product, firmware and account names
version_added: 0.1.0
description:
  - Lists groups of Cradlepoint NetCloud Manager (NCM) with the product name, the target firmware version and
    the account name resolved.
  - Costs one call per page of 500 groups plus one call each for the product and firmware names (the account
    name comes with the groups, C(expand=account)).
extends_documentation_fragment:
  - cradlepoint.ncm.ncm
  - cradlepoint.ncm.action_group
  - cradlepoint.ncm.info_module
options:
  group:
    description:
      - Groups to return, by id or name (a name may match several groups; all are returned).
      - A value of ASCII digits is an id first, then a name (see the collection's docs/identifiers.md). Empty
        values, V(None) and V(null) fail before any API call.
    type: list
    elements: str
  filters:
    description:
      - Documented filters of the NCM C(groups) endpoint (V(account), V(device_type), V(id), V(name), each also
        with C(__in)). V(account) takes names or ids. Unknown filters fail before any API call.
    type: dict
    default: {}
author:
  - Cradlepoint NCM collection contributors (@cradlepoint)
"""

EXAMPLES = r"""
- name: Every group
  cradlepoint.ncm.ncm_group_info:
  register: all_groups

- name: Two groups by name
  cradlepoint.ncm.ncm_group_info:
    group: [branch-east, branch-west]

- name: Groups of a subaccount
  cradlepoint.ncm.ncm_group_info:
    filters:
      account: Retail
"""

RETURN = r"""
groups:
  description: The groups, as NCM lists them.
  returned: always
  type: list
  elements: dict
  sample:
    - id: "1"
      name: group-001
      device_type: router
      product: IBR900
      product_id: "1"
      target_firmware: 7.24.30
      target_firmware_id: "3"
      account: Sim Account
      account_id: "1"
api_calls:
  description: NCM API calls made by this task.
  returned: always
  type: dict
  sample: {reads: 3, writes: 0, retries: 0, total: 3}
"""

from ansible_collections.cradlepoint.ncm.plugins.module_utils.inventory_data import NcmData
from ansible_collections.cradlepoint.ncm.plugins.module_utils.module import NcmInputError, NcmModule
from ansible_collections.cradlepoint.ncm.plugins.module_utils.resolve import is_id


class GroupInfo(NcmModule):
    """ncm_group_info: groups with product, firmware and account names."""

    identifier_options = ("group",)
    argument_spec = {
        "group": {"type": "list", "elements": "str"},
        "filters": {"type": "dict", "default": {}},
    }

    def execute(self):
        filters = dict(self.params["filters"] or {})
        wanted = self.params["group"] or []
        ids = [g for g in wanted if is_id(g)]
        names = [g for g in wanted if not is_id(g)]
        if wanted and any(key.split("__")[0] in ("id", "name") for key in filters):
            raise NcmInputError("group: also given as an id or name filter in filters; give it once.")
        data = NcmData(self.client, self.resolver)
        groups = []
        if ids or not wanted:
            groups.extend(data.groups(dict(filters, id__in=ids) if ids else filters))
        seen = {g["id"] for g in groups}
        names += [g for g in ids if g not in seen]  # an all-digit name: tried as a name when no id matches
        plain = [n for n in names if "," not in n]
        # NCM splits name__in at commas: a name holding one is asked for alone with the exact name filter
        queries = ([dict(filters, name__in=plain)] if plain else []) + [dict(filters, name=n) for n in names if "," in n]
        for query in queries:
            for group in data.groups(query):
                if group["id"] not in seen:
                    seen.add(group["id"])
                    groups.append(group)
        found = {g["id"] for g in groups} | {g["name"] for g in groups}
        missing = [g for g in wanted if g not in found]
        if missing:
            raise NcmInputError("group: no group found for %s." % ", ".join(repr(g) for g in missing))
        self.result["groups"] = groups


def main():
    GroupInfo().run()


if __name__ == "__main__":
    main()
