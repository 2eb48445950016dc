# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Configuration diff logic for ``cradlepoint.ncm.ncm_config`` (pure functions, stdlib only).

NCM configuration model (reference, "Device and Group Configuration" and its Appendix):

* A configuration is a *config diff* against the firmware defaults: a two element list
  ``[updates, removals]``. ``updates`` is a nested dict, ``removals`` a list of paths; when applied,
  the removals are processed first (in order), then the updates are merged in.
  ``configuration_managers.configuration`` is a router's *individual* config and
  ``groups.configuration`` a group's config; the router's target is the individual config layered
  over the group config. Every function here works on one such pair (individual or group), never on
  the layered target: a value inherited from the group that equals the desired value is still set
  in the individual config (pinned), which is what "configuration as code" asks for.
* Arrays inside ``updates`` are always written as dicts. Elements of ordinary arrays are keyed by
  their offset as a *quoted* string (``{"vlan": {"2": {...}}}``; an unquoted number is invalid JSON).
  Elements of ``_id_`` arrays (``lan``, ``wan.rules2``, ``security.zfw.zones``, ...) are keyed by
  the element's UUID, and the element must repeat its own ``_id_`` field
  (``{"lan": {"<uuid>": {"_id_": "<uuid>", ...}}}``). A JSON array in a PATCH body replaces the whole
  array; an object keyed by index updates only the named elements.
* Removal paths are lists of keys where array offsets are bare integers and ``_id_`` elements are
  named by their UUID: ``["vlan", 1, "ports", 3]``, ``["lan", "00000001-0d93-..."]``. They must
  name elements of the device's *default* config (removing a path that does not exist is an error
  on the device).
* PUT replaces the whole individual config with ``[updates, removals]``; PATCH merges ``updates``
  and cannot remove anything. Hence a change that removes something is sent as a PUT of the whole
  resulting individual config, and every other change as a PATCH of just the difference.
* GET shows non-default passwords as ``"*"``; they are set by sending cleartext.

Secrets: **whatever NCM shows as ``"*"`` is a secret**, whatever its key (``wep_key``, ``auth_key`` and keys no
list knows yet). It is masked in every output, compares as equal to any desired value (with ``on_create``), and
its ``"*"`` is never sent back. The known key names (``SECRET_KEYS``, ``is_secret_key``) only add secrets that
NCM has not masked yet (a new secret given for the first time). A value that is really ``"*"`` (not a secret)
therefore cannot be told from a secret either; ``update_secrets: always`` sends it.

``update_secrets``:

* ``on_create`` (default): a desired secret whose key already holds ``"*"`` counts as equal, is not
  sent and is not a change; a run with unchanged secrets reports ``changed: false``. A changed
  secret is therefore NOT detected (use ``always`` to rotate it).
* ``always``: a desired secret over a masked ``"*"`` is always sent and always a change, also in
  check mode (NCM cannot tell us whether it differs).
* A secret that is not in the current config is always a change.
* The placeholders ``"*"`` and ``"********"`` given as a desired secret mean "keep the current
  secret": equal when the key is present, a ConfigError when it is absent (nothing to keep).
* A PUT must resend the whole config; secrets NCM only shows as ``"*"`` cannot be resent. With
  ``masked='fail'`` (default) such a plan raises ConfigError naming the paths; with ``masked='keep'``
  the ``"*"`` is sent as is (NCM behaviour for that is not documented) and listed in
  ``ConfigPlan.masked_paths``.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from ansible_collections.cradlepoint.ncm.plugins.module_utils.errors import NcmInputError
from ansible_collections.cradlepoint.ncm.plugins.module_utils.secrets import (
    NCM_MASK,
    PLACEHOLDERS,
    is_secret_key,
    mask_secrets,
    masked_by_ncm,
)

__all__ = [
    "ConfigError",
    "ConfigPlan",
    "absent_plan",
    "apply_plan",
    "config_pair",
    "format_path",
    "is_uuid",
    "masked_secrets",
    "merge_plan",
    "normalize_config",
    "normalize_removals",
    "parse_path",
    "path_exists",
    "replace_plan",
    "to_module_form",
]

ID_KEY = "_id_"
UPDATE_SECRETS = ("on_create", "always")
MASKED_POLICIES = ("fail", "keep")

_UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


class ConfigError(NcmInputError):
    """Invalid configuration input; the message names the config path."""

    def __init__(self, message, path=None):
        super().__init__(message)
        self.path = path


# --------------------------------------------------------------------------------------- paths

def is_uuid(value):
    """True if ``value`` is a UUID string in the canonical 8-4-4-4-12 hex form NCM uses for ``_id_``."""
    return isinstance(value, str) and bool(_UUID_RE.match(value))


def format_path(path):
    """Render a path for messages: keys joined by dots (``system.users.0``), offsets into a list of
    the module (YAML) form as ``[n]`` (``lan[1].name``)."""
    out = ""
    for seg in path:
        if isinstance(seg, _Index):
            out += "[%d]" % seg
        else:
            out += ("." if out else "") + str(seg)
    return out or "<root>"


class _Index(int):
    """An offset into a list of the module (YAML) form; formats as ``[n]`` in messages."""


def parse_path(path):
    """Validate a config path and return it as a list of keys in the reference's removal syntax.

    Accepts a list/tuple of keys (``["vlan", 1, "ports", 3]``) or a dotted string
    (``"vlan.1.ports.3"``, ``"lan.00000001-0d93-319d-8220-4a1fb0372b51"``). Array offsets come out as
    bare ints, as the reference writes them in removals (``["vlan", 1, "ports", 3]``); an all-digit
    string segment is taken as an offset. ``_id_`` elements are named by their UUID (a string).
    Keys containing a dot can only be given in the list form. Raises ConfigError naming the path.
    """
    if isinstance(path, str):
        if not path or any(seg == "" for seg in path.split(".")):
            raise ConfigError("invalid config path %r: empty key (use a dotted string like "
                              "'system.users.0' or a list of keys)" % (path,), path)
        segs = path.split(".")
    elif isinstance(path, (list, tuple)):
        if not path:
            raise ConfigError("invalid config path []: a path needs at least one key", path)
        segs = list(path)
    else:
        raise ConfigError("invalid config path %r: expected a dotted string or a list of keys" % (path,), path)
    out = []
    for seg in segs:
        if isinstance(seg, bool) or not isinstance(seg, (str, int)):
            raise ConfigError("invalid config path %r: key %r is not a string or an array offset"
                              % (path, seg), path)
        if isinstance(seg, int):
            if seg < 0:
                raise ConfigError("invalid config path %r: negative array offset %d" % (path, seg), path)
            out.append(int(seg))
        elif seg == "":
            raise ConfigError("invalid config path %r: empty key" % (path,), path)
        elif seg.isdigit() and seg.isascii():
            out.append(int(seg))
        else:
            out.append(seg)
    return out


def _canon(path):
    """Comparison key of a path: offsets and their quoted form compare equal."""
    return tuple(str(seg) for seg in path)


def _child(node, seg):
    """Return (found, value) for one path step into a dict (key or quoted offset) or a list (offset)."""
    if isinstance(node, dict):
        key = str(seg)
        if key in node:
            return True, node[key]
        if not isinstance(seg, str) and seg in node:
            return True, node[seg]
        return False, None
    if isinstance(node, list):
        try:
            idx = int(seg)
        except (TypeError, ValueError):
            return False, None
        if 0 <= idx < len(node):
            return True, node[idx]
    return False, None


def path_exists(config, path):
    """True if ``path`` (dotted string or list of keys) names something in the updates dict ``config``.

    Offsets match both index-keyed dicts (``{"0": ...}``, the diff form) and JSON lists.
    """
    node = config
    for seg in parse_path(path):
        found, node = _child(node, seg)
        if not found:
            return False
    return True


def normalize_removals(removals):
    """Validate a list of removal paths and return them parsed (see parse_path), duplicates dropped."""
    if removals is None:
        return []
    if isinstance(removals, (str, bytes, dict)) or not isinstance(removals, (list, tuple)):
        raise ConfigError("removals must be a list of paths, got %r" % (removals,))
    out, seen = [], set()
    for item in removals:
        parsed = parse_path(item)
        if _canon(parsed) not in seen:
            seen.add(_canon(parsed))
            out.append(parsed)
    return out


# ------------------------------------------------------------------------------- normalization

def _check_id(value, path):
    if not is_uuid(value):
        raise ConfigError("%s: _id_ %r is not a UUID (NCM rejects it as 'invalid id')"
                          % (format_path(path), value), format_path(path))


def normalize_config(value, _path=None):
    """Convert the module (YAML) form of a config's updates into the form NCM uses, recursively.

    * A list whose elements are dicts carrying ``_id_`` (an ``_id_`` array such as ``lan``) becomes a
      dict keyed by the UUID, each element keeping its ``_id_``: ``[{"_id_": U, ...}]`` ->
      ``{U: {"_id_": U, ...}}`` (reference: elements of ``_id_`` arrays are keyed by UUID and must
      repeat ``_id_``). If some dict elements have ``_id_`` and others do not, or an ``_id_`` is not
      a UUID, or two elements share an ``_id_``, ConfigError names the element (``lan[1]``).
    * Other lists stay JSON lists (a PATCH then replaces that whole array, as given).
    * Integer keys (YAML ``0:``) become quoted offsets (``"0"``): the reference requires array
      offsets in updates to be strings. Other non-string keys are rejected.
    * A dict keyed by UUIDs (the NCM form) is accepted as is, but an element must carry the same
      ``_id_`` as its key.
    Idempotent: normalizing an already normalized config returns an equal config.
    """
    path = list(_path or [])
    if isinstance(value, dict):
        out = {}
        for key, sub in value.items():
            if isinstance(key, bool) or not isinstance(key, (str, int)):
                raise ConfigError("%s: key %r is not a string" % (format_path(path), key), format_path(path))
            if isinstance(key, int):
                if key < 0:
                    raise ConfigError("%s: negative array offset %d" % (format_path(path), key),
                                      format_path(path))
                key = str(key)
            if key in out:
                raise ConfigError("%s: key %r given twice" % (format_path(path), key), format_path(path))
            if key == ID_KEY:
                _check_id(sub, path + [key])
            elif is_uuid(key) and isinstance(sub, dict):
                if sub.get(ID_KEY) != key:
                    raise ConfigError("%s: an element keyed by the UUID %s must contain _id_: %s"
                                      % (format_path(path + [key]), key, key), format_path(path + [key]))
            out[key] = normalize_config(sub, path + [key])
        return out
    if isinstance(value, (list, tuple)):
        with_id = [isinstance(el, dict) and ID_KEY in el for el in value]
        if not any(with_id):
            return [normalize_config(el, path + [_Index(i)]) for i, el in enumerate(value)]
        out = {}
        for i, el in enumerate(value):
            epath = path + [_Index(i)]
            if not isinstance(el, dict) or ID_KEY not in el:
                raise ConfigError("%s: this list holds _id_ elements, so every element needs a UUID _id_ "
                                  "(generate one for a new element)" % format_path(epath), format_path(epath))
            uid = el[ID_KEY]
            _check_id(uid, epath + [ID_KEY])
            if uid in out:
                raise ConfigError("%s: _id_ %s is used by more than one element" % (format_path(epath), uid),
                                  format_path(epath))
            out[uid] = normalize_config(el, epath)
        return out
    return value


def _is_id_dict(value):
    """A non-empty dict whose every value is a dict carrying an ``_id_`` equal to its key."""
    return (isinstance(value, dict) and bool(value)
            and all(isinstance(v, dict) and v.get(ID_KEY) == k for k, v in value.items()))


def to_module_form(config):
    """Inverse of normalize_config for output (``ncm_config_info``): UUID-keyed ``_id_`` dicts become
    lists with ``_id_`` inside each element, sorted by ``_id_`` (stable; default elements have the
    UUIDs ``00000000-...``, ``00000001-...`` so this is also their offset order). Everything else is
    copied unchanged; ``normalize_config(to_module_form(x)) == x`` for any normalized ``x``.
    Secrets are not masked here (NCM already shows them as ``"*"``).
    """
    if isinstance(config, dict):
        if _is_id_dict(config):
            return [to_module_form(config[k]) for k in sorted(config)]
        return {k: to_module_form(v) for k, v in config.items()}
    if isinstance(config, list):
        return [to_module_form(v) for v in config]
    return copy.deepcopy(config)


def config_pair(value):
    """Return ``(updates, removals)`` copies from a config diff ``[updates, removals]``.

    Also accepts a bare updates dict (no removals) and None (the empty diff ``[{}, []]``).
    """
    if value is None:
        return {}, []
    if isinstance(value, dict):
        return copy.deepcopy(value), []
    if (isinstance(value, (list, tuple)) and len(value) == 2 and isinstance(value[0], dict)
            and isinstance(value[1], (list, tuple))):
        return copy.deepcopy(value[0]), [list(p) for p in value[1]]
    raise ConfigError("a configuration must be a config diff [updates, removals], got %r" % (value,))


# ------------------------------------------------------------------------------------- secrets

def _is_placeholder(key, value):
    return is_secret_key(key) and isinstance(value, str) and value in PLACEHOLDERS


# ------------------------------------------------------------------------------- comparisons

def _scalar_equal(cur, des):
    if isinstance(cur, bool) or isinstance(des, bool):
        return isinstance(cur, bool) and isinstance(des, bool) and cur == des
    if isinstance(cur, (int, float)) and isinstance(des, (int, float)):
        return cur == des
    return type(cur) is type(des) and cur == des


def _list_as_dict(value):
    return {str(i): v for i, v in enumerate(value)}


def _index_keys(value):
    """True for a non-empty dict keyed only by array offsets (``{"0": ..., "2": ...}``)."""
    return bool(value) and all(isinstance(k, str) and k.isdigit() and k.isascii() for k in value)


def _dict_as_list(value):
    """An index-keyed dict ``{"0": a, "1": b}`` as ``[a, b]``; None if it is not one."""
    if set(value) != {str(i) for i in range(len(value))}:
        return None
    return [value[str(i)] for i in range(len(value))]


def _equal(cur, des, key, update_secrets):
    """Whole-value equality with the secret rule; lists and index-keyed dicts are the same array."""
    if not isinstance(des, (dict, list)) and (masked_by_ncm(cur) or is_secret_key(key)):
        if isinstance(des, str) and des in PLACEHOLDERS:
            return True
        if masked_by_ncm(cur) and des is not None:
            return update_secrets == "on_create"
    if isinstance(des, dict):
        if isinstance(cur, list):
            cur = _list_as_dict(cur)
        if not isinstance(cur, dict) or set(cur) != set(des):
            return False
        return all(_equal(cur[k], des[k], k, update_secrets) for k in des)
    if isinstance(des, list):
        if isinstance(cur, dict):
            cur = _dict_as_list(cur)
        if not isinstance(cur, list) or len(cur) != len(des):
            return False
        return all(_equal(c, d, None, update_secrets) for c, d in zip(cur, des))
    return _scalar_equal(cur, des)


def _check_no_placeholder(value, key, path):
    """Raise if a masked placeholder would be written where there is no current secret to keep."""
    if _is_placeholder(key, value):
        raise ConfigError("%s: %r is a masked placeholder and there is no current value to keep; give the "
                          "secret in cleartext" % (format_path(path), value), format_path(path))
    if isinstance(value, dict):
        for k, v in value.items():
            _check_no_placeholder(v, k, path + [k])
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_no_placeholder(v, None, path + [_Index(i)])


def _diff(cur, des, path, update_secrets):
    """Minimal updates dict that turns ``cur`` into a superset of ``des`` (merge semantics)."""
    out = {}
    for key, dval in des.items():
        kpath = path + [key]
        if key not in cur:
            _check_no_placeholder(dval, key, kpath)
            out[key] = copy.deepcopy(dval)
            continue
        cval = cur[key]
        if isinstance(dval, dict) and (isinstance(cval, dict) or (isinstance(cval, list) and _index_keys(dval))):
            sub = _diff(cval if isinstance(cval, dict) else _list_as_dict(cval), dval, kpath, update_secrets)
            if sub:
                if ID_KEY in dval and ID_KEY not in sub:
                    # an _id_ element must repeat its _id_ in every update (reference, PATCH example)
                    sub = dict([(ID_KEY, dval[ID_KEY])] + list(sub.items()))
                out[key] = sub
        elif not _equal(cval, dval, key, update_secrets):
            _check_no_placeholder(dval, key, kpath)
            out[key] = copy.deepcopy(dval)
    return out


def _patch(cur, upd, path=None):
    """Apply an updates dict the way NCM applies a PATCH: dicts merge, lists and scalars replace,
    an index-keyed dict updates the elements of a list (``"n"`` with n == len appends)."""
    path = path or []
    if isinstance(cur, list) and isinstance(upd, dict) and _index_keys(upd):
        out = list(cur)
        for key in sorted(upd, key=int):
            idx = int(key)
            if idx < len(out):
                out[idx] = _patch(out[idx], upd[key], path + [key])
            elif idx == len(out):
                out.append(_patch({}, upd[key], path + [key]) if isinstance(upd[key], dict)
                           else copy.deepcopy(upd[key]))
            else:
                raise ConfigError("%s: bad array index %s" % (format_path(path), key), format_path(path))
        return out
    if not isinstance(cur, dict) or not isinstance(upd, dict):
        return copy.deepcopy(upd)
    out = dict(cur)
    for key, val in upd.items():
        if key in out and isinstance(val, dict) and (
                isinstance(out[key], dict) or (isinstance(out[key], list) and _index_keys(val))):
            out[key] = _patch(out[key], val, path + [key])
        else:
            out[key] = copy.deepcopy(val)
    return out


def _fill_secrets(target, want):
    """Put the cleartext secrets of ``want`` where ``target`` only holds ``"*"`` (in place), so that a
    PUT of ``target`` resends the secrets the user gave (update_secrets=on_create skips them in
    the updates)."""
    for key, val in want.items():
        if key not in target:
            continue
        if isinstance(val, dict) and isinstance(target[key], dict):
            _fill_secrets(target[key], val)
        elif masked_by_ncm(target[key]) and val is not None and not isinstance(val, (dict, list)) \
                and val not in PLACEHOLDERS:
            target[key] = val


def _delete(config, path):
    """Delete ``path`` from the updates dict ``config`` in place; prune dicts left empty by it
    (an empty dict is not a valid array value). Returns True if something was deleted. A path into
    a JSON list is a ConfigError (deleting would shift the offsets, so it could never be idempotent);
    arrays written as index-keyed dicts (the diff form) are fine."""
    parents = []
    node = config
    for depth, seg in enumerate(path):
        if isinstance(node, list):
            if not _child(node, seg)[0]:
                return False
            raise ConfigError("%s: cannot delete an element of %s, an array set as a whole (offsets would "
                              "shift); set the whole array instead" % (format_path(path), format_path(path[:depth])),
                              format_path(path))
        if not isinstance(node, dict):
            return False
        found, nxt = _child(node, seg)
        if not found:
            return False
        parents.append((node, str(seg) if str(seg) in node else seg))
        node = nxt
    parent, key = parents.pop()
    del parent[key]
    node = parent
    while parents and not node:
        parent, key = parents.pop()
        del parent[key]
        node = parent
    return True


def _masked_in_body(body, cur, path=None):
    """Paths of placeholders in a PUT body; raise for a placeholder with no current value to keep."""
    path = path or []
    found = []
    if isinstance(body, dict):
        for key, val in body.items():
            kpath = path + [key]
            ok, sub = _child(cur, key) if isinstance(cur, (dict, list)) else (False, None)
            if _is_placeholder(key, val) or (ok and masked_by_ncm(sub) and val in PLACEHOLDERS):
                if not ok:
                    _check_no_placeholder(val, key, kpath)
                found.append(kpath)
            else:
                found.extend(_masked_in_body(val, sub if ok else None, kpath))
    elif isinstance(body, list):
        for i, val in enumerate(body):
            ok, sub = _child(cur, i) if isinstance(cur, (dict, list)) else (False, None)
            if ok and masked_by_ncm(sub) and val in PLACEHOLDERS:
                found.append(path + [_Index(i)])
            else:
                found.extend(_masked_in_body(val, sub if ok else None, path + [_Index(i)]))
    return found


def _unmask_placeholders(value, key=None):
    """Our display mask never goes to NCM: ``"********"`` placeholders are sent as NCM's ``"*"``."""
    if isinstance(value, dict):
        return {k: _unmask_placeholders(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_unmask_placeholders(v) for v in value]
    if _is_placeholder(key, value):
        return NCM_MASK
    return value


def masked_secrets(current, desired):
    """Desired values at paths where the current config shows NCM's ``"*"``: secrets, whatever their key, to be
    kept out of every output (the caller adds them to its redaction). ``current`` is the updates dict (or the
    pair), ``desired`` the updates in module or NCM form."""
    cur = config_pair(current)[0] if isinstance(current, (list, tuple)) else current
    found = []

    def walk(cnode, dnode):
        if isinstance(dnode, dict):
            for key, val in dnode.items():
                ok, sub = _child(cnode, key) if isinstance(cnode, (dict, list)) else (False, None)
                if ok:
                    walk(sub, val)
        elif isinstance(dnode, list):
            for i, val in enumerate(dnode):
                ok, sub = _child(cnode, i) if isinstance(cnode, (dict, list)) else (False, None)
                if ok:
                    walk(sub, val)
        elif masked_by_ncm(cnode) and dnode not in (None, "") and dnode not in PLACEHOLDERS:
            found.append(str(dnode))

    walk(cur, normalize_config(desired or {}))
    return found


# -------------------------------------------------------------------------------------- plans

@dataclass
class ConfigPlan:
    """The change that brings an individual (or group) config to the desired state.

    mode: ``merge``, ``replace`` or ``absent``.
    updates: merge: the minimal updates (what a PATCH sends); replace: the whole desired updates;
      absent: ``{}``.
    removals: merge: removal paths added to the config's removal list; replace: the whole desired
      removal list; absent: ``[]``.
    unset: paths deleted from the current updates (merge: under a new removal; absent: the given
      paths that were present).
    changed: whether NCM's config changes (see the module docstring for secrets).
    before / after: the full config pair ``[updates, removals]`` before and after (unmasked: use
      diff() / result() for output).
    method: ``PATCH`` (merge without removals), ``PUT`` (anything that removes, and replace) or None
      when nothing changes.
    body: the ``configuration`` value to send with ``method`` (None when unchanged).
    masked_paths: paths whose ``"*"`` is resent in a PUT body (only with ``masked='keep'``).
    """

    mode: str
    changed: bool
    updates: dict = field(default_factory=dict)
    removals: list = field(default_factory=list)
    unset: list = field(default_factory=list)
    before: list = field(default_factory=lambda: [{}, []])
    after: list = field(default_factory=lambda: [{}, []])
    method: str | None = None
    body: list | None = None
    masked_paths: list = field(default_factory=list)

    def diff(self):
        """Ansible diff: before/after as ``{"config": <module form>, "removals": [...]}``, secrets masked
        (also values at paths that were ``"*"`` before, whatever their key)."""
        before = mask_secrets(self.before[0])
        after = mask_secrets(self.after[0], self.before[0])
        return {
            "before": {"config": to_module_form(before), "removals": [list(p) for p in self.before[1]]},
            "after": {"config": to_module_form(after), "removals": [list(p) for p in self.after[1]]},
        }

    def result(self):
        """The ``plan`` return value: what is sent, secrets masked."""
        return {
            "mode": self.mode,
            "changed": self.changed,
            "method": self.method,
            "updates": to_module_form(mask_secrets(self.updates, self.before[0])),
            "removals": [list(p) for p in self.removals],
            "unset": [list(p) for p in self.unset],
            "masked_paths": [format_path(p) for p in self.masked_paths],
        }


def _check_options(update_secrets, masked):
    if update_secrets not in UPDATE_SECRETS:
        raise ConfigError("update_secrets must be one of %s, got %r" % (", ".join(UPDATE_SECRETS), update_secrets))
    if masked not in MASKED_POLICIES:
        raise ConfigError("masked must be one of %s, got %r" % (", ".join(MASKED_POLICIES), masked))


def _put_body(after, before_updates, masked):
    """The PUT body for ``after``; handle placeholders (secrets NCM only shows as "*")."""
    paths = _masked_in_body(after[0], before_updates)
    if paths and masked == "fail":
        names = ", ".join(format_path(p) for p in paths)
        raise ConfigError("this change replaces the whole config (PUT), but the secret(s) at %s are only known "
                          "as '*' and would be overwritten; give them in config" % names, names)
    return [_unmask_placeholders(after[0]), [list(p) for p in after[1]]], paths


def merge_plan(current, desired, removals=(), update_secrets="on_create", masked="fail"):
    """Plan for ``mode: merge`` (PATCH semantics: only the keys given are compared).

    current: the config pair ``[updates, removals]`` (or a bare updates dict).
    desired: the desired updates (module or normalized form; normalized here).
    removals: paths (reference syntax) that must be in the config's removal list, i.e. default
      elements to remove. A path already listed (and not re-added by the updates) is no change;
      otherwise it is appended and anything the updates hold under it is deleted. A path that is
      also set by ``desired`` is a ConfigError. Use absent_plan to delete keys from the updates.
    Nested dicts are compared key by key; lists (and any non-dict) as whole values. Returns a
    ConfigPlan whose updates are the minimal difference; method PATCH, or PUT when removals change.
    """
    _check_options(update_secrets, masked)
    cur_upd, cur_rem = config_pair(current)
    want = normalize_config(desired or {})
    if not isinstance(want, dict):
        raise ConfigError("config must be a dict of settings, got %r" % (desired,))
    new_removals, unset = [], []
    listed = {_canon(p) for p in cur_rem}
    for path in normalize_removals(list(removals or ())):
        if path_exists(want, path):
            raise ConfigError("%s is both set in config and listed in removals" % format_path(path),
                              format_path(path))
        present = path_exists(cur_upd, path)
        if _canon(path) in listed and not present:
            continue
        if _canon(path) not in listed:
            new_removals.append(path)
            listed.add(_canon(path))
        if present:
            unset.append(path)
    base = copy.deepcopy(cur_upd)
    for path in unset:
        _delete(base, path)
    updates = _diff(base, want, [], update_secrets)
    changed = bool(updates or new_removals or unset)
    after_upd = _patch(base, updates)
    _fill_secrets(after_upd, want)
    after = [after_upd, [list(p) for p in cur_rem] + new_removals]
    plan = ConfigPlan(mode="merge", changed=changed, updates=updates, removals=new_removals, unset=unset,
                      before=[cur_upd, cur_rem], after=after)
    if not changed:
        plan.after = [copy.deepcopy(cur_upd), [list(p) for p in cur_rem]]
    elif new_removals or unset:
        plan.method = "PUT"
        plan.body, plan.masked_paths = _put_body(after, cur_upd, masked)
    else:
        plan.method = "PATCH"
        plan.body = [copy.deepcopy(updates), []]
    return plan


def replace_plan(current, desired, removals=(), update_secrets="on_create", masked="fail"):
    """Plan for ``mode: replace`` (PUT semantics): the config becomes exactly ``[desired, removals]``;
    anything not given is removed from the individual config. ``updates``/``removals`` of the plan
    are the whole desired pair (the PUT body); changed only if the resulting config differs from the
    current one (secrets compared as in merge_plan; removal lists compared in order, offsets and
    quoted offsets alike). ``replace_plan(current, {})`` clears the individual config."""
    _check_options(update_secrets, masked)
    cur_upd, cur_rem = config_pair(current)
    want = normalize_config(desired or {})
    if not isinstance(want, dict):
        raise ConfigError("config must be a dict of settings, got %r" % (desired,))
    want_rem = normalize_removals(list(removals or ()))
    changed = (not _equal(cur_upd, want, None, update_secrets)
               or [_canon(p) for p in cur_rem] != [_canon(p) for p in want_rem])
    plan = ConfigPlan(mode="replace", changed=changed, updates=copy.deepcopy(want), removals=want_rem,
                      before=[cur_upd, cur_rem], after=[copy.deepcopy(want), [list(p) for p in want_rem]])
    if changed:
        plan.method = "PUT"
        plan.body, plan.masked_paths = _put_body(plan.after, cur_upd, masked)
    else:
        plan.after = [copy.deepcopy(cur_upd), [list(p) for p in cur_rem]]
    return plan


def _leaf_paths(config, prefix):
    """Paths a config given with ``state: absent`` deletes: every leaf key; a key whose value is
    None, ``{}``, a list or a scalar is deleted whole; an ``_id_`` element given with nothing but
    its ``_id_`` is deleted whole, otherwise only the keys given inside it."""
    for key, val in config.items():
        if key == ID_KEY:
            continue
        if isinstance(val, dict) and val and set(val) != {ID_KEY}:
            yield from _leaf_paths(val, prefix + [key])
        else:
            yield prefix + [key]


def absent_plan(current, paths_or_config, masked="fail"):
    """Plan for ``state: absent``: delete keys from the individual config's updates.

    paths_or_config: a config dict (its leaf keys are deleted, values ignored; see _leaf_paths) or a
    list of paths (dotted strings or key lists). A path that is not present is no change. The
    removal list is left alone. Since PATCH cannot remove, a change is a PUT of the remaining config.
    """
    _check_options("on_create", masked)
    cur_upd, cur_rem = config_pair(current)
    if isinstance(paths_or_config, dict):
        paths = list(_leaf_paths(normalize_config(paths_or_config), []))
    elif paths_or_config is None:
        paths = []
    else:
        paths = normalize_removals(paths_or_config)
    after_upd = copy.deepcopy(cur_upd)
    unset = [path for path in paths if _delete(after_upd, path)]
    plan = ConfigPlan(mode="absent", changed=bool(unset), unset=unset, before=[cur_upd, cur_rem],
                      after=[after_upd, [list(p) for p in cur_rem]])
    if unset:
        plan.method = "PUT"
        plan.body, plan.masked_paths = _put_body(plan.after, cur_upd, masked)
    return plan


def apply_plan(current, plan):
    """The config pair ``[updates, removals]`` NCM holds after ``plan`` is applied to ``current``,
    computed from the plan's change alone (not from ``plan.after``): merge deletes ``unset``, merges
    ``updates`` as a PATCH does and appends ``removals``; replace is ``[updates, removals]``; absent
    deletes ``unset``. Secrets skipped with ``on_create`` keep their current (``"*"``) value."""
    cur_upd, cur_rem = config_pair(current)
    if plan.mode == "replace":
        return [copy.deepcopy(plan.updates), [list(p) for p in plan.removals]]
    for path in plan.unset:
        _delete(cur_upd, path)
    if plan.mode == "merge":
        cur_upd = _patch(cur_upd, plan.updates)
        cur_rem = cur_rem + [list(p) for p in plan.removals]
    return [cur_upd, cur_rem]
