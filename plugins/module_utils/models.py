# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pydantic models of the NCM resources the modules read and write.

A model turns an API record into the comparable form the engine diffs: references (URLs in responses, ids in
queries) become id strings, numbers arrive as the types the reference gives, absent and null are the same.
Fields not declared are ignored, so a model is also the list of the fields a module manages. Push destinations and
alert rules are compared in their module's option names (``url``, ``groups``), which their models map from the
record's fields.
"""

from __future__ import annotations

from typing import Annotated, Any, Optional

from ansible_collections.cradlepoint.ncm.plugins.module_utils.endpoints import id_from_url
from ansible_collections.cradlepoint.ncm.plugins.module_utils.secrets import MASK

try:
    from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator

    HAS_PYDANTIC = True
    PYDANTIC_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - reported by the module base
    HAS_PYDANTIC = False
    PYDANTIC_IMPORT_ERROR = exc
    BaseModel = object

    def BeforeValidator(func):  # noqa: N802 - stand-in with the same name
        return func

    def ConfigDict(**kwargs):  # noqa: N802 - stand-in with the same name
        return kwargs

    def model_validator(**_kwargs):  # stand-in with the same name
        return lambda func: func


def _to_id(value):
    if isinstance(value, dict):  # a reference read with ?expand=: the related object itself
        return _to_id(value.get("id") or value.get("resource_url"))
    return id_from_url(value) if value not in ("", None) else None


def split_expanded(record, fields, url_of):
    """A record read with ``?expand=<fields>`` -> (the record as a plain read shows it, {field: related object}).

    Expanded references go back to URLs (the object's ``resource_url``, else ``url_of(field, id)``), so results
    look the same with or without ``expand``; a field NCM left unexpanded (still a URL) has no related object.
    """
    if not isinstance(record, dict):
        return record, {}
    plain = dict(record)
    related = {}
    for field in fields:
        value = record.get(field)
        if isinstance(value, dict) and value.get("id") is not None:
            related[field] = value
            plain[field] = value.get("resource_url") or url_of(field, value["id"])
    return plain, related


def _to_id_list(value):
    if value is None:
        return None
    return sorted(str(id_from_url(item)) for item in value)


RefId = Annotated[Optional[str], BeforeValidator(_to_id)]
RefIds = Annotated[Optional[list[str]], BeforeValidator(_to_id_list)]


class NcmModel(BaseModel):
    """Base: ignore undeclared fields, accept ints where the API sends strings and back."""

    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True, populate_by_name=True)

    @classmethod
    def view(cls, record, fields=None):
        """The record's managed fields in comparable form (``fields`` limits them)."""
        data = cls.model_validate(record or {}).model_dump()
        return {key: data[key] for key in (fields or data)}


class Group(NcmModel):
    id: Optional[str] = None
    name: Optional[str] = None
    account: RefId = None
    product: RefId = None
    target_firmware: RefId = None


class Router(NcmModel):
    id: Optional[str] = None
    name: Optional[str] = None
    description: Optional[str] = None
    asset_id: Optional[str] = None
    custom1: Optional[str] = None
    custom2: Optional[str] = None
    group: RefId = None
    account: RefId = None
    product: RefId = None
    actual_firmware: RefId = None
    target_firmware: RefId = None
    state: Optional[str] = None
    serial_number: Optional[str] = None
    mac: Optional[str] = None
    ipv4_address: Optional[str] = None
    config_status: Optional[str] = None


class Location(NcmModel):
    id: Optional[str] = None
    router: RefId = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    accuracy: Optional[int] = None
    altitude_meters: Optional[float] = None
    method: Optional[str] = None


class PushDestination(NcmModel):
    """A push destination in ncm_push_destination's option names; the secret (write-only) only as a mask."""

    name: Optional[str] = None
    url: Optional[str] = None
    enabled: Optional[bool] = None
    suspended: Optional[bool] = None
    secret: Optional[str] = None

    @model_validator(mode="before")
    @classmethod
    def _in_option_names(cls, record):
        record = record or {}
        return {"name": record.get("name"), "url": (record.get("endpoint") or {}).get("url"),
                "enabled": record.get("enabled"), "suspended": record.get("suspended"),
                "secret": MASK if record.get("authentication") else None}


# alert rule option -> (API field, resolver kind)
RULE_REFERENCES = {
    "groups": ("associated_groups", "group"),
    "accounts": ("associated_accounts", "account"),
    "email_users": ("email_destinations", "user"),
    "http_destinations": ("http_destinations", "push_destination"),
}


def int_or_text(value):
    """'80' -> 80; anything else stays text (NCM sends thresholds and reference ids as either)."""
    text = str(value).strip()
    return int(text) if text.lstrip("-").isdigit() else text


def rule_schedule(value):
    """An alert rule's schedule as compared: null/'None'/'none' -> None, 'Daily' -> 'daily'."""
    if value is None or str(value).lower() == "none":
        return None
    return str(value).lower()


def rule_settings(value):
    """An alert rule's settings as compared: thresholds as sorted integers; empty is null."""
    if not value:
        return None
    if not isinstance(value, dict):
        return value
    out = {}
    for key, entry in value.items():
        if isinstance(entry, dict) and isinstance(entry.get("thresholds"), list):
            entry = dict(entry, thresholds=sorted(int_or_text(t) for t in entry["thresholds"]))
        out[key] = entry
    return out


class AlertRule(NcmModel):
    """An alert rule in ncm_alert_rule's option names: sets as sorted lists, references as id strings."""

    alert_types: list[str] = []
    groups: list[str] = []
    accounts: list[str] = []
    email_users: list[str] = []
    http_destinations: list[str] = []
    schedule: Optional[str] = None
    settings: Optional[Any] = None

    @model_validator(mode="before")
    @classmethod
    def _in_option_names(cls, record):
        record = record or {}
        view = {"alert_types": sorted(set((record.get("filter_criteria") or {}).get("alert_type__in") or []))}
        for option, (field, _kind) in RULE_REFERENCES.items():
            view[option] = sorted({str(id_from_url(value)) for value in record.get(field) or []})
        view["schedule"] = rule_schedule(record.get("schedule"))
        view["settings"] = rule_settings(record.get("settings"))
        return view
