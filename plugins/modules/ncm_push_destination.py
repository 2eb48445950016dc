#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Manage NCM alert push destinations (webhooks)."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ncm_push_destination
short_description: Manage NetCloud Manager alert push destinations (webhooks)
version_added: 0.1.0
description:
  - Create, update, test and delete HTTP push destinations (the C(alert_push_destinations) endpoint) in
    Cradlepoint NetCloud Manager (NCM). Alert rules (M(cradlepoint.ncm.ncm_alert_rule)) send their notifications
    to these destinations.
  - A destination is found by O(id) (its C(destination_config_id)) when given, otherwise by O(name). With O(id),
    O(name) renames the destination. Several destinations with the same O(name) make the task fail with their
    ids.
  - NCM allows one destination per URL. A O(url) that another destination already uses fails before any write,
    naming that destination.
  - When NCM's answer to the create is lost (connection cut, 5xx, timeout), the module lists the destinations again
    (never from what it read before) and creates again only if the destination is absent. If NCM then refuses the
    repeated create because a destination with O(url) exists, the first create went through; the module takes
    that destination and goes on.
  - The secret is write-only. NCM never returns it (it answers V(*)), so the module cannot compare it; see
    O(update_secret) for when it is sent. The secret never appears in results, diffs or messages.
extends_documentation_fragment:
  - cradlepoint.ncm.ncm
attributes:
  check_mode:
    support: full
    description: Computes the exact plan from reads alone and makes no write. O(test) is not run in check mode.
  diff_mode:
    support: full
    description: Shows name, url, enabled, suspended and (masked) secret before and after.
options:
  name:
    description:
      - Friendly name of the destination. Finds the destination when O(id) is not given; renames it when O(id) is
        given. Required to create a destination.
    type: str
  id:
    description:
      - The C(destination_config_id) (a time UUID) of an existing destination.
    type: str
  url:
    description:
      - URL that NCM pushes alerts to (C(http://) or C(https://)). Required to create a destination.
    type: str
  secret:
    description:
      - Shared secret NCM uses to sign each pushed alert (C(X-CP-Signature) header, HMAC-SHA256 of the body).
        Required to create a destination.
      - Write-only. NCM returns it as V(*), so an existing destination's secret cannot be compared with this
        value. When it is sent is controlled by O(update_secret).
    type: str
  update_secret:
    description:
      - V(on_create) sends O(secret) only when the destination is created. An existing destination keeps its
        secret and an unchanged task reports C(changed=false).
      - V(always) sends O(secret) on every run, so the task always reports C(changed=true) (plan V(update)). Use it
        once to rotate the secret of an existing destination.
    type: str
    choices: [on_create, always]
    default: on_create
    aliases: [update_secrets]
  enabled:
    description:
      - Whether NCM pushes alerts to the destination. NCM defaults to V(true) on create. Omitted leaves it as it
        is.
    type: bool
  resume:
    description:
      - When V(true) and NCM has suspended the destination (it stopped pushing after delivery failures), set
        C(suspended) back to V(false) so NCM tries the destination again. The reference allows this direction
        only; a destination cannot be suspended through the API.
      - A destination that is not suspended is left alone (no change).
    type: bool
    default: false
  test:
    description:
      - After the destination is created or updated (or found unchanged), ask NCM to push a test message to it
        (C(test_alert_push_destinations)). The outcome is returned in RV(test); a failed test fails the task
        (after any change has been made).
      - Not run in check mode (RV(test.tested) is V(false) then).
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the destination, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Alert rules that still reference a deleted destination keep its id in C(http_destinations); remove the
    destination from those rules first.
seealso:
  - module: cradlepoint.ncm.ncm_push_destination_info
  - module: cradlepoint.ncm.ncm_alert_rule
author:
  - Cradlepoint NCM collection contributors (@cradlepoint)
"""

EXAMPLES = r"""
- name: A webhook for NCM alerts, tested once it exists
  cradlepoint.ncm.ncm_push_destination:
    name: ops-webhook
    url: https://hooks.example.com/ncm
    secret: "{{ vault_ncm_webhook_secret }}"
    test: true

- name: Rotate the secret of an existing destination
  cradlepoint.ncm.ncm_push_destination:
    name: ops-webhook
    secret: "{{ vault_ncm_webhook_secret_new }}"
    update_secret: always

- name: Move the destination to a new URL and let NCM retry it if it was suspended
  cradlepoint.ncm.ncm_push_destination:
    name: ops-webhook
    url: https://hooks2.example.com/ncm
    resume: true

- name: Pause pushes without deleting the destination
  cradlepoint.ncm.ncm_push_destination:
    name: ops-webhook
    enabled: false

- name: Delete a destination
  cradlepoint.ncm.ncm_push_destination:
    name: ops-webhook
    state: absent
"""

RETURN = r"""
push_destination:
  description:
    - The destination as NCM shows it after the change, the secret masked (null when absent). In check mode, the
      planned destination.
  returned: always
  type: dict
  sample:
    destination_config_id: 4d75218a-665a-11eb-9aa9-42edcb7bf284
    name: ops-webhook
    endpoint: {url: "https://hooks.example.com/ncm"}
    authentication: {secret: "********"}
    enabled: true
    suspended: false
    last_error_at: null
    last_error_text: null
    account: https://www.cradlepointecm.com/api/v2/accounts/1/
test:
  description: Outcome of the test push requested with O(test).
  returned: when O(test=true)
  type: dict
  contains:
    tested:
      description: Whether a test push was requested (V(false) in check mode).
      type: bool
      sample: true
    success:
      description: Whether NCM reached the destination. Null when not tested.
      type: bool
      sample: true
    message:
      description: What NCM answered.
      type: str
      sample: NCM reached the destination.
plan:
  description: What the task did or, in check mode, would do.
  returned: always
  type: str
  choices: [create, update, delete, none]
api_calls:
  description: NCM API calls made by this task.
  returned: always
  type: dict
  sample: {reads: 1, writes: 1, retries: 0, total: 2}
"""

from ansible_collections.cradlepoint.ncm.plugins.module_utils.client import NcmApiError
from ansible_collections.cradlepoint.ncm.plugins.module_utils import validate
from ansible_collections.cradlepoint.ncm.plugins.module_utils.module import NcmInputError, ResourceModule
from ansible_collections.cradlepoint.ncm.plugins.module_utils.secrets import MASK

NEW_SECRET = MASK + " (new secret)"


def destination_view(record):
    """Comparable form of a destination: the module's option names, secret only as a mask."""
    if record is None:
        return None
    return {
        "name": record.get("name"),
        "url": (record.get("endpoint") or {}).get("url"),
        "enabled": record.get("enabled"),
        "suspended": record.get("suspended"),
        "secret": MASK if record.get("authentication") else None,
    }


class PushDestinationModule(ResourceModule):
    """ncm_push_destination: name, url, write-only secret, enabled, resume of a suspended destination."""

    resource = "push_destination"
    endpoint = "alert_push_destinations"
    id_field = "destination_config_id"
    update_method = "PATCH"
    secret_fields = ("secret", "authentication")
    create_requires = ("name", "url", "secret")
    identifier_options = ("name", "id")
    argument_spec = {
        "name": {"type": "str"},
        "id": {"type": "str"},
        "url": {"type": "str"},
        "secret": {"type": "str", "no_log": True},
        "update_secret": {"type": "str", "choices": ["on_create", "always"], "default": "on_create", "aliases": ["update_secrets"]},
        "enabled": {"type": "bool"},
        "resume": {"type": "bool", "default": False},
        "test": {"type": "bool", "default": False},
        "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
    }
    required_one_of = [("name", "id")]

    def validate(self):
        super().validate()
        self.client.add_secret(self.params["secret"])
        self._all = None
        self._sends_secret = False
        validate.url("url", self.params["url"])
        if self.params["secret"] == "":
            raise NcmInputError("secret: must not be empty.")

    def execute(self):
        super().execute()
        if self.params["state"] == "present" and self.params["test"]:
            self.run_test()

    # ---- find / desired ---------------------------------------------------------------------------------

    def all_destinations(self):
        """Every destination of the account: one list call per page (the endpoint has no name filter)."""
        if self._all is None:
            self._all = self.client.list(self.endpoint)
        return self._all

    def find(self):
        records = self.all_destinations()
        if self.params["id"]:
            found = [r for r in records if str(r.get(self.id_field)) == self.params["id"]]
            if not found and self.params["state"] == "present":
                raise NcmInputError("id: no push destination with id %r." % self.params["id"])
            return found[0] if found else None
        found = [r for r in records if r.get("name") == self.params["name"]]
        if len(found) > 1:
            ids = ", ".join(sorted(str(r.get(self.id_field)) for r in found))
            raise NcmInputError(
                "name: %d push destinations are named %r (ids %s); give the id to choose one."
                % (len(found), self.params["name"], ids)
            )
        return found[0] if found else None

    def forget_reads(self):
        super().forget_reads()
        self._all = None

    def already_created(self, exc):
        """NCM refuses a second destination with the same URL: after an ambiguous POST, that one is ours."""
        url = self.params["url"]
        if exc.status not in (400, 409) or not any(
            "endpoint" in item or url in str(item) for item in exc.errors if isinstance(item, dict)
        ):
            return None
        self.forget_reads()
        found = [r for r in self.all_destinations() if (r.get("endpoint") or {}).get("url") == url]
        return found[0] if found else None

    def view(self, record):
        return destination_view(record)

    def desired(self, current):
        params = self.params
        wanted = {}
        if params["name"]:
            wanted["name"] = params["name"]
        if params["url"] is not None:
            current_id = current.get(self.id_field) if current else None
            for other in self.all_destinations():
                if other.get(self.id_field) != current_id and (other.get("endpoint") or {}).get("url") == params["url"]:
                    raise NcmInputError(
                        "url: %r is already used by push destination %r (id %s); NCM allows one destination per URL."
                        % (params["url"], other.get("name"), other.get(self.id_field))
                    )
            wanted["url"] = params["url"]
        if params["enabled"] is not None:
            wanted["enabled"] = params["enabled"]
        if params["resume"] and current is not None and current.get("suspended"):
            wanted["suspended"] = False
        if params["secret"] and (current is None or params["update_secret"] == "always"):
            wanted["secret"] = params["secret"]
            self._sends_secret = True
        return wanted

    def differs(self, field, current_value, wanted_value):
        if field == "secret":
            return True  # write-only: only present in desired() when it must be sent
        return current_value != wanted_value

    def to_body(self, fields, current=None):
        body = {}
        for key, value in fields.items():
            if key == "url":
                body["endpoint"] = {"url": value}
            elif key == "secret":
                body["authentication"] = {"secret": value}
            else:
                body[key] = value
        return body

    def set_plan(self, plan, changed, before=None, after=None, masked=()):
        super().set_plan(plan, changed, before=before, after=after, masked=masked)
        diff = self.result.get("diff")
        if diff and self._sends_secret and isinstance(diff.get("after"), dict):
            diff["after"]["secret"] = NEW_SECRET

    # ---- test ---------------------------------------------------------------------------------------------

    def run_test(self):
        """POST test_alert_push_destinations for the destination; a failed test fails the task."""
        record = self.result.get(self.resource) or {}
        if self.check_mode:
            self.result["test"] = {"tested": False, "success": None, "message": "not run in check mode"}
            return
        try:
            self.client.post("test_alert_push_destinations", {"destination_config_id": record.get(self.id_field)})
        except NcmApiError as exc:
            if exc.status is None or exc.status >= 500:
                raise
            message = "; ".join(
                str(reason) for item in exc.errors if isinstance(item, dict) for reason in item.values()
            ) or exc.message
            self.result["test"] = {"tested": True, "success": False, "message": self.client.redact(message)}
            self.result["api_calls"] = self.client.counter.as_dict()
            self.module.fail_json(
                msg="test: NCM could not push to destination %r: %s" % (record.get("name"), self.client.redact(message)),
                **self.result
            )
        self.result["test"] = {"tested": True, "success": True, "message": "NCM reached the destination."}


def main():
    PushDestinationModule().run()


if __name__ == "__main__":
    main()
