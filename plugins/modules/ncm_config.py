#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Manage the configuration of an NCM router (individual config) or group."""

from __future__ import annotations

DOCUMENTATION = r"""
module: ncm_config
short_description: Manage the configuration of a NetCloud Manager router or group as code
version_added: 0.1.0
description:
  - Manages one configuration layer of Cradlepoint NetCloud Manager (NCM) declaratively. Either the individual
    configuration of a router (its C(configuration_managers) record) or the configuration of a group
    (C(groups.configuration)). NCM layers the individual configuration over the group configuration into the
    router's target configuration and syncs that to the router.
  - Both layers are I(config diffs), C([updates, removals]). O(config) is the nested updates dictionary and
    O(removals) the list of paths of default elements to remove, as the NCM API reference defines them.
  - O(mode=merge) (default) changes only the keys given; O(mode=replace) makes the layer exactly O(config) plus
    O(removals). How each is written, and the cost, are in the notes.
extends_documentation_fragment:
  - cradlepoint.ncm.ncm
  - cradlepoint.ncm.action_group
  - cradlepoint.ncm.target
attributes:
  check_mode:
    support: full
    description:
      - Computes the exact change (method, body, diff) from reads alone and makes no write. Never waits.
      - A O(group) that does not exist yet (an earlier task of the play creates it) does not fail the task in check
        mode; the change is planned against the empty configuration of a new group, and the result lists the
        group in RV(assumes). The same holds for a O(router) given by name that an earlier task renames (then
        compared with an empty configuration).
  diff_mode:
    support: full
    description: Shows the managed layer before and after as nested data in the module's list form, secrets masked.
options:
  config:
    description:
      - The configuration settings (the updates of the config diff), as nested data.
      - Arrays may be given in NCM's dictionary form (keyed by quoted offsets C("0"), C("1"), ..., or, for arrays
        whose elements carry C(_id_), by the element's UUID with the same C(_id_) inside) or as plain YAML lists. A list whose elements carry C(_id_)
        (C(lan), C(wan.rules2), C(security.zfw.zones), ...) is converted to the UUID-keyed form, so its order does
        not matter and every element is updated in place. In such a list every element needs a UUID C(_id_)
        (generate one for a new element); an element without one fails before any API call.
      - Any other plain list is one value; in O(mode=merge) it replaces the whole array. Use the dictionary form
        with quoted offsets to change single elements.
      - With O(state=absent) and O(mode=merge), the keys to delete from the layer (values are ignored; a key whose
        value is a dictionary is descended into, an C(_id_) element given with only its C(_id_) is deleted whole).
      - Secret values (keys such as C(password), C(wpapsk), C(*secret*), C(*psk*), C(*passphrase*)) are never
        shown in results, diffs or messages. See O(update_secrets).
      - Whatever NCM shows as C(*) is a secret whatever its key (for example C(wep_key) or C(auth_key), keys the
        collection does not list). It is masked, compares as equal with O(update_secrets=on_create), the value
        given for it is kept out of every output, and C(*) is never written back. The key list only matters for a
        secret NCM does not hold yet (a new key the collection does not list is shown in that first run's diff;
        give such a task C(no_log) or C(diff) false). A value that is really C(*) (not a secret) is treated alike.
      - Every top-level key is a section of the configuration (C(system), C(lan), C(wlan), ...) whose value is a
        dictionary (or an array); anything else fails before any API call. When the task would change the layer
        (in check mode too), the top-level sections given are checked against the default configuration of the
        target firmware (of the router, or of the group), and an unknown one fails before any write, naming it.
    type: dict
  removals:
    description:
      - Paths of default configuration elements to remove, as in NCM's removal list. A path is a list of keys
        (C([vlan, 1, ports, 3]), C([lan, 00000001-0d93-319d-8220-4a1fb0372b51])) or a dotted string
        (C(vlan.1.ports.3)). Array offsets are integers; elements of C(_id_) arrays are named by their UUID.
      - In O(mode=merge), a path already in the removal list is no change; a new one is appended and anything the
        updates hold under it is dropped; the change then goes out as one C(PUT) of the whole layer.
      - In O(mode=replace), the complete removal list of the layer.
      - When the task would change the layer, the first element of every path must be a top-level section of the
        target firmware's default configuration (see O(config)); otherwise the task fails before any write.
      - Not allowed with O(state=absent).
    type: list
    elements: raw
  validate_sections:
    description:
      - Check the top-level sections of O(config) and O(removals) against the target firmware's default
        configuration before a write (one read, only when the task would change the layer). The check fails the
        task before any write, naming an unknown section.
      - C(firmwares/<id>/default_configuration/) is not documented by the NCM API v2 reference (only its URL is).
        The module accepts a bare configuration tree, the same tree wrapped in the reference's envelope (keys
        C(success) and C(data)) and a config diff C([tree, removals]). Any other shape, and any failed read (an HTTP error status or no
        answer), skips the check with a warning; the write then goes ahead and NCM validates it.
      - V(false) skips the check and its read; NCM still refuses an unknown section when it validates the write.
    type: bool
    default: true
  mode:
    description:
      - V(merge) compares and sends only what is given (C(PATCH) semantics).
      - V(replace) makes the whole layer equal to O(config) and O(removals) (C(PUT) semantics).
    type: str
    choices: [merge, replace]
    default: merge
  state:
    description:
      - V(present) makes the layer hold O(config) and O(removals).
      - V(absent) with O(mode=merge) deletes the keys given in O(config) from the layer (a key that is not there is
        no change). V(absent) with O(mode=replace) clears the layer entirely (C(PUT [{}, []])); O(config) must
        not be given then.
    type: str
    choices: [present, absent]
    default: present
  update_secrets:
    description:
      - NCM shows every secret it holds as C(*), so a given secret cannot be compared with the current one.
      - V(on_create) sends a secret only when the layer has no value for it yet. A secret that NCM already holds
        counts as equal, so a run with unchanged secrets reports C(changed=false), and a changed secret is not
        detected. Use V(always) to rotate it.
      - V(always) sends every given secret that NCM holds as C(*) and reports a change each run (also in check
        mode, which cannot know better).
      - The placeholders C(*) and C(********) (what M(cradlepoint.ncm.ncm_config_info) returns for a secret) mean
        "keep the current secret". They fail when the layer has no such secret.
    type: str
    choices: [on_create, always]
    default: on_create
  resume:
    description:
      - Resume the sync of a router whose sync is suspended (NCM suspends it when the device rejects a config),
        with a C(PUT) of C(suspended=false) after the configuration change. Fix the rejected value in the same task.
      - NCM resumes only online routers; the task fails before any write when the router is offline.
      - No change when the sync is not suspended. Only with O(router).
    type: bool
    default: false
  wait:
    description:
      - Wait until the configuration is synched to the router (with O(group), to every online router of the group),
        up to O(wait_timeout) seconds. Also waits when nothing changed but the sync is still pending.
      - Fails with the device's reason (from its C(config_rejected) router alert) when a router rejects the
        configuration (NCM then suspends the sync; fix it and use O(resume=true)). Fails at the timeout.
      - Offline routers cannot sync until they come back. They do not block the wait and are listed in
        RV(sync.offline) with a warning.
    type: bool
    default: false
  wait_timeout:
    description:
      - Seconds to wait with O(wait=true). More than 0, as O(poll_interval).
    type: int
    default: 300
  poll_interval:
    description:
      - Seconds between two polls with O(wait=true). A router costs one call per poll; a group one list call per
        100 routers per poll.
    type: float
    default: 5
notes:
  - Merge sends one C(PATCH) with just the difference. A change that adds a removal path is sent as a C(PUT) of the
    whole resulting configuration, because a C(PATCH) cannot remove anything. Merge compares against the managed
    layer only, never against the layered target, so a value given for a router that it currently inherits from
    its group is written into the individual configuration (pinned).
  - Replace writes the layer with one C(PUT); anything not given is removed from that layer (it falls back to the
    group configuration or the firmware default).
  - The router's configuration manager is found with the C(router=<id>) filter; its id is never assumed to be the
    router's id.
  - Cost - an unchanged configuration costs two reads (the router lookup and its configuration manager; one read
    when O(router) is an id, because the configuration manager is read with C(expand=router); one more when a
    router name looks like a serial number, because serial-shaped values are tried as serial numbers first).
    A group costs one read. A change costs one
    more read (the target firmware's default configuration, to check the top-level sections; in check mode too)
    and one write, plus one write with O(resume=true) unless the change is a C(PUT) (the resume then rides along).
    O(state=absent) changes cost no extra read. O(wait) costs one read per poll (one more to read the rejection
    reason).
  - Top-level sections. NCM accepts only the sections of the firmware's default configuration and refuses a write
    naming an unknown section (or a removal path starting with one) with C(invalid path). The sections depend on
    the product and firmware, so the module reads them from C(firmwares/<id>/default_configuration/) (the URL the
    firmwares endpoint gives as C(default_configuration)) of the router's or group's C(target_firmware), only when
    there is a change to send; an unchanged configuration costs nothing more. When that read fails (any HTTP error
    status or no answer) or its reply is not a configuration, the check is skipped with a warning and NCM
    validates the write itself. Only the first element of each path is checked, not the whole path.
    O(validate_sections=false) turns the check (and its read) off.
  - Secrets in a C(PUT). A C(PUT) must resend the whole layer, but NCM shows the secrets it holds only as C(*).
    Resending C(*) would overwrite the secret with a literal C(*) (the API reference does not document it; the
    bundled simulator stores it as is), so a C(PUT) whose body would carry a secret known only as C(*) fails
    before any write and names the paths. Give those secrets in O(config) (in cleartext, for example from a
    vault) to make removals, O(mode=replace) and O(state=absent) work on a layer holding secrets.
  - Other API validation errors (an invalid path below a section, a wrong type, a value out of range) fail with
    the configuration path and NCM's reason; NCM rejects the request, so nothing is changed.
  - Register the task result, not the given O(config), when you need to show it; every secret value given in
    O(config) is also scrubbed from the whole task output.
seealso:
  - module: cradlepoint.ncm.ncm_config_info
  - module: cradlepoint.ncm.ncm_group
author:
  - Cradlepoint NCM collection contributors (@cradlepoint)
"""

EXAMPLES = r"""
- name: Baseline settings of a group (only these keys are compared and sent)
  cradlepoint.ncm.ncm_config:
    group: group-001
    config:
      system:
        system_id: branch
      firewall:
        remote_admin:
          enabled: false

- name: Router specifics; a LAN given as a list with _id_ inside, its Wi-Fi key from a vault
  cradlepoint.ncm.ncm_config:
    router: WA240000000001
    config:
      lan:
        - _id_: 00000000-0d93-319d-8220-4a1fb0372b51
          ip_address: 192.168.30.1
      wlan:
        radio:
          "0":
            bss:
              "0":
                ssid: branch-wifi
                wpapsk: "{{ vault_branch_psk | default('replace-me-from-a-vault') }}"
    wait: true
    wait_timeout: 120

- name: Remove the default Guest LAN and port 4 of the LAN VLAN
  cradlepoint.ncm.ncm_config:
    router: router-00002
    removals:
      - [lan, 00000001-0d93-319d-8220-4a1fb0372b51]
      - [vlan, 1, ports, 3]

- name: The whole individual configuration of a router, nothing else
  cradlepoint.ncm.ncm_config:
    router: "1"
    mode: replace
    config:
      system:
        gps:
          enabled: true

- name: Delete one key from the individual configuration
  cradlepoint.ncm.ncm_config:
    router: router-00001
    state: absent
    config:
      system:
        gps:
          enabled:

- name: Clear the individual configuration (the group configuration applies again)
  cradlepoint.ncm.ncm_config:
    router: router-00001
    mode: replace
    state: absent

- name: Fix a rejected value and resume the suspended sync
  cradlepoint.ncm.ncm_config:
    router: router-00001
    config:
      system:
        system_id: branch-1
    resume: true
    wait: true
"""

RETURN = r"""
config:
  description:
    - The managed layer after the task (in check mode, as planned), in the form O(config) and O(removals) accept.
      C(_id_) arrays are lists with C(_id_) inside. Secrets are shown as C(********).
  returned: always
  type: dict
  contains:
    config:
      description: The updates (settings) of the layer.
      type: dict
      returned: always
    removals:
      description: The removal list of the layer.
      type: list
      elements: list
      returned: always
  sample:
    config:
      system:
        system_id: branch
      lan:
        - _id_: 00000000-0d93-319d-8220-4a1fb0372b51
          ip_address: 192.168.30.1
    removals:
      - [lan, 00000001-0d93-319d-8220-4a1fb0372b51]
target:
  description: What was managed.
  returned: always
  type: dict
  contains:
    kind:
      description: V(router) or V(group).
      type: str
      returned: always
    id:
      description: The router or group id.
      type: str
      returned: always
    name:
      description: The router or group name.
      type: str
      returned: always
    config_manager_id:
      description: The id of the router's configuration manager (null for a group).
      type: str
      returned: always
  sample: {kind: router, id: "1", name: router-00001, config_manager_id: "1001"}
sync:
  description:
    - Sync state of the router's configuration manager, or of the group's routers with O(wait=true) (null for a
      group otherwise).
  returned: always
  type: dict
  contains:
    synched:
      description: Whether the router (every online router of the group) runs the target configuration.
      type: bool
      returned: always
    suspended:
      description: Whether NCM suspended the sync (a router for which it is true is named in RV(sync.suspended_routers)).
      type: bool
      returned: always
    version_number:
      description: The configuration version of the router (null for a group).
      type: int
      returned: always
    offline:
      description: Ids of offline routers (they sync when they come back).
      type: list
      elements: str
      returned: always
    suspended_routers:
      description: Ids of routers whose sync is suspended.
      type: list
      elements: str
      returned: always
    as_of:
      description:
        - V(read) - read before any write of this task (a change made by this task is not in it yet);
          V(write) - from NCM's reply to the C(PUT); V(wait) - from the last poll of O(wait=true).
      type: str
      returned: always
  sample: {synched: true, suspended: false, version_number: 3, offline: [], suspended_routers: [], as_of: wait}
plan:
  description:
    - V(update) when the configuration changes, V(resume) when only a suspended sync is resumed, V(none) otherwise.
  returned: always
  type: str
  choices: [update, resume, none]
change:
  description: The exact change, secrets masked.
  returned: always
  type: dict
  contains:
    mode:
      description: V(merge), V(replace) or V(absent).
      type: str
      returned: always
    changed:
      description: Whether the configuration changes.
      type: bool
      returned: always
    method:
      description: C(PATCH), C(PUT) or null (nothing to send).
      type: str
      returned: always
    updates:
      description: Merge - the updates sent by the C(PATCH) (or merged before the C(PUT)); replace - the whole updates.
      type: dict
      returned: always
    removals:
      description: Merge - removal paths added; replace - the whole removal list.
      type: list
      elements: list
      returned: always
    unset:
      description: Paths deleted from the updates (under a new removal, or with O(state=absent)).
      type: list
      elements: list
      returned: always
    masked_paths:
      description: Paths whose C(*) would be resent in a C(PUT) (always empty; such a plan fails).
      type: list
      elements: str
      returned: always
    resume:
      description: Whether a suspended sync is resumed.
      type: bool
      returned: always
  sample:
    mode: merge
    changed: true
    method: PATCH
    updates: {system: {system_id: branch}}
    removals: []
    unset: []
    masked_paths: []
    resume: false
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

from ansible_collections.cradlepoint.ncm.plugins.module_utils.config_resource import ConfigResource


def main():
    ConfigResource().run()


if __name__ == "__main__":
    main()
