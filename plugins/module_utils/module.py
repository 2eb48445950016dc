# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shared module base and the declarative resource engine.

A module is a subclass that declares its options and its resource; the engine does the rest:

    find the current record -> normalise both sides -> compute the change -> stop here in check mode
    -> write only the changed fields with the endpoint's method -> return the record as NCM shows it

Every result carries ``changed``, ``plan`` (create, update, delete, none, or an action name), ``api_calls`` and,
with ``--diff``, the before/after of the managed fields with secrets masked.
"""

from __future__ import annotations

import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.cradlepoint.ncm.plugins.module_utils.client import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    NcmApiError,
    NcmClient,
)
from ansible_collections.cradlepoint.ncm.plugins.module_utils.connection import (
    DEFAULT_MAX_RETRIES,
    KEY_OPTIONS,
    connection_argument_spec,
    missing_key_options,
)
from ansible_collections.cradlepoint.ncm.plugins.module_utils.models import HAS_PYDANTIC, PYDANTIC_IMPORT_ERROR, split_expanded
from ansible_collections.cradlepoint.ncm.plugins.module_utils.errors import NcmError, NcmInputError
from ansible_collections.cradlepoint.ncm.plugins.module_utils.resolve import Resolver, in_words, is_unknown
from ansible_collections.cradlepoint.ncm.plugins.module_utils.secrets import mask_fields
from ansible_collections.cradlepoint.ncm.plugins.module_utils import validate

# record field -> endpoint its id points into; the engine sends these as URLs
REFERENCE_ENDPOINTS = {
    "account": "accounts",
    "group": "groups",
    "product": "products",
    "target_firmware": "firmwares",
    "router": "routers",
}


class _AnsibleModule(AnsibleModule):
    """AnsibleModule that remembers which options the task set at all (an explicit null included)."""

    given_options = frozenset()
    raw_params: dict = {}

    def __init__(self, *args, secrets_of=None, **kwargs):
        self._secrets_of = secrets_of
        super().__init__(*args, **kwargs)

    def _load_params(self):
        super()._load_params()
        self.given_options = frozenset(self.params or ())
        # the values as the task gave them, before the argument spec converts them (true -> "True" or 1.0)
        self.raw_params = dict(self.params or {})
        if self._secrets_of is not None:
            # secrets inside option values (e.g. passwords in a config dict) are scrubbed from every output,
            # including failures of the argument validation itself
            self.no_log_values.update(str(value) for value in self._secrets_of(self.params or {}) if value)


class NcmModule:
    """Base of every cradlepoint.ncm module: argument spec, client, resolver, result and error handling."""

    argument_spec: dict = {}
    mutually_exclusive: list = []
    required_one_of: list = []
    required_if: list = []
    required_by: dict = {}
    # comparable-view field -> resolver kind (a reference; firmware included): diffs show these in the user's words,
    # "IBR900 (id 1)", "branch-offices (known after apply)" (resolve.in_words); results keep ids and URLs
    reference_kinds: dict = {}
    # options that name NCM records (ids, names, serials, MACs, e-mails, versions): checked with
    # validate.identifier(s) before any API call, in every module alike (see docs/identifiers.md)
    identifier_options: tuple = ()
    # option -> (min, max) for numbers, checked before any API call (every int/float option must be finite)
    option_ranges: dict = {}
    # how the cradlepoint.ncm.plan callback names a task's resource: (keys of the returned resource, then of the
    # task's options), the first that has a value wins
    plan_identity: tuple = (("name", "id"), ("name", "router", "group", "id"))

    def __init__(self, module=None, client=None, resolver=None):
        """Build the parts, or take them: ``module`` (an AnsibleModule or a stand-in with ``params``,
        ``check_mode``, ``_diff``, ``given_options``, ``warn``, ``fail_json`` and ``exit_json``), ``client`` (an
        NcmClient or a scripted fake) and ``resolver``. The defaults are what a real module run uses."""
        self.module = module if module is not None else self.build_module()
        self.params = self.module.params
        self.check_mode = self.module.check_mode
        self.client = client if client is not None else self.build_client()
        for value in self.option_secrets(self.params):
            self.client.add_secret(value)
        # in check mode a reference to something an earlier task only planned is assumed (see resolve.py)
        self.resolver = resolver if resolver is not None else Resolver(self.client, check_mode=self.check_mode)
        self.result = {"changed": False}

    def build_module(self):
        """The AnsibleModule of this module's argument spec plus the connection options; checks the libraries."""
        spec = connection_argument_spec()
        spec.update(self.argument_spec)
        module = _AnsibleModule(
            argument_spec=spec,
            supports_check_mode=True,
            mutually_exclusive=self.mutually_exclusive,
            required_one_of=self.required_one_of,
            required_if=self.required_if,
            required_by=self.required_by,
            secrets_of=self.option_secrets,
        )
        for has_lib, name, error in (
            (HAS_REQUESTS, "requests", REQUESTS_IMPORT_ERROR),
            (HAS_PYDANTIC, "pydantic", PYDANTIC_IMPORT_ERROR),
        ):
            if not has_lib:
                module.fail_json(msg=missing_required_lib(name), exception=str(error))
        return module

    def build_client(self):
        """The NCM client for the connection options; fails when API keys are missing."""
        missing = missing_key_options(self.params)
        if missing:
            self.module.fail_json(
                msg="missing NCM API keys: %s. Set the options or the environment variables %s."
                % (", ".join(missing), ", ".join(KEY_OPTIONS[name][1] for name in missing))
            )
        spec = connection_argument_spec()
        spec.update(self.argument_spec)
        try:
            self.check_input(spec)  # identifiers, numbers, connection options: before any call
        except NcmInputError as exc:
            self.module.fail_json(msg=str(exc), api_calls={"reads": 0, "writes": 0, "retries": 0, "total": 0})
        return NcmClient.from_settings(self.params)

    # ---- input checks before any call -----------------------------------------------------------------------

    def check_input(self, spec):
        """Checks every module shares, before the client exists: identifiers, numbers, connection options."""
        raw = self.module.raw_params
        for option, option_spec in spec.items():
            value = self.params.get(option)
            if option_spec.get("type") in ("int", "float") and value is not None:
                if isinstance(raw.get(option), bool):
                    raise NcmInputError("%s: %r is a boolean, not a number." % (option, raw[option]))
                validate.number(option, value)
        self.check_ranges()
        validate.connection(self.params)
        for option in self.identifier_options:
            value = raw.get(option, self.params.get(option))
            if value is None:
                continue
            if spec[option].get("type") == "list":
                self.params[option] = validate.identifiers(option, value)
            else:
                self.params[option] = validate.identifier(option, value)
        for group in self.required_one_of:
            if all(self.params.get(option) is None for option in group):
                raise NcmInputError("one of %s is required, and null is not a value for it." % ", ".join(group))

    def check_ranges(self):
        """Each option of ``option_ranges`` is a finite number within its (min, max)."""
        for option, (low, high) in self.option_ranges.items():
            validate.number(option, self.params.get(option), low=low, high=high, as_range=True)

    # ---- entry point ---------------------------------------------------------------------------------------

    def run(self):
        """Run the module and exit with its result; any NCM or input error fails cleanly."""
        try:
            self.execute()
        except NcmError as exc:
            self.fail(str(exc), **exc.to_result())
        except Exception as exc:  # pylint: disable=broad-exception-caught
            self.fail("unexpected error: %s" % exc, exception=self.client.redact(traceback.format_exc()))
        if self.resolver.assumptions:
            self.result["assumes"] = [dict(assumption) for assumption in self.resolver.assumptions]
        self.result["api_calls"] = self.client.counter.as_dict()
        self.module.exit_json(**self.result)

    def option_secrets(self, params):  # pylint: disable=unused-argument
        """Secret values inside option values (beyond ``no_log`` options): never shown in any output or message."""
        return ()

    def execute(self):
        """The module's work; fills ``self.result``."""
        raise NotImplementedError("%s must define execute()" % type(self).__name__)

    def fail(self, msg, **extra):
        """Fail with a redacted message, keeping the call count."""
        self.module.fail_json(msg=self.client.redact(msg), api_calls=self.client.counter.as_dict(), **extra)

    def given(self, name):
        """Whether the task set the option at all: ``group: null`` is given, a missing option is not."""
        return name in self.module.given_options

    def resolve(self, kind, value, option):
        """Record for a user-given reference (``None`` stays ``None``); in check mode, a group, push destination,
        router or user that does not exist yet is assumed (a placeholder, listed in the result's ``assumes``)."""
        if value in (None, ""):
            return None
        return self.resolver.one(kind, value, option, assume=True)

    def set_plan(self, plan, changed, before=None, after=None, masked=()):
        """Record the plan, changed flag and (with --diff) the masked before/after, references in the user's words."""
        self.result["plan"] = plan
        self.result["changed"] = changed
        if self.module._diff:
            if self.reference_kinds:
                # an unchanged resource (before = after: nothing to show) costs no read for names the run has not read
                before, after = in_words(self.resolver, self.reference_kinds, before, after, lookup=plan != "none")
            self.result["diff"] = {"before": mask_fields(before or {}, masked), "after": mask_fields(after or {}, masked)}


class ResourceModule(NcmModule):
    """Declarative, Terraform-style module over one NCM endpoint.

    Subclasses declare ``resource`` (the result key), ``endpoint``, ``model`` (pydantic model of the managed
    fields), ``id_field``, ``update_method`` and ``secret_fields``, and implement ``find()`` and
    ``desired(current)``. ``desired`` returns the managed fields the user asked for, in the model's comparable
    form (ids, not URLs).
    """

    resource = ""
    endpoint = ""
    model = None
    id_field = "id"
    update_method = "PATCH"
    secret_fields: tuple = ()
    create_requires: tuple = ()
    can_create = True
    # optional declarations (empty = off)
    view_fields: tuple = ()  # the model fields shown in diffs and compared (default: all of the model's)
    update_includes: tuple = ()  # fields every update body carries (endpoints whose PUT requires them)
    tolerances: dict = {}  # field -> absolute tolerance for numbers (a float round-trip is not a change)
    # reference field -> resolver kind: find() reads the record with ?expand=<fields> and primes the resolver with
    # the related objects, so a reference the task names as it already is costs no lookup (the result keeps URLs)
    expand: dict = {}

    # ---- declarations a module implements ---------------------------------------------------------------

    def validate(self):
        """Module-specific input checks before any API call; raise NcmInputError naming the option and value.
        (Identifiers and numbers are checked by NcmModule.check_input when the module builds its client; the
        ranges again here, so that a module run with injected parts checks them too.)"""
        self.check_ranges()

    def find(self):
        """The current record or None."""
        raise NotImplementedError("%s must define find()" % type(self).__name__)

    def desired(self, current):
        """The managed fields the user asked for, comparable with ``view(current)``."""
        raise NotImplementedError("%s must define desired()" % type(self).__name__)

    def differs(self, field, current_value, wanted_value):
        """Whether a field must change; override for sets or write-only values."""
        tolerance = self.tolerances.get(field)
        if tolerance is not None and _is_number(current_value) and _is_number(wanted_value):
            return abs(float(current_value) - float(wanted_value)) > tolerance
        return current_value != wanted_value

    def to_body(self, fields, current=None):
        """API body for the given comparable fields: references become URLs."""
        body = {}
        for key, value in fields.items():
            if key in REFERENCE_ENDPOINTS and value is not None and not is_unknown(value):
                value = self.client.url(REFERENCE_ENDPOINTS[key], value)
            body[key] = value  # a check-mode placeholder stays as it is: "(known after apply: <name>)"
        return body

    def after_write(self, record):
        """Hook after a create or update (e.g. a push-destination test)."""

    # ---- helpers for find() -----------------------------------------------------------------------------

    def get_or_none(self, resource_id):
        """One record by id, or None when NCM says 404 (or 403: not visible)."""
        try:
            record = self._read_expanded(lambda extra: self.client.get(self.endpoint, resource_id, params=extra))
        except NcmApiError as exc:
            if exc.status in (403, 404):
                return None
            raise
        return self._absorb_expanded(record)

    def find_one(self, params=None, match=None, key_description=""):
        """The single record matching server-side ``params`` and the local predicate ``match``; None without a read
        when a param is a check-mode placeholder (a record of something that does not exist yet does not exist)."""
        if any(is_unknown(value) for value in (params or {}).values()):
            return None
        listed = self._read_expanded(lambda extra: self.client.list(self.endpoint, params=dict(params or {}, **extra)))
        records = [r for r in listed if match is None or match(r)]
        if len(records) > 1:
            ids = ", ".join(sorted(str(r.get(self.id_field)) for r in records))
            raise NcmInputError(
                "%d %ss match %s (ids %s); give the id to choose one."
                % (len(records), self.resource.replace("_", " "), key_description or params, ids)
            )
        return self._absorb_expanded(records[0]) if records else None

    def _read_expanded(self, read):
        """``read(extra_params)`` with ``expand`` when the module declares it; any 4xx refusal of it reads plainly
        (NCM expands only some fields, and the reference does not say how it refuses the others)."""
        if not self.expand:
            return read({})
        try:
            return read({"expand": sorted(self.expand)})
        except NcmApiError as exc:
            if exc.status is None or not 400 <= exc.status < 500:
                raise
        return read({})

    def _absorb_expanded(self, record):
        """The record with expanded references back as URLs; the related objects go to the resolver's cache."""
        if not self.expand:
            return record
        record, related = split_expanded(record, self.expand, lambda field, rid: self.client.url(REFERENCE_ENDPOINTS[field], rid))
        for field, obj in related.items():
            self.resolver.prime(self.expand[field], obj)
        return record

    def view(self, record):
        """Comparable form of a record's managed fields."""
        return self.model.view(record, fields=self.view_fields or None) if record is not None else None

    # ---- the engine -------------------------------------------------------------------------------------

    def execute(self):
        self.validate()
        current = self.find()
        if self.params.get("state", "present") == "absent":
            self.ensure_absent(current)
        else:
            self.ensure_present(current)

    def ensure_absent(self, current):
        if current is None:
            self.set_plan("none", False, before=None, after=None)
            self.result[self.resource] = None
            return
        self.set_plan("delete", True, before=self.view(current), after=None, masked=self.secret_fields)
        if not self.check_mode:
            self.delete(current)
        self.result[self.resource] = self.mask_record(current)

    def ensure_present(self, current):
        wanted = self.desired(current)
        if current is None:
            self.create(wanted)
            return
        before = self.view(current)
        changes = {key: value for key, value in wanted.items() if self.differs(key, before.get(key), value)}
        if not changes:
            self.set_plan("none", False, before=before, after=before, masked=self.secret_fields)
            self.result[self.resource] = self.mask_record(current)
            return
        after = dict(before, **changes)
        self.set_plan("update", True, before=before, after=after, masked=self.secret_fields)
        record = current if self.check_mode else self.update(current, changes)
        if self.check_mode:
            record = dict(current, **self.to_body(changes, current))
        self.result[self.resource] = self.mask_record(record)

    def create(self, wanted):
        if not self.can_create:
            raise NcmInputError("%s not found; this module cannot create one." % self.resource.replace("_", " "))
        missing = [name for name in self.create_requires if self.params.get(name) in (None, "", [])]
        if missing:
            raise NcmInputError(
                "%s does not exist yet; creating it needs the option(s) %s." % (self.resource.replace("_", " "), ", ".join(missing))
            )
        base = self.view({}) or {}
        self.set_plan("create", True, before=None, after=dict(base, **wanted), masked=self.secret_fields)
        if self.check_mode:
            self.result[self.resource] = self.mask_record(self.to_body(wanted))
            return
        record = self.post_once(self.to_body(wanted))
        self.after_write(record)
        self.result[self.resource] = self.mask_record(record)

    def post_once(self, body):
        """POST without ever creating twice.

        When NCM may or may not have applied a POST (connection lost, 5xx, timeout), the record is read back fresh
        (``forget_reads`` first) and posted again only if it is still absent, up to ``max_retries`` times. A repeated
        POST that NCM refuses because the record exists (``already_created``) means the earlier one was applied.
        """
        ambiguous = None
        retries = self.params.get("max_retries")
        for _attempt in range(1 + (DEFAULT_MAX_RETRIES if retries is None else max(0, retries))):
            try:
                return self.client.post(self.endpoint, body)
            except NcmApiError as exc:
                if not exc.ambiguous:
                    found = self.already_created(exc) if ambiguous is not None else None
                    if found is None:
                        raise
                    return found
                ambiguous = exc
            self.forget_reads()
            found = self.find()
            if found is not None:
                return found
        raise ambiguous

    def forget_reads(self):
        """Drop everything read so far (resolver caches, memoised lists, the run's snapshot): the next find() reads NCM
        afresh."""
        self.resolver.forget()
        if getattr(self.client, "snapshot", None) is not None:
            self.client.snapshot.drop()

    def already_created(self, exc):  # pylint: disable=unused-argument
        """The record when ``exc`` (a POST refused after an ambiguous one) says that it exists already, else None."""
        return None

    def update(self, current, changes):
        """Write only the changed fields; returns the record as NCM now shows it."""
        resource_id = current.get(self.id_field)
        fields = dict(changes)
        if self.update_includes:
            before = self.model.view(current)
            for key in self.update_includes:
                fields.setdefault(key, before.get(key))
        body = self.to_body(fields, current)
        method = self.client.put if self.update_method == "PUT" else self.client.patch
        answer = method(self.endpoint, resource_id, body)
        record = answer if isinstance(answer, dict) and answer.get(self.id_field) else dict(current, **body)
        self.after_write(record)
        return record

    def delete(self, current):
        self.client.delete(self.endpoint, current.get(self.id_field))

    def mask_record(self, record):
        return mask_fields(record, self.secret_fields)


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)
