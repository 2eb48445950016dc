#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A whole NCM account, or a slice of it, as one document."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ncm_state
short_description: Plan and apply a whole NetCloud Manager account, or a slice of it, as one document
version_added: 0.2.0
description:
  - Takes the desired state of groups, routers, push destinations and alert rules as one document, computes the
    whole plan before any write (Terraform's C(plan)), and applies it (C(apply)). Check mode is the plan, with no
    write; C(--diff) shows it per resource. A second run makes no write.
  - Each item takes the options of the matching single module (connection options aside), checked the same way;
    a group or router item may carry C(groups[].config) (as M(cradlepoint.ncm.ncm_config), merged by default), a
    router item a C(routers[].location) (as M(cradlepoint.ncm.ncm_location)).
  - Reads with list calls only (pages and C(__in) batches), never one call per item; then each item is planned by
    the same resource description as its single module, in dependency order (push destinations, groups, group
    configs, routers, router configs, locations, alert rules).
  - A reference to a group or push destination that does not exist is known after apply when the document creates
    it; one that neither exists nor is declared fails before any write, naming the document path
    (C(routers[12].group)). So do unknown fields, two items with the same identity, a purge scope that would claim
    everything, and anything the single module would refuse.
  - With O(purge=true), what O(scope) owns and the document does not declare is deleted (after every other change -
    alert rules, then groups, then push destinations). Nothing outside the scope is touched; routers are never
    purged.
  - See the collection's docs/account_as_code.md for the export, edit, plan, apply and drift-check cycle.
extends_documentation_fragment:
  - cradlepoint.ncm.ncm
  - cradlepoint.ncm.action_group
  - cradlepoint.ncm.resource_module
options:
  groups:
    description:
      - Groups, each with the options of M(cradlepoint.ncm.ncm_group) (C(groups[].name) or C(groups[].id) is its
        identity), and optionally C(config) (a configuration tree) and C(config_mode) (V(merge), the default, or
        V(replace)).
    type: list
    elements: dict
  routers:
    description:
      - Routers, each with the options of M(cradlepoint.ncm.ncm_router) (C(routers[].router) is its identity),
        and optionally C(config), C(config_mode) and C(location) (the options of M(cradlepoint.ncm.ncm_location)
        without C(router) and C(state)).
    type: list
    elements: dict
  push_destinations:
    description:
      - Push destinations, each with the options of M(cradlepoint.ncm.ncm_push_destination) (C(push_destinations[].name)
        or C(push_destinations[].id) is its identity). A C(secret) that is the placeholder of
        M(cradlepoint.ncm.ncm_state_info) fails when it would be sent.
    type: list
    elements: dict
  alert_rules:
    description:
      - Alert rules, each with the options of M(cradlepoint.ncm.ncm_alert_rule). An alert rule has no name in NCM - its
        identity is C(id), else its alert types and groups.
    type: list
    elements: dict
  scope:
    description:
      - What the document owns, per kind, for O(purge). C(groups) and C(push_destinations) take C(name_prefix) (a
        non-empty prefix) or C(names) (a list); C(alert_rules) takes C(on_owned_groups=true), the rules whose groups
        are all owned groups (it needs C(groups)).
    type: dict
  purge:
    description:
      - Delete what O(scope) owns and the document does not declare. Needs O(scope).
    type: bool
    default: false
  workers:
    description:
      - Writes sent at a time within one stage of the apply (items of one kind do not depend on each other).
    type: int
    default: 4
notes:
  - Cost - planning reads each list the document needs once (500 records a page) plus one read per product name,
    firmware version and the like; applying writes once per changed resource.
author:
  - Cradlepoint NCM collection contributors (@cradlepoint)
"""

EXAMPLES = r"""
- name: Plan (check mode) and apply the branch offices
  cradlepoint.ncm.ncm_state:
    groups:
      - name: branch-offices
        product: IBR900
        target_firmware: 7.24.30
        config:
          system: {system_id: branch}
    routers:
      - router: WA240000000001
        name: store-0001
        group: branch-offices
        location: {latitude: 43.61, longitude: -116.2}
    push_destinations:
      - name: siem
        url: https://siem.example.com/ncm
        secret: "{{ vault_siem_secret }}"
    alert_rules:
      - alert_types: [connection_state]
        groups: [branch-offices]
        http_destinations: [siem]
    scope:
      groups: {name_prefix: branch-}
      alert_rules: {on_owned_groups: true}
    purge: true
  register: plan
"""

RETURN = r"""
summary:
  description: Terraform's counts of the plan.
  returned: always
  type: dict
  sample: {to_add: 1, to_change: 2, to_destroy: 0}
changes:
  description:
    - One record per planned change, in apply order. C(kind) is group, router, push_destination, alert_rule,
      group_config, router_config or location; C(action) is create, update or delete; C(before) and C(after) are
      the managed fields in the user's words (secrets masked); C(path) is the document item.
  returned: always
  type: list
  elements: dict
  sample: [{kind: router, key: "1", path: "routers[0]", action: update, before: {name: r1}, after: {name: store-1}}]
msg:
  description: The plan in one line.
  returned: always
  type: str
  sample: "Plan: 1 to add, 2 to change, 0 to destroy."
api_calls:
  description: NCM API calls made by this task.
  returned: always
  type: dict
  sample: {reads: 24, writes: 3, retries: 0, total: 27}
"""

from ansible_collections.cradlepoint.ncm.plugins.module_utils.state import StateModule


def main():
    StateModule().run()


if __name__ == "__main__":
    main()
