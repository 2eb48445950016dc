#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Manage NCM alert rules."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ncm_alert_rule
short_description: Manage NetCloud Manager alert rules
version_added: 0.1.0
description:
  - Create, update and delete alert rules (the C(alert_rules) endpoint) in Cradlepoint NetCloud Manager (NCM). A rule says
    which alert types, for which groups and accounts, are sent to which users by e-mail and to which HTTP push
    destinations.
  - Alert rules have no name. O(id) (the C(alert_config_id)) finds a rule. Without O(id), the B(natural key) is the
    set of O(alert_types) plus the set of O(groups) (an omitted O(groups) means "no groups"). That is the rule whose alert
    types and associated groups are exactly these sets, in any order. Several such rules make the task fail with
    their ids. To change the alert types or the groups of a rule, give its O(id).
  - Lists are compared as sets; order and duplicates do not matter.
  - Every option except the key is optional on update; an omitted option leaves that field as it is. On create,
    omitted lists are empty and the schedule is null.
  - Unknown alert types, groups, accounts, users or destinations fail before any write, naming the option and the
    value (with close matches where there are some).
  - Cost. The rules are listed with one read. References given by id (group, account and user ids,
    C(destination_config_id)s) that the rule already holds need no lookup; every other kind given costs one read
    (one list call per resolution step for groups, accounts and users; one list of all push destinations).
    So a rule keyed by group names with destinations and users by name costs up to four reads; given by ids, one.
extends_documentation_fragment:
  - cradlepoint.ncm.ncm
  - cradlepoint.ncm.action_group
  - cradlepoint.ncm.resource_module
options:
  id:
    description:
      - The C(alert_config_id) of an existing rule. With it, every other option updates that rule.
    type: str
  alert_types:
    description:
      - Alert type names as listed in the "List of NetCloud Alerts" of the NCM API reference (the "Alert Field
        Name" column), for example V(connection_state), V(config_rejected), V(failover_event).
      - Required to create a rule; part of the natural key when O(id) is not given.
      - The PDP overage types V(pdp_account_overage) and V(pdp_router_overage) need an entry in O(settings).
    type: list
    elements: str
  groups:
    description:
      - Groups whose routers' alerts the rule covers, by group id or name (C(associated_groups)).
      - Part of the natural key when O(id) is not given (omitted means no groups).
    type: list
    elements: str
  accounts:
    description:
      - Accounts (or subaccounts) whose alerts the rule covers, by account id or name (C(associated_accounts)).
    type: list
    elements: str
  email_users:
    description:
      - Users who receive the alerts by e-mail, by user id, e-mail address or username (C(email_destinations)).
    type: list
    elements: str
  http_destinations:
    description:
      - Push destinations (see M(cradlepoint.ncm.ncm_push_destination)) that receive the alerts, by
        C(destination_config_id) or name.
    type: list
    elements: str
  schedule:
    description:
      - How notifications are sent. V(none) sends each alert as it happens, V(hourly) and V(daily) send
        summaries. Omitted leaves it as it is (null on create).
    type: str
    choices: [none, hourly, daily]
  settings:
    description:
      - Extra settings per alert type. NCM uses them only for the PDP overage types. Each of
        V(pdp_account_overage) and V(pdp_router_overage) in O(alert_types) needs an entry keyed by the type, with
        C(carrier) (a carrier name such as V(VERIZON)) and C(thresholds) (a list of percentages). The carrier must
        have a data plan in the account.
      - Compared as a whole (threshold order does not matter).
    type: dict
  state:
    description:
      - V(present) creates or updates the rule, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
seealso:
  - module: cradlepoint.ncm.ncm_alert_rule_info
  - module: cradlepoint.ncm.ncm_push_destination
author:
  - Cradlepoint NCM collection contributors (@cradlepoint)
"""

EXAMPLES = r"""
- name: Connection and configuration alerts of two groups to the ops webhook and to Oscar
  cradlepoint.ncm.ncm_alert_rule:
    alert_types: [connection_state, config_rejected]
    groups: [branch-offices, warehouses]
    http_destinations: [ops-webhook]
    email_users: [ops@example.com]
    schedule: none

- name: Pooled data plan alerts at 80 and 95 percent
  cradlepoint.ncm.ncm_alert_rule:
    alert_types: [pdp_account_overage]
    http_destinations: [ops-webhook]
    settings:
      pdp_account_overage:
        carrier: VERIZON
        thresholds: [80, 95]

- name: Change the alert types of a rule found by id
  cradlepoint.ncm.ncm_alert_rule:
    id: 1a5faaf8-6649-11eb-9823-42edcb7bf284
    alert_types: [connection_state, failover_event]

- name: Delete the rule for these alert types and groups
  cradlepoint.ncm.ncm_alert_rule:
    alert_types: [connection_state, config_rejected]
    groups: [branch-offices, warehouses]
    state: absent
"""

RETURN = r"""
alert_rule:
  description: The rule as NCM shows it after the change (null when absent). In check mode, the planned rule.
  returned: always
  type: dict
  sample:
    alert_config_id: 1a5faaf8-6649-11eb-9823-42edcb7bf284
    filter_criteria: {alert_type__in: [connection_state, config_rejected]}
    associated_groups: [3, 4]
    associated_accounts: []
    email_destinations: [2]
    http_destinations: [4d75218a-665a-11eb-9aa9-42edcb7bf284]
    schedule: null
    settings: null
    account: https://www.cradlepointecm.com/api/v2/accounts/1/
plan:
  description: What the task did or, in check mode, would do.
  returned: always
  type: str
  choices: [create, update, delete, none]
assumes:
  description: In check mode, references not found that an earlier task should create or rename (see the drift detection guide).
  returned: in check mode, when a reference does not exist yet
  type: list
  sample: [{kind: group, name: branch-offices}]
api_calls:
  description: NCM API calls made by this task.
  returned: always
  type: dict
  sample: {reads: 3, writes: 1, retries: 0, total: 4}
"""

from ansible_collections.cradlepoint.ncm.plugins.module_utils.resources import AlertRuleResource


def main():
    AlertRuleResource().run()


if __name__ == "__main__":
    main()
