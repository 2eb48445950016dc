#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read NCM routers with resolved names."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ncm_router_info
short_description: List NetCloud Manager routers with group, product, firmware and account names
version_added: 0.1.0
description:
  - Lists routers of Cradlepoint NetCloud Manager (NCM) with the same fields and resolved names as the host
    variables of the inventory plugin C(cradlepoint.ncm.ncm) (without the C(ncm_) prefix).
  - Costs one call per page of 500 routers plus one call each for the product and firmware names; group and
    account names come with the routers. Identifiers given in O(router) and O(group) cost one call
    per kind to resolve.
extends_documentation_fragment:
  - cradlepoint.ncm.ncm
  - cradlepoint.ncm.action_group
  - cradlepoint.ncm.info_module
options:
  router:
    description:
      - Routers to return, each by id, name, serial number or MAC (resolution order as in every module).
    type: list
    elements: str
  group:
    description:
      - Only routers of these groups (ids or names).
    type: list
    elements: str
  state:
    description:
      - Only routers in this state.
    type: str
    choices: [online, offline, initialized]
  filters:
    description:
      - Any documented filter of the NCM C(routers) endpoint (for example V(name__in), V(reboot_required),
        V(updated_at__gt), V(account)), plus V(product) (name or id, applied after reading).
      - Unknown filters fail before any API call.
    type: dict
    default: {}
  locations:
    description: Add C(location) (latitude, longitude, accuracy) to each router.
    type: bool
    default: false
  wan_interfaces:
    description: Add C(net_devices), the WAN interfaces (id, name, type, carrier, connection_state, ipv4_address).
    type: bool
    default: false
  workers:
    description: Pages read in parallel.
    type: int
    default: 4
author:
  - Cradlepoint NCM collection contributors (@cradlepoint)
"""

EXAMPLES = r"""
- name: Offline routers of one group
  cradlepoint.ncm.ncm_router_info:
    group: branch-offices
    state: offline
  register: offline

- name: Two routers by name and serial number, with their WAN interfaces
  cradlepoint.ncm.ncm_router_info:
    router: [store-042, WA2400000123]
    wan_interfaces: true

- name: Routers that need a reboot
  cradlepoint.ncm.ncm_router_info:
    filters:
      reboot_required: true
"""

RETURN = r"""
routers:
  description: The routers, ordered by id as NCM lists them.
  returned: always
  type: list
  elements: dict
  sample:
    - id: "1"
      name: router-00001
      serial_number: WA240000000001
      mac: "00:30:44:00:00:01"
      state: online
      product: IBR900
      product_id: "1"
      actual_firmware: 7.24.30
      target_firmware: 7.24.30
      group: group-001
      group_id: "1"
      account: Sim Account
      account_id: "1"
      ipv4_address: 10.0.0.1
      description: null
      asset_id: null
      custom1: null
      custom2: null
      config_status: synched
api_calls:
  description: NCM API calls made by this task.
  returned: always
  type: dict
  sample: {reads: 3, writes: 0, retries: 0, total: 3}
"""

from ansible_collections.cradlepoint.ncm.plugins.module_utils.inventory_data import NcmData
from ansible_collections.cradlepoint.ncm.plugins.module_utils.module import NcmInputError, NcmModule


class RouterInfo(NcmModule):
    """ncm_router_info: routers with resolved names (shared with the inventory plugin)."""

    identifier_options = ("router", "group")
    argument_spec = {
        "router": {"type": "list", "elements": "str"},
        "group": {"type": "list", "elements": "str"},
        "state": {"type": "str", "choices": ["online", "offline", "initialized"]},
        "filters": {"type": "dict", "default": {}},
        "locations": {"type": "bool", "default": False},
        "wan_interfaces": {"type": "bool", "default": False},
        "workers": {"type": "int", "default": 4},
    }

    def execute(self):
        filters = dict(self.params["filters"] or {})
        for option in ("group", "state"):
            if self.params[option]:
                if option in filters or option + "__in" in filters:
                    raise NcmInputError("%s: also given in filters; give it once." % option)
                filters[option] = self.params[option]
        data = NcmData(self.client, self.resolver, workers=self.params["workers"], warn=self.module.warn)
        params, local = data.router_params(filters)
        if self.params["router"]:
            if "id" in params or "id__in" in params:
                raise NcmInputError("router: also given as an id filter in filters; give it once.")
            records = self.resolver.many("router", self.params["router"], "router")
            params["id__in"] = sorted({str(r["id"]) for r in records}, key=lambda i: (len(i), i))
        self.result["routers"] = data.routers(
            params=params, local=local, locations=self.params["locations"], wan_interfaces=self.params["wan_interfaces"]
        )


def main():
    RouterInfo().run()


if __name__ == "__main__":
    main()
