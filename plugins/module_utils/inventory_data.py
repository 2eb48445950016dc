# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Routers and groups with resolved names, shared by the inventory plugin and the info modules.

Cost model (the reason this module exists): every name is resolved with list calls per endpoint, never with one
call per router.

* routers: one call per page of 500 (pages fetched in parallel by offset), asking only for the fields used and
  ``expand=account,group`` with ``fields=...,group.id,group.name,account.id,account.name`` (the reference's own
  example ``/routers/?expand=account,group``), so group and account names come with the routers at no extra call.
  Should a server answer with plain URLs instead, the names are fetched with ``id__in`` list calls.
* products and firmwares: one ``id__in`` list call per 100 distinct ids seen (in practice one call each), the two
  run concurrently.
* optional enrichment: locations and WAN net_devices, either with ``router__in`` batches (few routers) or one paged
  list of the whole endpoint (many routers), whichever is cheaper. A 403 on an enrichment degrades with a warning.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.cradlepoint.ncm.plugins.module_utils.client import IN_FILTER_BATCH, NcmApiError
from ansible_collections.cradlepoint.ncm.plugins.module_utils.endpoints import filters_of, id_from_url
from ansible_collections.cradlepoint.ncm.plugins.module_utils.errors import NcmInputError
from ansible_collections.cradlepoint.ncm.plugins.module_utils.resolve import kind_spec, reference_labels
from ansible_collections.cradlepoint.ncm.plugins.module_utils import validate

# The fields of a router view (the inventory's host variables without their prefix), in output order.
VIEW_FIELDS = (
    "id",
    "name",
    "serial_number",
    "mac",
    "state",
    "product",
    "product_id",
    "actual_firmware",
    "target_firmware",
    "group",
    "group_id",
    "account",
    "account_id",
    "ipv4_address",
    "description",
    "asset_id",
    "custom1",
    "custom2",
    "config_status",
)
# The routers field a view field is read from, where the two differ.
VIEW_SOURCES = {"product_id": "product", "group_id": "group", "account_id": "account"}
# References whose name comes with the routers (expand=...), and the fields asked of them.
EXPANDED = {"group": ("group.id", "group.name"), "account": ("account.id", "account.name")}
# The reference fields of a router and of a group, and their kinds (resolve.py's KINDS: endpoint, id and label).
ROUTER_REFERENCES = {
    "product": "product",
    "group": "group",
    "account": "account",
    "actual_firmware": "firmware",
    "target_firmware": "firmware",
}
GROUP_REFERENCES = {"product": "product", "target_firmware": "firmware", "account": "account"}


def router_query_fields(view_fields, extra=()):
    """(fields, expand) of the routers call that reads what ``view_fields`` (and the ``extra`` routers fields) need."""
    sources = {"id"} | {VIEW_SOURCES.get(field, field) for field in view_fields} | set(extra)
    fields = [field for field in VIEW_FIELDS if field in sources and field not in EXPANDED]
    expand = [ref for ref in ("account", "group") if ref in sources]
    for ref in expand:
        fields.extend(EXPANDED[ref])
    return fields, ",".join(expand)


# Documented routers filters and their operators. "=" is the bare field.
ROUTER_FILTERS = filters_of("routers")
# Filters whose values are names or ids (resolved to ids before the call).
RESOLVED_FILTERS = ("group", "account")
# Not a server-side routers filter in the reference: applied to the fetched routers (by product name or id).
LOCAL_FILTERS = ("product",)
OPERATORS = ("__in", "__lt", "__gt")

GROUP_FILTERS = filters_of("groups")
GROUP_FIELDS = ("id", "name", "account", "product", "target_firmware", "device_type")

LOCATION_FIELDS = ("router", "latitude", "longitude", "accuracy")
NET_DEVICE_FIELDS = ("id", "router", "name", "type", "carrier", "connection_state", "ipv4_address", "mode")
# Use `router__in` batches for enrichment while they cost fewer calls than listing the whole endpoint would.
IN_BATCH_ROUTER_LIMIT = 500


class FilterError(NcmInputError):
    """A filter that the routers endpoint does not document (raised before any API call)."""


def split_filter(key):
    """'state__in' -> ('state', '__in'); 'state' -> ('state', '=')."""
    for op in OPERATORS:
        if key.endswith(op):
            return key[: -len(op)], op
    return key, "="


def _as_list(value, split=True):
    """A filter value as a list; a text is split at commas only for ``__in`` (``group: "Branch, East"`` is one
    name, ``group__in: "a,b"`` two), as NCM reads them."""
    if isinstance(value, (list, tuple, set)):
        return [str(item) for item in value]
    if split and isinstance(value, str) and "," in value:
        return [item.strip() for item in value.split(",") if item.strip()]
    return [value]


def check_filters(filters, documented=None, local=LOCAL_FILTERS, option="filters"):
    """Validate filter keys against the documented ones; returns [(field, op, value)]. Makes no call."""
    documented = ROUTER_FILTERS if documented is None else documented
    parsed = []
    for key, value in (filters or {}).items():
        field, op = split_filter(str(key))
        if field in RESOLVED_FILTERS or field in local:
            try:  # names of records: the same checks as every module's identifier options, before any call
                validate.identifiers("%s.%s" % (option, key), _as_list(value, split=op == "__in"))
            except validate.NcmInputError as exc:
                raise FilterError(str(exc)) from None
        if field in local and op in ("=", "__in"):
            parsed.append((field, op, value))
            continue
        ops = documented.get(field)
        if ops is None:
            known = sorted(list(documented) + list(local))
            raise FilterError("%s: %r is not a documented filter of this endpoint; known: %s." % (option, key, ", ".join(known)))
        if isinstance(value, (list, tuple, set)) and op == "=" and "__in" in ops:
            op = "__in"
        if isinstance(value, (list, tuple, set)) and op != "__in" and field not in RESOLVED_FILTERS:
            raise FilterError("%s: %r takes one value, not a list (%s has no __in filter)." % (option, key, field))
        if op not in ops:
            raise FilterError(
                "%s: %r: the operator %s is not documented for %s (documented: %s)."
                % (option, key, op if op != "=" else "equality", field, ", ".join(ops))
            )
        parsed.append((field, op, value))
    return parsed


def resolve_filters(parsed, resolver, option="filters"):
    """(server params, {local field: set of ids}) from checked filters; group/account/product names resolved."""
    params = {}
    local = {}
    for field, op, value in parsed:
        if field in RESOLVED_FILTERS or field in LOCAL_FILTERS:
            values = _as_list(value, split=op == "__in")
            # one order everywhere: an id (ASCII digits) is tried as an id first, then as a name, as in the modules
            ids = {str(record["id"]) for record in resolver.many(field, [str(v) for v in values], "%s.%s" % (option, field))}
            if field in LOCAL_FILTERS:
                local[field] = ids
                continue
            value = sorted(ids, key=lambda item: (len(item), item))
            if op == "=" and len(value) > 1:
                op = "__in"
            elif op == "=":
                value = value[0]
        key = field if op == "=" else field + op
        params[key] = value
    return params, local


def _ref_name(value, kind, labels):
    """(id, label) of a reference of ``kind``: an expanded dict, or a URL whose label is in ``labels[kind]``."""
    label_field = kind_spec(kind).label_field
    if isinstance(value, dict):
        ref_id = id_from_url(value.get("id") or value.get("resource_url"))
        return ref_id, value.get(label_field) if value.get(label_field) is not None else labels.get(kind, {}).get(ref_id)
    ref_id = id_from_url(value)
    return ref_id, labels.get(kind, {}).get(ref_id) if ref_id is not None else None


class NcmData:
    """Reads routers and groups with names resolved, at one list call per page per endpoint."""

    def __init__(self, client, resolver=None, workers=4, warn=None):
        self.client = client
        self.resolver = resolver
        self.workers = max(1, int(workers or 1))
        self.warn = warn or (lambda message: None)
        self.warnings = []

    def _warn(self, message):
        self.warnings.append(message)
        self.warn(message)

    # ---- names -----------------------------------------------------------------------------------------

    def _labels_concurrently(self, wanted):
        """wanted: {kind: ids} -> {kind: {id: label}}, the lookups run concurrently."""
        wanted = {kind: ids for kind, ids in wanted.items() if ids}
        if not wanted:
            return {}
        if len(wanted) == 1:
            kind, ids = next(iter(wanted.items()))
            return {kind: reference_labels(self.client, kind, ids)}
        with ThreadPoolExecutor(max_workers=len(wanted)) as pool:
            futures = {kind: pool.submit(reference_labels, self.client, kind, ids) for kind, ids in wanted.items()}
            return {kind: future.result() for kind, future in futures.items()}

    # ---- routers ---------------------------------------------------------------------------------------

    def router_params(self, filters, option="filters"):
        """Check then resolve router filters: (params, local filters). Unknown filters fail before any call."""
        parsed = check_filters(filters, option=option)
        if self.resolver is None and any(f in RESOLVED_FILTERS + LOCAL_FILTERS for f, _op, _v in parsed):
            raise ValueError("filters by group, account or product need a resolver")
        return resolve_filters(parsed, self.resolver, option=option)

    def raw_routers(self, params, view_fields=VIEW_FIELDS, extra=()):
        """Router records for server-side params (``id__in`` lists longer than 100 are batched).

        Only the routers fields that ``view_fields`` need are asked for (and expanded).
        """
        query = dict(params or {})
        fields, expand = router_query_fields(view_fields, extra)
        if expand:
            query["expand"] = expand
        ids = query.get("id__in")
        if isinstance(ids, (list, tuple)) and len(ids) > IN_FILTER_BATCH:
            records = []
            for start in range(0, len(ids), IN_FILTER_BATCH):
                batch = dict(query, id__in=list(ids[start:start + IN_FILTER_BATCH]))
                records.extend(self.list_expanded("routers", batch, fields))
            return records
        return self.list_expanded("routers", query, fields)

    def list_expanded(self, endpoint, query, fields):
        """A list read with ``expand`` (and dotted fields); on any 4xx refusal of it, the same read plainly: the
        references stay URLs and are named by one ``id__in`` call per kind, as for a server that does not expand."""
        try:
            return self.client.list_parallel(endpoint, params=query, fields=fields, workers=self.workers)
        except NcmApiError as exc:
            if "expand" not in query or exc.status is None or not 400 <= exc.status < 500:
                raise
        plain = dict(query)
        del plain["expand"]
        fields = list(dict.fromkeys(field.split(".", 1)[0] for field in fields))
        return self.client.list_parallel(endpoint, params=plain, fields=fields, workers=self.workers)

    def routers(self, filters=None, params=None, local=None, locations=False, wan_interfaces=False, fields=VIEW_FIELDS):
        """Router views (see ``router_view``) for the filters, with optional enrichment.

        ``fields`` (view fields) limits what is read and returned: a name that no field needs costs no call.
        """
        if filters:
            params, local = self.router_params(filters)
        records = self.raw_routers(params or {}, fields, extra=tuple(local or ()))
        for field, ids in (local or {}).items():
            records = [r for r in records if id_from_url(r.get(field)) in ids]
        wanted = {}
        for field, kind in ROUTER_REFERENCES.items():
            if field in fields:
                # group and account come expanded: a plain URL is looked up only where a server did not expand
                ids = _referenced(records, (field,), urls_only=field in EXPANDED)
                wanted[kind] = wanted.get(kind, set()) | ids
        labels = self._labels_concurrently(wanted)
        ids = [str(r.get("id")) for r in records]
        located = self.locations(ids, bool(params)) if locations else None
        wans = self.wan_interfaces(ids, bool(params)) if wan_interfaces else None
        del ids
        views = []
        for index, record in enumerate(records):
            views.append(router_view(record, labels, located, wans, fields))
            records[index] = None  # keep one copy alive at a time (100,000 routers)
        return views

    # ---- enrichment ------------------------------------------------------------------------------------

    def _by_router(self, endpoint, ids, filtered, fields, params=None):
        """Records of ``endpoint`` for the routers: router__in batches when few, else the whole list."""
        if filtered and len(ids) <= IN_BATCH_ROUTER_LIMIT:
            return self.client.list_in(endpoint, "router", ids, params=params, fields=list(fields))
        wanted = set(ids)
        records = self.client.list_parallel(endpoint, params=params, fields=list(fields), workers=self.workers)
        return [r for r in records if id_from_url(r.get("router")) in wanted]

    def _optional(self, what, func):
        try:
            return func()
        except NcmApiError as exc:
            if exc.status == 403:
                self._warn(
                    "NCM refused %s (403 forbidden) for these API keys; continuing without them. %s" % (what, exc.message)
                )
                return None
            raise

    def locations(self, ids, filtered=False):
        """{router id: {latitude, longitude, accuracy}}, or None when the keys may not read locations."""

        def fetch():
            found = {}
            for record in self._by_router("locations", ids, filtered, LOCATION_FIELDS):
                found[id_from_url(record.get("router"))] = {
                    "latitude": record.get("latitude"),
                    "longitude": record.get("longitude"),
                    "accuracy": record.get("accuracy"),
                }
            return found

        return self._optional("the locations", fetch)

    def wan_interfaces(self, ids, filtered=False):
        """{router id: [WAN net_devices]}, or None when the keys may not read net_devices."""

        def fetch():
            found = {}
            records = self._by_router("net_devices", ids, filtered, NET_DEVICE_FIELDS, params={"mode": "wan"})
            for record in sorted(records, key=lambda r: int(r.get("id")) if str(r.get("id")).isdigit() else 0):
                found.setdefault(id_from_url(record.get("router")), []).append(
                    {
                        "id": record.get("id"),
                        "name": record.get("name"),
                        "type": record.get("type"),
                        "carrier": record.get("carrier"),
                        "connection_state": record.get("connection_state"),
                        "ipv4_address": record.get("ipv4_address"),
                    }
                )
            return found

        return self._optional("the WAN interfaces (net_devices)", fetch)

    # ---- groups ----------------------------------------------------------------------------------------

    def groups(self, filters=None, option="filters"):
        """Group views: product name and target firmware version resolved, account name expanded."""
        parsed = check_filters(filters, documented=GROUP_FILTERS, local=(), option=option)
        params, _local = resolve_filters(parsed, self.resolver, option=option)
        query = dict(params, expand="account")
        fields = [f for f in GROUP_FIELDS if f != "account"] + ["account.id", "account.name"]
        records = self.list_expanded("groups", query, fields)
        accounts = {
            id_from_url(r.get("account")) for r in records if r.get("account") and not isinstance(r.get("account"), dict)
        }
        labels = self._labels_concurrently(
            {
                "product": {id_from_url(r.get("product")) for r in records},
                "firmware": {id_from_url(r.get("target_firmware")) for r in records},
                "account": accounts,
            }
        )
        return [group_view(r, labels) for r in records]


def _referenced(records, fields, urls_only=False):
    """Ids referenced by ``fields`` of the records (only plain URLs, not expanded dicts, with ``urls_only``)."""
    found = set()
    for record in records:
        for field in fields:
            value = record.get(field)
            if value and not (urls_only and isinstance(value, dict)):
                found.add(id_from_url(value))
    found.discard(None)
    return found


def router_view(record, labels, locations=None, wan_interfaces=None, fields=VIEW_FIELDS):
    """A router with resolved names: the hostvars of the inventory (without the ``ncm_`` prefix).

    Only ``fields`` are set (all of ``VIEW_FIELDS`` by default); ``location``/``net_devices`` with the enrichment.
    """
    view = {}
    for field in fields:
        if field == "id":
            view["id"] = str(record.get("id"))
        elif field in ROUTER_REFERENCES:
            view[field] = _ref_name(record.get(field), ROUTER_REFERENCES[field], labels)[1]
        elif field in VIEW_SOURCES:
            source = VIEW_SOURCES[field]
            view[field] = _ref_name(record.get(source), ROUTER_REFERENCES[source], labels)[0]
        else:
            view[field] = record.get(field)
    router_id = str(record.get("id"))
    if locations is not None:
        view["location"] = locations.get(router_id)
    if wan_interfaces is not None:
        view["net_devices"] = wan_interfaces.get(router_id, [])
    return view


def group_view(record, labels):
    """A group with product name, target firmware version and account name resolved."""
    view = {"id": str(record.get("id")), "name": record.get("name"), "device_type": record.get("device_type")}
    for field, kind in GROUP_REFERENCES.items():
        ref_id, label = _ref_name(record.get(field), kind, labels)
        view[field] = label
        view[field + "_id"] = ref_id
    return view
