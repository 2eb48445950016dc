# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A whole desired state as one document (``ncm_state``): check it, read it, plan it, apply it.

1. **Check** every item against the options of its single module (``ArgumentSpecValidator``), before any call;
   errors name the document path (``routers[12].group``).
2. **Read** what the document needs with list calls (pages, ``__in`` batches) into the client's snapshot
   (snapshot.py), so that the resource descriptions' own lookups cost nothing more.
3. **Plan** each item with its resource description (resources.py, config_resource.py) in check mode, in
   dependency order: push destinations, groups, group configs, routers, router configs, locations, alert rules.
   A reference to something the document creates is "known after apply"; one that neither exists nor is declared
   fails. With ``purge``, what the scope owns and the document does not declare is planned for deletion.
4. **Apply** (not in check mode) the planned changes in the same order, with ``workers`` writes at a time within a
   stage, then the deletions (alert rules, groups, push destinations).

The result is Terraform's: ``summary`` (to add / to change / to destroy), ``changes`` ({kind, key, action, before,
after}, references in the user's words) and ``api_calls``.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.cradlepoint.ncm.plugins.module_utils.config_diff import config_pair
from ansible_collections.cradlepoint.ncm.plugins.module_utils.config_resource import ConfigResource
from ansible_collections.cradlepoint.ncm.plugins.module_utils.connection import connection_argument_spec
from ansible_collections.cradlepoint.ncm.plugins.module_utils.endpoints import id_from_url
from ansible_collections.cradlepoint.ncm.plugins.module_utils.errors import NcmError, NcmInputError
from ansible_collections.cradlepoint.ncm.plugins.module_utils.models import AlertRule, PushDestination
from ansible_collections.cradlepoint.ncm.plugins.module_utils.module import NcmModule
from ansible_collections.cradlepoint.ncm.plugins.module_utils.resolve import Resolver, is_unknown, reference_labels
from ansible_collections.cradlepoint.ncm.plugins.module_utils.resources import (
    AlertRuleResource,
    GroupResource,
    LocationResource,
    PushDestinationResource,
    RouterResource,
    TEXT_FIELDS,
)
from ansible_collections.cradlepoint.ncm.plugins.module_utils.secrets import (
    EXPORT_PLACEHOLDER,
    is_secret_key,
    masked_by_ncm,
    secret_values,
)
from ansible_collections.cradlepoint.ncm.plugins.module_utils.snapshot import Snapshot

CONFIG_SPEC = {
    "config": {"type": "dict"},
    "config_mode": {"type": "str", "choices": ["merge", "replace"], "default": "merge"},
}
LOCATION_OPTIONS = ("latitude", "longitude", "accuracy", "altitude_meters", "method")


class Section:
    """One list of the document: its resource description, the options its items take and their identity."""

    def __init__(self, name, resource, kind, extra=None, identity=("id", "name")):
        self.name = name
        self.resource = resource
        self.kind = kind
        self.spec = dict(resource.argument_spec, **(extra or {}))
        self.identity = identity

    def key(self, params):
        """The identity of an item, as written: its id, else its name (alert rules: types and groups)."""
        for option in self.identity:
            if params.get(option) not in (None, "", []):
                value = params[option]
                return "%s=%s" % (option, value) if option == "id" else str(value)
        types, groups = (",".join(sorted(params.get(option) or [])) for option in ("alert_types", "groups"))
        return "alert_types=%s groups=%s" % (types, groups)


SECTIONS = (
    Section("push_destinations", PushDestinationResource, "push_destination"),
    Section("groups", GroupResource, "group", extra=CONFIG_SPEC),
    Section("routers", RouterResource, "router", identity=("router",),
            extra=dict(CONFIG_SPEC, location={"type": "dict"})),
    Section("alert_rules", AlertRuleResource, "alert_rule", identity=("id",)),
)
SECTION = {section.name: section for section in SECTIONS}
# kinds a document can create: an assumption (check mode) of one of these must be met by a planned create
DECLARABLE = {"group": "groups", "push_destination": "push_destinations"}
SCOPE_KINDS = {"groups": ("name_prefix", "names"), "push_destinations": ("name_prefix", "names"),
               "alert_rules": ("on_owned_groups",)}

_OPTION_IN_MESSAGE = re.compile(
    r"(?:argument '([^']+)'|value of ([A-Za-z_]+) must|missing required arguments: ([A-Za-z_]+)"
    r"|parameters are mutually exclusive: ([A-Za-z_]+)|one of the following is required: ([A-Za-z_]+))")


class Item:
    """One checked item of the document."""

    def __init__(self, section, index, raw, params):
        self.section = section
        self.path = "%s[%d]" % (section.name, index)
        self.raw = raw
        self.params = params
        self.key = section.key(params)
        self.record_id = None  # the NCM id of what the item found or created
        self.location = None  # a router item's checked location options


class ItemFailed(NcmError):
    """A module stand-in was asked to fail (a resource engine's own failure path)."""


class ItemModule:
    """What a resource engine uses of an AnsibleModule, for one document item."""

    def __init__(self, params, raw, check_mode, no_log_values):
        self.params = params
        self.raw_params = raw
        self.given_options = frozenset(raw)
        self.check_mode = check_mode
        self._diff = True
        self.no_log_values = no_log_values
        self.warnings = []

    def warn(self, message):
        self.warnings.append(message)

    def fail_json(self, msg, **_result):
        raise ItemFailed(msg)

    def exit_json(self, **_result):
        raise ItemFailed("a resource engine exited early")


def at_path(path, exc):
    """``routers[12].group: ...`` for an error whose message starts with the option it concerns."""
    text = str(exc)
    head, sep, rest = text.partition(": ")
    if sep and re.match(r"^[A-Za-z_][A-Za-z0-9_.\[\]]*$", head):
        return NcmInputError("%s.%s: %s" % (path, head, rest))
    return NcmInputError("%s: %s" % (path, text))


def check_options(path, spec, raw, rules=None):
    """Validated parameters of one mapping against an argument spec; errors name the path and the option."""
    if not isinstance(raw, dict):
        raise NcmInputError("%s: must be a mapping of options, got %r." % (path, raw))
    known = set(spec) | {alias for option in spec.values() for alias in option.get("aliases", ())}
    unknown = sorted(str(key) for key in raw if key not in known)
    if unknown:
        raise NcmInputError("%s.%s: unknown field; the fields are %s." % (path, unknown[0], ", ".join(sorted(spec))))
    result = ArgumentSpecValidator(spec, **(rules or {})).validate(dict(raw))
    if result.error_messages:
        message = result.error_messages[0]
        match = _OPTION_IN_MESSAGE.search(message)
        option = next((group for group in match.groups() if group), None) if match else None
        raise NcmInputError("%s%s: %s" % (path, "." + option if option else "", message))
    return result.validated_parameters


class StateEngine:
    """Plans and applies one document with shared parts: the client (and its snapshot) and the resolvers."""

    def __init__(self, client, connection, check_mode, workers=4, no_log_values=None):
        self.client = client
        self.connection = connection  # connection option values every item engine sees (retries, budget)
        self.check_mode = check_mode
        self.workers = max(1, int(workers))
        self.no_log_values = no_log_values if no_log_values is not None else set()
        self.client.snapshot = Snapshot()
        self.plan_resolver = Resolver(client, check_mode=True)
        self.items = []
        self.steps = []  # (stage, item, engine class, params, plan result) in apply order
        self.claimed = {}  # (stage, NCM id) -> the path of the item that found it
        self.warnings = []

    # ---- 1. check ------------------------------------------------------------------------------------------

    def check(self, document, scope, purge):
        """Check the whole document before any call."""
        seen = {}
        for section in SECTIONS:
            rules = {name: getattr(section.resource, name) for name in
                     ("mutually_exclusive", "required_one_of", "required_if", "required_by")
                     if getattr(section.resource, name)}
            for index, raw in enumerate(document.get(section.name) or []):
                path = "%s[%d]" % (section.name, index)
                params = check_options(path, section.spec, raw, rules)
                item = Item(section, index, raw, params)
                if params.get("location") is not None:
                    item.location = check_options(path + ".location", _location_spec(), params["location"])
                other = seen.get((section.name, item.key))
                if other is not None:
                    raise NcmInputError("%s: declares %s %s again (first declared at %s)."
                                        % (path, section.kind.replace("_", " "), item.key, other))
                seen[(section.name, item.key)] = path
                self.items.append(item)
                self.precheck(section.resource, params, raw, path)
                if params.get("config") is not None and params["state"] == "present":
                    self.precheck(ConfigResource, self.config_params(item, section.kind), {}, path)
                if item.location is not None:
                    self.precheck(LocationResource, self.location_params(item), {}, path + ".location")
        self.scope = check_scope(scope, purge)
        self.purge = purge

    # ---- 2. read -------------------------------------------------------------------------------------------

    def read(self):
        """Every list the plan needs, read with list calls into the snapshot."""
        snapshot = self.client.snapshot
        wanted = {item.section.name for item in self.items} | set(self.scope if self.purge else ())
        if "alert_rules" in wanted:
            wanted |= {"groups", "push_destinations"}
        if wanted & {"groups", "routers"}:
            snapshot.hold("groups", self.client.list("groups"))
            snapshot.hold("products", self.client.list("products"))
        if "push_destinations" in wanted:
            snapshot.hold("alert_push_destinations", self.client.list("alert_push_destinations"),
                          id_field="destination_config_id")
        if "alert_rules" in wanted:
            snapshot.hold("alert_rules", self.client.list("alert_rules"), id_field="alert_config_id")
        routers = [item for item in self.items if item.section.name == "routers"]
        if routers:
            snapshot.hold("routers", self.client.list_parallel("routers", workers=self.workers))
            try:  # one pass for all: each item's own lookup then finds its router in the resolver's cache
                records = self.plan_resolver.many("router", [item.params["router"] for item in routers], "router",
                                                  missing_ok=True)
            except NcmInputError:  # an ambiguous value: its item's own lookup fails, naming the item
                records = [None] * len(routers)
            for item, record in zip(routers, records):
                item.record_id = str(record["id"]) if record else None
            configured = sorted({item.record_id for item in routers if item.record_id and item.params["config"] is not None})
            located = sorted({item.record_id for item in routers if item.record_id and item.params.get("location")})
            if configured:
                snapshot.hold("configuration_managers",
                              self.client.list_in("configuration_managers", "router", configured),
                              key="router", keys=configured)
            if located:
                snapshot.hold("locations", self.client.list_in("locations", "router", located),
                              key="router", keys=located)

    # ---- 3. plan -------------------------------------------------------------------------------------------

    def plan(self):
        """Plan every item (check mode, no write) and the purge; fails on the first problem, naming its path."""
        by_section = {}
        for item in self.items:
            by_section.setdefault(item.section.name, []).append(item)
        for name in ("push_destinations", "groups"):
            for item in by_section.get(name, ()):
                self.plan_step(name, item, item.section.resource, item.params)
            if name == "groups":
                for item in by_section.get(name, ()):
                    if item.params["config"] is not None and item.params["state"] == "present":
                        self.plan_step("group_configs", item, ConfigResource, self.config_params(item, "group"))
        for item in by_section.get("routers", ()):
            self.plan_step("routers", item, RouterResource, item.params)
        for item in by_section.get("routers", ()):
            if item.params["config"] is not None and item.params["state"] == "present":
                self.plan_step("router_configs", item, ConfigResource, self.config_params(item, "router"))
        for item in by_section.get("routers", ()):
            if item.params.get("location") is not None and item.params["state"] == "present":
                self.plan_step("locations", item, LocationResource, self.location_params(item))
        for item in by_section.get("alert_rules", ()):
            self.plan_step("alert_rules", item, AlertRuleResource, item.params)
        self.check_assumptions()
        if self.purge:
            self.plan_purge()

    def plan_step(self, stage, item, resource, params, path=None):
        """Plan one engine run in check mode and keep it for the apply."""
        path = path or (item.path if stage in SECTION else "%s.%s" % (item.path, _STAGE_OPTION[stage]))
        self.plan_resolver.assumptions = []
        result = self.run_engine(resource, params, item.raw if resource is item.section.resource else params,
                                 check_mode=True, resolver=self.plan_resolver, path=_error_path(item, resource, path))
        record = result.get(getattr(resource, "resource", "")) if resource is not ConfigResource else None
        if stage == "push_destinations" and is_export_placeholder(params.get("secret")) and (
                result.get("plan") == "create" or params.get("update_secret") == "always"):
            raise NcmInputError("%s.secret: is the placeholder of an export; give the destination's real secret (it is "
                                "sent when the destination is created or with update_secret: always)." % path)
        if stage in SECTION and isinstance(record, dict):
            found = record.get(resource.id_field)
            if found not in (None, "") and not is_unknown(found):
                item.record_id = str(found)
                self.claim(stage, item, path)
                if result.get("plan") == "update" and record.get("name") not in (None, ""):
                    self.plan_resolver.expect(item.section.kind, record["name"], record)
        step = {"stage": stage, "item": item, "resource": resource, "params": params, "result": result,
                "path": path, "assumes": list(self.plan_resolver.assumptions)}
        self.steps.append(step)
        return step

    def claim(self, stage, item, path):
        """Two items that find the same NCM record are one resource declared twice."""
        other = self.claimed.setdefault((stage, item.record_id), path)
        if other != path:
            option = next((option for option in item.section.identity if item.raw.get(option) not in (None, "")), "")
            raise NcmInputError("%s%s: names %s id %s, as %s does." % (
                path, "." + option if option else "", item.section.kind.replace("_", " "), item.record_id, other))

    def precheck(self, resource, params, raw, path):
        """The single module's own checks that need no call (identifiers, numbers, its validate()), for one item."""
        self.run_engine(resource, params, raw, check_mode=True, resolver=self.plan_resolver, path=path, calls=False)

    def run_engine(self, resource, params, raw, check_mode, resolver, path, calls=True):
        """One engine run of a resource description on the shared client; errors name the document path."""
        module = ItemModule(dict(self.connection, **params), raw, check_mode, self.no_log_values)
        engine = resource(module=module, client=self.client, resolver=resolver)
        try:
            if not calls:
                engine.check_input(resource.argument_spec)
                engine.validate()
                return engine.result
            engine.execute()
        except NcmInputError as exc:
            raise at_path(path, exc) from None
        except NcmError as exc:
            raise type(exc)("%s: %s" % (path, exc)) if isinstance(exc, ItemFailed) else exc
        self.warnings.extend("%s: %s" % (path, warning) for warning in module.warnings)
        return engine.result

    def config_params(self, item, kind):
        """ncm_config's options for the ``config`` of a group or router item."""
        if kind == "router":
            target = item.record_id or item.params["router"]
        else:  # a group not created yet is named by its name (known after apply)
            target = item.record_id or item.params.get("id") or item.params.get("name")
        params = {kind: target, "config": item.params["config"], "mode": item.params["config_mode"]}
        return check_options(item.path + ".config", ConfigResource.argument_spec, params)

    def location_params(self, item):
        params = dict(item.location, router=item.record_id or item.params["router"])
        return check_options(item.path + ".location", LocationResource.argument_spec, params)

    def check_assumptions(self):
        """A reference to something that does not exist must be declared, and planned for creation (or a rename), by
        the document (check mode assumes it; here the assumption is checked)."""
        created = {(step["item"].section.kind, (step["result"].get(step["resource"].resource) or {}).get("name"))
                   for step in self.steps if step["stage"] in SECTION and step["result"].get("plan") in ("create", "update")}
        for step in self.steps:
            for assumption in step["assumes"]:
                if (assumption["kind"], assumption["name"]) in created:
                    continue
                option = _option_of(step["resource"], assumption["kind"])
                declared = DECLARABLE.get(assumption["kind"])
                raise NcmInputError("%s%s: no %s %r exists%s." % (
                    step["path"], "." + option if option and step["stage"] in SECTION else "",
                    assumption["kind"].replace("_", " "), assumption["name"],
                    ", and the document does not declare it in %s" % declared if declared else ""))

    def plan_purge(self):
        """Plan the deletion of what the scope owns and the document does not declare."""
        snapshot = self.client.snapshot
        declared = {step["stage"]: set() for step in self.steps}
        for step in self.steps:
            if step["item"].record_id:
                declared[step["stage"]].add(step["item"].record_id)
        owned_groups = set()
        if "groups" in self.scope:
            owned_groups = {str(r["id"]) for r in snapshot.answer("groups", {}) if _owned(self.scope["groups"], r)}
        purges = []
        if self.scope.get("alert_rules", {}).get("on_owned_groups"):
            for rule in snapshot.answer("alert_rules", {}):
                groups = {id_from_url(value) for value in rule.get("associated_groups") or []}
                rid = str(rule["alert_config_id"])
                if groups and groups <= owned_groups and rid not in declared.get("alert_rules", ()):
                    purges.append(("alert_rules", AlertRuleResource, rid))
        for gid in sorted(owned_groups - declared.get("groups", set()), key=int):
            purges.append(("groups", GroupResource, gid))
        if "push_destinations" in self.scope:
            for record in snapshot.answer("alert_push_destinations", {}):
                rid = str(record["destination_config_id"])
                if _owned(self.scope["push_destinations"], record) and rid not in declared.get("push_destinations", ()):
                    purges.append(("push_destinations", PushDestinationResource, rid))
        for stage, resource, rid in purges:
            item = Item(SECTION[stage], 0, {"id": rid, "state": "absent"}, {})
            item.path = "scope.%s (id %s)" % (stage, rid)
            params = check_options(item.path, resource.argument_spec, {"id": rid, "state": "absent"},
                                   {"required_one_of": resource.required_one_of})
            item.params, item.key = params, "id=%s" % rid
            step = self.plan_step(stage, item, resource, params, path=item.path)
            step["purge"] = True

    # ---- 4. apply ------------------------------------------------------------------------------------------

    def apply(self):
        """Write what the plan changes, stage by stage; deletions of the purge last (dependents first)."""
        resolver = self.plan_resolver.settled()
        stages = []
        for step in self.steps:
            if step["result"].get("changed"):
                group = (step["stage"], bool(step.get("purge")))
                if not stages or stages[-1][0] != group:
                    stages.append((group, []))
                stages[-1][1].append(step)
        for (_stage, _purge), steps in stages:
            self.apply_stage(steps, resolver)

    def apply_stage(self, steps, resolver):
        def apply_one(step):
            params = dict(step["params"])
            item = step["item"]
            if step["resource"] is ConfigResource or step["stage"] == "locations":
                kind = "group" if step["stage"] == "group_configs" else "router"
                params[kind] = item.record_id or params[kind]
            result = self.run_engine(step["resource"], params, item.raw if step["resource"] is item.section.resource
                                     else params, check_mode=False, resolver=resolver,
                                     path=_error_path(item, step["resource"], step["path"]))
            record = result.get(getattr(step["resource"], "resource", ""))
            if step["stage"] in SECTION and isinstance(record, dict) and record.get(step["resource"].id_field):
                item.record_id = str(record[step["resource"].id_field])
            step["applied"] = result
            return result

        if self.workers == 1 or len(steps) == 1:
            for step in steps:
                apply_one(step)
            return
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            for future in [pool.submit(apply_one, step) for step in steps]:
                future.result()

    # ---- the result ----------------------------------------------------------------------------------------

    def applied(self):
        """The paths of the planned changes written so far."""
        return [step["path"] for step in self.steps if step.get("applied", {}).get("changed")]

    def changes(self):
        """[{kind, key, action, before, after}] of every planned change, in apply order."""
        out = []
        for step in self.steps:
            result = step["result"]
            if not result.get("changed"):
                continue
            plan = result.get("plan")
            action = {"create": "create", "delete": "delete"}.get(plan, "update")
            diff = result.get("diff") or {}
            out.append({"kind": _STAGE_KIND.get(step["stage"], step["item"].section.kind),
                        "key": step["item"].key, "path": step["path"], "action": action,
                        "before": diff.get("before"), "after": diff.get("after")})
        return out


_STAGE_OPTION = {"group_configs": "config", "router_configs": "config", "locations": "location"}
_STAGE_KIND = {"group_configs": "group_config", "router_configs": "router_config", "locations": "location"}


def _error_path(item, resource, path):
    """The path an engine's errors are put under: ncm_config's messages name ``config`` themselves."""
    return item.path if resource is ConfigResource else path


def _location_spec():
    return {option: LocationResource.argument_spec[option] for option in LOCATION_OPTIONS}


def _option_of(resource, kind):
    """The option of ``resource`` whose values are references of ``kind``."""
    return next((option for option, ref in getattr(resource, "reference_kinds", {}).items() if ref == kind), None)


def _owned(rule, record):
    name = record.get("name") or ""
    if rule.get("names") is not None:
        return name in rule["names"]
    return name.startswith(rule["name_prefix"])


def check_scope(scope, purge):
    """The checked ``scope``: what the document owns, per kind."""
    scope = scope or {}
    if not isinstance(scope, dict):
        raise NcmInputError("scope: must be a mapping of kinds, got %r." % (scope,))
    out = {}
    for kind, rule in scope.items():
        if kind not in SCOPE_KINDS:
            raise NcmInputError("scope.%s: unknown kind; scope takes %s (routers are never purged)."
                                % (kind, ", ".join(sorted(SCOPE_KINDS))))
        if not isinstance(rule, dict) or len(rule) != 1 or next(iter(rule)) not in SCOPE_KINDS[kind]:
            raise NcmInputError("scope.%s: give exactly one of %s." % (kind, ", ".join(SCOPE_KINDS[kind])))
        (how, value), = rule.items()
        if how == "name_prefix" and (not isinstance(value, str) or not value.strip()):
            raise NcmInputError("scope.%s.name_prefix: %r would claim every %s; give a non-empty prefix or names."
                                % (kind, value, kind[:-1].replace("_", " ")))
        if how == "names" and (not isinstance(value, list) or not all(isinstance(v, str) and v for v in value)):
            raise NcmInputError("scope.%s.names: give a list of non-empty names." % kind)
        if how == "on_owned_groups":
            if value is not True:
                raise NcmInputError("scope.alert_rules.on_owned_groups: must be true (or leave alert_rules out).")
            if "groups" not in scope:
                raise NcmInputError("scope.alert_rules.on_owned_groups: needs scope.groups (which groups are owned).")
        out[kind] = rule
    if purge and not out:
        raise NcmInputError("purge: needs a scope, the kinds and names the document owns; nothing is purged without one.")
    return out


def summary_of(changes):
    counts = {"to_add": 0, "to_change": 0, "to_destroy": 0}
    for change in changes:
        counts[{"create": "to_add", "delete": "to_destroy"}.get(change["action"], "to_change")] += 1
    return counts


def plan_line(counts):
    if not any(counts.values()):
        return "No changes. NCM matches the document."
    return "Plan: %(to_add)d to add, %(to_change)d to change, %(to_destroy)d to destroy." % counts


def is_export_placeholder(value):
    return isinstance(value, str) and value == EXPORT_PLACEHOLDER


# ---- the modules -----------------------------------------------------------------------------------------------


class StateModule(NcmModule):
    """ncm_state: the engine above as a module."""

    argument_spec = dict(
        {name: {"type": "list", "elements": "dict"} for name in SECTION},
        scope={"type": "dict"},
        purge={"type": "bool", "default": False},
        workers={"type": "int", "default": 4},
    )
    option_ranges = {"workers": (1, 32)}

    def option_secrets(self, params):
        """Push-destination secrets and the secrets inside configs: scrubbed from every output."""
        out = []
        for item in params.get("push_destinations") or []:
            if isinstance(item, dict) and isinstance(item.get("secret"), str) and not is_export_placeholder(item["secret"]):
                out.append(item["secret"])
        for name in ("groups", "routers"):
            for item in params.get(name) or []:
                if isinstance(item, dict):
                    out.extend(secret_values(item.get("config")))
        return out

    def execute(self):
        self.check_ranges()
        connection = {option: self.params.get(option) for option in connection_argument_spec()}
        engine = StateEngine(self.client, connection, self.check_mode, workers=self.params["workers"],
                             no_log_values=getattr(self.module, "no_log_values", None))
        engine.check({name: self.params.get(name) for name in SECTION}, self.params["scope"], self.params["purge"])
        engine.read()
        engine.plan()
        changes = engine.changes()
        counts = summary_of(changes)
        self.result.update(changed=bool(changes), summary=counts, changes=changes, msg=plan_line(counts))
        if self.module._diff:
            self.result["diff"] = []
            for change in changes:
                header = "%s %s (%s)" % (change["kind"], change["key"], change["action"])
                self.result["diff"].append({"before_header": header, "after_header": header,
                                            "before": change["before"] or {}, "after": change["after"] or {}})
        failure = None
        if not self.check_mode and changes:
            try:
                engine.apply()
            except NcmError as exc:
                failure = exc
        for warning in engine.warnings:
            self.module.warn(warning)
        if failure is not None:
            applied = engine.applied()
            self.fail("%s (applied before the failure: %s)" % (failure, ", ".join(applied) or "nothing"),
                      changed=bool(applied), applied=applied, summary=counts, changes=changes, **failure.to_result())


class StateInfoModule(NcmModule):
    """ncm_state_info: the document of a live account, or of a slice of it by groups."""

    argument_spec = {
        "groups": {"type": "list", "elements": "str"},
        "include": {"type": "list", "elements": "str", "choices": list(SECTION), "default": list(SECTION)},
        "include_configs": {"type": "bool", "default": False},
    }
    identifier_options = ("groups",)

    def execute(self):
        self.client.snapshot = Snapshot()
        document = export(self.client, self.resolver, self.params["groups"], self.params["include"],
                          self.params["include_configs"])
        self.result["document"] = document
        self.result["counts"] = {name: len(items) for name, items in document.items()}


def export(client, resolver, group_values, include, include_configs):
    """The ncm_state document of the account (or of the groups named), in ncm_state's options."""
    snapshot = client.snapshot
    include = set(include)
    if include & {"groups", "routers", "alert_rules"} or group_values:
        snapshot.hold("groups", client.list("groups"))
    groups = snapshot.answer("groups", {}) or []
    if group_values:
        groups = resolver.many("group", group_values, "groups")
    group_ids = {str(record["id"]) for record in groups}
    group_names = _unique_names(snapshot.answer("groups", {}) or [], "id")
    document = {}
    if "groups" in include:
        products = reference_labels(client, "product", {id_from_url(g.get("product")) for g in groups})
        firmwares = reference_labels(client, "firmware", {id_from_url(g.get("target_firmware")) for g in groups})
        items = []
        for group in sorted(groups, key=lambda record: (str(record.get("name")), int(record["id"]))):
            item = {"name": group.get("name")}
            if group_names.get(str(group["id"])) is None:
                item["id"] = str(group["id"])
            item["product"] = products.get(id_from_url(group.get("product")))
            item["target_firmware"] = firmwares.get(id_from_url(group.get("target_firmware")))
            tree = config_pair(group.get("configuration"))[0] if include_configs else None
            if tree:
                item["config"] = mask_secrets_for_export(tree)
            items.append(item)
        document["groups"] = items
    if "routers" in include:
        routers = client.list_in("routers", "group", sorted(group_ids)) if group_values else client.list("routers")
        cms = {}
        if include_configs and routers:
            for cm in client.list_in("configuration_managers", "router", [str(r["id"]) for r in routers]):
                cms[id_from_url(cm.get("router"))] = cm
        items = []
        for router in sorted(routers, key=lambda record: int(record["id"])):
            item = {"router": str(router["id"])}
            for field in TEXT_FIELDS:
                if router.get(field) not in (None, ""):
                    item[field] = router[field]
            group_id = id_from_url(router.get("group"))
            item["group"] = (group_names.get(group_id) or group_id) if group_id else None
            tree = config_pair((cms.get(str(router["id"])) or {}).get("configuration"))[0] if include_configs else None
            if tree:
                item["config"] = mask_secrets_for_export(tree)
            items.append(item)
        document["routers"] = items
    rules = []
    if "alert_rules" in include:
        rules = client.list("alert_rules")
        if group_values:
            rules = [r for r in rules if {id_from_url(g) for g in r.get("associated_groups") or []} & group_ids]
    if include & {"alert_rules", "push_destinations"}:
        destinations = client.list("alert_push_destinations")
        destination_names = _unique_names(destinations, "destination_config_id")
        if group_values:
            used = {id_from_url(d) for rule in rules for d in rule.get("http_destinations") or []}
            destinations = [d for d in destinations if str(d["destination_config_id"]) in used]
    if "push_destinations" in include:
        items = []
        for record in sorted(destinations, key=lambda record: str(record.get("name"))):
            view = PushDestination.view(record)
            item = {"name": view["name"]}
            if destination_names.get(str(record["destination_config_id"])) is None:
                item["id"] = str(record["destination_config_id"])
            item.update(url=view["url"], secret=EXPORT_PLACEHOLDER)
            if view["enabled"] is not None:
                item["enabled"] = view["enabled"]
            items.append(item)
        document["push_destinations"] = items
    if "alert_rules" in include:
        items = []
        for record in sorted(rules, key=lambda record: str(record.get("alert_config_id"))):
            view = AlertRule.view(record)
            item = {"id": str(record["alert_config_id"]), "alert_types": view["alert_types"]}
            item["groups"] = [group_names.get(gid) or gid for gid in view["groups"]]
            item["accounts"] = view["accounts"]
            item["email_users"] = view["email_users"]
            item["http_destinations"] = [destination_names.get(did) or did for did in view["http_destinations"]]
            item["schedule"] = view["schedule"] or "none"
            if view["settings"] is not None:
                item["settings"] = view["settings"]
            items.append(item)
        document["alert_rules"] = items
    return document


def _unique_names(records, id_field):
    """{id: name} for the records whose name no other record has (others are exported by id)."""
    counts = {}
    for record in records:
        counts[record.get("name")] = counts.get(record.get("name"), 0) + 1
    return {str(record[id_field]): record["name"] for record in records
            if record.get("name") not in (None, "") and counts[record["name"]] == 1}


def mask_secrets_for_export(tree):
    """A config tree with every secret (a secret key, or a value NCM shows as "*") as the export placeholder."""
    if isinstance(tree, dict):
        return {key: (EXPORT_PLACEHOLDER if (is_secret_key(key) or masked_by_ncm(value)) and not isinstance(value, (dict, list))
                      else mask_secrets_for_export(value)) for key, value in tree.items()}
    if isinstance(tree, list):
        return [mask_secrets_for_export(value) for value in tree]
    return tree
