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

from ansible_collections.cradlepoint.ncm.plugins.module_utils.alert_types import (
    describe_unknown,
    settings_problems,
    settings_shape_problems,
    unknown_alert_types,
)
from ansible_collections.cradlepoint.ncm.plugins.module_utils.endpoints import id_from_url
from ansible_collections.cradlepoint.ncm.plugins.module_utils.module import NcmInputError, ResourceModule

# option -> (API field, resolver kind, record id field)
REFERENCES = {
    "groups": ("associated_groups", "group", "id"),
    "accounts": ("associated_accounts", "account", "id"),
    "email_users": ("email_destinations", "user", "id"),
    "http_destinations": ("http_destinations", "push_destination", "destination_config_id"),
}


def _ids(values):
    return sorted({str(id_from_url(value)) for value in values or []})


def _schedule(value):
    """null/'None'/'none' -> None, 'Daily' -> 'daily'."""
    if value is None or str(value).lower() == "none":
        return None
    return str(value).lower()


def _settings(value):
    """Comparable settings: thresholds as sorted integers; empty is null."""
    if not value:
        return None
    if not isinstance(value, dict):
        return value
    out = {}
    for key, entry in value.items():
        if isinstance(entry, dict) and isinstance(entry.get("thresholds"), list):
            entry = dict(entry, thresholds=sorted(_int_or_text(t) for t in entry["thresholds"]))
        out[key] = entry
    return out


def _int_or_text(value):
    text = str(value).strip()
    return int(text) if text.lstrip("-").isdigit() else text


def rule_view(record):
    """Comparable form of a rule, in the module's option names (references as id strings, sorted)."""
    if record is None:
        return None
    criteria = record.get("filter_criteria") or {}
    view = {"alert_types": sorted(set(criteria.get("alert_type__in") or []))}
    for option, (field, _kind, _id_field) in REFERENCES.items():
        view[option] = _ids(record.get(field))
    view["schedule"] = _schedule(record.get("schedule"))
    view["settings"] = _settings(record.get("settings"))
    return view


class AlertRuleModule(ResourceModule):
    """ncm_alert_rule: alert types, groups, accounts, e-mail users, push destinations, schedule, settings."""

    resource = "alert_rule"
    endpoint = "alert_rules"
    id_field = "alert_config_id"
    update_method = "PATCH"
    create_requires = ("alert_types",)
    reference_kinds = {option: kind for option, (_field, kind, _id_field) in REFERENCES.items()}
    identifier_options = ("id", "alert_types", "groups", "accounts", "email_users", "http_destinations")
    argument_spec = {
        "id": {"type": "str"},
        "alert_types": {"type": "list", "elements": "str"},
        "groups": {"type": "list", "elements": "str"},
        "accounts": {"type": "list", "elements": "str"},
        "email_users": {"type": "list", "elements": "str"},
        "http_destinations": {"type": "list", "elements": "str"},
        "schedule": {"type": "str", "choices": ["none", "hourly", "daily"]},
        "settings": {"type": "dict"},
        "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
    }
    required_one_of = [("id", "alert_types")]

    def validate(self):
        super().validate()
        alert_types = self.params["alert_types"]
        if alert_types is not None:
            if not alert_types:
                raise NcmInputError("alert_types: give at least one alert type.")
            unknown = unknown_alert_types(alert_types)
            if unknown:
                raise NcmInputError(describe_unknown("alert_types", unknown))
        problems = settings_shape_problems(self.params["settings"])
        if problems:
            raise NcmInputError("; ".join(problems) + ".")
        self._resolved = {}

    def references(self, option):
        """Ids (sorted strings) for an option's names/ids, resolved once with one call per kind; None if omitted."""
        values = self.params[option]
        if values is None:
            return None
        if option not in self._resolved:
            _field, kind, id_field = REFERENCES[option]
            records = self.resolver.many(kind, values, option, assume=True) if values else []
            self._resolved[option] = sorted({str(record[id_field]) for record in records})
        return self._resolved[option]

    # ---- find / desired ---------------------------------------------------------------------------------

    def know_references(self, records):
        """Ids the rules reference exist in NCM: options giving them as ids are compared without a lookup."""
        for field, kind, _id_field in REFERENCES.values():
            self.resolver.known_ids(kind, [value for record in records for value in record.get(field) or []])

    def find(self):
        records = self.client.list(self.endpoint)
        if self.params["id"]:
            found = [r for r in records if str(r.get(self.id_field)) == self.params["id"]]
            if not found and self.params["state"] == "present":
                raise NcmInputError("id: no alert rule with id %r." % self.params["id"])
            self.know_references(found)
            return found[0] if found else None
        types = sorted(set(self.params["alert_types"]))
        self.know_references([r for r in records if rule_view(r)["alert_types"] == types])
        groups = self.references("groups") or []
        found = [r for r in records if rule_view(r)["alert_types"] == types and rule_view(r)["groups"] == groups]
        if len(found) > 1:
            ids = ", ".join(sorted(str(r.get(self.id_field)) for r in found))
            raise NcmInputError(
                "%d alert rules have alert_types %s and groups %s (ids %s); give the id to choose one."
                % (len(found), ", ".join(types), ", ".join(self.params["groups"] or []) or "(none)", ids)
            )
        return found[0] if found else None

    def view(self, record):
        return rule_view(record)

    def desired(self, current):
        params = self.params
        wanted = {}
        if params["alert_types"] is not None:
            wanted["alert_types"] = sorted(set(params["alert_types"]))
        for option in REFERENCES:
            ids = self.references(option)
            if ids is not None:
                wanted[option] = ids
            elif current is None:
                wanted[option] = []
        if params["schedule"] is not None or current is None:
            wanted["schedule"] = _schedule(params["schedule"])
        if params["settings"] is not None:
            wanted["settings"] = _settings(params["settings"])
        elif current is None:
            wanted["settings"] = None
        before = rule_view(current) or {}
        effective_types = wanted.get("alert_types", before.get("alert_types") or [])
        effective_settings = wanted["settings"] if "settings" in wanted else before.get("settings")
        problems = settings_problems(effective_types, effective_settings)
        if problems:
            raise NcmInputError("settings: %s (the reference requires them for PDP overage alerts)." % "; ".join(problems))
        return wanted

    def to_body(self, fields, current=None):
        body = {}
        for option, value in fields.items():
            if option == "alert_types":
                criteria = dict((current or {}).get("filter_criteria") or {})
                criteria["alert_type__in"] = value
                body["filter_criteria"] = criteria
            elif option in REFERENCES:
                field = REFERENCES[option][0]
                body[field] = [_int_or_text(item) for item in value] if option != "http_destinations" else list(value)
            else:
                body[option] = value
        return body


def main():
    AlertRuleModule().run()


if __name__ == "__main__":
    main()
