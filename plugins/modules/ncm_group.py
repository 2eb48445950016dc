#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Manage NCM groups."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ncm_group
short_description: Manage NetCloud Manager groups
version_added: 0.1.0
description:
  - Create, update, rename and delete groups in Cradlepoint NetCloud Manager (NCM).
  - A group is found by O(id) when given, otherwise by O(name). Creating a group whose name already exists adopts
    that group instead of creating a second one.
  - A group's configuration is managed with M(cradlepoint.ncm.ncm_config).
  - Changes are written with one C(PUT) that carries only the changed fields (the NCM API v2 reference makes the
    group's name, product, target firmware and account editable with C(PUT) and C(POST), and its C(PUT) example
    sends only the new name); C(PATCH) is left to the group's configuration.
  - Cost - finding the group is one read. The group's product and firmware are read as the ids NCM shows (the NCM
    API v2 reference does not make them expandable), so a O(product) or O(target_firmware) given as the id the group
    already has costs nothing more; a product name costs one read, and so does a firmware version (or an id the
    group does not have). An unchanged group named with a product name and a version therefore costs three reads.
extends_documentation_fragment:
  - cradlepoint.ncm.ncm
  - cradlepoint.ncm.action_group
  - cradlepoint.ncm.resource_module
options:
  name:
    description:
      - Name of the group. Finds the group when O(id) is not given; renames it when O(id) is given.
    type: str
  id:
    description:
      - Id of an existing group. With O(name), renames that group.
    type: str
  product:
    description:
      - Product of the routers in the group, by id or name (for example V(IBR900)). Required to create a group.
    type: str
  target_firmware:
    description:
      - Target firmware of the group, by firmware id or version string of O(product) (for example V(7.24.30)).
        Required to create a group.
    type: str
  account:
    description:
      - Account (or subaccount) that owns the group, by id or name. Defaults to the account of the API keys.
    type: str
  state:
    description:
      - V(present) creates or updates the group, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
author:
  - Cradlepoint NCM collection contributors (@cradlepoint)
"""

EXAMPLES = r"""
- name: A group of IBR900 routers on 7.24.30
  cradlepoint.ncm.ncm_group:
    name: branch-offices
    product: IBR900
    target_firmware: 7.24.30
  register: created

- name: Rename a group found by id
  cradlepoint.ncm.ncm_group:
    id: "{{ created.group.id }}"
    name: branch-offices-east

- name: Move the group to another firmware version (of its product)
  cradlepoint.ncm.ncm_group:
    name: branch-offices-east
    target_firmware: 7.24.10

- name: Delete a group
  cradlepoint.ncm.ncm_group:
    name: branch-offices-east
    state: absent
"""

RETURN = r"""
group:
  description: The group as NCM shows it after the change (null when absent). In check mode, the planned group.
  returned: always
  type: dict
  sample:
    id: "12"
    name: branch-offices
    product: https://www.cradlepointecm.com/api/v2/products/1/
    target_firmware: https://www.cradlepointecm.com/api/v2/firmwares/3/
    account: https://www.cradlepointecm.com/api/v2/accounts/1/
plan:
  description: What the task did or, in check mode, would do.
  returned: always
  type: str
  choices: [create, update, delete, none]
api_calls:
  description: NCM API calls made by this task.
  returned: always
  type: dict
  sample: {reads: 2, writes: 1, retries: 0, total: 3}
"""

from ansible_collections.cradlepoint.ncm.plugins.module_utils.resources import GroupResource


def main():
    GroupResource().run()


if __name__ == "__main__":
    main()
