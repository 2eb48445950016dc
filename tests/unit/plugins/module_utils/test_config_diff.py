# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit and property tests for plugins/module_utils/config_diff.py."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.cradlepoint.ncm.plugins.module_utils.config_diff import (
    ConfigError,
    ConfigPlan,
    absent_plan,
    apply_plan,
    config_pair,
    format_path,
    is_uuid,
    merge_plan,
    normalize_config,
    normalize_removals,
    parse_path,
    path_exists,
    replace_plan,
    to_module_form,
)
from ansible_collections.cradlepoint.ncm.plugins.module_utils.secrets import MASK, is_secret_key, mask_secrets

LAN0 = "00000000-0d93-319d-8220-4a1fb0372b51"
LAN1 = "00000001-0d93-319d-8220-4a1fb0372b51"
NEW = "00000002-2a38-3724-a6fa-02dfdfbc129e"
RULE = "00000000-a81d-3590-93ca-8b1fcfeb8e14"

# The individual config of the reference's GET example (configuration_managers/1).
CURRENT = [
    {
        "system": {"logging": {"level": "debug"}},
        "lan": {LAN0: {"name": "LAN0", "ip_address": "192.168.30.1", "_id_": LAN0}},
    },
    [],
]


def wpapsk_config(value):
    return {"wlan": {"radio": {"0": {"bss": {"0": {"ssid": "x", "wpapsk": value}}}}}}


# ------------------------------------------------------------------------------ paths

@pytest.mark.parametrize("given_path, parsed", [
    ("system.users.0", ["system", "users", 0]),
    (["vlan", 1, "ports", 3], ["vlan", 1, "ports", 3]),
    (["vlan", "1", "ports", "3"], ["vlan", 1, "ports", 3]),
    ("lan." + LAN1, ["lan", LAN1]),
    (("d", "e"), ["d", "e"]),
])
def test_parse_path(given_path, parsed):
    assert parse_path(given_path) == parsed


@pytest.mark.parametrize("bad", ["", "a..b", ".a", "a.", [], ["a", ""], ["a", None], ["a", 1.5],
                                 ["a", True], ["a", -1], {"a": 1}, 3, None])
def test_parse_path_rejects(bad):
    with pytest.raises(ConfigError) as err:
        parse_path(bad)
    assert "invalid config path" in str(err.value)


def test_normalize_removals_dedupes_and_names_bad_path():
    assert normalize_removals(["a.0", ["a", 0], ["a", "1"]]) == [["a", 0], ["a", 1]]
    assert normalize_removals(None) == []
    with pytest.raises(ConfigError, match="a..b"):
        normalize_removals(["ok", "a..b"])
    with pytest.raises(ConfigError):
        normalize_removals("a.b")


def test_path_exists():
    cfg = {"lan": {LAN0: {"_id_": LAN0, "name": "x"}}, "vlan": {"1": {"ports": [{"p": 1}, {"p": 2}]}}}
    assert path_exists(cfg, ["lan", LAN0, "name"])
    assert path_exists(cfg, "vlan.1.ports.1")
    assert path_exists(cfg, ["vlan", 1, "ports", 0, "p"])
    assert not path_exists(cfg, "vlan.1.ports.2")
    assert not path_exists(cfg, ["lan", LAN1])
    assert not path_exists(cfg, "lan." + LAN0 + ".name.deeper")
    assert not path_exists({}, "a")


def test_format_path():
    assert format_path(["system", "users", 0]) == "system.users.0"
    assert format_path([]) == "<root>"


# ----------------------------------------------------------------------- normalization

def test_normalize_id_list_to_uuid_keyed_dict():
    given_cfg = {"lan": [{"_id_": LAN0, "ip_address": "192.168.30.1"},
                         {"_id_": NEW, "name": "Gamma", "devices": []}],
                 "wan": {"rules2": [{"_id_": RULE, "static": {"ip_address": "172.19.9.30"}}]}}
    assert normalize_config(given_cfg) == {
        "lan": {LAN0: {"_id_": LAN0, "ip_address": "192.168.30.1"},
                NEW: {"_id_": NEW, "name": "Gamma", "devices": []}},
        "wan": {"rules2": {RULE: {"_id_": RULE, "static": {"ip_address": "172.19.9.30"}}}},
    }


def test_normalize_nested_id_lists_and_plain_lists():
    cfg = {"security": {"zfw": {"zones": [{"_id_": NEW, "name": "aleph",
                                           "devices": [{"trigger_group": "lan"}]}]}},
           "dns": ["8.8.8.8", "1.1.1.1"], "vlan": [{"uid": "wan", "ports": [{"port": 0}]}]}
    out = normalize_config(cfg)
    assert out["security"]["zfw"]["zones"] == {NEW: {"_id_": NEW, "name": "aleph",
                                                     "devices": [{"trigger_group": "lan"}]}}
    assert out["dns"] == ["8.8.8.8", "1.1.1.1"]
    assert out["vlan"] == [{"uid": "wan", "ports": [{"port": 0}]}]


def test_normalize_rejects_element_without_id():
    with pytest.raises(ConfigError) as err:
        normalize_config({"lan": [{"_id_": LAN0, "name": "a"}, {"name": "b"}]})
    assert "lan[1]" in str(err.value)
    assert "UUID _id_" in str(err.value)
    assert err.value.path == "lan[1]"


def test_normalize_rejects_nested_element_without_id():
    with pytest.raises(ConfigError, match=r"wan\.rules2\[0\]"):
        normalize_config({"wan": {"rules2": [{"name": "x"}, {"_id_": RULE}]}})


@pytest.mark.parametrize("bad_id", ["lan-1", "", 5, None, "00000000-0d93-319d-8220-4a1fb0372b5"])
def test_normalize_rejects_non_uuid_id(bad_id):
    with pytest.raises(ConfigError, match="not a UUID"):
        normalize_config({"lan": [{"_id_": bad_id}]})


def test_normalize_rejects_duplicate_id_and_mismatched_key():
    with pytest.raises(ConfigError, match="more than one"):
        normalize_config({"lan": [{"_id_": LAN0}, {"_id_": LAN0}]})
    with pytest.raises(ConfigError, match="must contain _id_"):
        normalize_config({"lan": {LAN0: {"_id_": LAN1}}})
    with pytest.raises(ConfigError, match="must contain _id_"):
        normalize_config({"lan": {LAN0: {"name": "x"}}})


def test_normalize_int_keys_become_quoted_offsets():
    assert normalize_config({"vlan": {2: {"vid": 3}}}) == {"vlan": {"2": {"vid": 3}}}
    with pytest.raises(ConfigError):
        normalize_config({"vlan": {2: {}, "2": {}}})
    with pytest.raises(ConfigError):
        normalize_config({True: 1})


def test_normalize_is_idempotent_on_ncm_form():
    ncm = CURRENT[0]
    assert normalize_config(ncm) == ncm
    assert normalize_config(normalize_config(ncm)) == ncm


def test_to_module_form_round_trip_and_order():
    ncm = {"lan": {NEW: {"_id_": NEW, "name": "b"}, LAN0: {"_id_": LAN0, "name": "a"}},
           "vlan": {"2": {"vid": 3}}, "dns": [1, 2], "empty": {}}
    module = to_module_form(ncm)
    assert module["lan"] == [{"_id_": LAN0, "name": "a"}, {"_id_": NEW, "name": "b"}]
    assert module["vlan"] == {"2": {"vid": 3}}
    assert module["empty"] == {}
    assert normalize_config(module) == ncm


def test_config_pair():
    assert config_pair(None) == ({}, [])
    assert config_pair({"a": 1}) == ({"a": 1}, [])
    assert config_pair([{"a": 1}, [["b"]]]) == ({"a": 1}, [["b"]])
    with pytest.raises(ConfigError):
        config_pair([{"a": 1}])


# ----------------------------------------------------------------------------- secrets

@pytest.mark.parametrize("key", ["password", "wpapsk", "secret", "passphrase", "psk", "Admin_Password",
                                 "radius_secret", "wpa_passphrase", "private_key", "preshared_key"])
def test_is_secret_key(key):
    assert is_secret_key(key)


@pytest.mark.parametrize("key", ["ssid", "key", "name", "username", "user_name", "keep_alive_enabled", 0, None])
def test_is_not_secret_key(key):
    assert not is_secret_key(key)


def test_mask_secrets():
    cfg = {"system": {"users": {"0": {"username": "admin", "password": "*"}}},
           "lan": [{"_id_": LAN0, "wpapsk": "cleartext"}], "radius0nasid": None, "password": None}
    masked = mask_secrets(cfg)
    assert masked == {"system": {"users": {"0": {"username": "admin", "password": MASK}}},
                      "lan": [{"_id_": LAN0, "wpapsk": MASK}], "radius0nasid": None, "password": None}
    assert cfg["lan"][0]["wpapsk"] == "cleartext"  # not modified in place


def test_secret_on_create_existing_masked_secret_is_equal():
    current = [wpapsk_config("*"), []]
    plan = merge_plan(current, wpapsk_config("t311-n00ne"), update_secrets="on_create")
    assert not plan.changed
    assert plan.updates == {}
    assert plan.method is None and plan.body is None


def test_secret_always_is_sent_and_changed():
    current = [wpapsk_config("*"), []]
    plan = merge_plan(current, wpapsk_config("t311-n00ne"), update_secrets="always")
    assert plan.changed
    assert plan.method == "PATCH"
    assert plan.body == [{"wlan": {"radio": {"0": {"bss": {"0": {"wpapsk": "t311-n00ne"}}}}}}, []]
    # never shown in the result or the diff
    assert "t311-n00ne" not in repr(plan.result())
    assert "t311-n00ne" not in repr(plan.diff())


@pytest.mark.parametrize("mode", ["on_create", "always"])
def test_new_secret_is_always_a_change(mode):
    plan = merge_plan([{"system": {"users": {"1": {"username": "super"}}}}, []],
                      {"system": {"users": {"1": {"username": "super", "password": "SuperDuper1"}}}},
                      update_secrets=mode)
    assert plan.changed
    assert plan.updates == {"system": {"users": {"1": {"password": "SuperDuper1"}}}}
    assert "SuperDuper1" not in repr(plan.diff()) + repr(plan.result())


def test_secret_ssid_change_does_not_send_secret_on_create():
    plan = merge_plan([wpapsk_config("*"), []], {"wlan": {"radio": {"0": {"bss": {"0": {
        "ssid": "MBR1400-8c1", "wpapsk": "t311-n00ne"}}}}}})
    assert plan.updates == {"wlan": {"radio": {"0": {"bss": {"0": {"ssid": "MBR1400-8c1"}}}}}}


@pytest.mark.parametrize("placeholder", ["*", MASK])
def test_placeholder_keeps_existing_secret(placeholder):
    for mode in ("on_create", "always"):
        plan = merge_plan([wpapsk_config("*"), []], wpapsk_config(placeholder), update_secrets=mode)
        assert not plan.changed


def test_placeholder_without_current_secret_fails():
    with pytest.raises(ConfigError, match="placeholder"):
        merge_plan([{}, []], wpapsk_config("*"))
    with pytest.raises(ConfigError, match="placeholder"):
        replace_plan([{}, []], wpapsk_config(MASK))


def test_secret_null_over_mask_is_a_change():
    plan = merge_plan([wpapsk_config("*"), []], wpapsk_config(None))
    assert plan.changed


def test_diff_masks_unknown_secret_shown_as_star():
    current = [{"vendor": {"token_value": "*"}}, []]
    plan = merge_plan(current, {"vendor": {"token_value": "abc"}}, update_secrets="always")
    assert plan.changed
    assert "abc" not in repr(plan.diff()) + repr(plan.result())


# ------------------------------------------------------------------------------- merge

def test_merge_only_given_keys_compared():
    plan = merge_plan(CURRENT, {"system": {"logging": {"level": "debug"}}})
    assert not plan.changed
    assert plan.updates == {} and plan.removals == [] and plan.method is None


def test_merge_nested_minimal_difference():
    desired = {"system": {"logging": {"level": "info"}, "gps": {"enabled": True}},
               "lan": [{"_id_": LAN0, "ip_address": "192.168.40.1", "name": "LAN0"}]}
    plan = merge_plan(CURRENT, desired)
    assert plan.changed
    assert plan.method == "PATCH"
    # _id_ element keeps its _id_ (required by NCM) and only the changed field is sent
    assert plan.updates == {"system": {"logging": {"level": "info"}, "gps": {"enabled": True}},
                            "lan": {LAN0: {"_id_": LAN0, "ip_address": "192.168.40.1"}}}
    assert plan.body == [plan.updates, []]
    after = apply_plan(CURRENT, plan)
    assert after == plan.after
    assert after[0]["lan"][LAN0] == {"name": "LAN0", "ip_address": "192.168.40.1", "_id_": LAN0}
    assert not merge_plan(after, desired).changed


def test_merge_insert_new_id_element():
    desired = {"lan": [{"_id_": NEW, "ip_address": "192.168.40.1", "name": "Gamma", "devices": []}]}
    plan = merge_plan(CURRENT, desired)
    assert plan.updates == {"lan": {NEW: {"_id_": NEW, "ip_address": "192.168.40.1", "name": "Gamma",
                                          "devices": []}}}


def test_merge_lists_compared_as_whole_values():
    current = [{"a": {"l": [1, 2, 3]}}, []]
    assert not merge_plan(current, {"a": {"l": [1, 2, 3]}}).changed
    plan = merge_plan(current, {"a": {"l": [1, 2]}})
    assert plan.updates == {"a": {"l": [1, 2]}}
    assert apply_plan(current, plan)[0] == {"a": {"l": [1, 2]}}


def test_merge_list_equals_index_keyed_dict():
    current = [{"dns": {"0": {"ip": "1.1.1.1"}, "1": {"ip": "8.8.8.8"}}}, []]
    assert not merge_plan(current, {"dns": [{"ip": "1.1.1.1"}, {"ip": "8.8.8.8"}]}).changed
    assert not merge_plan([{"dns": [{"ip": "1.1.1.1"}]}, []], {"dns": {"0": {"ip": "1.1.1.1"}}}).changed
    plan = merge_plan([{"dns": [{"ip": "1.1.1.1"}]}, []], {"dns": {"0": {"ip": "9.9.9.9"}}})
    assert plan.updates == {"dns": {"0": {"ip": "9.9.9.9"}}}
    assert apply_plan([{"dns": [{"ip": "1.1.1.1"}]}, []], plan)[0] == {"dns": [{"ip": "9.9.9.9"}]}


def test_merge_types_are_strict_for_bool():
    assert merge_plan([{"a": 1}, []], {"a": True}).changed
    assert not merge_plan([{"a": 1}, []], {"a": 1.0}).changed
    assert merge_plan([{"a": "1"}, []], {"a": 1}).changed


def test_merge_removal_of_default_element_appended_once():
    plan = merge_plan(CURRENT, {}, removals=[["lan", LAN1]])
    assert plan.changed and plan.method == "PUT"
    assert plan.removals == [["lan", LAN1]]
    assert plan.body == [CURRENT[0], [["lan", LAN1]]]
    after = apply_plan(CURRENT, plan)
    assert after == [CURRENT[0], [["lan", LAN1]]]
    again = merge_plan(after, {}, removals=["lan." + LAN1])
    assert not again.changed and again.method is None


def test_merge_removal_already_listed_is_no_change():
    current = [{"a": 1}, [["vlan", 1, "ports", 3]]]
    assert not merge_plan(current, {}, removals=["vlan.1.ports.3"]).changed
    assert not merge_plan(current, {}, removals=[["vlan", "1", "ports", "3"]]).changed


def test_merge_removal_deletes_what_updates_hold_under_it():
    current = [{"lan": {LAN1: {"_id_": LAN1, "name": "Guest"}}, "b": 1}, []]
    plan = merge_plan(current, {}, removals=[["lan", LAN1]])
    assert plan.unset == [["lan", LAN1]]
    assert plan.after == [{"b": 1}, [["lan", LAN1]]]  # empty "lan" dict pruned
    assert apply_plan(current, plan) == plan.after


def test_merge_removal_conflicting_with_config_fails():
    with pytest.raises(ConfigError, match="both"):
        merge_plan(CURRENT, {"lan": [{"_id_": LAN1, "name": "x"}]}, removals=[["lan", LAN1]])


def test_merge_put_with_unknown_secret_fails_or_keeps():
    current = [{"system": {"users": {"0": {"password": "*"}}}, "b": 1}, []]
    with pytest.raises(ConfigError, match=r"system\.users\.0\.password"):
        merge_plan(current, {}, removals=["lan." + LAN1])
    plan = merge_plan(current, {}, removals=["lan." + LAN1], masked="keep")
    assert plan.masked_paths == [["system", "users", "0", "password"]]
    assert plan.body[0]["system"]["users"]["0"]["password"] == "*"
    assert plan.result()["masked_paths"] == ["system.users.0.password"]
    # giving the secret fills it into the PUT body (on_create: not a change by itself)
    plan = merge_plan(current, {"system": {"users": {"0": {"password": "pw1"}}}}, removals=["lan." + LAN1])
    assert plan.updates == {}
    assert plan.body[0]["system"]["users"]["0"]["password"] == "pw1"
    assert "pw1" not in repr(plan.diff()) + repr(plan.result())


def test_merge_rejects_bad_options():
    with pytest.raises(ConfigError):
        merge_plan(CURRENT, {}, update_secrets="sometimes")
    with pytest.raises(ConfigError):
        merge_plan(CURRENT, {}, masked="maybe")
    with pytest.raises(ConfigError):
        merge_plan(CURRENT, ["not", "a", "dict"])


def test_reference_diff_example():
    """Reference appendix 'Diffs': removals first, then updates; a.b and d.f left alone."""
    current = [{"a": {"b": 1, "c": 2}, "d": {"e": "hi", "f": "there"}}, []]
    plan = absent_plan(current, [["d", "e"]])
    plan2 = merge_plan(apply_plan(current, plan), {"a": {"d": 4, "c": 3}})
    result = apply_plan(apply_plan(current, plan), plan2)
    assert result[0] == {"a": {"d": 4, "c": 3, "b": 1}, "d": {"f": "there"}}


# ----------------------------------------------------------------------------- replace

def test_replace_removes_extra_keys():
    plan = replace_plan(CURRENT, {"system": {"logging": {"level": "debug"}}})
    assert plan.changed and plan.method == "PUT"
    assert plan.updates == {"system": {"logging": {"level": "debug"}}}
    assert plan.body == [{"system": {"logging": {"level": "debug"}}}, []]
    assert apply_plan(CURRENT, plan) == [{"system": {"logging": {"level": "debug"}}}, []]


def test_replace_same_config_is_unchanged():
    desired = to_module_form(CURRENT[0])
    plan = replace_plan(CURRENT, desired)
    assert not plan.changed and plan.method is None
    assert plan.updates == CURRENT[0]  # what a PUT would send


def test_replace_removals_compared_in_order():
    current = [{}, [["vlan", 1, "ports", 3], ["lan", LAN1]]]
    assert not replace_plan(current, {}, removals=["vlan.1.ports.3", ["lan", LAN1]]).changed
    assert replace_plan(current, {}, removals=[["lan", LAN1]]).changed
    assert replace_plan(current, {}, removals=[["lan", LAN1], "vlan.1.ports.3"]).changed


def test_replace_clear():
    plan = replace_plan(CURRENT, {})
    assert plan.changed and plan.body == [{}, []]
    assert not replace_plan([{}, []], {}).changed


@pytest.mark.parametrize("mode, changed", [("on_create", False), ("always", True)])
def test_replace_secret_rule(mode, changed):
    current = [wpapsk_config("*"), []]
    plan = replace_plan(current, wpapsk_config("new-secret"), update_secrets=mode)
    assert plan.changed is changed
    if changed:
        assert plan.body == [wpapsk_config("new-secret"), []]
        assert "new-secret" not in repr(plan.diff()) + repr(plan.result())


def test_replace_with_placeholder_and_other_change():
    current = [dict(wpapsk_config("*"), a=1), []]
    assert not replace_plan(current, dict(wpapsk_config(MASK), a=1)).changed
    with pytest.raises(ConfigError, match="wpapsk"):
        replace_plan(current, dict(wpapsk_config(MASK), a=2))
    plan = replace_plan(current, dict(wpapsk_config(MASK), a=2), masked="keep")
    assert plan.body[0]["wlan"]["radio"]["0"]["bss"]["0"]["wpapsk"] == "*"  # our mask never sent


# ------------------------------------------------------------------------------ absent

def test_absent_paths():
    plan = absent_plan(CURRENT, ["system.logging.level", ["lan", LAN1]])
    assert plan.changed and plan.method == "PUT"
    assert plan.unset == [["system", "logging", "level"]]
    assert plan.after == [{"lan": CURRENT[0]["lan"]}, []]  # empty system.logging and system pruned
    assert apply_plan(CURRENT, plan) == plan.after


def test_absent_missing_path_is_no_change():
    plan = absent_plan(CURRENT, ["system.gps.enabled", ["lan", LAN1]])
    assert not plan.changed and plan.method is None and plan.body is None


def test_absent_config_form():
    current = [{"lan": {LAN0: {"_id_": LAN0, "name": "a", "ip_address": "x"},
                        NEW: {"_id_": NEW, "name": "n"}}, "system": {"logging": {"level": "debug"}, "x": 1}}, []]
    plan = absent_plan(current, {"lan": [{"_id_": LAN0, "ip_address": None}, {"_id_": NEW}],
                                 "system": {"logging": None}})
    assert plan.after[0] == {"lan": {LAN0: {"_id_": LAN0, "name": "a"}}, "system": {"x": 1}}
    assert not absent_plan(plan.after, {"lan": [{"_id_": NEW}], "system": {"logging": {}}}).changed


def test_absent_into_json_list_fails():
    current = [{"a": {"l": [1, 2]}, "b": {"0": {"x": 1}, "1": {"x": 2}}}, []]
    with pytest.raises(ConfigError, match="a.l.0"):
        absent_plan(current, ["a.l.0"])
    plan = absent_plan(current, ["b.0", "a.l.5"])  # index-keyed dicts are fine; absent offset no change
    assert plan.after == [{"a": {"l": [1, 2]}, "b": {"1": {"x": 2}}}, []]


def test_absent_keeps_removals():
    current = [{"a": 1}, [["lan", LAN1]]]
    plan = absent_plan(current, ["a"])
    assert plan.after == [{}, [["lan", LAN1]]]


def test_plan_diff_shape():
    plan = merge_plan(CURRENT, {"lan": [{"_id_": LAN0, "name": "LAN9"}]})
    diff = plan.diff()
    assert diff["before"]["config"]["lan"] == [{"name": "LAN0", "ip_address": "192.168.30.1", "_id_": LAN0}]
    assert diff["after"]["config"]["lan"][0]["name"] == "LAN9"
    assert diff["after"]["removals"] == []
    assert isinstance(plan, ConfigPlan)


# -------------------------------------------------------------------- property tests

KEYS = st.sampled_from(["a", "b", "c", "d", "e"])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from(["x", "y", ""]))
PLAIN_LISTS = st.lists(SCALARS, max_size=3)
UUIDS = st.sampled_from([LAN0, LAN1, NEW, RULE])


def _configs(leaves):
    return st.recursive(
        st.dictionaries(KEYS, leaves, max_size=4),
        lambda children: st.dictionaries(KEYS, st.one_of(leaves, children), max_size=4),
        max_leaves=12,
    )


CONFIGS = _configs(st.one_of(SCALARS, PLAIN_LISTS))
PATHS = st.lists(st.one_of(KEYS, st.integers(0, 2)), min_size=1, max_size=3)
PROPS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _same(left, right):
    """Strict equality as NCM sees it: True is not 1, an array equals its index-keyed dict."""
    if isinstance(left, list) and isinstance(right, dict):
        left = {str(i): v for i, v in enumerate(left)}
    if isinstance(right, list) and isinstance(left, dict):
        right = {str(i): v for i, v in enumerate(right)}
    if isinstance(left, dict) and isinstance(right, dict):
        return set(left) == set(right) and all(_same(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(_same(a, b) for a, b in zip(left, right))
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    return type(left) is type(right) and left == right


def _contains(result, desired):
    """Every key of ``desired`` is in ``result`` with an equal value (dicts recursively)."""
    if isinstance(desired, dict):
        if isinstance(result, list):  # an array seen as the index-keyed dict of a diff
            result = {str(i): v for i, v in enumerate(result)}
        return isinstance(result, dict) and all(k in result and _contains(result[k], v) for k, v in desired.items())
    return _same(result, desired)


@PROPS
@given(current=CONFIGS, desired=CONFIGS)
def test_prop_merge_apply_contains_desired(current, desired):
    plan = merge_plan([current, []], desired)
    result = apply_plan([current, []], plan)
    assert _contains(result[0], desired)
    assert plan.changed == (not _same(result[0], current))
    assert result == plan.after
    assert not merge_plan(result, desired).changed


@PROPS
@given(current=CONFIGS, desired=CONFIGS, removals=st.lists(PATHS, max_size=3), listed=st.lists(PATHS, max_size=2))
def test_prop_merge_with_removals(current, desired, removals, listed):
    cur = [current, [list(p) for p in listed]]
    try:
        plan = merge_plan(cur, desired, removals=removals, masked="keep")
    except ConfigError as exc:
        assert "array set as a whole" in str(exc) or any(path_exists(desired, p) for p in removals)
        return
    result = apply_plan(cur, plan)
    assert _contains(result[0], desired)
    listed_after = {tuple(str(s) for s in p) for p in result[1]}
    for path in removals:
        assert tuple(str(s) for s in path) in listed_after
        assert not path_exists(result[0], path)
    again = merge_plan(result, desired, removals=removals, masked="keep")
    assert not again.changed
    assert plan.changed == (not _same(result[0], current) or len(result[1]) != len(listed))


@PROPS
@given(current=CONFIGS, desired=CONFIGS)
def test_prop_replace(current, desired):
    plan = replace_plan([current, []], desired)
    result = apply_plan([current, []], plan)
    assert result == [desired, []]
    assert plan.changed == (not _same(current, desired))
    assert not replace_plan(result, desired).changed


@PROPS
@given(current=CONFIGS, paths=st.lists(PATHS, max_size=4))
def test_prop_absent(current, paths):
    try:
        plan = absent_plan([current, []], paths)
    except ConfigError as exc:
        assert "array set as a whole" in str(exc)
        return
    result = apply_plan([current, []], plan)
    assert result == plan.after
    for path in paths:
        assert not path_exists(result[0], path)
    assert plan.changed == (not _same(result[0], current))
    assert not absent_plan(result, paths).changed


# module-form configs that contain _id_ lists (list of dicts with distinct UUID _id_)
def _id_lists(children):
    return st.lists(st.tuples(UUIDS, st.dictionaries(KEYS, children, max_size=3)), max_size=3,
                    unique_by=lambda t: t[0]).map(
        lambda items: [dict(body, _id_=uid) for uid, body in items] or [1])


MODULE_FORMS = st.recursive(
    st.dictionaries(KEYS, st.one_of(SCALARS, PLAIN_LISTS), max_size=4),
    lambda children: st.one_of(
        st.dictionaries(KEYS, st.one_of(SCALARS, PLAIN_LISTS, children, _id_lists(children)), max_size=4),
    ),
    max_leaves=12,
)


@PROPS
@given(module=MODULE_FORMS)
def test_prop_round_trip(module):
    ncm = normalize_config(module)
    assert normalize_config(ncm) == ncm
    assert normalize_config(to_module_form(ncm)) == ncm
    assert to_module_form(normalize_config(to_module_form(ncm))) == to_module_form(ncm)


@PROPS
@given(current=MODULE_FORMS, desired=MODULE_FORMS)
def test_prop_merge_with_id_lists(current, desired):
    cur = normalize_config(current)
    want = normalize_config(desired)
    plan = merge_plan([cur, []], desired)
    result = apply_plan([cur, []], plan)
    assert _contains(result[0], want)
    assert not merge_plan(result, desired).changed


def _ncm_view(value, key=None):
    """What a GET shows: non-empty secrets as '*'."""
    if isinstance(value, dict):
        return {k: _ncm_view(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_ncm_view(v) for v in value]
    if is_secret_key(key) and isinstance(value, str) and value:
        return "*"
    return value


SECRET_CONFIGS = _configs(st.one_of(SCALARS, PLAIN_LISTS)).flatmap(
    lambda cfg: st.dictionaries(st.sampled_from(["password", "wpapsk"]), st.sampled_from(["s1", "s2"]),
                                max_size=2).map(lambda sec: {**cfg, "auth": sec}))


@PROPS
@given(current=SECRET_CONFIGS, desired=SECRET_CONFIGS)
def test_prop_secrets(current, desired):
    cur = [_ncm_view(current), []]
    for mode in ("on_create", "always"):
        plan = merge_plan(cur, desired, update_secrets=mode)
        result = _ncm_view(apply_plan(cur, plan))
        again = merge_plan(result, desired, update_secrets=mode)
        has_secret = bool(desired["auth"])
        if mode == "on_create":
            assert not again.changed
        else:
            assert again.changed == has_secret
        for text in ("s1", "s2"):
            assert repr(text) not in repr(plan.diff()) + repr(plan.result())


def test_inputs_not_mutated():
    current = copy.deepcopy(CURRENT)
    desired = {"lan": [{"_id_": LAN0, "name": "z"}]}
    desired_copy = copy.deepcopy(desired)
    for plan in (merge_plan(current, desired, removals=[["lan", LAN1]]), replace_plan(current, desired),
                 absent_plan(current, ["system"])):
        apply_plan(current, plan)
        plan.diff()
    assert current == CURRENT and desired == desired_copy
    assert is_uuid(LAN0) and not is_uuid("x")
