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
  - cradlepoint.ncm.action_group
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

from ansible_collections.cradlepoint.ncm.plugins.module_utils.resources import PushDestinationResource


def main():
    PushDestinationResource().run()


if __name__ == "__main__":
    main()
