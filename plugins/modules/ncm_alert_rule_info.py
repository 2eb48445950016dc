#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""List NCM alert rules."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ncm_alert_rule_info
short_description: List NetCloud Manager alert rules
version_added: 0.1.0
description:
  - Returns the alert rules (C(alert_rules)) of the account, all pages, in the shape
    M(cradlepoint.ncm.ncm_alert_rule) accepts, so a rule can be gathered here and applied elsewhere.
  - With O(names=true) (the default), groups, accounts, e-mail users and push destinations are returned by name
    where the name identifies exactly one record (usernames always do; group, account and destination names need
    not be unique in NCM, and an ambiguous name is returned as the id instead). With O(names=false), ids.
  - Cost is one call per page of rules, and with O(names=true) one or two list calls per kind of reference,
    never one call per rule.
extends_documentation_fragment:
  - cradlepoint.ncm.ncm
  - cradlepoint.ncm.action_group
  - cradlepoint.ncm.info_module
options:
  id:
    description:
      - Only the rule with this C(alert_config_id).
    type: str
  alert_type:
    description:
      - Only rules that include this alert type.
    type: str
  names:
    description:
      - Return references by name where the name is unique (see above); V(false) returns ids.
    type: bool
    default: true
seealso:
  - module: cradlepoint.ncm.ncm_alert_rule
author:
  - Cradlepoint NCM collection contributors (@cradlepoint)
"""

EXAMPLES = r"""
- name: All alert rules
  cradlepoint.ncm.ncm_alert_rule_info:
  register: rules

- name: Copy every rule to another account (module_defaults of that play point at it)
  cradlepoint.ncm.ncm_alert_rule:
    alert_types: "{{ item.alert_types }}"
    http_destinations: "{{ item.http_destinations }}"
    schedule: "{{ item.schedule }}"
  loop: "{{ rules.alert_rules }}"
  when: item.groups | length == 0

- name: Rules about the NCM connection state, with ids
  cradlepoint.ncm.ncm_alert_rule_info:
    alert_type: connection_state
    names: false
"""

RETURN = r"""
alert_rules:
  description: The matching rules, ordered as NCM lists them.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The C(alert_config_id).
      type: str
      sample: 1a5faaf8-6649-11eb-9823-42edcb7bf284
    alert_types:
      description: Alert type names (C(filter_criteria.alert_type__in)).
      type: list
      elements: str
      sample: [connection_state]
    groups:
      description: Associated groups, by name or id.
      type: list
      elements: str
      sample: [group-001]
    accounts:
      description: Associated accounts, by name or id.
      type: list
      elements: str
      sample: []
    email_users:
      description: Users notified by e-mail, by username or id.
      type: list
      elements: str
      sample: [admin]
    http_destinations:
      description: Push destinations, by name or C(destination_config_id).
      type: list
      elements: str
      sample: [sim-webhook]
    schedule:
      description: V(hourly), V(daily) or V(none).
      type: str
      sample: none
    settings:
      description: Settings of the PDP overage types, or null.
      type: dict
      sample: null
    updated_at:
      description: Last change of the rule.
      type: str
      sample: "2024-01-01T00:00:00+00:00"
api_calls:
  description: NCM API calls made by this task.
  returned: always
  type: dict
  sample: {reads: 4, writes: 0, retries: 0, total: 4}
"""

from collections import Counter

from ansible_collections.cradlepoint.ncm.plugins.module_utils.models import AlertRule
from ansible_collections.cradlepoint.ncm.plugins.module_utils.module import NcmModule

# option -> (rule field, endpoint, label field, whether labels are unique in NCM)
REFERENCES = {
    "groups": ("associated_groups", "groups", "name", False),
    "accounts": ("associated_accounts", "accounts", "name", False),
    "email_users": ("email_destinations", "users", "username", True),
}


class AlertRuleInfoModule(NcmModule):
    """ncm_alert_rule_info: every rule, all pages, in ncm_alert_rule's shape."""

    identifier_options = ("id", "alert_type")
    argument_spec = {
        "id": {"type": "str"},
        "alert_type": {"type": "str"},
        "names": {"type": "bool", "default": True},
    }

    def execute(self):
        params = {"alert_config_id": self.params["id"]} if self.params["id"] else None
        rules = []
        for record in self.client.iter_list("alert_rules", params=params):
            view = AlertRule.view(record)  # ncm_alert_rule's comparable form: the same shape as its options
            if self.params["alert_type"] and self.params["alert_type"] not in view["alert_types"]:
                continue
            rule = dict({"id": record.get("alert_config_id")}, **view)
            rule["schedule"] = view["schedule"] or "none"
            rule["updated_at"] = record.get("updated_at")
            rules.append(rule)
        if self.params["names"] and rules:
            self.name_references(rules)
        self.result["alert_rules"] = rules

    def name_references(self, rules):
        """Replace ids by names where a name identifies one record (one or two list calls per kind)."""
        for option, (_field, endpoint, label, unique) in REFERENCES.items():
            ids = sorted({value for rule in rules for value in rule[option]})
            if not ids:
                continue
            records = self.client.list_in(endpoint, "id", ids, fields=["id", label])
            names = {str(r.get("id")): r.get(label) for r in records if r.get(label)}
            if not unique and names:
                same = self.client.list_in(endpoint, label, sorted(set(names.values())), fields=["id", label])
                counts = Counter(r.get(label) for r in same)
                names = {key: name for key, name in names.items() if counts[name] == 1}
            for rule in rules:
                rule[option] = [names.get(value, value) for value in rule[option]]
        destination_ids = {value for rule in rules for value in rule["http_destinations"]}
        if destination_ids:
            destinations = self.client.list("alert_push_destinations", fields=["destination_config_id", "name"])
            counts = Counter(d.get("name") for d in destinations)
            names = {
                str(d.get("destination_config_id")): d.get("name")
                for d in destinations
                if d.get("name") and counts[d.get("name")] == 1
            }
            for rule in rules:
                rule["http_destinations"] = [names.get(value, value) for value in rule["http_destinations"]]


def main():
    AlertRuleInfoModule().run()


if __name__ == "__main__":
    main()
