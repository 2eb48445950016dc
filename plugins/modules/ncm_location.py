#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Manage the location of an NCM router."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ncm_location
short_description: Manage the location of a NetCloud Manager router
version_added: 0.1.0
description:
  - Set, update or delete the location record of a router in Cradlepoint NetCloud Manager (NCM), for example to
    place a router without GPS on the map.
  - A router has at most one location; it is found by the router (C(locations?router=<id>)).
  - Coordinates are compared with a tolerance of 1e-6 degrees (about 0.1 m), and the altitude with a tolerance of
    0.01 m, so a value that comes back from NCM as a slightly different float is not a change.
  - Only the options that are given are compared. An update sends C(latitude), C(longitude) and C(accuracy) every
    time, as the locations endpoint requires them on C(PUT).
  - Requires the Location Services feature on the NCM account.
extends_documentation_fragment:
  - cradlepoint.ncm.ncm
  - cradlepoint.ncm.action_group
  - cradlepoint.ncm.resource_module
options:
  router:
    description:
      - The router, by id, MAC address, name or serial number, tried in that order (a value shaped like a
        Cradlepoint serial number, such as V(WA240000000001), is tried as a serial number before the name; see
        M(cradlepoint.ncm.ncm_router)).
    type: str
    required: true
  latitude:
    description:
      - Degrees north (positive) or south (negative) of the equator, from -90 to 90. Required to create a location.
    type: float
  longitude:
    description:
      - Degrees east (positive) or west (negative) of the prime meridian, from -180 to 180. Required to create a
        location.
    type: float
  accuracy:
    description:
      - Accuracy radius of the coordinates in meters (0 or more). When a location is created without it, V(0).
    type: int
  altitude_meters:
    description:
      - Altitude in meters.
    type: float
  method:
    description:
      - How the location was determined, for example V(manual) or V(gps). When a location is created without it,
        V(manual).
    type: str
  state:
    description:
      - V(present) creates or updates the router's location, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - The ranges of O(latitude), O(longitude) and O(accuracy) are checked before any API call.
  - Cost - one call to find the router and one to find its location; a change adds one C(POST), C(PUT) or
    C(DELETE).
  - A router with Location Services on may report its own location later and replace what this module set.
author:
  - Cradlepoint NCM collection contributors (@cradlepoint)
"""

EXAMPLES = r"""
- name: Put a router on the map
  cradlepoint.ncm.ncm_location:
    router: router-00003
    latitude: 43.5783243
    longitude: -116.1913274
    accuracy: 10
    method: manual

- name: Move it, keeping the other fields
  cradlepoint.ncm.ncm_location:
    router: router-00003
    latitude: 43.6
    longitude: -116.2

- name: Remove the location of a router
  cradlepoint.ncm.ncm_location:
    router: router-00003
    state: absent
"""

RETURN = r"""
location:
  description:
    - The location as NCM shows it after the change (in check mode, the planned location; with O(state=absent),
      the location that was or would be deleted, null when there was none). C(router) is the router's id.
  returned: always
  type: dict
  sample:
    id: "12"
    router: 1
    latitude: 43.5783243
    longitude: -116.1913274
    accuracy: 10
    altitude_meters: null
    method: manual
    account: https://www.cradlepointecm.com/api/v2/accounts/1/
    resource_url: https://www.cradlepointecm.com/api/v2/locations/12/
    updated_at: "2026-01-25T16:04:34.731183+00:00"
plan:
  description: What the task did or, in check mode, would do.
  returned: always
  type: str
  choices: [create, update, delete, none]
diff:
  description: With C(--diff), the location fields before and after; C(router) by name with its id beside.
  returned: when diff mode is on
  type: dict
  sample:
    before: {id: "12", router: "router-00001 (id 1)", latitude: 43.5783243, longitude: -116.1913274, accuracy: 10,
             altitude_meters: null, method: manual}
    after: {id: "12", router: "router-00001 (id 1)", latitude: 43.6, longitude: -116.2, accuracy: 10, altitude_meters: null,
            method: manual}
assumes:
  description: In check mode, references not found that an earlier task should create or rename (see the drift detection guide).
  returned: in check mode, when a reference does not exist yet
  type: list
  sample: [{kind: group, name: branch-offices}]
api_calls:
  description: NCM API calls made by this task.
  returned: always
  type: dict
  sample: {reads: 2, writes: 1, retries: 0, total: 3}
"""

from ansible_collections.cradlepoint.ncm.plugins.module_utils.resources import LocationResource


def main():
    LocationResource().run()


if __name__ == "__main__":
    main()
