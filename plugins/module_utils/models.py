# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pydantic models of the NCM resources the modules read and write.

A model turns an API record into the comparable form the engine diffs: references (URLs in responses, ids in
queries) become id strings, numbers arrive as the types the reference gives, absent and null are the same.
Fields not declared are ignored, so a model is also the list of the fields a module manages.
"""

from __future__ import annotations

from typing import Annotated, Any, Optional

from ansible_collections.cradlepoint.ncm.plugins.module_utils.endpoints import id_from_url

try:
    from pydantic import BaseModel, BeforeValidator, ConfigDict

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


class Account(NcmModel):
    id: Optional[str] = None
    name: Optional[str] = None


class Product(NcmModel):
    id: Optional[str] = None
    name: Optional[str] = None


class Firmware(NcmModel):
    id: Optional[str] = None
    version: Optional[str] = None
    product: RefId = None


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


class User(NcmModel):
    id: Optional[str] = None
    username: Optional[str] = None
    email: Optional[str] = None


class PushDestination(NcmModel):
    destination_config_id: Optional[str] = None
    name: Optional[str] = None
    enabled: Optional[bool] = None
    suspended: Optional[bool] = None
    endpoint: Optional[dict[str, Any]] = None
    authentication: Optional[dict[str, Any]] = None


class AlertRule(NcmModel):
    alert_config_id: RefId = None
    filter_criteria: Optional[dict[str, Any]] = None
    associated_groups: RefIds = None
    associated_accounts: RefIds = None
    email_destinations: RefIds = None
    http_destinations: RefIds = None
    schedule: Optional[Any] = None
    settings: Optional[Any] = None


class ConfigurationManager(NcmModel):
    id: Optional[str] = None
    router: RefId = None
    account: RefId = None
    configuration: Optional[list[Any]] = None
    target: Optional[list[Any]] = None
    actual: Optional[list[Any]] = None
    pending: Optional[list[Any]] = None
    synched: Optional[bool] = None
    suspended: Optional[bool] = None
    version_number: Optional[int] = None
