"""Request handling of /api/v2: routing, paging, filters, fields, writes. Transport-free."""

import copy
import json
import time
import uuid
from urllib.parse import urlencode

from . import config as cfg
from .spec import ENDPOINTS
from .state import PRODUCTS, ApiError, CM_OFFSET, State, forbidden, now_ts, validation

# router_alerts: the reference's conventions example filters by type although its table lists no operator.
FILTERS = {k: dict(v["filters"]) for k, v in ENDPOINTS.items()}
FILTERS["router_alerts"]["type"] = ("=", "__in")
FILTERS["net_devices"]["router"] = ("=", "__in")
CURSOR = {"alert_push_destinations": "destination_config_id", "alert_rules": "alert_config_id"}
ID_FIELD = {"alert_push_destinations": "destination_config_id", "alert_rules": "alert_config_id",
            "router_alerts": "created_at_timeuuid", "alerts": "created_at_timeuuid"}
OPS = ("__in", "__gt", "__gte", "__lt", "__lte", "__isnull")
PARAMS = frozenset(("limit", "offset", "fields", "expand", "order_by", "format"))
MAX_LIMIT = 500
# expand (and dotted fields, which reach into the same related objects): "typically account, router" (reference
# Expands), configuration_managers "only supported on the account and router fields", and the reference's example
# /routers/?expand=account,group. Anything else is refused (400) rather than invented.
EXPANDABLE = frozenset(("account", "router"))
EXPANDABLE_BY_KIND = {"routers": EXPANDABLE | {"group"}}
PRODUCT_NAMES = {i: p[0] for i, p in enumerate(PRODUCTS, 1)}

WRITABLE = {
    "accounts": {"POST": {"name", "account"}, "PUT": {"name"}},
    "groups": {"POST": {"name", "product", "target_firmware", "account", "configuration"},
               "PUT": {"name", "product", "target_firmware", "account", "configuration"},
               # the reference's PATCH example changes the configuration only; the other fields are "editable in
               # PUT/POST requests" (its PUT example renames a group)
               "PATCH": {"configuration"}},
    "routers": {"PUT": {"name", "description", "asset_id", "custom1", "custom2", "group"}},
    "locations": {"POST": {"account", "accuracy", "latitude", "longitude", "method", "router", "altitude_meters"},
                  "PUT": {"accuracy", "latitude", "longitude", "method", "altitude_meters"}},
    "alert_push_destinations": {"POST": {"name", "endpoint", "authentication", "enabled"},
                                "PATCH": {"name", "endpoint", "authentication", "enabled", "suspended"}},
    "alert_rules": {m: {"associated_accounts", "associated_groups", "email_destinations", "filter_criteria",
                        "http_destinations", "schedule", "settings"} for m in ("POST", "PATCH")},
    "speed_test": {"POST": {"account", "config"}},
    "device_app_bindings": {"POST": {"account", "app_version", "group", "state"}},
}
READ_ONLY_KNOWN = {
    "groups": {"id", "resource_url", "device_type"},
    "routers": {"id", "resource_url", "mac", "serial_number", "state", "product", "account", "actual_firmware",
                "target_firmware", "config_status", "configuration_manager", "created_at", "updated_at",
                "device_type", "full_product_name", "ipv4_address", "lans", "last_known_location", "locality",
                "overlay_network_binding", "reboot_required", "state_updated_at", "upgrade_pending"},
    "accounts": {"id", "resource_url", "is_disabled"},
    "locations": {"id", "resource_url", "updated_at"},
    "alert_push_destinations": {"destination_config_id", "account", "last_error_at", "last_error_text",
                                "updated_at", "resource_url"},
    "alert_rules": {"alert_config_id", "account", "updated_at", "external_rules", "last_summary_ts",
                    "resource_url"},
}
REQUIRED = {
    "groups": ("name", "product", "target_firmware"),
    "locations": ("router", "latitude", "longitude", "accuracy", "method"),
    "alert_push_destinations": ("name", "endpoint", "authentication"),
    "alert_rules": ("filter_criteria", "http_destinations", "schedule"),
    "accounts": ("name", "account"),  # the reference marks both required for POST, and its example sends both
    "speed_test": ("config",),
}


def not_found(url):
    """404 body."""
    return ApiError(404, {"exception": {"message": "not found", "type": "error"}, "errors": [{"path": url}]})


def method_not_allowed(url, method):
    """The documented 405 body."""
    return ApiError(405, {"errors": [{"path": url}, {"method": method}],
                          "exception": {"message": "method not allowed", "type": "error"}})


def _norm(val):
    if val is True:
        return "true"
    if val is False:
        return "false"
    if val is None:
        return None
    if isinstance(val, float) and val.is_integer():
        return str(int(val))
    return str(val)


def _cmp(a, b):
    """Compare a stored value with a query value: numerically where both are numbers."""
    try:
        fa, fb = float(a), float(b)
        return (fa > fb) - (fa < fb)
    except (TypeError, ValueError):
        sa, sb = str(a), str(b)
        return (sa > sb) - (sa < sb)


def _check_boolean(key, op, qval):
    """Booleans in queries are written true/false, as in the reference; True, FALSE, 1 or yes are refused."""
    parts = qval.split(",") if op == "__in" else [qval]
    if op == "__isnull" and qval not in ("true", "false"):
        raise validation({key: "invalid boolean %s: use true or false" % qval})
    for part in parts:
        if part.lower() in ("true", "false") and part not in ("true", "false"):
            raise validation({key: "invalid boolean %s: use true or false" % part})


def make_pred(op, qval):
    """A predicate over a filter value."""
    if op == "=":
        want = qval.lower() if qval.lower() in ("true", "false") else qval
        if want == "null":
            return lambda v: v is None
        return lambda v: _norm(v) == want
    if op == "__in":
        wants = set(qval.split(","))
        return lambda v: _norm(v) in wants
    if op == "__isnull":
        flag = qval == "true"
        return lambda v: (v is None) == flag
    sign = {"__gt": lambda c: c > 0, "__gte": lambda c: c >= 0, "__lt": lambda c: c < 0,
            "__lte": lambda c: c <= 0}[op]
    qv = qval.replace(" ", "+")
    return lambda v: v is not None and sign(_cmp(_norm(v), qv))


class Api:
    """The API over a State."""

    def __init__(self, state: State):
        self.s = state

    # ------------------------------------------------------------------ entry
    def handle(self, method, parts, query, body, read_only):
        """parts: path segments after /api/v2/. Returns (status, body or None)."""
        kind = parts[0]
        if kind not in ENDPOINTS:
            raise not_found(self.s.base + "/".join(parts) + "/")
        spec = ENDPOINTS[kind]
        url = self.s.base + "/".join(parts) + "/"
        self._check_expand(query, "configuration_managers" if parts[-1] == "configuration_manager" else kind)
        if method != "GET" and read_only:
            if method not in spec["methods"]:
                raise method_not_allowed(url, method)
            raise forbidden()
        if len(parts) == 3 and kind == "routers" and parts[2] == "configuration_manager":
            if method != "GET":
                raise method_not_allowed(url, method)
            r = self._router(parts[1], url)
            return 200, self._shape(self.s.render_cm(r), query, single=True)
        if len(parts) == 3 and kind == "firmwares" and parts[2] == "default_configuration":
            if method != "GET":
                raise method_not_allowed(url, method)
            self.get_item(kind, parts[1], {}, url)  # 404 for an unknown firmware
            return self._default_configuration(url)
        if len(parts) > 2:
            raise not_found(url)
        item = parts[1] if len(parts) == 2 else None
        allowed = spec["methods"]
        if item is None and method in ("PUT", "PATCH", "DELETE"):
            raise method_not_allowed(url, method)
        if item is not None and method == "POST":
            raise method_not_allowed(url, method)
        if method not in allowed:
            if not (kind == "router_alerts" and method == "GET"):
                raise method_not_allowed(url, method)
        if method == "GET":
            if item is None:
                return 200, self.list(kind, query, url)
            return 200, self.get_item(kind, item, query, url)
        data = self._body(body, method)
        handler = getattr(self, "w_%s" % kind, None)
        if handler is None:
            raise method_not_allowed(url, method)
        return handler(method, item, data, query, url)

    def _default_configuration(self, url):
        """The undocumented default configuration, in the shape /_sim/config ``default_configuration`` asks for."""
        shape = self.s.options.get("default_configuration", "bare")
        tree = cfg.default_configuration()
        if isinstance(shape, int):
            raise ApiError(shape, {"exception": {"message": "default configuration unavailable", "type": "error"},
                                   "errors": [{"path": url}]})
        return 200, {"bare": tree, "envelope": {"success": True, "data": tree}, "diff": [tree, []],
                     "unexpected": {"success": True, "data": sorted(tree)}}[shape]

    @staticmethod
    def _body(body, method):
        if method == "DELETE" and not body:
            return {}
        if not body:
            return {}
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise ApiError(400, {"exception": {"message": str(exc), "type": "server_error"}, "errors": []}) from exc
        return data

    # ------------------------------------------------------------------ reads
    def list(self, kind, query, url):  # pylint: disable=too-many-locals,too-many-branches,too-many-statements
        """A list response."""
        spec = ENDPOINTS[kind]
        filters = FILTERS[kind]
        preds = []
        limit = 5000 if kind == "historical_locations" else 20
        offset = 0
        has_offset = spec["offset_paging"] is not False
        for key, val in query:
            if key == "limit":
                limit = self._int(key, val)
                limit = min(limit, 5000 if kind == "historical_locations" else MAX_LIMIT)
                if limit == 0:
                    limit = 20
            elif key == "offset":
                if not has_offset:
                    raise validation({"offset": "offset is not supported on this endpoint"})
                offset = self._int(key, val)
            elif key in PARAMS:
                continue
            else:
                field, op = self._filter_op(key, filters)
                if field is None:
                    raise validation({key: "unknown filter or parameter"})
                _check_boolean(key, op, val)
                preds.append((field, make_pred(op, val)))
        if kind == "net_devices" and all(pred[0] in ("router", "id") for pred in preds) and has_offset:
            return self._list_net_devices(query, url, preds, limit, offset)
        items, render, fval = self.s.collection(kind)
        filtered = bool(preds)
        if kind in ("routers", "configuration_managers", "router_lans") and preds:
            items, preds = self._router_prefilter(kind, query, preds)
        if not has_offset:
            idf = ID_FIELD.get(kind) or CURSOR.get(kind) or "created_at_timeuuid"
            items = sorted(items, key=lambda o: str(o.get(idf, "")))
            rend_fval = fval
        else:
            rend_fval = fval
        if preds:
            items = [o for o in items if all(p(rend_fval(o, f)) for f, p in preds)]
        if has_offset:
            if not filtered and kind in ("routers", "configuration_managers", "router_lans"):
                ids = self.s.router_ids()
                page_raw = [self.s.routers[i] for i in ids[offset:offset + limit]]
                total = len(ids)
            else:
                items = items if isinstance(items, list) else list(items)
                page_raw = items[offset:offset + limit]
                total = len(items)
            data = [render(o) for o in page_raw]
            other = [(k, v) for k, v in query if k not in ("offset", "limit")]
            nxt = prev = None
            if offset + limit < total:
                nxt = url + "?" + urlencode(other + [("limit", limit), ("offset", offset + limit)])
            if offset > 0:
                prev = url + "?" + urlencode(other + [("limit", limit), ("offset", max(0, offset - limit))])
            meta = {"limit": limit, "next": nxt, "offset": offset, "previous": prev}
        else:
            items = items if isinstance(items, list) else list(items)
            page_raw = items[:limit]
            data = [render(o) for o in page_raw]
            nxt = None
            if len(items) > limit:
                cur = CURSOR.get(kind, "created_at_timeuuid")
                last = page_raw[-1].get(ID_FIELD.get(kind) or cur)
                other = [(k, v) for k, v in query if k not in ("limit", cur + "__gt")]
                nxt = url + "?" + urlencode(other + [(cur + "__gt", last), ("limit", limit)])
            meta = {"limit": limit, "next": nxt}
        fields, expand = self._fields_expand(query)
        if fields or expand:
            data = [self._select(o, fields, expand) for o in data]
        return {"data": data, "meta": meta}

    def _router_prefilter(self, kind, query, preds):
        """Fast paths for router-keyed collections: id/router lookups and group/state/name equality."""
        routers = self.s.routers
        keyf = {"routers": "id", "router_lans": "id", "configuration_managers": "router"}[kind]
        cand = None
        rest = []
        for (field, pred), (key, val) in zip(preds, [(k, v) for k, v in query if k not in PARAMS]):
            if field in (keyf, "router") and key in (field, field + "__in"):
                ids = set()
                for part in val.split(","):
                    try:
                        ids.add(int(part) - (CM_OFFSET if kind == "configuration_managers" and field == "id" else 0))
                    except ValueError:
                        continue
                cand = ids if cand is None else cand & ids
            elif kind == "routers" and field == "group" and key in ("group", "group__in"):
                want = set()
                for part in val.split(","):
                    want.add(None if part in ("null", "") else int(part) if part.isdigit() else -1)
                rest.append(("__group", lambda r, want=want: r.group in want))
            else:
                rest.append((field, pred))
        if cand is not None:
            items = [routers[i] for i in sorted(cand) if i in routers]
        else:
            items = (routers[i] for i in self.s.router_ids())
        fast = [p for f, p in rest if f == "__group"]
        slow = [(f, p) for f, p in rest if f != "__group"]
        if fast:
            items = [r for r in items if all(p(r) for p in fast)]
        return items, slow

    def _list_net_devices(self, query, url, preds, limit, offset):
        """net_devices paged without rendering every router's devices."""
        s = self.s
        ids = s.router_ids()
        keys = [(k, v) for k, v in query if k not in PARAMS]
        if preds:
            rids = None
            nids = None
            for (field, _pred), (_key, val) in zip(preds, keys):
                vals = {int(x) for x in val.split(",") if x.isdigit()}
                if field == "router":
                    rids = vals if rids is None else rids & vals
                else:
                    nids = vals if nids is None else nids & vals
            if nids is not None:
                rids = {(n + 1) // 2 for n in nids} if rids is None else rids & {(n + 1) // 2 for n in nids}
            devs = []
            for rid in sorted(rids or ()):
                r = s.routers.get(rid)
                if r is None:
                    continue
                for dev in s.render_net_devices(r):
                    if nids is None or int(dev["id"]) in nids:
                        devs.append(dev)
            total = len(devs)
            data = devs[offset:offset + limit]
        else:
            total = 2 * len(ids)
            data = []
            k = offset
            while k < min(total, offset + limit):
                data.append(s.render_net_devices(s.routers[ids[k // 2]])[k % 2])
                k += 1
        other = [(k, v) for k, v in query if k not in ("offset", "limit")]
        nxt = url + "?" + urlencode(other + [("limit", limit), ("offset", offset + limit)]) \
            if offset + limit < total else None
        prev = url + "?" + urlencode(other + [("limit", limit), ("offset", max(0, offset - limit))]) \
            if offset > 0 else None
        fields, expand = self._fields_expand(query)
        if fields or expand:
            data = [self._select(o, fields, expand) for o in data]
        return {"data": data, "meta": {"limit": limit, "next": nxt, "offset": offset, "previous": prev}}

    @staticmethod
    def _int(key, val):
        try:
            num = int(val)
        except ValueError as exc:
            raise validation({key: "must be a non-negative integer"}) from exc
        if num < 0:
            raise validation({key: "must be a non-negative integer"})
        return num

    @staticmethod
    def _filter_op(key, filters):
        if key in filters and "=" in filters[key]:
            return key, "="
        for op in OPS:
            if key.endswith(op):
                field = key[: -len(op)]
                if field in filters and op in filters[field]:
                    return field, op
        if key.endswith("__exact") and key[:-7] in filters and "=" in filters[key[:-7]]:
            return key[:-7], "="
        return None, None

    def _check_expand(self, query, kind):
        """400 for an expand, or a dotted field, on a field the reference does not document as expandable."""
        fields, expand = self._fields_expand(query)
        allowed = () if self.s.options.get("refuse_expand") else EXPANDABLE_BY_KIND.get(kind, EXPANDABLE)
        errors = {}
        bad = [f for f in expand or () if f not in allowed]
        if bad:
            errors["expand"] = "not expandable on %s: %s" % (kind, ", ".join(bad))
        bad = [f for f in fields or () if "." in f and f.split(".", 1)[0] not in allowed]
        if bad:
            errors["fields"] = "not expandable on %s: %s" % (kind, ", ".join(bad))
        if errors:
            raise validation(errors)

    @staticmethod
    def _fields_expand(query):
        fields = expand = None
        for key, val in query:
            if key == "fields" and val:
                fields = [f.strip() for f in val.split(",") if f.strip()]
            elif key == "expand" and val:
                expand = [f.strip() for f in val.split(",") if f.strip()]
        return fields, expand

    def _shape(self, obj, query, single=False):  # pylint: disable=unused-argument
        fields, expand = self._fields_expand(query)
        if fields or expand:
            return self._select(obj, fields, expand)
        return obj

    def _select(self, obj, fields, expand):
        if expand:
            obj = dict(obj)
            for f in expand:
                rel = self.resolve_url(obj.get(f))
                if rel is not None:
                    obj[f] = rel
        if not fields:
            return obj
        out = {}
        for f in fields:
            if "." in f:
                head, tail = f.split(".", 1)
                val = obj.get(head)
                rel = val if isinstance(val, dict) else self.resolve_url(val)
                if rel is not None:
                    sub = out.setdefault(head, {})
                    if isinstance(sub, dict):
                        sub[tail] = rel.get(tail)
            elif f in obj:
                out[f] = obj[f]
        return out

    def resolve_url(self, url):
        """Render the object a URL points to (or None)."""
        if not isinstance(url, str) or not url.startswith(self.s.base):
            return None
        parts = [p for p in url[len(self.s.base):].split("?")[0].split("/") if p]
        if len(parts) != 2:
            return None
        try:
            return self.get_item(parts[0], parts[1], [], url)
        except ApiError:
            return None

    def get_item(self, kind, item, query, url):
        """A single object."""
        s = self.s
        if kind == "routers":
            obj = s.render_router(self._router(item, url))
        elif kind == "configuration_managers":
            obj = s.render_cm(self._cm_router(item, url))
        elif kind == "net_devices":
            try:
                nid = int(item)
            except ValueError as exc:
                raise not_found(url) from exc
            r = s.routers.get((nid + 1) // 2)
            if r is None:
                raise not_found(url)
            obj = s.render_net_devices(r)[(nid + 1) % 2]
        elif kind == "router_lans":
            obj = s.render_lan(self._router(item, url))
        else:
            table = s.tables.get(kind)
            if table is None or item not in table:
                raise not_found(url)
            obj = s.render(kind, table[item])
        return self._shape(obj, query, single=True)

    def _router(self, item, url):
        try:
            r = self.s.routers.get(int(item))
        except ValueError:
            r = None
        if r is None:
            raise not_found(url)
        return r

    def _cm_router(self, item, url):
        try:
            r = self.s.routers.get(int(item) - CM_OFFSET)
        except ValueError:
            r = None
        if r is None:
            raise not_found(url)
        return r

    # ------------------------------------------------------------------ write helpers
    @staticmethod
    def _check_fields(kind, method, data, status=400):
        if not isinstance(data, dict):
            raise validation({"body": "expected a JSON object"})
        allowed = WRITABLE.get(kind, {}).get(method, set())
        errors = {}
        for key in data:
            if key not in allowed:
                errors[key] = "read-only field" if key in READ_ONLY_KNOWN.get(kind, ()) else "no such field"
                if key in WRITABLE.get(kind, {}).get("PUT", ()):
                    errors[key] = "not editable with %s (use PUT)" % method
        if errors:
            raise validation(errors, status)
        if method == "POST":
            missing = {k: "this field is required" for k in REQUIRED.get(kind, ()) if k not in data}
            if missing:
                raise validation(missing)

    def _ref(self, kind, value, field, form="url"):
        """A reference -> id string, validated to exist. form "url": an absolute URL of this server ending in
        /<kind>/<id>/ (as every reference example shows; bare ids and relative URIs are refused); form "id": an
        integer id, as an int or a string of digits (locations.router)."""
        if value is None:
            return None
        if form == "id":
            if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).isdigit():
                raise validation({field: "invalid value %r: an integer id is required" % (value,)})
            sid = str(value)
        else:
            root = self.s.base.split("/api/")[0] + "/api/"
            if not isinstance(value, str) or not value.startswith(root):
                raise validation({field: "invalid URI %r: the absolute URL of the %s is required" % (value, kind[:-1])})
            segs = [p for p in value[len(root):].split("?")[0].split("/") if p]
            if len(segs) != 3 or segs[0] not in ("v1", "v2") or segs[1] != kind or not value.split("?")[0].endswith("/"):
                raise validation({field: "invalid URI %s" % value})
            sid = segs[2]
        if kind == "routers":
            ok = sid.isdigit() and int(sid) in self.s.routers
        else:
            ok = sid in self.s.tables[kind]
        if not ok:
            raise validation({field: "%s %s not found" % (kind[:-1], sid)})
        return sid

    # ------------------------------------------------------------------ accounts
    def w_accounts(self, method, item, data, query, url):
        """accounts writes."""
        t = self.s.tables["accounts"]
        if method == "DELETE":
            if item not in t:
                raise not_found(url)
            if item == "1":
                raise forbidden()
            del t[item]
            return 204, None
        self._check_fields("accounts", method, data)
        if not isinstance(data.get("name"), str) or not data["name"]:
            raise validation({"name": "this field is required"})
        if method == "POST":
            parent = self._ref("accounts", data["account"], "account")
            if parent is None:
                raise validation({"account": "this field is required"})
            self.s.counters["accounts"] += 1
            aid = str(max(int(k) for k in t) + 1 if t else 1)
            t[aid] = {"id": aid, "name": data["name"], "account": parent, "is_disabled": False}
            out = self.s.render("accounts", t[aid])
            out["resource_url"] = self.s.u["accounts"]
            return 201, out
        if item not in t:
            raise not_found(url)
        t[item]["name"] = data["name"]
        return 202, self._shape(self.s.render("accounts", t[item]), query)

    # ------------------------------------------------------------------ groups
    def w_groups(self, method, item, data, query, url):  # pylint: disable=too-many-branches
        """groups writes."""
        s = self.s
        t = s.tables["groups"]
        if method != "POST" and item not in t:
            raise not_found(url)
        if method == "DELETE":
            for r in s.routers.values():
                if r.group == int(item):
                    old = s.target_of(r)
                    cm = s.cm_obj(r)
                    r.group = None
                    s.change_target(r, cm, old)
            del t[item]
            return 204, None
        self._check_fields("groups", method, data)
        cur = t.get(item) if item else None
        errors = {}
        if "name" in data and (not isinstance(data["name"], str) or not data["name"].strip()):
            errors["name"] = "must be a non-empty string"
        product = cur["product"] if cur else None
        firmware = cur["target_firmware"] if cur else None
        try:
            if "product" in data:
                product = self._ref("products", data["product"], "product")
            if "target_firmware" in data:
                firmware = self._ref("firmwares", data["target_firmware"], "target_firmware")
            account = self._ref("accounts", data["account"], "account") if data.get("account") else None
        except ApiError as exc:
            errors.update(exc.body["errors"][0])
            account = None
        if product and firmware and not errors and s.tables["firmwares"][firmware]["product"] != product:
            errors["target_firmware"] = "firmware does not belong to product"
        conf = None
        if "configuration" in data:
            conf = self._config_input(data["configuration"], url, 400, method)
        if errors:
            raise validation(errors)
        if method == "POST":
            s.counters["groups"] = max(int(k) for k in t) + 1 if t else 1
            gid = str(s.counters["groups"])
            t[gid] = {"id": gid, "name": data["name"], "account": account or "1", "product": product,
                      "target_firmware": firmware, "configuration": conf if conf else cfg.empty(),
                      "device_type": "router"}
            out = s.render("groups", t[gid])
            return 201, self._shape(out, query)
        g = cur
        members = [r for r in s.routers.values() if r.group == int(item)]
        if "configuration" in data:
            olds = [(r, s.target_of(r), s.cm_obj(r)) for r in members]
            if method == "PATCH":
                g["configuration"] = cfg.patch(g["configuration"], data["configuration"])
            else:
                g["configuration"] = conf
            for r, old, cm in olds:
                s.change_target(r, cm, old)
        if "name" in data:
            g["name"] = data["name"]
        if account:
            g["account"] = account
        if product != g["product"] or firmware != g["target_firmware"]:
            g["product"], g["target_firmware"] = product, firmware
            for r in members:
                r.product = int(product)
                r.target_fw = int(firmware)
                if s.router_state(r) == "online":
                    r.actual_fw = r.target_fw
                r.updated_at = now_ts()
        return 202, self._shape(s.render("groups", g), query)

    def _config_input(self, value, url, status, method):
        try:
            conf = cfg.validate(value)
        except cfg.ConfigError as exc:
            code = 400 if exc.kind in ("id", "shape") else status
            raise ApiError(code, exc.body(url)) from exc
        if method == "PATCH" and conf[1]:
            # "Note that you can't remove anything with PATCH, you can only add or update changes." (reference);
            # what NCM does with removals in a PATCH is not documented, so they are refused rather than applied
            raise validation({"configuration": "removals cannot be made with PATCH (use PUT)"})
        return conf

    # ------------------------------------------------------------------ routers
    def w_routers(self, method, item, data, query, url):
        """routers writes."""
        s = self.s
        r = self._router(item, url)
        if method == "DELETE":
            rid = r.id
            del s.routers[rid]
            s._router_ids = None  # pylint: disable=protected-access
            s.cms.pop(rid, None)
            for tname in ("locations", "router_alerts", "alerts"):
                tab = s.tables[tname]
                for key in [k for k, v in tab.items() if str(v.get("router")) == str(rid)]:
                    del tab[key]
            return 204, None
        self._check_fields("routers", method, data)
        errors = {}
        for key in ("name", "description", "asset_id", "custom1", "custom2"):
            if key in data and data[key] is not None and not isinstance(data[key], str):
                errors[key] = "not a string"
        if "name" in data and not data["name"]:
            errors["name"] = "this field may not be blank"
        newgroup = r.group
        if "group" in data:
            try:
                gid = self._ref("groups", data["group"], "group")
            except ApiError as exc:
                errors.update(exc.body["errors"][0])
                gid = None
            if gid is not None and not errors:
                g = s.tables["groups"][gid]
                if int(g["product"]) != r.product:
                    errors["group"] = "product mismatch: router is %s, group is %s" % (
                        PRODUCT_NAMES.get(r.product), PRODUCT_NAMES.get(int(g["product"])))
            newgroup = int(gid) if gid is not None else None
        if errors:
            raise validation(errors)
        for key in ("name", "description", "asset_id", "custom1", "custom2"):
            if key in data:
                setattr(r, key, data[key])
        if newgroup != r.group:
            old = s.target_of(r)
            cm = s.cm_obj(r)
            r.group = newgroup
            if newgroup is not None:
                r.target_fw = int(s.tables["groups"][str(newgroup)]["target_firmware"])
                if s.router_state(r) == "online":
                    r.actual_fw = r.target_fw
            s.change_target(r, cm, old)
        r.updated_at = now_ts()
        return 202, self._shape(s.render_router(r), query)

    # ------------------------------------------------------------------ configuration managers
    def w_configuration_managers(self, method, item, data, query, url):
        """configuration_managers PUT/PATCH."""
        s = self.s
        r = self._cm_router(item, url)
        if not isinstance(data, dict):
            raise validation({"body": "expected a JSON object"}, 409)
        extra = {k: "no such field" if k not in READ_ONLY_CM else "read-only field"
                 for k in data if k not in ("configuration", "suspended")}
        if extra:
            raise validation(extra, 409)
        if method == "PATCH" and "suspended" in data:
            raise validation({"suspended": "PATCH only takes configuration"}, 409)
        if "suspended" in data and not isinstance(data["suspended"], bool):
            raise validation({"suspended": "not a boolean"})
        conf = None
        if "configuration" in data:
            conf = self._config_input(data["configuration"], url, 409 if method == "PUT" else 400, method)
        cm = s.cm_obj(r)
        s.settle(r, cm)
        old = s.target_of(r, cm)
        if conf is not None:
            if method == "PATCH":
                cm.indiv = cfg.patch(cm.indiv, data["configuration"])
            else:
                cm.indiv = conf
            s.change_target(r, cm, old)
        if "suspended" in data:
            if data["suspended"]:
                cm.suspended = True
            elif cm.suspended and s.router_state(r) == "online":
                cm.suspended = False
                s.settle(r, cm)
        if method == "PATCH":
            return 202, None
        return 202, self._shape(s.render_cm(r), query)

    # ------------------------------------------------------------------ locations
    def w_locations(self, method, item, data, query, url):
        """locations writes."""
        s = self.s
        t = s.tables["locations"]
        if method != "POST" and item not in t:
            raise not_found(url)
        if method == "DELETE":
            loc = t.pop(item)
            r = s.routers.get(int(loc["router"]))
            if r is not None and r.location == int(item):
                r.location = None
            return 204, None
        self._check_fields("locations", method, data)
        if method == "PUT":
            missing = {k: "this field is required" for k in ("accuracy", "latitude", "longitude") if k not in data}
            if missing:
                raise validation(missing)
        errors = {}
        vals = {}
        for key in ("latitude", "longitude", "accuracy", "altitude_meters"):
            if key in data:
                try:
                    vals[key] = None if data[key] is None and key == "altitude_meters" else float(data[key])
                except (TypeError, ValueError):
                    errors[key] = "not a number"
        if "latitude" in vals and not -90 <= vals["latitude"] <= 90:
            errors["latitude"] = "must be between -90 and 90"
        if "longitude" in vals and not -180 <= vals["longitude"] <= 180:
            errors["longitude"] = "must be between -180 and 180"
        if "accuracy" in vals:
            vals["accuracy"] = int(vals["accuracy"])
        if "method" in data:
            if data["method"] not in ("gps", "manual"):
                errors["method"] = "invalid option (gps, manual)"
            vals["method"] = data["method"]
        if method == "POST":
            try:
                rid = self._ref("routers", data["router"], "router", form="id")
            except ApiError as exc:
                errors.update(exc.body["errors"][0])
                rid = None
            if rid and s.routers[int(rid)].location is not None:
                errors["router"] = "router already has a location"
        if errors:
            raise validation(errors)
        if method == "POST":
            s.counters["locations"] = max([int(k) for k in t] + [s.counters["locations"]]) + 1
            lid = str(s.counters["locations"])
            t[lid] = {"id": lid, "router": rid, "account": "1", "altitude_meters": None, "updated_at": now_ts()}
            t[lid].update(vals)
            s.routers[int(rid)].location = int(lid)
            return 201, self._shape(s.render("locations", t[lid]), query)
        t[item].update(vals)
        t[item]["updated_at"] = now_ts()
        return 202, self._shape(s.render("locations", t[item]), query)

    # ------------------------------------------------------------------ push destinations
    def w_alert_push_destinations(self, method, item, data, query, url):  # pylint: disable=too-many-branches
        """alert_push_destinations writes."""
        s = self.s
        t = s.tables["alert_push_destinations"]
        if method != "POST" and item not in t:
            raise not_found(url)
        if method == "DELETE":
            del t[item]
            return 204, None
        self._check_fields("alert_push_destinations", method, data)
        errors = {}
        if "name" in data and (not isinstance(data["name"], str) or not data["name"]):
            errors["name"] = "must be a non-empty string"
        if "endpoint" in data:
            ep = data["endpoint"]
            if not isinstance(ep, dict) or set(ep) != {"url"} or not isinstance(ep["url"], str):
                errors["endpoint"] = 'must be {"url": <string>}'
            elif not ep["url"].startswith(("http://", "https://")):
                errors["endpoint"] = 'url must have "http://" or "https://" prefix'
            elif any(d["endpoint"]["url"] == ep["url"] and k != item for k, d in t.items()):
                errors["endpoint"] = "a destination with url %s already exists" % ep["url"]
        if "authentication" in data:
            au = data["authentication"]
            if not isinstance(au, dict) or set(au) != {"secret"} or not isinstance(au["secret"], str) \
                    or not au["secret"]:
                errors["authentication"] = 'must be {"secret": <string>}'
        for key in ("enabled", "suspended"):
            if key in data and not isinstance(data[key], bool):
                errors[key] = "not a boolean"
        if method == "PATCH" and data.get("suspended") is True and not t[item]["suspended"]:
            errors["suspended"] = "suspended can only be changed from true to false"
        if errors:
            raise validation(errors)
        if method == "POST":
            did = str(uuid.uuid1())
            t[did] = {"destination_config_id": did, "name": data["name"], "account": "1",
                      "endpoint": dict(data["endpoint"]), "authentication": dict(data["authentication"]),
                      "enabled": data.get("enabled", True), "suspended": "suspend" in data["endpoint"]["url"],
                      "last_error_at": None, "last_error_text": None, "updated_at": now_ts()}
            out = s.render("alert_push_destinations", t[did])
            out["resource_url"] = s.u["alert_push_destinations"]
            return 201, self._shape(out, query)
        for key, val in data.items():
            t[item][key] = copy.deepcopy(val)
        t[item]["updated_at"] = now_ts()
        return 202, None

    def w_test_alert_push_destinations(self, method, item, data, query, url):  # pylint: disable=unused-argument
        """POST test_alert_push_destinations."""
        if not isinstance(data, dict) or set(data) != {"destination_config_id"}:
            raise validation({"destination_config_id": "this field is required"})
        t = self.s.tables["alert_push_destinations"]
        dest = t.get(str(data["destination_config_id"]))
        if dest is None:
            raise validation({"destination_config_id": "destination %s not found" % data["destination_config_id"]})
        if "fail" in dest["endpoint"]["url"]:
            dest["last_error_at"] = now_ts()
            dest["last_error_text"] = "connection refused"
            raise validation({"destination_config_id": "destination unreachable: %s: connection refused"
                              % dest["endpoint"]["url"]})
        return 201, None

    # ------------------------------------------------------------------ alert rules
    def w_alert_rules(self, method, item, data, query, url):  # pylint: disable=too-many-branches
        """alert_rules writes."""
        s = self.s
        t = s.tables["alert_rules"]
        if method != "POST" and item not in t:
            raise not_found(url)
        if method == "DELETE":
            del t[item]
            return 204, None
        self._check_fields("alert_rules", method, data)
        errors = {}
        fc = data.get("filter_criteria")
        if "filter_criteria" in data:
            if not isinstance(fc, dict) or not set(fc) <= {"alert_type__in", "external_id__in"} or \
                    not isinstance(fc.get("alert_type__in", []), list):
                errors["filter_criteria"] = "must be {\"alert_type__in\": [...], \"external_id__in\": [...]}"
        for key, table in (("http_destinations", "alert_push_destinations"), ("email_destinations", "users"),
                           ("associated_groups", "groups"), ("associated_accounts", "accounts")):
            if key in data:
                val = data[key]
                if val is None:
                    continue
                if not isinstance(val, list):
                    errors[key] = "must be a list"
                    continue
                missing = [v for v in val if str(v) not in s.tables[table]]
                if missing:
                    errors[key] = "not found: %s" % ", ".join(str(m) for m in missing)
        if "schedule" in data and data["schedule"] not in (None, "hourly", "daily"):
            errors["schedule"] = "invalid option (null, hourly, daily)"
        if errors:
            raise validation(errors)
        if method == "POST":
            rid = str(uuid.uuid1())
            t[rid] = {"alert_config_id": rid, "account": "1", "associated_accounts": [], "associated_groups": [],
                      "email_destinations": [], "external_rules": None, "filter_criteria": {},
                      "http_destinations": [], "last_summary_ts": None, "schedule": None, "settings": None,
                      "updated_at": now_ts()}
            t[rid].update(copy.deepcopy(data))
            out = s.render("alert_rules", t[rid])
            out["resource_url"] = s.u["alert_rules"]
            return 201, self._shape(out, query)
        t[item].update(copy.deepcopy(data))
        t[item]["updated_at"] = now_ts()
        return 201, None

    # ------------------------------------------------------------------ reboot
    def w_reboot_activity(self, method, item, data, query, url):  # pylint: disable=unused-argument
        """POST reboot_activity."""
        s = self.s
        if not isinstance(data, dict) or set(data) - {"router", "group"}:
            raise validation({k: "no such field" for k in (data if isinstance(data, dict) else {"body": 1})
                              if k not in ("router", "group")})
        if ("router" in data) == ("group" in data):
            raise validation({"router": "exactly one of router or group is required"})
        try:
            if "router" in data:
                targets = [s.routers[int(self._ref("routers", data["router"], "router"))]]
            else:
                gid = int(self._ref("groups", data["group"], "group"))
                targets = [r for r in s.routers.values() if r.group == gid]
        except ApiError as exc:
            raise forbidden() from exc
        delay = float(s.options.get("reboot_delay_s", 2.0))
        for r in targets:
            if s.router_state(r) != "online":
                continue  # the request is lost
            r.state = "offline"
            r.state_updated_at = now_ts()
            r.reboot_until = time.time() + delay
        return 201, None

    # ------------------------------------------------------------------ others
    def w_speed_test(self, method, item, data, query, url):
        """speed_test writes (minimal)."""
        s = self.s
        t = s.tables["speed_test"]
        if method == "DELETE":
            if item not in t:
                raise not_found(url)
            del t[item]
            return 204, None
        self._check_fields("speed_test", method, data)
        s.counters["speed_test"] += 1
        sid = str(s.counters["speed_test"])
        t[sid] = {"id": sid, "account": "1", "config": copy.deepcopy(data["config"]), "created_at": now_ts(),
                  "progress": {"percent": 100}, "results": {}, "state": "complete", "updated_at": now_ts()}
        return 201, self._shape(s.render("speed_test", t[sid]), query)


READ_ONLY_CM = {"id", "account", "actual", "pending", "resource_url", "router", "synched", "target",
                "version_number", "updated_at"}
