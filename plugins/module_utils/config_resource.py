# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The description of a configuration layer (a router's individual config or a group's config) as a resource.

Run by ``ncm_config`` for one layer and by ``ncm_state`` for the ``config`` of each group and router item. The
lookup of the layer is config_target.py, the tree diff config_diff.py, the polling polling.py.
"""

from __future__ import annotations

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


class ConfigResource(NcmModule):
    """ncm_config: one config layer (a router's individual config or a group's config) as code."""

    resource = "config"
    plan_identity = ((), ("router", "group"))
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
        url = self.client.url("firmwares/%s/default_configuration" % firmware)
        snapshot = getattr(self.client, "snapshot", None)  # ncm_state: read once for all its configs

        def read():
            return self.client.request("GET", url)

        try:
            default = snapshot.document(url, read) if snapshot is not None else read()
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
