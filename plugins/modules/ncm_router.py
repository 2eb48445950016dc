#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Manage the settings of NCM routers."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ncm_router
short_description: Manage the name, descriptive fields and group of NetCloud Manager routers
version_added: 0.1.0
description:
  - Set the name, description, asset id, the two custom fields and the group of a router registered in
    Cradlepoint NetCloud Manager (NCM), or unregister it.
  - Routers register themselves with NCM; the API cannot create one, so O(state=present) never creates a router
    and fails when O(router) names none.
  - Only the options that are given are compared and written (one C(PUT) with the changed fields only).
extends_documentation_fragment:
  - cradlepoint.ncm.ncm
  - cradlepoint.ncm.action_group
  - cradlepoint.ncm.resource_module
options:
  router:
    description:
      - The router, by id, MAC address, name or serial number, tried in that order (an all-digit value is an
        id; a MAC-shaped value such as V(00:30:44:00:00:01) or V(003044000001) is a MAC).
      - A MAC is matched whatever its case and separators (V(00:30:44:AA:BB:CC), V(00-30-44-aa-bb-cc),
        V(003044aabbcc) and V(0030.44aa.bbcc) name the same router); the lookup asks NCM for the upper- and the
        lower-case form at once (one call).
      - A value shaped like a Cradlepoint serial number (two capital letters, then 8 to 18 capital letters and
        digits with at least 6 digits, no dash or lower-case letter, such as V(WA240000000001)) is tried as a serial
        number B(before) the name, so it costs one lookup; if no router has that serial number, the name is tried.
      - A value that matches several routers fails with their ids; use the id then.
    type: str
    required: true
  name:
    description:
      - New name of the router (synchronised with the device). Must not be empty.
    type: str
  description:
    description:
      - Description of the router (synchronised with the device). V("") clears it.
    type: str
  asset_id:
    description:
      - User-defined asset identifier. V("") clears it.
    type: str
  custom1:
    description:
      - User-defined custom text field. V("") clears it.
    type: str
  custom2:
    description:
      - User-defined custom text field. V("") clears it.
    type: str
  group:
    description:
      - The group the router belongs to, by id or name. The router's product must be the group's product; the
        router's target firmware then follows the group.
      - Not given (or V(omit)) leaves the router's group as it is.
      - An explicit V(null) (the option given with no value, or as V(null)) takes the router out of its group.
        V("") fails before any API call (an empty template result must not move a router).
    type: str
  state:
    description:
      - V(present) updates the router (it never creates one).
      - V(absent) B(unregisters) the router from NCM with C(DELETE). This is B(irreversible) - NCM removes the
        router and all its data (configuration, locations, alerts, state and signal samples, logs); the device
        must be registered again by hand to come back, and its history is lost. Use with care, and run it in
        check mode first.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Finding a router costs one list call (two for a name shaped like a serial number, or a serial number that
    is not shaped like one). An unchanged router costs only that plus, when O(group) is given, one group lookup;
    a change adds one C(PUT).
  - With O(state=absent), a router that O(router) does not name is taken as already gone (no change).
author:
  - Cradlepoint NCM collection contributors (@cradlepoint)
"""

EXAMPLES = r"""
- name: Name and describe a router found by its serial number
  cradlepoint.ncm.ncm_router:
    router: WA240000000001
    name: store-0001
    description: Store 1, back office
    asset_id: A-0001
    custom1: region-west

- name: Move a router (found by MAC) into a group
  cradlepoint.ncm.ncm_router:
    router: "00:30:44:00:00:04"
    group: group-001

- name: Take a router out of its group (an explicit null; an empty string fails)
  cradlepoint.ncm.ncm_router:
    router: store-0001
    group: null

- name: Unregister a router from NCM (irreversible; removes all its data)
  cradlepoint.ncm.ncm_router:
    router: "10"
    state: absent
"""

RETURN = r"""
router:
  description:
    - The router as NCM shows it after the change; in check mode, the router with the planned changes; with
      O(state=absent), the router that was (or would be) unregistered, or null when there was none.
  returned: always
  type: dict
  sample:
    id: "1"
    name: store-0001
    description: Store 1, back office
    asset_id: A-0001
    custom1: region-west
    custom2: null
    group: https://www.cradlepointecm.com/api/v2/groups/1/
    serial_number: WA240000000001
    mac: "00:30:44:00:00:01"
    state: online
    product: https://www.cradlepointecm.com/api/v2/products/1/
plan:
  description: What the task did or, in check mode, would do.
  returned: always
  type: str
  choices: [update, delete, none]
diff:
  description:
    - With C(--diff), the managed fields before and after. C(group) is the group's name with its id beside it
      (V(branch-offices (id 12\))); in check mode, a group that an earlier task only plans reads
      V(branch-offices (known after apply\)).
  returned: when diff mode is on
  type: dict
  sample:
    before: {id: "1", name: router-00001, description: null, group: "group-001 (id 1)"}
    after: {id: "1", name: store-0001, description: Store 1, group: "branch-offices (id 12)"}
assumes:
  description: In check mode, references not found that an earlier task should create or rename (see the drift detection guide).
  returned: in check mode, when a reference does not exist yet
  type: list
  sample: [{kind: group, name: branch-offices}]
api_calls:
  description: NCM API calls made by this task.
  returned: always
  type: dict
  sample: {reads: 1, writes: 1, retries: 0, total: 2}
"""

from ansible_collections.cradlepoint.ncm.plugins.module_utils.resources import RouterResource


def main():
    RouterResource().run()


if __name__ == "__main__":
    main()
