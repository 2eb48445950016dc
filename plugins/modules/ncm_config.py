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
  - O(mode=merge) (default) compares only the keys given and sends one C(PATCH) with just the difference. A change
    that adds a removal path is sent as a C(PUT) of the whole resulting configuration, because a C(PATCH) cannot
    remove anything.
  - O(mode=replace) makes the layer exactly O(config) plus O(removals) with one C(PUT); anything not given is
    removed from that layer (it falls back to the group configuration or the firmware default).
  - Merge compares against the managed layer only, never against the layered target. A value given for a router
    that it currently inherits from its group is therefore written into the individual configuration (pinned).
  - The router's configuration manager is found with the C(router=<id>) filter; its id is never assumed to be the
    router's id.
extends_documentation_fragment:
  - cradlepoint.ncm.ncm
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

from ansible_collections.cradlepoint.ncm.plugins.module_utils.client import NcmApiError
from ansible_collections.cradlepoint.ncm.plugins.module_utils.config_target import config_target
from ansible_collections.cradlepoint.ncm.plugins.module_utils.config_diff import (
    absent_plan,
    config_pair,
    format_path,
    masked_secrets,
    merge_plan,
    normalize_config,
    normalize_removals,
    replace_plan,
)
from ansible_collections.cradlepoint.ncm.plugins.module_utils.endpoints import id_from_url
from ansible_collections.cradlepoint.ncm.plugins.module_utils.errors import about
from ansible_collections.cradlepoint.ncm.plugins.module_utils.module import NcmInputError, NcmModule
from ansible_collections.cradlepoint.ncm.plugins.module_utils.options import TARGET_EXCLUSIVE, TARGET_SPEC, check_wait_options, wait_spec
from ansible_collections.cradlepoint.ncm.plugins.module_utils.polling import poll_until
from ansible_collections.cradlepoint.ncm.plugins.module_utils.secrets import secret_values

POLL_FIELDS = ["id", "synched", "suspended", "version_number", "router.state"]
GROUP_POLL_FIELDS = ["router", "synched", "suspended", "version_number"]


class ConfigModule(NcmModule):
    """ncm_config: one config layer (a router's individual config or a group's config) as code."""

    identifier_options = ("router", "group")
    argument_spec = dict(TARGET_SPEC, **{
        "config": {"type": "dict"},
        "removals": {"type": "list", "elements": "raw"},
        "validate_sections": {"type": "bool", "default": True},
        "mode": {"type": "str", "choices": ["merge", "replace"], "default": "merge"},
        "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
        "update_secrets": {"type": "str", "choices": ["on_create", "always"], "default": "on_create"},
        "resume": {"type": "bool", "default": False},
    }, **wait_spec(timeout=300, interval=5))
    mutually_exclusive = TARGET_EXCLUSIVE
    required_one_of = TARGET_EXCLUSIVE

    def option_secrets(self, params):
        """Every cleartext secret given in config is scrubbed from the whole output (results, diff, messages)."""
        return list(secret_values(params.get("config")))

    # ---- input ------------------------------------------------------------------------------------------

    def validate(self):
        """Everything that can be checked without NCM; raises NcmInputError before any API call."""
        params = self.params
        check_wait_options(params)
        if params["resume"] and params["group"] is not None:
            raise NcmInputError("resume: only a router's sync can be resumed; give router, not group.")
        if params["state"] == "absent":
            if params["removals"]:
                raise NcmInputError("removals: not allowed with state=absent (give the keys to delete in config).")
            if params["mode"] == "replace" and params["config"]:
                raise NcmInputError("config: state=absent with mode=replace clears the whole layer; give no config.")
        with about("config"):
            normalize_config(params["config"] or {})
        if params["state"] == "present":
            for section, value in (params["config"] or {}).items():
                if not isinstance(value, (dict, list)):
                    raise NcmInputError(
                        "config: %s: %r is not a dict (every top-level section of a configuration is a dict of "
                        "settings, or an array)" % (section, value))
        with about("removals"):
            normalize_removals(params["removals"] or [])

    # ---- target -----------------------------------------------------------------------------------------

    # ---- plan -------------------------------------------------------------------------------------------

    def make_plan(self, current):
        params = self.params
        with about("config"):
            if params["state"] == "absent":
                if params["mode"] == "replace":
                    return replace_plan(current, {}, [])
                return absent_plan(current, params["config"] or {})
            planner = merge_plan if params["mode"] == "merge" else replace_plan
            return planner(current, params["config"] or {}, params["removals"] or [],
                           update_secrets=params["update_secrets"])

    def check_sections(self, target):
        """Fail before any write when O(config) or O(removals) names a top-level section that the target firmware's
        default configuration does not have (one read, only for a change). No check when the firmware is unknown
        or its default configuration cannot be read or understood; NCM then validates the write itself."""
        record = target["router"] if target["kind"] == "router" else target["group_record"]
        firmware = id_from_url((record or {}).get("target_firmware"))
        if not firmware:
            return
        skipped = "the configuration's top-level sections are left to NCM to validate (validate_sections)."
        try:
            default = self.client.request("GET", self.client.url("firmwares/%s/default_configuration" % firmware))
        except NcmApiError as exc:
            # an undocumented endpoint: whatever goes wrong reading it must not block a valid configuration
            self.module.warn("cannot read the default configuration of firmware %s (%s); %s" % (firmware, exc, skipped))
            return
        sections = default_sections(default)
        if not sections:
            self.module.warn("the default configuration of firmware %s has an unexpected shape; %s" % (firmware, skipped))
            return
        known = "known sections: %s" % ", ".join(sorted(sections))
        where = "the default configuration of the target firmware (id %s) of %s %s" % (firmware, target["kind"], target["name"])
        for section in self.params["config"] or {}:
            if section not in sections:
                raise NcmInputError("config: %s: invalid path, no top-level section %r in %s (%s)."
                                    % (section, section, where, known))
        for path in normalize_removals(self.params["removals"] or []):
            if str(path[0]) not in sections:
                raise NcmInputError("removals: %s: invalid path, no top-level section %r in %s (%s)."
                                    % (format_path(path), path[0], where, known))

    # ---- the run ----------------------------------------------------------------------------------------

    def execute(self):
        self.validate()
        target = config_target(self.client, self.resolver, router=self.params["router"], group=self.params["group"],
                               assume=True)
        cm = target["cm"]
        with about("the current configuration of %s %s" % (target["kind"], target["id"])):
            current = config_pair(target["configuration"])
        for secret in masked_secrets(current[0], self.params["config"]):
            # NCM shows this path as "*": the value given for it is a secret whatever its key (wep_key, auth_key)
            self.module.no_log_values.add(secret)
            self.client.add_secret(secret)
        plan = self.make_plan(list(current))
        if plan.changed and self.params["state"] == "present" and self.params["validate_sections"]:
            self.check_sections(target)
        resume = bool(self.params["resume"] and cm and cm.get("suspended"))
        if resume and _router_state(target) == "offline":
            raise NcmInputError(
                "resume: router %s (id %s) is offline; NCM resumes a suspended sync only while the router is online."
                % (target["name"], target["id"])
            )
        diff = plan.diff()
        if resume:
            diff["before"]["suspended"], diff["after"]["suspended"] = True, False
        change = plan.result()
        change["resume"] = resume
        self.result.update({
            "changed": plan.changed or resume,
            "plan": "update" if plan.changed else ("resume" if resume else "none"),
            "change": change,
            "config": diff["after"] if plan.changed else diff["before"],
            "target": {"kind": target["kind"], "id": target["id"], "name": target["name"],
                       "config_manager_id": target["write_id"] if cm else None},
            "sync": self.sync_of(cm, target, "read"),
        })
        if self.module._diff:
            self.result["diff"] = diff
        if self.check_mode:
            return
        wrote = self.write(target, plan, resume)
        if self.params["wait"]:
            self.result["sync"] = self.wait(target, wrote)
            self.result["changed"] = wrote or self.result["changed"]
        elif self.result["sync"] and self.result["sync"]["suspended"] and not wrote:
            self.module.warn("the sync of router %s is suspended (the device rejected its config); fix the config and "
                             "use resume: true" % target["name"])

    def write(self, target, plan, resume):
        """Send the change; returns whether anything was written."""
        endpoint, write_id = target["endpoint"], target["write_id"]
        reply = None
        if plan.changed:
            body = {"configuration": plan.body}
            if resume and plan.method == "PUT":
                body["suspended"] = False
                resume = False
            send = self.client.put if plan.method == "PUT" else self.client.patch
            reply = send(endpoint, write_id, body)
        if resume:
            reply = self.client.put(endpoint, write_id, {"suspended": False})
        if target["kind"] == "router" and isinstance(reply, dict) and "synched" in reply:
            merged = dict(target["cm"], **{k: reply[k] for k in ("synched", "suspended", "version_number") if k in reply})
            self.result["sync"] = self.sync_of(merged, target, "write")
        return plan.changed or resume

    # ---- sync -------------------------------------------------------------------------------------------

    @staticmethod
    def sync_of(cm, target, as_of):
        if cm is None:
            return None
        offline = [target["id"]] if _router_state(target) == "offline" else []
        return {
            "synched": bool(cm.get("synched")),
            "suspended": bool(cm.get("suspended")),
            "version_number": cm.get("version_number"),
            "offline": offline,
            "suspended_routers": [target["id"]] if cm.get("suspended") else [],
            "as_of": as_of,
        }

    def wait(self, target, wrote):
        if target["kind"] == "group":
            return self.wait_group(target, wrote)
        sync = self.result["sync"]
        if not wrote and sync["synched"]:
            return sync  # nothing changed and already synched: no read
        done = {}

        def synched_or_offline():
            cm = self.client.get("configuration_managers", target["write_id"], fields=POLL_FIELDS)
            state = (cm.get("router") or {}).get("state") if isinstance(cm.get("router"), dict) else None
            if state:
                target["router"] = dict(target["router"] or {}, state=state)
            done["sync"] = sync = self.sync_of(cm, target, "wait")
            if sync["synched"]:
                return True
            if sync["suspended"]:
                reasons = self.rejection_reasons([target["id"]])
                self.fail_with_result(
                    "wait: router %s (id %s) rejected the configuration, NCM suspended its sync: %s. Fix the config and "
                    "run again with resume: true." % (target["name"], target["id"], reasons.get(target["id"], "no reason given")),
                    sync, wrote)
            if sync["offline"]:
                self.module.warn("router %s (id %s) is offline; its configuration syncs when it comes back."
                                 % (target["name"], target["id"]))
                return True
            return False

        if not poll_until(synched_or_offline, self.params["wait_timeout"], self.params["poll_interval"]):
            self.fail_with_result("wait_timeout: router %s (id %s) not synched after %s s (version %s)."
                                  % (target["name"], target["id"], self.params["wait_timeout"], done["sync"]["version_number"]),
                                  done["sync"], wrote)
        return done["sync"]

    def wait_group(self, target, wrote):
        routers = self.client.list("routers", params={"group": target["id"]}, fields=["id", "name", "state"])
        online = sorted((str(r["id"]) for r in routers if r.get("state") != "offline"), key=int)
        offline = sorted((str(r["id"]) for r in routers if r.get("state") == "offline"), key=int)
        sync = {"synched": True, "suspended": False, "version_number": None, "offline": offline,
                "suspended_routers": [], "as_of": "wait"}
        if offline:
            self.module.warn("group %s: router(s) %s are offline; they sync when they come back."
                             % (target["name"], ", ".join(offline)))
        waiting = list(online)

        def all_synched():
            suspended = []
            for cm in self.client.list_in("configuration_managers", "router", waiting, fields=GROUP_POLL_FIELDS):
                rid = id_from_url(cm.get("router"))
                if cm.get("synched"):
                    waiting.remove(rid)
                elif cm.get("suspended"):
                    suspended.append(rid)
            if suspended:
                sync.update(synched=False, suspended=True, suspended_routers=sorted(suspended, key=int))
                reasons = self.rejection_reasons(suspended)
                self.fail_with_result(
                    "wait: router(s) of group %s rejected the configuration, NCM suspended their sync: %s. Fix the "
                    "config and resume each router (ncm_config router: ... resume: true)."
                    % (target["name"], "; ".join("router %s: %s" % (rid, reasons.get(rid, "no reason given"))
                                                 for rid in sorted(suspended, key=int))),
                    sync, wrote)
            return not waiting

        if waiting and not poll_until(all_synched, self.params["wait_timeout"], self.params["poll_interval"]):
            sync["synched"] = False
            self.fail_with_result("wait_timeout: router(s) %s of group %s not synched after %s s."
                                  % (", ".join(waiting), target["name"], self.params["wait_timeout"]), sync, wrote)
        return sync

    def fail_with_result(self, msg, sync, wrote):
        """Fail after the write (if any) with everything the result already holds; changed tells if it wrote."""
        extra = {k: v for k, v in self.result.items() if k not in ("changed", "msg", "api_calls")}
        extra["sync"] = sync
        self.fail(msg, changed=bool(wrote), **extra)

    def rejection_reasons(self, router_ids):
        """{router id: reason} from the newest config_rejected alert of each router (one list call)."""
        try:
            alerts = self.client.list_in("router_alerts", "router", router_ids, params={"type": "config_rejected"})
        except NcmApiError as exc:
            return {rid: "(cannot read its config_rejected alert: %s)" % exc for rid in router_ids}
        newest = {}
        for alert in alerts:
            rid = id_from_url(alert.get("router"))
            key = str(alert.get("created_at") or "")
            if rid not in newest or key >= newest[rid][0]:
                newest[rid] = (key, alert)
        out = {}
        for rid, (_key, alert) in newest.items():
            info = alert.get("info")
            reason = info.get("reason") if isinstance(info, dict) else None
            out[rid] = self.client.redact(reason or alert.get("friendly_info") or info or "no reason given")
        return out


ENVELOPE_KEYS = frozenset(("success", "data", "meta"))


def default_sections(default):
    """The top-level section names of a firmware's default configuration: a config tree (a dict of sections, each
    a dict or an array), also wrapped in the reference's envelope ``{"success": true, "data": tree}`` or given as
    a config diff ``[tree, removals]``. An empty set when the shape is none of these (then nothing is checked)."""
    if isinstance(default, dict) and "data" in default and set(default) <= ENVELOPE_KEYS:
        default = default["data"]
    if isinstance(default, (list, tuple)) and len(default) == 2 and isinstance(default[0], dict):
        default = default[0]
    if not isinstance(default, dict) or not all(isinstance(value, (dict, list)) for value in default.values()):
        return set()
    return {str(key) for key in default}


def _router_state(target):
    router = target.get("router") or {}
    return router.get("state")


def main():
    ConfigModule().run()


if __name__ == "__main__":
    main()
