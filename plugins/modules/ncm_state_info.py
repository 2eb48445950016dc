#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Export an NCM account, or a slice of it, as the document of ncm_state."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ncm_state_info
short_description: Export a NetCloud Manager account, or a slice of it, as an ncm_state document
version_added: 0.2.0
description:
  - Returns the groups, routers, push destinations and alert rules of the account in the options of
    M(cradlepoint.ncm.ncm_state) (Terraform's C(import)). Applying the document right away plans no change.
  - References are names where the name is unique (groups, products, firmware versions, push destinations), ids
    otherwise; routers and alert rules are named by id.
  - >-
    Secrets cannot be read from NCM. A push destination's C(secret) and every secret of a configuration read as the
    placeholder V((secret not exported: replace me\)); M(cradlepoint.ncm.ncm_state) keeps the current secret for a
    placeholder and fails where it would have to send one.
  - Groups are exported without their account (they stay where they are).
extends_documentation_fragment:
  - cradlepoint.ncm.ncm
  - cradlepoint.ncm.action_group
  - cradlepoint.ncm.info_module
options:
  groups:
    description:
      - Export only these groups (ids or names), the routers in them, the alert rules on them and the push
        destinations those rules use.
    type: list
    elements: str
  include:
    description:
      - The lists to export.
    type: list
    elements: str
    choices: [push_destinations, groups, routers, alert_rules]
    default: [push_destinations, groups, routers, alert_rules]
  include_configs:
    description:
      - Export each group's and router's configuration (C(config)). A router's costs one more read per 100 routers.
    type: bool
    default: false
author:
  - Cradlepoint NCM collection contributors (@cradlepoint)
"""

EXAMPLES = r"""
- name: Export the branch offices
  cradlepoint.ncm.ncm_state_info:
    groups: [branch-offices]
  register: export

- name: Write it as a document to edit
  ansible.builtin.copy:
    content: "{{ export.document | to_nice_yaml }}"
    dest: account.yml
    mode: "0600"
"""

RETURN = r"""
document:
  description: The options of M(cradlepoint.ncm.ncm_state) for what was exported.
  returned: always
  type: dict
  sample: {groups: [{name: branch-offices, product: IBR900, target_firmware: 7.24.30}], routers: [{router: "1",
           name: store-0001, group: branch-offices}]}
counts:
  description: Items per list.
  returned: always
  type: dict
  sample: {groups: 1, routers: 1}
api_calls:
  description: NCM API calls made by this task.
  returned: always
  type: dict
  sample: {reads: 5, writes: 0, retries: 0, total: 5}
"""

from ansible_collections.cradlepoint.ncm.plugins.module_utils.state import StateInfoModule


def main():
    StateInfoModule().run()


if __name__ == "__main__":
    main()
