"""The simulator's state: a deterministic seed and the resources' rules (no HTTP here)."""

import copy
import datetime
import time
import uuid

from . import config as cfg

SEED_TS = "2024-01-01T00:00:00+00:00"
PRODUCTS = (("IBR900", 3), ("E300", 3), ("AER2200", 4), ("IBR1700", 3))
VERSIONS = ("7.23.40", "7.24.10", "7.24.30")
GROUP_VERSIONS = ("7.24.30", "7.24.10", "7.23.40")
USERS = (("admin", "admin@example.com", "Ada", "Admin"), ("ops", "ops@example.com", "Oscar", "Ops"),
         ("viewer", "viewer@example.com", "Vera", "Viewer"))
SEED_DEST_ID = "00000000-5e1d-11ee-8000-000000000001"
SEED_RULE_ID = "00000000-5e1d-11ee-8000-000000000101"
CM_OFFSET = 1000


def now_ts():
    """Current time as the API writes it."""
    return datetime.datetime.now(datetime.timezone.utc).isoformat()


def router_mac(rid):
    """A router's MAC: upper case with colons, as the reference shows MACs (``00:30:44:47:CB:09``)."""
    return "00:30:44:%02X:%02X:%02X" % ((rid >> 16) & 255, (rid >> 8) & 255, rid & 255)


def fw_id(product_id, version):
    """Seed firmware id of a product's version."""
    return (product_id - 1) * 3 + VERSIONS.index(version) + 1


class ApiError(Exception):
    """An API error: status + body."""

    def __init__(self, status, body):
        super().__init__(status)
        self.status = status
        self.body = body


def validation(errors, status=400):
    """A validation error with per-field errors ({field: reason})."""
    return ApiError(status, {"exception": {"type": "validation", "message": "bad or missing data"},
                             "errors": [{k: v} for k, v in errors.items()]})


def forbidden():
    """The documented forbidden error."""
    return ApiError(403, {"exception": {"message": "forbidden", "type": "error"}, "errors": []})


class Router:  # pylint: disable=too-few-public-methods,too-many-instance-attributes
    """Compact mutable router record; everything derivable from the id is computed when rendered."""

    __slots__ = ("id", "name", "description", "asset_id", "custom1", "custom2", "group", "product",
                 "target_fw", "actual_fw", "state", "state_updated_at", "updated_at", "reboot_until", "location")

    def __init__(self, rid, group, product, fw, online):
        self.id = rid
        self.name = "router-%05d" % rid
        self.description = self.asset_id = self.custom1 = self.custom2 = None
        self.group = group
        self.product = product
        self.target_fw = self.actual_fw = fw
        self.state = "online" if online else "offline"
        self.state_updated_at = self.updated_at = SEED_TS
        self.reboot_until = 0.0
        self.location = None


class ConfigManager:  # pylint: disable=too-few-public-methods
    """Materialized state of one router's configuration manager (created on first change)."""

    __slots__ = ("indiv", "actual", "version", "synched", "suspended", "changed_at", "updated_at")

    def __init__(self, actual):
        self.indiv = cfg.empty()
        self.actual = actual
        self.version = 0
        self.synched = True
        self.suspended = False
        self.changed_at = 0.0
        self.updated_at = SEED_TS


class State:  # pylint: disable=too-many-instance-attributes,too-many-public-methods
    """All collections of one simulated account."""

    def __init__(self, base, seed_size=10, options=None):
        self.base = base
        self.seed_size = seed_size
        self.options = options if options is not None else {"reboot_delay_s": 2.0, "sync_delay_s": 0.0}
        self.u = {}
        for name in ("accounts", "products", "firmwares", "groups", "routers", "configuration_managers",
                     "net_devices", "locations", "users", "alert_push_destinations", "alert_rules", "router_alerts",
                     "alerts", "router_lans", "speed_test", "device_app_bindings", "device_apps",
                     "device_app_versions", "device_app_states", "activity_logs", "historical_locations",
                     "reboot_activity", "test_alert_push_destinations"):
            self.u[name] = base + name + "/"
        self.tables = {}
        self.routers = {}
        self.cms = {}
        self._router_ids = None
        self.counters = {}
        self.seed()

    # ------------------------------------------------------------------ seed
    def seed(self):
        """Build the deterministic start state."""
        n = self.seed_size
        t = self.tables = {k: {} for k in (
            "accounts", "products", "firmwares", "groups", "users", "alert_push_destinations", "alert_rules",
            "locations", "router_alerts", "alerts", "speed_test", "device_app_bindings", "device_apps",
            "device_app_versions", "device_app_states", "activity_logs", "historical_locations", "failovers",
            "batteries", "router_logs", "net_device_health", "net_device_metrics", "net_device_signal_samples",
            "net_device_usage_samples", "router_state_samples", "router_stream_usage_samples")}
        t["accounts"]["1"] = {"id": "1", "name": "Sim Account", "account": "1", "is_disabled": False}
        t["accounts"]["2"] = {"id": "2", "name": "Sim Subaccount", "account": "1", "is_disabled": False}
        for i, (pname, series) in enumerate(PRODUCTS, 1):
            t["products"][str(i)] = {"id": str(i), "name": pname, "series": series, "device_type": "router"}
            for ver in VERSIONS:
                fid = str(fw_id(i, ver))
                t["firmwares"][fid] = {
                    "id": fid, "version": ver, "product": str(i), "built_at": SEED_TS, "released_at": SEED_TS,
                    "uploaded_at": SEED_TS, "expires_at": None, "is_deprecated": ver == VERSIONS[0],
                    "hash": "%040x" % int(fid), "url": None}
        ngroups = max(3, n // 50)
        for g in range(1, ngroups + 1):
            prod = (g - 1) % 4 + 1
            ver = GROUP_VERSIONS[((g - 1) // 4) % 3]
            conf = [{"system": {"ui_activated": True}}, []] if g == 1 else cfg.empty()
            t["groups"][str(g)] = {"id": str(g), "name": "group-%03d" % g, "account": "1", "product": str(prod),
                                   "target_firmware": str(fw_id(prod, ver)), "configuration": conf,
                                   "device_type": "router"}
        self.counters = {"groups": ngroups, "locations": n // 5, "accounts": 2, "router_alerts": 0,
                         "speed_test": 0}
        routers = {}
        groups = t["groups"]
        for i in range(1, n + 1):
            if i % 10 == 0:
                prod = (i - 1) % 4 + 1
                r = Router(i, None, prod, fw_id(prod, "7.24.30"), i % 7 != 0)
            else:
                g = groups[str((i - 1) % ngroups + 1)]
                r = Router(i, int(g["id"]), int(g["product"]), int(g["target_firmware"]), i % 7 != 0)
            if i % 5 == 0:
                r.location = i // 5
                t["locations"][str(i // 5)] = {
                    "id": str(i // 5), "router": str(i), "account": "1", "latitude": 40.0 + i / 1000.0,
                    "longitude": -105.0 - i / 1000.0, "accuracy": 10, "altitude_meters": None, "method": "gps",
                    "updated_at": SEED_TS}
            routers[i] = r
        self.routers = routers
        self._router_ids = None
        self.cms = {}
        for i, (uname, email, first, last) in enumerate(USERS, 1):
            t["users"][str(i)] = {"id": str(i), "username": uname, "email": email, "first_name": first,
                                  "last_name": last, "account": "1", "is_active": True}
        t["alert_push_destinations"][SEED_DEST_ID] = {
            "destination_config_id": SEED_DEST_ID, "name": "sim-webhook", "account": "1",
            "endpoint": {"url": "https://hooks.example.com/ncm"}, "authentication": {"secret": "sim-secret"},
            "enabled": True, "suspended": False, "last_error_at": None, "last_error_text": None,
            "updated_at": SEED_TS}
        t["alert_rules"][SEED_RULE_ID] = {
            "alert_config_id": SEED_RULE_ID, "account": "1", "associated_accounts": [],
            "associated_groups": [1], "email_destinations": [1], "external_rules": None,
            "filter_criteria": {"alert_type__in": ["connection_state"]}, "http_destinations": [SEED_DEST_ID],
            "last_summary_ts": None, "schedule": None, "settings": None, "updated_at": SEED_TS}

    # ------------------------------------------------------------------ helpers
    def url(self, kind, oid):
        """Absolute URL of one object."""
        return "%s%s/" % (self.u[kind], oid)

    def router_ids(self):
        """Router ids in order (cached)."""
        if self._router_ids is None:
            self._router_ids = list(self.routers)
        return self._router_ids

    def router_state(self, r):
        """Effective state of a router (ends a reboot whose delay has passed)."""
        if r.reboot_until and time.time() >= r.reboot_until:
            r.reboot_until = 0.0
            r.state = "online"
            r.state_updated_at = now_ts()
        return r.state

    def group_config(self, gid):
        """A group's configuration diff (or the empty diff)."""
        if gid is None:
            return None
        g = self.tables["groups"].get(str(gid))
        return g["configuration"] if g else None

    def target_of(self, r, cm=None):
        """The target config of a router."""
        cm = cm if cm is not None else self.cms.get(r.id)
        indiv = cm.indiv if cm is not None else None
        gconf = self.group_config(r.group)
        if indiv is None:
            return copy.deepcopy(gconf) if gconf else cfg.empty()
        return cfg.layer(gconf, indiv)

    def cm_obj(self, r):
        """Materialize the config manager of a router."""
        cm = self.cms.get(r.id)
        if cm is None:
            cm = ConfigManager(self.target_of(r, None))
            self.cms[r.id] = cm
        return cm

    def settle(self, r, cm):
        """Sync an unsynched config manager if its router is online and the sync delay has passed."""
        if cm.synched or cm.suspended:
            return
        if self.router_state(r) != "online":
            return
        if time.time() < cm.changed_at + float(self.options.get("sync_delay_s", 0.0)):
            return
        target = self.target_of(r, cm)
        bad = cfg.find_reject(target[0])
        if bad is not None:
            cm.suspended = True
            self.add_router_alert(r.id, "config_rejected", {
                "reason": "invalid value %s at %s" % (cfg.REJECT_VALUE, ".".join(str(p) for p in bad)),
                "version_number": cm.version})
            return
        cm.actual = target
        cm.synched = True

    def change_target(self, r, cm, old_target):
        """After a config change: bump version if the target changed."""
        new_target = self.target_of(r, cm)
        if new_target != old_target:
            cm.version += 1
            cm.synched = False
            cm.changed_at = time.time()
            cm.updated_at = now_ts()
            self.settle(r, cm)

    def add_router_alert(self, rid, atype, info):
        """Create a router alert."""
        self.counters["router_alerts"] += 1
        aid = str(uuid.uuid1())
        ts = now_ts()
        self.tables["router_alerts"][aid] = {
            "id": aid, "created_at": ts, "created_at_timeuuid": aid, "detected_at": ts,
            "friendly_info": "%s on router %s" % (atype, rid), "info": info, "router": str(rid), "type": atype}

    def router_config_status(self, r):
        """synched / pending / suspended."""
        cm = self.cms.get(r.id)
        if cm is None:
            return "synched"
        self.settle(r, cm)
        if cm.suspended:
            return "suspended"
        return "synched" if cm.synched else "pending"

    # ------------------------------------------------------------------ renderers
    def render_router(self, r):
        """A router as the API shows it."""
        rid = r.id
        u = self.u
        return {
            "account": u["accounts"] + "1/",
            "actual_firmware": "%s%d/" % (u["firmwares"], r.actual_fw) if r.actual_fw else None,
            "asset_id": r.asset_id,
            "config_status": self.router_config_status(r),
            "configuration_manager": "%s%d/configuration_manager/" % (u["routers"], rid),
            "created_at": SEED_TS,
            "custom1": r.custom1,
            "custom2": r.custom2,
            "description": r.description,
            "device_type": "router",
            "full_product_name": PRODUCTS[r.product - 1][0] if r.product <= len(PRODUCTS) else "unknown",
            "group": "%s%d/" % (u["groups"], r.group) if r.group is not None else None,
            "id": str(rid),
            "ipv4_address": "10.%d.%d.%d" % ((rid >> 16) & 255, (rid >> 8) & 255, rid & 255),
            "lans": "%s?router=%d" % (u["router_lans"], rid),
            "last_known_location": "%s%d/" % (u["locations"], r.location) if r.location is not None else None,
            "locality": "US/Mountain",
            "mac": router_mac(rid),
            "name": r.name,
            "overlay_network_binding": None,
            "product": "%s%d/" % (u["products"], r.product),
            "reboot_required": False,
            "resource_url": "%s%d/" % (u["routers"], rid),
            "serial_number": "WA2400%08d" % rid,
            "state": self.router_state(r),
            "state_updated_at": r.state_updated_at,
            "target_firmware": "%s%d/" % (u["firmwares"], r.target_fw) if r.target_fw else None,
            "updated_at": r.updated_at,
            "upgrade_pending": r.actual_fw != r.target_fw,
        }

    def render_cm(self, r, secrets=False):
        """A configuration manager as the API shows it."""
        cm = self.cms.get(r.id)
        if cm is not None:
            self.settle(r, cm)
            indiv, actual, version = cm.indiv, cm.actual, cm.version
            synched, suspended, updated = cm.synched, cm.suspended, cm.updated_at
            target = self.target_of(r, cm)
        else:
            indiv = cfg.empty()
            target = self.target_of(r, None)
            actual, version, synched, suspended, updated = target, 0, True, False, SEED_TS
        pend = cfg.empty() if synched else cfg.pending(target, actual)
        show = copy.deepcopy if secrets else cfg.mask
        cid = r.id + CM_OFFSET
        return {
            "account": self.u["accounts"] + "1/",
            "actual": show(actual),
            "configuration": show(indiv),
            "id": str(cid),
            "pending": show(pend),
            "resource_url": "%s%d/" % (self.u["configuration_managers"], cid),
            "router": "%s%d/" % (self.u["routers"], r.id),
            "suspended": suspended,
            "synched": synched,
            "target": show(target),
            "updated_at": updated,
            "version_number": version,
        }

    def render_net_devices(self, r):
        """The two WAN net devices of a router."""
        rid = r.id
        up = self.router_state(r) == "online"
        out = []
        for nid, name, typ in ((2 * rid - 1, "ethernet-wan", "ethernet"), (2 * rid, "mdm-%d" % rid, "mdm")):
            cell = typ == "mdm"
            out.append({
                "account": self.u["accounts"] + "1/", "apn": "vzwinternet" if cell else None, "bsid": None,
                "carrier": "Verizon" if cell else None, "carrier_id": "Verizon" if cell else None,
                "channel": None, "connection_state": "connected" if up else "disconnected",
                "dns0": "8.8.8.8", "dns1": "8.8.4.4", "esn": None, "gateway": "10.255.0.1", "gsn": None,
                "homecarrid": "Verizon" if cell else None, "hostname": None,
                "iccid": "8914800000%010d" % rid if cell else None, "id": str(nid),
                "imei": "35%013d" % rid if cell else None, "imsi": None,
                "ipv4_address": ("100.64.%d.%d" if cell else "192.0.%d.%d") % ((rid >> 8) & 255, rid & 255),
                "ipv6_address": None, "is_asset": False, "is_gps_supported": cell, "is_upgrade_available": False,
                "is_upgrade_supported": cell, "ltebandwidth": "20" if cell else None,
                "mac": "00:30:44:%02X:%02X:%02X" % (0x80 | ((nid >> 16) & 127), (nid >> 8) & 255, nid & 255),
                "manufacturer": "Sierra Wireless" if cell else None, "mdn": None, "meid": None,
                "mfg_model": "MC7455" if cell else None, "mfg_product": None, "mn_ha_spi": None,
                "mn_ha_ss": None, "mode": "wan", "model": "MC7455" if cell else None, "modem_fw": None,
                "mtu": 1500, "nai": None, "name": name, "netmask": "255.255.255.0", "pin_status": None,
                "port": None if cell else "wan", "prlv": None, "profile": None,
                "resource_url": "%s%d/" % (self.u["net_devices"], nid), "rfband": "Band 13" if cell else None,
                "rfband5g": None, "rfchannel": None, "roam": None,
                "router": "%s%d/" % (self.u["routers"], rid), "rxchannel": None, "serial": None,
                "service_type": "LTE" if cell else None, "ssid": None,
                "summary": "connected" if up else "disconnected", "txchannel": None, "type": typ,
                "uid": "%08x" % nid, "updated_at": SEED_TS, "uptime": 3600.0 if up else 0.0, "ver_pkg": None,
                "version": None, "wimax_realm": None})
        return out

    def render_lan(self, r):
        """The primary LAN of a router."""
        return {"account": self.u["accounts"] + "1/", "created_at": SEED_TS, "enabled": True, "id": str(r.id),
                "ip_address": "192.168.0.1", "name": "Primary LAN", "netmask": "255.255.255.0",
                "resource_url": "%s%d/" % (self.u["router_lans"], r.id),
                "router": "%s%d/" % (self.u["routers"], r.id), "updated_at": SEED_TS}

    def render(self, kind, obj, secrets=False):  # pylint: disable=too-many-return-statements
        """Render a stored table record."""
        u = self.u
        if kind == "accounts":
            out = dict(obj)
            out["account"] = "%s%s/" % (u["accounts"], obj["account"])
            out["resource_url"] = "%s%s/" % (u["accounts"], obj["id"])
            return out
        if kind == "products":
            return dict(obj, resource_url="%s%s/" % (u["products"], obj["id"]))
        if kind == "firmwares":
            return dict(obj, product="%s%s/" % (u["products"], obj["product"]),
                        default_configuration="%s%s/default_configuration/" % (u["firmwares"], obj["id"]),
                        resource_url="%s%s/" % (u["firmwares"], obj["id"]))
        if kind == "groups":
            conf = copy.deepcopy(obj["configuration"]) if secrets else cfg.mask(obj["configuration"])
            return {"account": "%s%s/" % (u["accounts"], obj["account"]), "configuration": conf,
                    "device_type": obj["device_type"], "id": obj["id"], "name": obj["name"],
                    "product": "%s%s/" % (u["products"], obj["product"]),
                    "resource_url": "%s%s/" % (u["groups"], obj["id"]),
                    "target_firmware": "%s%s/" % (u["firmwares"], obj["target_firmware"])}
        if kind == "users":
            return dict(obj, account="%s%s/" % (u["accounts"], obj["account"]),
                        resource_url="%s%s/" % (u["users"], obj["id"]))
        if kind == "alert_push_destinations":
            out = copy.deepcopy(obj)
            out["account"] = "%s%s/" % (u["accounts"], obj["account"])
            if not secrets:
                out["authentication"] = {"secret": "*"}
            return out
        if kind == "alert_rules":
            out = copy.deepcopy(obj)
            out["account"] = "%s%s/" % (u["accounts"], obj["account"])
            return out
        if kind == "locations":
            return dict(obj, account="%s%s/" % (u["accounts"], obj["account"]),
                        resource_url="%s%s/" % (u["locations"], obj["id"]))
        if kind in ("router_alerts", "alerts"):
            out = dict(obj)
            out.pop("id", None)
            out["router"] = "%s%s/" % (u["routers"], obj["router"])
            if kind == "alerts":
                out["account"] = u["accounts"] + "1/"
            return out
        out = copy.deepcopy(obj)
        if "id" in out and kind in self.u:
            out["resource_url"] = "%s%s/" % (self.u[kind], obj["id"])
        return out

    # ------------------------------------------------------------------ listing
    def collection(self, kind):
        """(iterable of raw objects, renderer, filter-value function) for an endpoint."""
        if kind == "routers":
            return (self.routers[i] for i in self.router_ids()), self.render_router, self.router_fval
        if kind == "configuration_managers":
            return ((self.routers[i] for i in self.router_ids()), self.render_cm, self.cm_fval)
        if kind == "net_devices":
            def gen():
                for i in self.router_ids():
                    yield from self.render_net_devices(self.routers[i])
            return gen(), lambda x: x, generic_fval
        if kind == "router_lans":
            return (self.routers[i] for i in self.router_ids()), self.render_lan, self.lan_fval
        table = self.tables.get(kind, {})
        return (list(table.values()), lambda x: self.render(kind, x), generic_raw_fval)

    def router_fval(self, r, field):  # pylint: disable=too-many-return-statements
        """Value of a router field for filtering (ids for URL fields)."""
        if field == "id":
            return str(r.id)
        if field == "group":
            return None if r.group is None else str(r.group)
        if field == "account":
            return "1"
        if field == "state":
            return self.router_state(r)
        if field == "name":
            return r.name
        if field == "mac":
            return router_mac(r.id)
        if field == "serial_number":
            return "WA2400%08d" % r.id
        if field in ("description", "asset_id", "state_updated_at", "updated_at"):
            return getattr(r, field)
        return generic_fval(self.render_router(r), field)

    def cm_fval(self, r, field):
        """Value of a configuration manager field for filtering."""
        if field == "router":
            return str(r.id)
        if field == "id":
            return str(r.id + CM_OFFSET)
        if field == "account":
            return "1"
        return generic_fval(self.render_cm(r), field)

    @staticmethod
    def lan_fval(r, field):
        """Value of a router_lans field for filtering."""
        if field in ("router", "id"):
            return str(r.id)
        return {"account": "1", "enabled": True, "ip_address": "192.168.0.1", "name": "Primary LAN"}.get(field)

    # ------------------------------------------------------------------ dump
    def dump(self):
        """Every collection, secrets included."""
        out = {k: [self.render(k, o, secrets=True) for o in v.values()] for k, v in self.tables.items()}
        out["routers"] = [self.render_router(r) for r in self.routers.values()]
        out["configuration_managers"] = [self.render_cm(r, secrets=True) for r in self.routers.values()]
        out["net_devices"] = [d for r in self.routers.values() for d in self.render_net_devices(r)]
        out["options"] = dict(self.options)
        return out


def generic_fval(rendered, field):
    """Filter value from a rendered object (URL fields give their id)."""
    val = rendered.get(field)
    if isinstance(val, str) and val.startswith("http") and val.endswith("/"):
        return val.rstrip("/").rsplit("/", 1)[-1]
    return val


def generic_raw_fval(raw, field):
    """Filter value from a stored table record (references are stored as ids)."""
    if "__" in field and field not in raw:
        head, rest = field.split("__", 1)
        sub = raw.get(head)
        return sub.get(rest) if isinstance(sub, dict) else None
    return raw.get(field)
