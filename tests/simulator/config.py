"""Configuration diff logic of the simulator: [updates, removals] diffs, layering, masking, validation."""

import copy
import re

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")

# Top-level sections the simulator's tiny "DTD" knows (from the reference's examples and _id_ array list).
SECTIONS = frozenset((
    "system", "lan", "wan", "wlan", "firewall", "routing", "security", "vpn", "gre", "dhcpd", "dns",
    "services", "certmgmt", "openvpn", "qos", "ecm", "identities", "hotspot", "stats", "ethernet", "vlan",
    "alerts",
))

# The default configuration every simulated firmware serves at firmwares/<id>/default_configuration/ (the URL the
# reference's firmwares example gives as default_configuration): a full config tree whose top-level keys are
# exactly SECTIONS; lan and vlan as in the reference's removal example (MBR1400, 5.4.0).
_DEFAULT_SECTIONS = {
    "lan": [{"_id_": "00000000-0d93-319d-8220-4a1fb0372b51", "name": "Primary LAN", "ip_address": "192.168.0.1"},
            {"_id_": "00000001-0d93-319d-8220-4a1fb0372b51", "name": "Guest LAN", "ip_address": "192.168.10.1"}],
    "vlan": [{"uid": "wan", "mode": "wan", "vid": 1, "ports": [{"port": 0, "mode": "untagged"}]},
             {"uid": "lan", "mode": "lan", "vid": 2, "ports": [{"port": n, "mode": "untagged"} for n in (1, 2, 3, 4)]}],
    "system": {"system_id": "", "ui_activated": False, "gps": {"enabled": False}},
}


def default_configuration():
    """The default configuration of a firmware (a fresh copy): every section of SECTIONS."""
    return {name: copy.deepcopy(_DEFAULT_SECTIONS.get(name, {})) for name in sorted(SECTIONS)}


# Keys whose values are secrets: stored in clear text, returned as "*".
SECRET_KEYS = frozenset((
    "password", "passwd", "wpapsk", "passphrase", "secret", "psk", "shared_secret", "wpakey", "radius_secret",
    "private_key", "preshared_key", "auth_password", "priv_password", "ca_password",
    # secrets whose names the collection does not list (it must recognise them by NCM's "*" alone)
    "wep_key", "wepkey", "auth_key",
))

REJECT_VALUE = "REJECT_ME"


def empty():
    """The empty diff."""
    return [{}, []]


class ConfigError(Exception):
    """A config validation error (rendered in the reference's configuration error shape)."""

    def __init__(self, reason, path, value=None, kind="config"):
        super().__init__(reason)
        self.reason = reason
        self.path = path
        self.value = value
        self.kind = kind  # "config": configuration validation body; "id": the _id_ int() error; "shape": 400

    def body(self, url):
        """The error body for this error."""
        if self.kind == "id":
            return {
                "exception": {"message": "invalid literal for int() with base 10: '%s'" % self.value, "type": "error"},
                "errors": [{"path": url}],
            }
        if self.kind == "shape":
            return {"exception": {"type": "validation", "message": "bad or missing data"},
                    "errors": [{"configuration": self.reason}]}
        last = self.path[-1] if self.path else ""
        return {
            "errors": [{"configuration": {
                "message": "cannot set %s to %s: %s" % (last, self.value, self.reason),
                "reason": self.reason, "value": self.value, "path": list(self.path)}}],
            "exception": {"message": "bad or missing data", "type": "validation"},
        }


def _normalize(value, path):
    """Arrays become dicts keyed by _id_ (when elements carry one) or by string index; checks _id_ keys."""
    if isinstance(value, list):
        out = {}
        for idx, elem in enumerate(value):
            if isinstance(elem, dict) and "_id_" in elem:
                if not isinstance(elem["_id_"], str) or not UUID_RE.match(elem["_id_"]):
                    raise ConfigError("invalid id", path + [idx, "_id_"], elem["_id_"])
                out[elem["_id_"]] = _normalize(elem, path + [elem["_id_"]])
            else:
                out[str(idx)] = _normalize(elem, path + [idx])
        return out
    if isinstance(value, dict):
        out = {}
        for key, val in value.items():
            key = str(key)
            if UUID_RE.match(key):
                if not isinstance(val, dict) or val.get("_id_") != key:
                    raise ConfigError("invalid id", path + [key], key, kind="id")
            out[key] = _normalize(val, path + [key])
        return out
    return value


def validate(diff):
    """Check and normalize a [updates, removals] diff; returns the normalized copy or raises ConfigError."""
    if not (isinstance(diff, list) and len(diff) == 2 and isinstance(diff[0], dict) and isinstance(diff[1], list)):
        raise ConfigError("not a config diff: expected [updates, removals]", [], kind="shape")
    updates, removals = diff
    for key, val in updates.items():
        if key not in SECTIONS:
            raise ConfigError("invalid path", [key], _short(val))
        if not isinstance(val, (dict, list)):
            raise ConfigError("not a dict", [key], _short(val))
    norm_removals = []
    for rem in removals:
        if not isinstance(rem, list) or not rem:
            raise ConfigError("invalid path", rem if isinstance(rem, list) else [rem], None)
        if rem[0] not in SECTIONS:
            raise ConfigError("invalid path", rem, None)
        norm_removals.append(list(rem))
    return [_normalize(updates, []), norm_removals]


def _short(val):
    return val if not isinstance(val, (dict, list)) else str(val)[:60]


def merge_updates(base, upd):
    """Deep-merge update dict `upd` into a copy of `base`. Raw JSON arrays in `upd` replace whole arrays."""
    out = dict(base)
    for key, val in upd.items():
        if isinstance(val, dict) and isinstance(out.get(key), dict):
            out[key] = merge_updates(out[key], val)
        else:
            out[key] = copy.deepcopy(val)
    return out


def merge_raw(base, upd, path=None):
    """PATCH merge of a raw (un-normalized) update dict: arrays replace, dicts merge. Returns a new dict."""
    path = path or []
    out = dict(base)
    for key, val in upd.items():
        key = str(key)
        if isinstance(val, list):
            out[key] = _normalize(val, path + [key])
        elif isinstance(val, dict) and isinstance(out.get(key), dict):
            out[key] = merge_raw(out[key], val, path + [key])
        else:
            out[key] = _normalize(val, path + [key])
    return out


def _add_removals(base, extra):
    out = [list(r) for r in base]
    for rem in extra:
        if list(rem) not in out:
            out.append(list(rem))
    return out


def patch(current, diff):
    """PATCH semantics: merge updates (the API refuses removals in a PATCH). `diff` already validated (raw updates
    used for arrays)."""
    return [merge_raw(current[0], diff[0]), [list(r) for r in current[1]]]


def layer(group_diff, indiv_diff):
    """target = the individual config layered over the group config."""
    if not group_diff or (not group_diff[0] and not group_diff[1]):
        return [copy.deepcopy(indiv_diff[0]), [list(r) for r in indiv_diff[1]]]
    return [merge_updates(group_diff[0], indiv_diff[0]), _add_removals(group_diff[1], indiv_diff[1])]


def _changed(target, actual):
    out = {}
    for key, val in target.items():
        other = actual.get(key, _MISSING) if isinstance(actual, dict) else _MISSING
        if isinstance(val, dict) and isinstance(other, dict):
            sub = _changed(val, other)
            if sub:
                out[key] = sub
        elif val != other:
            out[key] = copy.deepcopy(val)
    return out


_MISSING = object()


def pending(target, actual):
    """What still has to be sent to the device to turn actual into target."""
    return [_changed(target[0], actual[0]), [list(r) for r in target[1] if list(r) not in actual[1]]]


def mask(value):
    """Copy of a config structure with secret values replaced by '*'."""
    if isinstance(value, dict):
        return {k: ("*" if k in SECRET_KEYS and v not in (None, "") and not isinstance(v, (dict, list))
                    else mask(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [mask(v) for v in value]
    return value


def find_reject(value, path=()):
    """Path of the first REJECT_ME value in a config structure, or None."""
    if isinstance(value, dict):
        for key, val in value.items():
            found = find_reject(val, path + (key,))
            if found is not None:
                return found
    elif isinstance(value, list):
        for idx, val in enumerate(value):
            found = find_reject(val, path + (idx,))
            if found is not None:
                return found
    elif value == REJECT_VALUE:
        return list(path)
    return None
