#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""List NCM alert push destinations."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ncm_push_destination_info
short_description: List NetCloud Manager alert push destinations
version_added: 0.1.0
description:
  - Returns the HTTP push destinations (C(alert_push_destinations)) of the account, all pages, in the shape
    M(cradlepoint.ncm.ncm_push_destination) accepts (O(cradlepoint.ncm.ncm_push_destination#module:id),
    O(cradlepoint.ncm.ncm_push_destination#module:name), O(cradlepoint.ncm.ncm_push_destination#module:url),
    O(cradlepoint.ncm.ncm_push_destination#module:enabled)) plus the read-only state NCM reports.
  - The secret is write-only in NCM and is never returned.
  - One API call per page of 500 destinations.
extends_documentation_fragment:
  - cradlepoint.ncm.ncm
  - cradlepoint.ncm.action_group
  - cradlepoint.ncm.info_module
options:
  name:
    description:
      - Only destinations with this name.
    type: str
  id:
    description:
      - Only the destination with this C(destination_config_id).
    type: str
seealso:
  - module: cradlepoint.ncm.ncm_push_destination
author:
  - Cradlepoint NCM collection contributors (@cradlepoint)
"""

EXAMPLES = r"""
- name: All push destinations
  cradlepoint.ncm.ncm_push_destination_info:
  register: destinations

- name: Destinations that NCM has suspended
  ansible.builtin.debug:
    msg: "{{ destinations.push_destinations | selectattr('suspended') | map(attribute='name') | list }}"

- name: One destination by name
  cradlepoint.ncm.ncm_push_destination_info:
    name: ops-webhook
  register: webhook
"""

RETURN = r"""
push_destinations:
  description: The matching destinations, ordered as NCM lists them.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The C(destination_config_id).
      type: str
      sample: 4d75218a-665a-11eb-9aa9-42edcb7bf284
    name:
      description: Friendly name.
      type: str
      sample: ops-webhook
    url:
      description: The URL NCM pushes to.
      type: str
      sample: https://hooks.example.com/ncm
    enabled:
      description: Whether pushes are enabled.
      type: bool
      sample: true
    suspended:
      description: Whether NCM suspended the destination after failures (see the module's C(resume) option).
      type: bool
      sample: false
    last_error_at:
      description: When the last push error happened.
      type: str
      sample: null
    last_error_text:
      description: The last push error.
      type: str
      sample: null
    updated_at:
      description: Last change of the record.
      type: str
      sample: "2024-01-01T00:00:00+00:00"
api_calls:
  description: NCM API calls made by this task.
  returned: always
  type: dict
  sample: {reads: 1, writes: 0, retries: 0, total: 1}
"""

from ansible_collections.cradlepoint.ncm.plugins.module_utils.models import PushDestination
from ansible_collections.cradlepoint.ncm.plugins.module_utils.module import NcmModule


def destination_info(record):
    """A destination in the shape ncm_push_destination accepts (its comparable form, without the secret), plus
    read-only state."""
    info = {"id": record.get("destination_config_id")}
    info.update(PushDestination.view(record, fields=("name", "url", "enabled", "suspended")))
    info.update((field, record.get(field)) for field in ("last_error_at", "last_error_text", "updated_at"))
    return info


class PushDestinationInfoModule(NcmModule):
    """ncm_push_destination_info: every destination, all pages, secrets never returned."""

    identifier_options = ("name", "id")
    argument_spec = {
        "name": {"type": "str"},
        "id": {"type": "str"},
    }

    def execute(self):
        params = {"destination_config_id": self.params["id"]} if self.params["id"] else None
        records = self.client.iter_list("alert_push_destinations", params=params)
        self.result["push_destinations"] = [
            destination_info(r) for r in records if not self.params["name"] or r.get("name") == self.params["name"]
        ]


def main():
    PushDestinationInfoModule().run()


if __name__ == "__main__":
    main()
