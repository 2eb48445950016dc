# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One description per NCM resource: the single source of how each resource is found, compared and written.

Each class declares its resource for the engine in module.py (``ResourceModule``): the options (argument spec),
the endpoint, the identity and how it is found (``find``), the comparable view (``view``/model), the references
(``reference_kinds``, resolved by resolve.py) and how a change is written (``to_body``, ``update_method``).
The single modules (``ncm_group`` ...) run one of them with ``XResource().run()``; ``ncm_state`` runs the same
classes once per document item with a shared client and resolver (state.py); the plan callback reads
``plan_identity`` to name a task's resource. Nothing here performs HTTP itself: the client does, through
the engine.
"""

from __future__ import annotations

from ansible_collections.cradlepoint.ncm.plugins.module_utils.alert_types import (
    describe_unknown,
    settings_problems,
    settings_shape_problems,
    unknown_alert_types,
)
from ansible_collections.cradlepoint.ncm.plugins.module_utils.client import NcmApiError
from ansible_collections.cradlepoint.ncm.plugins.module_utils.endpoints import id_from_url
from ansible_collections.cradlepoint.ncm.plugins.module_utils.models import (
    RULE_REFERENCES,
    AlertRule,
    Group,
    Location,
    PushDestination,
    Router,
    int_or_text,
    rule_schedule,
    rule_settings,
)
from ansible_collections.cradlepoint.ncm.plugins.module_utils.module import NcmInputError, ResourceModule
from ansible_collections.cradlepoint.ncm.plugins.module_utils.resolve import is_unknown, kind_spec
from ansible_collections.cradlepoint.ncm.plugins.module_utils.secrets import MASK
from ansible_collections.cradlepoint.ncm.plugins.module_utils import validate


# ---- ncm_group -------------------------------------------------------------------------------------------


class GroupResource(ResourceModule):
    """ncm_group: a group is its name, product, target firmware and account."""

    resource = "group"
    plan_identity = (("name", "id"), ("name", "id"))
    endpoint = "groups"
    model = Group
    # group attributes are "editable in PUT/POST requests" (NCM API v2 reference); PATCH is for the configuration
    update_method = "PUT"
    create_requires = ("name", "product", "target_firmware")
    reference_kinds = {"product": "product", "target_firmware": "firmware", "account": "account"}
    identifier_options = ("name", "id", "product", "target_firmware", "account")
    argument_spec = {
        "name": {"type": "str"},
        "id": {"type": "str"},
        "product": {"type": "str"},
        "target_firmware": {"type": "str"},
        "account": {"type": "str"},
        "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
    }
    required_one_of = [("name", "id")]

    def find(self):
        if self.params["id"]:
            group = self.get_or_none(self.params["id"])
            if group is None and self.params["state"] == "present":
                raise NcmInputError("id: no group with id %r." % self.params["id"])
        else:
            group = self.find_one(params={"name": self.params["name"]}, key_description="name %r" % self.params["name"])
        if group is not None:
            # the ids the group references exist: giving the group's own product or firmware by id costs no lookup
            self.resolver.known_ids("product", [group.get("product")])
            firmware = id_from_url(group.get("target_firmware"))
            if firmware and group.get("product"):
                self.resolver.prime("firmware", {"id": firmware, "product": group["product"]})
        return group

    def desired(self, current):
        wanted = {}
        if self.params["name"]:
            wanted["name"] = self.params["name"]
        product = self.resolve("product", self.params["product"], "product")
        if product:
            wanted["product"] = str(product["id"])
        if self.params["target_firmware"]:
            if product is None and current is not None:
                product = {"id": self.view(current)["product"], "name": "of group %s" % current.get("name")}
            if product is None:
                raise NcmInputError("target_firmware: needs product to know which product's firmware it is.")
            wanted["target_firmware"] = str(self.resolver.firmware(self.params["target_firmware"], product, "target_firmware")["id"])
        account = self.resolve("account", self.params["account"], "account")
        if account:
            wanted["account"] = str(account["id"])
        return wanted


# ---- ncm_router ------------------------------------------------------------------------------------------


TEXT_FIELDS = ("name", "description", "asset_id", "custom1", "custom2")


class RouterResource(ResourceModule):
    """ncm_router: a router's name, descriptive fields and group; routers are never created."""

    resource = "router"
    plan_identity = (("name", "id"), ("router",))
    endpoint = "routers"
    model = Router
    update_method = "PUT"
    can_create = False
    view_fields = ("id",) + TEXT_FIELDS + ("group",)
    reference_kinds = {"group": "group"}
    identifier_options = ("router", "name", "group")
    argument_spec = {
        "router": {"type": "str", "required": True},
        "name": {"type": "str"},
        "description": {"type": "str"},
        "asset_id": {"type": "str"},
        "custom1": {"type": "str"},
        "custom2": {"type": "str"},
        "group": {"type": "str"},
        "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
    }

    def find(self):
        absent = self.params["state"] == "absent"
        return self.resolver.one("router", self.params["router"], "router", missing_ok=absent)

    def desired(self, current):
        wanted = {key: self.params[key] or None for key in TEXT_FIELDS if self.params[key] is not None}
        if self.given("group"):
            group = self.resolve("group", self.params["group"], "group")
            # a group known after apply (check mode) is checked when it exists, at apply
            if group is not None and not is_unknown(group) and id_from_url(group.get("product")) != id_from_url(current.get("product")):
                group_product, router_product = (
                    self.resolve("product", id_from_url(record.get("product")), "group")["name"] for record in (group, current)
                )
                raise NcmInputError(
                    "group: %r is a group of %s routers but router %s is a %s; a router can only join a group of "
                    "its own product." % (self.params["group"], group_product, current.get("name"), router_product)
                )
            wanted["group"] = str(group["id"]) if group else None
        return wanted


# ---- ncm_location ----------------------------------------------------------------------------------------


LOCATION_FIELDS = ("latitude", "longitude", "accuracy", "altitude_meters", "method")
CREATE_DEFAULTS = {"accuracy": 0, "method": "manual"}


class LocationResource(ResourceModule):
    """ncm_location: the one location record of a router."""

    resource = "location"
    plan_identity = ((), ("router",))
    endpoint = "locations"
    model = Location
    update_method = "PUT"
    create_requires = ("latitude", "longitude")
    update_includes = ("latitude", "longitude", "accuracy")
    reference_kinds = {"router": "router"}
    tolerances = {"latitude": 1e-6, "longitude": 1e-6, "altitude_meters": 0.01}
    option_ranges = {"latitude": (-90.0, 90.0), "longitude": (-180.0, 180.0), "accuracy": (0, None)}
    identifier_options = ("router",)
    argument_spec = {
        "router": {"type": "str", "required": True},
        "latitude": {"type": "float"},
        "longitude": {"type": "float"},
        "accuracy": {"type": "int"},
        "altitude_meters": {"type": "float"},
        "method": {"type": "str"},
        "state": {"type": "str", "choices": ["present", "absent"], "default": "present"},
    }

    def find(self):
        self.router = self.resolve("router", self.params["router"], "router")
        return self.find_one(params={"router": self.router["id"]}, key_description="router %s" % self.router["id"])

    def desired(self, current):
        wanted = {key: self.params[key] for key in LOCATION_FIELDS if self.params[key] is not None}
        if current is None:
            wanted = dict(CREATE_DEFAULTS, router=str(self.router["id"]), **wanted)
        return wanted

    def to_body(self, fields, current=None):
        """Locations take the router as an integer id (reference), not as a URL; it is only sent on create."""
        body = {key: value for key, value in fields.items() if key != "router"}
        if "router" in fields:
            body["router"] = fields["router"] if is_unknown(fields["router"]) else int(fields["router"])
        return body


# ---- ncm_push_destination --------------------------------------------------------------------------------


NEW_SECRET = MASK + " (new secret)"


class PushDestinationResource(ResourceModule):
    """ncm_push_destination: name, url, write-only secret, enabled, resume of a suspended destination."""

    resource = "push_destination"
    plan_identity = (("name", "destination_config_id"), ("name", "id"))
    endpoint = "alert_push_destinations"
    model = PushDestination
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


# ---- ncm_alert_rule --------------------------------------------------------------------------------------


class AlertRuleResource(ResourceModule):
    """ncm_alert_rule: alert types, groups, accounts, e-mail users, push destinations, schedule, settings."""

    resource = "alert_rule"
    plan_identity = (("alert_config_id",), ("id", "alert_types"))
    endpoint = "alert_rules"
    model = AlertRule
    id_field = "alert_config_id"
    update_method = "PATCH"
    create_requires = ("alert_types",)
    reference_kinds = {option: kind for option, (_field, kind) in RULE_REFERENCES.items()}
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
            kind = RULE_REFERENCES[option][1]
            id_field = kind_spec(kind).id_field
            records = self.resolver.many(kind, values, option, assume=True) if values else []
            self._resolved[option] = sorted({str(record[id_field]) for record in records})
        return self._resolved[option]

    # ---- find / desired ---------------------------------------------------------------------------------

    def know_references(self, records):
        """Ids the rules reference exist in NCM: options giving them as ids are compared without a lookup."""
        for field, kind in RULE_REFERENCES.values():
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
        self.know_references([r for r in records if self.view(r)["alert_types"] == types])
        groups = self.references("groups") or []
        found = [r for r in records if self.view(r)["alert_types"] == types and self.view(r)["groups"] == groups]
        if len(found) > 1:
            ids = ", ".join(sorted(str(r.get(self.id_field)) for r in found))
            raise NcmInputError(
                "%d alert rules have alert_types %s and groups %s (ids %s); give the id to choose one."
                % (len(found), ", ".join(types), ", ".join(self.params["groups"] or []) or "(none)", ids)
            )
        return found[0] if found else None

    def desired(self, current):
        params = self.params
        wanted = {}
        if params["alert_types"] is not None:
            wanted["alert_types"] = sorted(set(params["alert_types"]))
        for option in RULE_REFERENCES:
            ids = self.references(option)
            if ids is not None:
                wanted[option] = ids
            elif current is None:
                wanted[option] = []
        if params["schedule"] is not None or current is None:
            wanted["schedule"] = rule_schedule(params["schedule"])
        if params["settings"] is not None:
            wanted["settings"] = rule_settings(params["settings"])
        elif current is None:
            wanted["settings"] = None
        before = self.view(current) or {}
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
            elif option in RULE_REFERENCES:
                field = RULE_REFERENCES[option][0]
                body[field] = [int_or_text(item) for item in value] if option != "http_destinations" else list(value)
            else:
                body[option] = value
        return body
