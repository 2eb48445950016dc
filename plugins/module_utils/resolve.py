# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Resolve what users write (ids, names, serial numbers, MACs, e-mails, versions) to NCM records.

Resolution order per kind (documented in docs/identifiers.md):

* router: id (all digits) -> MAC (MAC-shaped) -> name -> serial number; a value shaped like a Cradlepoint serial
  number (``SERIAL_RE``: two capital letters, then 8 to 18 capitals and digits with at least 6 digits, no dash,
  space or lower-case letter, e.g. ``WA240000000001``) tries the serial number before the name
* group, product, account: id (all digits) -> name
* user: id (all digits) -> e-mail (contains @) -> username
* push destination: destination_config_id -> name
* firmware: id (all digits) -> version string of the given product

An id is ASCII digits without a leading zero (``777``; ``0777``, ``٣`` or ``1.0`` are names), so an all-digit
name is still found when no record has that id. Each step is one list call with an ``__in`` filter for every value
still unresolved (batched by 100), so resolving any number of values of one kind costs one call per step that is
needed; results are cached for the run. NCM splits an ``__in`` filter at commas, so a value holding a comma
(``Branch, East``) is looked up alone with the exact ``=`` filter instead (one call per such value and step).
Unknown values fail with close matches; ambiguous values fail with the ids of every candidate.

Records the run has already read cost no lookup: ``prime`` caches a related object that NCM returned expanded
(``?expand=``) under its id and, for kinds whose names are unique (products; a firmware's version within its
product), under its name; ``known_ids`` caches ids that an existing record references (so they exist). Group,
account, user and router names are not unique in NCM, so they are never primed by name: an ambiguous name still
fails.

Check mode across dependencies: a play may create in one task what a later task references (a group, a push
destination, a router renamed by an earlier task). In check mode the first task only plans the creation, so a
lookup made with ``assume=True`` on a resolver built with ``check_mode=True`` does not fail for an unknown value of
a kind that a play can create or rename (``ASSUMABLE_KINDS``): it returns a placeholder record (``is_unknown``)
whose id is ``unknown_id(value)`` and notes ``{kind, name}`` in ``assumptions``. Modules plan with the placeholder,
show it as "(known after apply)" and return the assumptions as ``assumes``; the ``cradlepoint.ncm.plan`` callback
checks them against the creations that earlier tasks planned. Outside check mode the same lookup fails as before,
naming the value, and before any write. Products, firmware versions and accounts are never assumed (a play does not
create them).

Plans and diffs speak in the user's words: ``names(kind, ids)`` gives each reference id as its name with the id
beside it (``IBR900 (id 1)``, ``7.24.30 (id 3)``), a placeholder as ``<value> (known after apply)``; ``in_words``
turns the reference fields of comparable views into these texts. Records the run has read cost nothing; ids it has
not read cost one list call per kind (ids batched).
"""

from __future__ import annotations

import difflib
import re
from itertools import islice

from ansible_collections.cradlepoint.ncm.plugins.module_utils.endpoints import id_from_url
from ansible_collections.cradlepoint.ncm.plugins.module_utils.errors import NcmInputError

# a MAC in any case: six hex pairs separated by ":" or "-" or nothing, or three groups of four joined by "."
MAC_RE = re.compile(r"^(?:[0-9A-Fa-f]{2}(?:[:-]?[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{4}(?:\.[0-9A-Fa-f]{4}){2})$")
TIMEUUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
# Cradlepoint serial numbers (e.g. WA240000000001, MM180000123456): tried before names, since a name rarely looks so
SERIAL_RE = re.compile(r"^[A-Z]{2}[A-Z0-9]{8,18}$")


# shown in plans and diffs for a value that only a planned (check mode) change of an earlier task would give
KNOWN_AFTER_APPLY = "(known after apply)"
UNKNOWN_ID_PREFIX = "(known after apply: "
# kinds a play creates or renames, so that a later task may name one that does not exist yet (in check mode)
ASSUMABLE_KINDS = ("group", "push_destination", "router", "user")


class ResolveError(NcmInputError):
    """A value that names no record, or several."""


def unknown_id(value):
    """The id of the placeholder record for ``value``: distinct per value, never a real NCM id."""
    return "%s%s)" % (UNKNOWN_ID_PREFIX, value)


def is_unknown(value):
    """Whether a record (dict), an id or a URL is a check-mode placeholder (its real value is known after apply)."""
    if isinstance(value, dict):
        return bool(value.get("known_after_apply"))
    return isinstance(value, str) and UNKNOWN_ID_PREFIX in value


def normalize_mac(value):
    """'00-30-44-aa-bb-cc' / '003044aabbcc' / '0030.44aa.bbcc' -> '00:30:44:AA:BB:CC' (as NCM shows MACs)."""
    digits = re.sub(r"[^0-9a-fA-F]", "", str(value)).upper()
    return ":".join(digits[i:i + 2] for i in range(0, 12, 2))


def _query_forms(field, normalised):
    """The values a lookup sends for one normalised value: a MAC in upper and in lower case, since ``=`` and
    ``__in`` match exactly and NCM's stored case is not documented (its examples show upper case)."""
    if field == "mac":
        return (normalised, normalised.lower())
    return (normalised,)


ID_RE = re.compile(r"^[1-9][0-9]{0,18}$")


def is_id(value):
    """Whether a value is tried as a record id first: ASCII digits, no leading zero (every module alike)."""
    return bool(ID_RE.match(str(value)))


_is_int_id = is_id


def _always(_value):
    return True


def looks_like_serial(value):
    """Whether a value is shaped like a Cradlepoint serial number (see SERIAL_RE; at least 6 digits)."""
    text = str(value)
    return bool(SERIAL_RE.match(text)) and sum(char.isdigit() for char in text) >= 6


def _not_serial(value):
    return not looks_like_serial(value)


class Kind:
    """How one kind of record is looked up: its endpoint and the fields tried, in order."""

    def __init__(self, endpoint, steps, id_field="id", label_field="name", server_filters=True, unique_labels=False):
        self.endpoint = endpoint
        self.steps = steps  # (field, applies_to(value), normalise(value))
        self.id_field = id_field
        self.label_field = label_field
        self.server_filters = server_filters
        self.unique_labels = unique_labels  # NCM keeps label_field unique: a known record may be cached by it


def _same(value):
    return str(value)


KINDS = {
    "router": Kind(
        "routers",
        (
            ("id", _is_int_id, _same),
            ("mac", lambda v: bool(MAC_RE.match(str(v))), normalize_mac),
            ("serial_number", looks_like_serial, _same),
            ("name", _always, _same),
            ("serial_number", _not_serial, _same),
        ),
    ),
    "group": Kind("groups", (("id", _is_int_id, _same), ("name", _always, _same))),
    "product": Kind("products", (("id", _is_int_id, _same), ("name", _always, _same)), unique_labels=True),
    "account": Kind("accounts", (("id", _is_int_id, _same), ("name", _always, _same))),
    "user": Kind(
        "users",
        (
            ("id", _is_int_id, _same),
            ("email", lambda v: "@" in str(v), _same),
            ("username", _always, _same),
        ),
        label_field="username",
    ),
    "push_destination": Kind(
        "alert_push_destinations",
        (
            ("destination_config_id", lambda v: bool(TIMEUUID_RE.match(str(v))), _same),
            ("name", _always, _same),
        ),
        id_field="destination_config_id",
        server_filters=False,
    ),
}


# firmware versions are named only (resolution goes through Resolver.firmware, per product)
FIRMWARE = Kind("firmwares", (("id", _is_int_id, _same),), label_field="version")


def kind_spec(kind):
    """The ``Kind`` of a reference kind (``firmware`` included)."""
    return FIRMWARE if kind == "firmware" else KINDS[kind]


def reference_labels(client, kind, ids):
    """{id: label} of the records of ``kind`` with these ids: one ``id__in`` list call per 100 ids, asking only for
    the id and the label."""
    ids = sorted({str(i) for i in ids if i is not None})
    if not ids:
        return {}
    spec = kind_spec(kind)
    records = client.list_in(spec.endpoint, spec.id_field, ids, fields=[spec.id_field, spec.label_field])
    return {str(r.get(spec.id_field)): r.get(spec.label_field) for r in records}


class Resolver:
    """Name -> record resolution for one run, with a cache per kind."""

    def __init__(self, client, check_mode=False):
        self.client = client
        self.check_mode = check_mode
        self.assumptions = []  # [{"kind", "name"}] in the order met, each once: see the module docstring
        self._cache = {kind: {} for kind in KINDS}
        self._full_lists = {}

    def settled(self):
        """A resolver for applying what this one (check mode) planned: the records it found, no assumptions, and
        no list read whole (the apply creates records that a later step looks up)."""
        resolver = Resolver(self.client)
        resolver._cache = {kind: dict(records) for kind, records in self._cache.items()}
        return resolver

    def forget(self):
        """Drop every cached record, e.g. before reading back after a write whose outcome is unknown."""
        self._cache = {kind: {} for kind in KINDS}
        self._full_lists = {}

    def prime(self, kind, record):
        """Cache a record already read (e.g. an expanded reference): naming it by id (or unique name) costs no call."""
        if not isinstance(record, dict) or record.get("id") in (None, ""):
            return
        if kind == "firmware":
            product_id = id_from_url(record.get("product"))
            if product_id is None:
                return
            cache = self._cache.setdefault("firmware", {})
            cache.setdefault((str(record["id"]), product_id), record)
            if record.get("version") and not _firmware_by_id(record["version"]):
                cache.setdefault((str(record["version"]), product_id), record)
            return
        spec = KINDS[kind]
        cache = self._cache[kind]
        cache.setdefault(str(record[spec.id_field]), record)
        label = record.get(spec.label_field)
        if spec.unique_labels and label not in (None, "") and not _is_int_id(label):
            cache.setdefault(str(label), record)

    def expect(self, kind, value, record):
        """Cache ``record`` under ``value``: a planned change (a rename) gives it that name, so a later lookup of
        the name in the same plan finds it, as it will after the apply."""
        self._cache[kind][str(value)] = record

    def _cache_by_id(self, kind, record):
        """Cache a record found by another field under its id too (the id is tried first for every kind, so the
        id names this record): ``names`` then finds its label without scanning the cache."""
        spec = KINDS[kind]
        rid = record.get(spec.id_field)
        if rid not in (None, "") and not _labelled(self._cache[kind].get(str(rid)), spec):
            self._cache[kind][str(rid)] = record

    def known_ids(self, kind, ids):
        """Ids an existing NCM record references (so they exist): a value giving one of them needs no lookup."""
        spec = KINDS[kind]
        field, applies, _normalise = spec.steps[0]
        if field != spec.id_field:
            return
        cache = self._cache[kind]
        for value in ids or ():
            text = str(id_from_url(value))
            if applies(text):
                cache.setdefault(text, {spec.id_field: text})

    def one(self, kind, value, option, missing_ok=False, assume=False):
        """The record that ``value`` names, for the module option ``option``."""
        return self.many(kind, [value], option, missing_ok=missing_ok, assume=assume)[0]

    def many(self, kind, values, option, missing_ok=False, assume=False):
        """Records for every value, in the order given.

        With ``missing_ok`` an unknown value gives None. Otherwise, with ``assume`` in check mode, an unknown value
        of an assumable kind gives a placeholder record (``is_unknown``) and is noted in ``assumptions``; in any
        other case an unknown value fails, naming the option and the value. Ambiguous values always fail.
        """
        spec = KINDS[kind]
        cache = self._cache[kind]
        pending = [str(v) for v in dict.fromkeys(str(v) for v in values) if str(v) not in cache]
        for field, applies, normalise in spec.steps:
            candidates = [v for v in pending if applies(v)]
            if not candidates:
                continue
            by_value = self._lookup(spec, field, {v: normalise(v) for v in candidates})
            for value, records in by_value.items():
                if len(records) > 1:
                    ids = ", ".join(sorted(str(r.get(spec.id_field)) for r in records))
                    raise ResolveError(
                        "%s: %r matches %d %ss by %s (ids %s); use the id." % (option, value, len(records), kind, field, ids)
                    )
                if records:
                    cache[value] = records[0]
                    self._cache_by_id(kind, records[0])
            pending = [v for v in pending if v not in cache]
            if not pending:
                break
        if pending and not missing_ok:
            if not (assume and self.check_mode and kind in ASSUMABLE_KINDS):
                raise ResolveError(self._unknown_message(kind, spec, pending, option))
            return [cache.get(str(v)) or self.assumed(kind, v) for v in values]
        return [cache.get(str(v)) for v in values]

    def assumed(self, kind, value):
        """The placeholder record of an unknown ``value`` of ``kind``; notes the assumption once."""
        spec = KINDS[kind]
        assumption = {"kind": kind, "name": str(value)}
        if assumption not in self.assumptions:
            self.assumptions.append(assumption)
        return {spec.id_field: unknown_id(value), spec.label_field: str(value), "known_after_apply": True}

    def _lookup(self, spec, field, wanted):
        """{value: [records]} for values whose ``field`` equals their normalised form."""
        if spec.server_filters:
            records = self.client.list_in(
                spec.endpoint, field, sorted({form for value in wanted.values() for form in _query_forms(field, value)}))
        else:
            records = self._full_list(spec)
        # one pass over the records, not one per value: 10,000 values against 10,000 records stay linear
        by_text = {}
        for record in records:
            by_text.setdefault(_field_text(record, field), []).append(record)
        return {value: by_text.get(normalised, []) for value, normalised in wanted.items()}

    def _full_list(self, spec):
        if spec.endpoint not in self._full_lists:
            self._full_lists[spec.endpoint] = self.client.list(spec.endpoint)
        return self._full_lists[spec.endpoint]

    def _unknown_message(self, kind, spec, pending, option):
        if spec.server_filters:
            sample = list(islice(self.client.iter_list(spec.endpoint, fields=[spec.id_field, spec.label_field]), 500))
        else:
            sample = self._full_list(spec)
        labels = [str(r.get(spec.label_field)) for r in sample if r.get(spec.label_field)]
        parts = []
        for value in pending:
            close = difflib.get_close_matches(value, labels, n=3)
            hint = " (did you mean %s?)" % ", ".join(close) if close else ""
            parts.append("%r%s" % (value, hint))
        return "%s: no %s found for %s." % (option, kind.replace("_", " "), "; ".join(parts))

    # ---- ids -> the user's words --------------------------------------------------------------------------

    def names(self, kind, ids, lookup=True):
        """{id: text} for reference ids (or URLs) of ``kind``: ``name (id X)``, a placeholder ``value (known after
        apply)``, an id NCM does not know ``id X``. Ids of records not read yet cost one list call (batched); without
        ``lookup`` they read ``id X``."""
        spec = kind_spec(kind)
        out = {}
        wanted = []
        for value in ids:
            if value in (None, ""):
                continue
            if is_unknown(value):
                text = str(value)
                out[text] = "%s %s" % (text[text.index(UNKNOWN_ID_PREFIX) + len(UNKNOWN_ID_PREFIX):-1], KNOWN_AFTER_APPLY)
            else:
                wanted.append(str(id_from_url(value)))
        cache = self._cache.setdefault(kind, {})
        known = {}
        for value in wanted:  # a record cached under its id: no scan of the cache (one per diff of a large run)
            record = cache.get(value)
            if _labelled(record, spec) and str(record.get(spec.id_field)) == value:
                known[value] = record
        if any(value not in known for value in wanted):
            for record in cache.values():
                if _labelled(record, spec):
                    known.setdefault(str(record.get(spec.id_field)), record)
        missing = sorted({value for value in wanted if value not in known})
        if missing and lookup:
            if spec.server_filters:
                records = self.client.list_in(spec.endpoint, spec.id_field, missing)
            else:
                records = self._full_list(spec)
            for record in records:
                known.setdefault(str(record.get(spec.id_field)), record)
                if kind == "firmware":
                    self.prime("firmware", record)
                else:
                    cached = self._cache[kind].get(str(record.get(spec.id_field)))
                    if not cached or cached.get(spec.label_field) in (None, ""):  # known_ids() noted the id only
                        self._cache[kind][str(record.get(spec.id_field))] = record
        for value in wanted:
            record = known.get(value)
            label = record.get(spec.label_field) if record else None
            out[value] = "%s (id %s)" % (label, value) if label not in (None, "") else "id %s" % value
        return out

    def firmware(self, value, product, option):
        """The firmware of ``product`` (a product record) whose id or version is ``value``."""
        key = (str(value), str(product.get("id")))
        cache = self._cache.setdefault("firmware", {})
        if key in cache:
            return cache[key]
        if _firmware_by_id(value):
            records = self.client.list("firmwares", params={"id": value})
        else:
            records = self.client.list("firmwares", params={"version": value})
        for record in records:  # one answer serves every product: each record is cached by id and version
            self.prime("firmware", record)
        matches = [r for r in records if id_from_url(r.get("product")) == str(product.get("id"))]
        if not matches:
            versions = sorted({r.get("version") for r in records if r.get("version")})
            other = " (exists for other products only)" if records else ""
            raise ResolveError(
                "%s: no firmware %r for product %s%s.%s"
                % (option, value, product.get("name"), other, " Known versions: " + ", ".join(versions) if versions else "")
            )
        cache[key] = matches[0]
        return matches[0]


def _firmware_by_id(value):
    """A firmware value that is looked up as an id (all digits, no dot) rather than as a version."""
    return _is_int_id(value) and "." not in str(value)


def _labelled(record, spec):
    return isinstance(record, dict) and record.get(spec.label_field) not in (None, "")


def _field_text(record, field):
    value = record.get(field)
    if field == "mac" and value:
        return normalize_mac(value)
    return None if value is None else str(value)


def in_words(resolver, references, *views, lookup=True):
    """Copies of comparable views (dicts or None) with each reference field (``references``: field -> kind; the value
    an id, or a list of ids) in the user's words (see ``Resolver.names``); lists sorted by their text. One lookup per
    kind at most, for ids the run has not read (none without ``lookup``)."""
    wanted = {}
    for view in views:
        for field, kind in references.items():
            if isinstance(view, dict) and view.get(field) not in (None, ""):
                value = view[field]
                wanted.setdefault(kind, []).extend(value if isinstance(value, list) else [value])
    texts = {kind: resolver.names(kind, ids, lookup=lookup) for kind, ids in wanted.items()}
    out = []
    for view in views:
        if isinstance(view, dict):
            view = dict(view)
            for field, kind in references.items():
                value = view.get(field)
                if isinstance(value, list):
                    view[field] = sorted(texts[kind][_text_key(item)] for item in value) if value else value
                elif value not in (None, ""):
                    view[field] = texts[kind][_text_key(value)]
        out.append(view)
    return out


def _text_key(value):
    return str(value) if is_unknown(value) else str(id_from_url(value))
