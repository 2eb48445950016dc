#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reboot NCM routers."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ncm_reboot
short_description: Reboot a NetCloud Manager router or every router of a group
version_added: 0.1.0
description:
  - Reboot one router, or every router of a group, through the C(reboot_activity) endpoint of Cradlepoint
    NetCloud Manager (NCM), and optionally wait until they are back online.
  - A reboot is an action, not a state. The module reboots every online target router each time it runs and then
    reports C(changed=true); it reports C(changed=false) only when no target router is online.
  - NCM loses a reboot request sent to a router that is offline. Such routers are not rebooted and are listed in
    C(reboot.offline) (with a warning) instead of C(reboot.rebooted).
  - A group is rebooted with one request for the whole group.
extends_documentation_fragment:
  - cradlepoint.ncm.ncm
  - cradlepoint.ncm.action_group
  - cradlepoint.ncm.target
attributes:
  check_mode:
    support: full
    description:
      - Never reboots. Reports which routers would be rebooted and which are offline, from reads alone.
      - A router or group that does not exist yet (an earlier task of the play creates or renames it) does not
        fail the task in check mode; the plan is V(reboot) with the routers known after apply, and the result
        lists it in RV(assumes).
  diff_mode:
    support: full
    description: Shows the routers that would be rebooted (before, none; after, their names).
options:
  wait:
    description:
      - Wait until every rebooted router is back online. A router counts as back when it is online and has
        changed state since the reboot request (it went offline, or its state timestamp moved on).
      - Fails, naming the routers, when some are not back within O(wait_timeout).
    type: bool
    default: false
  wait_timeout:
    description:
      - Seconds to wait for the routers with O(wait=true). More than 0, as O(poll_interval).
    type: int
    default: 600
  poll_interval:
    description:
      - Seconds between two polls with O(wait=true). Each poll is one list call for all the routers (C(id__in),
        up to 100 routers per call).
    type: float
    default: 10
notes:
  - Cost - one call to find the router, or two for a group (the group, then its routers); one C(POST) to reboot;
    with O(wait=true), one call per poll.
  - A router that goes offline between the read and the request is still reported as rebooted; NCM does not tell
    whether the request reached it.
author:
  - Cradlepoint NCM collection contributors (@cradlepoint)
"""

EXAMPLES = r"""
- name: Reboot one router and wait until it is back
  cradlepoint.ncm.ncm_reboot:
    router: router-00002
    wait: true
    wait_timeout: 300
    poll_interval: 5

- name: Reboot every router of a group
  cradlepoint.ncm.ncm_reboot:
    group: group-002
  register: reboot

- name: Show which routers were offline and therefore not rebooted
  ansible.builtin.debug:
    var: reboot.reboot.offline
"""

RETURN = r"""
reboot:
  description: What was (or, in check mode, would be) rebooted.
  returned: always
  type: dict
  contains:
    router:
      description: Id of the router given with O(router).
      returned: when O(router) is given
      type: str
      sample: "1"
    group:
      description: Id of the group given with O(group).
      returned: when O(group) is given
      type: str
      sample: "2"
    rebooted:
      description: The online routers that were sent (or in check mode would be sent) the reboot.
      returned: always
      type: list
      elements: dict
      sample: [{id: "2", name: router-00002}]
    offline:
      description: The routers that were not online, hence not rebooted (a request to them is lost).
      returned: always
      type: list
      elements: dict
      sample: [{id: "8", name: router-00008, state: offline}]
    returned:
      description: The rebooted routers that came back online.
      returned: with O(wait=true), not in check mode
      type: list
      elements: dict
      sample: [{id: "2", name: router-00002}]
    timed_out:
      description: The rebooted routers that were not back online within O(wait_timeout).
      returned: with O(wait=true), not in check mode
      type: list
      elements: dict
      sample: []
plan:
  description: V(reboot) when at least one router is (or would be) rebooted, else V(none).
  returned: always
  type: str
  choices: [reboot, none]
diff:
  description: With C(--diff), the names of the routers rebooted (before, an empty list).
  returned: when diff mode is on
  type: dict
  sample:
    before: {rebooted: []}
    after: {rebooted: [router-00002, router-00005]}
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

from ansible_collections.cradlepoint.ncm.plugins.module_utils.reboot import RebootResource


def main():
    RebootResource().run()


if __name__ == "__main__":
    main()
