#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read the configuration of an NCM router or group in the form ncm_config accepts."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ncm_config_info
short_description: Read the configuration of a NetCloud Manager router or group in the form ncm_config accepts
version_added: 0.1.0
description:
  - Returns the individual configuration of a router (its C(configuration_managers) record) or the configuration
    of a group from Cradlepoint NetCloud Manager (NCM), in exactly the form the O(cradlepoint.ncm.ncm_config#module:config)
    and O(cradlepoint.ncm.ncm_config#module:removals) options of M(cradlepoint.ncm.ncm_config) accept. A configuration
    gathered from one router or group can be stored and applied to another (the API reference's recommended
    workflow - build one in the UI, download, edit, upload).
  - Arrays whose elements carry C(_id_) are returned as lists with C(_id_) inside each element (sorted by C(_id_));
    other arrays as NCM shows them (dictionaries keyed by quoted offsets).
  - Secrets are returned as C(********). Applied with M(cradlepoint.ncm.ncm_config), that placeholder means "keep the
    current secret", so give the real secrets (for example from a vault) when the destination does not have them.
  - For a router, optionally also the target (group and individual configuration layered), the actual
    configuration of the device and the pending change, and the sync state.
extends_documentation_fragment:
  - cradlepoint.ncm.ncm
  - cradlepoint.ncm.action_group
  - cradlepoint.ncm.target
  - cradlepoint.ncm.info_module
options:
  include:
    description:
      - More configurations of a router to return, each in the same form as RV(config). Only with O(router).
    type: list
    elements: str
    choices: [target, actual, pending]
    default: []
notes:
  - Cost - one read for a router given by id (the configuration manager, with C(expand=router)), two for a router
    given by name, MAC address or serial number (three for a serial number not shaped like one, such as a
    lower-case one; see M(cradlepoint.ncm.ncm_router)), one for a group.
seealso:
  - module: cradlepoint.ncm.ncm_config
author:
  - Cradlepoint NCM collection contributors (@cradlepoint)
"""

EXAMPLES = r"""
- name: Read the individual configuration of the reference router
  cradlepoint.ncm.ncm_config_info:
    router: router-00001
  register: reference

- name: Apply it to another router
  cradlepoint.ncm.ncm_config:
    router: router-00002
    config: "{{ reference.config.config }}"
    removals: "{{ reference.config.removals }}"

- name: Group configuration
  cradlepoint.ncm.ncm_config_info:
    group: group-001
  register: branch

- name: What a router should run, what it runs and what is still pending
  cradlepoint.ncm.ncm_config_info:
    router: WA240000000001
    include: [target, actual, pending]
"""

RETURN = r"""
config:
  description: The individual configuration of the router, or the group's configuration.
  returned: always
  type: dict
  contains:
    config:
      description: The updates (settings), for O(cradlepoint.ncm.ncm_config#module:config).
      type: dict
      returned: always
    removals:
      description: The removal list, for O(cradlepoint.ncm.ncm_config#module:removals).
      type: list
      elements: list
      returned: always
  sample:
    config:
      system:
        system_id: branch
      lan:
        - _id_: 00000000-0d93-319d-8220-4a1fb0372b51
          ip_address: 192.168.30.1
    removals: []
target:
  description: The router's target configuration (the group's layered under the individual one), same form as RV(config).
  returned: when O(include) contains V(target)
  type: dict
actual:
  description: The configuration the router reported, same form as RV(config).
  returned: when O(include) contains V(actual)
  type: dict
pending:
  description: The change NCM still has to send to the router, same form as RV(config).
  returned: when O(include) contains V(pending)
  type: dict
sync:
  description: Sync state of the router's configuration manager (null for a group).
  returned: always
  type: dict
  contains:
    synched:
      description: Whether the router runs its target configuration.
      type: bool
      returned: always
    suspended:
      description: Whether NCM suspended the sync (the device rejected the configuration).
      type: bool
      returned: always
    version_number:
      description: The configuration version.
      type: int
      returned: always
    state:
      description: The router's state (V(online), V(offline), ...) if NCM returned it.
      type: str
      returned: always
  sample: {synched: true, suspended: false, version_number: 3, state: online}
source:
  description: Where the configuration was read.
  returned: always
  type: dict
  contains:
    kind:
      description: V(router) or V(group).
      type: str
      returned: always
    id:
      description: The router or group id.
      type: str
      returned: always
    name:
      description: The router or group name.
      type: str
      returned: always
    config_manager_id:
      description: The id of the router's configuration manager (null for a group).
      type: str
      returned: always
  sample: {kind: router, id: "1", name: router-00001, config_manager_id: "1001"}
api_calls:
  description: NCM API calls made by this task.
  returned: always
  type: dict
  sample: {reads: 2, writes: 0, retries: 0, total: 2}
"""

from ansible_collections.cradlepoint.ncm.plugins.module_utils.config_diff import (
    config_pair,
    to_module_form,
)
from ansible_collections.cradlepoint.ncm.plugins.module_utils.errors import about
from ansible_collections.cradlepoint.ncm.plugins.module_utils.config_target import config_target
from ansible_collections.cradlepoint.ncm.plugins.module_utils.module import NcmInputError, NcmModule
from ansible_collections.cradlepoint.ncm.plugins.module_utils.options import TARGET_EXCLUSIVE, TARGET_SPEC
from ansible_collections.cradlepoint.ncm.plugins.module_utils.secrets import mask_secrets


def module_form(value):
    """A config diff as {config, removals} in the form ncm_config accepts, secrets masked."""
    updates, removals = config_pair(value)
    return {"config": to_module_form(mask_secrets(updates)), "removals": [list(p) for p in removals]}


class ConfigInfo(NcmModule):
    """ncm_config_info: a router's individual config or a group's config, ready for ncm_config."""

    identifier_options = ("router", "group")
    argument_spec = dict(TARGET_SPEC, **{
        "include": {"type": "list", "elements": "str", "choices": ["target", "actual", "pending"], "default": []},
    })
    mutually_exclusive = TARGET_EXCLUSIVE
    required_one_of = TARGET_EXCLUSIVE

    def execute(self):
        include = self.params["include"] or []
        if self.params["group"] is not None and include:
            raise NcmInputError("include: only a router has a target, actual and pending configuration.")
        target = config_target(self.client, self.resolver, router=self.params["router"], group=self.params["group"])
        cm, router = target["cm"], target["router"]
        self.result.update(
            source={"kind": target["kind"], "id": target["id"], "name": target["name"],
                    "config_manager_id": target["write_id"] if cm else None},
            config=self.form(target["configuration"], target["kind"], target["id"]),
            sync=None if cm is None else {"synched": cm.get("synched"), "suspended": cm.get("suspended"),
                                          "version_number": cm.get("version_number"), "state": router.get("state")},
        )
        for name in include:
            self.result[name] = self.form(cm.get(name), "router", target["id"])

    @staticmethod
    def form(value, kind, ident):
        with about("the configuration of %s %s is not a config diff" % (kind, ident)):
            return module_form(value)


def main():
    ConfigInfo().run()


if __name__ == "__main__":
    main()
