"""Hostile input (issue 17): identifier, number, URL and connection checks; comma names; the "*" secret rule."""

import math

import pytest

from ansible_collections.cradlepoint.ncm.plugins.module_utils import validate
from ansible_collections.cradlepoint.ncm.plugins.module_utils.config_diff import (
    ConfigError,
    absent_plan,
    masked_secrets,
    merge_plan,
    replace_plan,
)
from ansible_collections.cradlepoint.ncm.plugins.module_utils.resolve import is_id
from ansible_collections.cradlepoint.ncm.plugins.module_utils.secrets import mask_secrets

# ---- identifiers ------------------------------------------------------------------------------------------

GOOD_IDENTIFIERS = ["1", "777", 777, "router-1", "Branch, East", "Zürich 東京", "O'Brien \"HQ\"", "50% & more + #1",
                    " padded ", "0777", "None of them", "a" * validate.MAX_IDENTIFIER]


@pytest.mark.parametrize("value", GOOD_IDENTIFIERS, ids=range(len(GOOD_IDENTIFIERS)))
def test_identifier_accepts_any_real_name(value):
    assert validate.identifier("router", value) == str(value)


BAD_IDENTIFIERS = [
    ("", "empty"), (" ", "empty"), ("\t\n ", "empty"), ("\u3000", "empty"),
    ("None", "unset variable"), ("null", "unset variable"),
    (True, "boolean"), (False, "boolean"), (1.0, "float"), (float("nan"), "float"), ([], "list"), ({}, "dict"),
    ("router\n1", "control character"), ("a\x00b", "control character"),
    ("a" * (validate.MAX_IDENTIFIER + 1), "longer than"),
]


@pytest.mark.parametrize("value, cause", BAD_IDENTIFIERS, ids=range(len(BAD_IDENTIFIERS)))
def test_identifier_rejects_with_option_and_cause(value, cause):
    with pytest.raises(validate.NcmInputError) as err:
        validate.identifier("group", value)
    message = str(err.value)
    assert message.startswith("group: ") and cause in message


def test_identifiers_name_the_element():
    with pytest.raises(validate.NcmInputError, match=r"groups\[1\]: '' is empty"):
        validate.identifiers("groups", ["group-001", ""])
    with pytest.raises(validate.NcmInputError, match="groups: 'x' is not a list"):
        validate.identifiers("groups", "x")


def test_very_long_values_are_shortened_in_messages():
    with pytest.raises(validate.NcmInputError) as err:
        validate.identifier("router", "x" * 5000)
    assert len(str(err.value)) < 300 and "5000 characters" in str(err.value)


@pytest.mark.parametrize("value, expected", [("1", True), ("777", True), ("0777", False), ("0", False),
                                             ("\u0663", False), ("\u00b2", False), ("1.0", False), ("-1", False),
                                             ("1" * 19, True), ("1" * 20, False), (" 7", False)])
def test_only_ascii_ids_without_leading_zero_are_ids(value, expected):
    assert is_id(value) is expected


# ---- numbers, URLs, connection options ---------------------------------------------------------------------

@pytest.mark.parametrize("value, cause", [(float("nan"), "finite"), (float("inf"), "finite"), (-math.inf, "finite"),
                                          (True, "boolean"), ("1", "string"), (91.0, "out of range (-90..90)"),
                                          (-90.5, "out of range (-90..90)")])
def test_number_rejects(value, cause):
    with pytest.raises(validate.NcmInputError) as err:
        validate.number("latitude", value, low=-90, high=90)
    assert str(err.value).startswith("latitude: ") and cause in str(err.value)


def test_number_accepts_the_edges():
    assert validate.number("latitude", -90, low=-90, high=90) == -90
    assert validate.number("latitude", 90.0, low=-90, high=90) == 90.0


BAD_URLS = [("https://g example.com/ hook", "whitespace"), ("ftp://h.example.com/", "http:// or https://"),
            ("https:///path", "no host"), ("hooks.example.com/x", "http:// or https://"), ("", "not a URL"),
            ("https://h.example.com:99999/", "not a valid URL"), ("https://h.example.com/\nx", "whitespace"),
            ("https://h.example.com:0/", "port 0"), ("javascript:alert(1)", "http:// or https://")]


@pytest.mark.parametrize("value, cause", BAD_URLS, ids=range(len(BAD_URLS)))
def test_url_rejects(value, cause):
    with pytest.raises(validate.NcmInputError) as err:
        validate.url("url", value)
    assert str(err.value).startswith("url: ") and cause in str(err.value)


def test_url_accepts_http_and_https():
    assert validate.url("url", "https://hooks.example.com/ncm?x=1&y=%20")
    assert validate.url("url", "http://127.0.0.1:8080/a")


@pytest.mark.parametrize("settings, cause", [
    ({"timeout": 0.0}, "timeout: 0.0 must be more than 0"),
    ({"timeout": -1.0}, "timeout: -1.0 must be more than 0"),
    ({"timeout": float("nan")}, "timeout: nan is not a finite"),
    ({"max_retries": -1}, "max_retries: -1 must be 0 or more"),
    ({"max_retries": True}, "max_retries: True is not a whole number"),
    ({"base_url": "https://www.cradlepointecm.com/"}, "ending in /api/v2/"),
    ({"base_url": "www.cradlepointecm.com/api/v2/"}, "http:// or https://"),
    ({"base_url": "https://ncm example.com/api/v2/"}, "whitespace"),
])
def test_connection_options_are_checked(settings, cause):
    with pytest.raises(validate.NcmInputError, match=cause):
        validate.connection(settings)


def test_connection_accepts_zero_retries_and_a_proxy_prefix():
    validate.connection({"timeout": 0.5, "max_retries": 0, "base_url": "http://127.0.0.1:9/ncm/api/v2"})


def test_timeout_zero_is_not_silently_30():
    """The checks above refuse 0; the client itself never swaps a given 0 for the default either."""
    from ansible_collections.cradlepoint.ncm.plugins.module_utils.client import NcmClient

    client = NcmClient.from_settings({"cp_api_id": "a", "cp_api_key": "b", "ecm_api_id": "c", "ecm_api_key": "d",
                                      "timeout": 0.0, "max_retries": 0})
    assert client.timeout == 0.0


# ---- names with commas: exact filter -----------------------------------------------------------------------

def test_list_in_asks_for_a_name_with_a_comma_alone(server, make_client):
    make_client().list_in("groups", "name", ["Branch, East", "plain", "a,b"])
    queries = [r["query"] for r in server.requests]
    assert {"name": "Branch, East", "limit": "500"} in queries
    assert {"name": "a,b", "limit": "500"} in queries
    assert {"name__in": "plain", "limit": "500"} in queries
    assert len(queries) == 3


def test_list_in_without_commas_is_one_call(server, make_client):
    make_client().list_in("groups", "name", ["x", "y"])
    assert [r["query"] for r in server.requests] == [{"name__in": "x,y", "limit": "500"}]


# ---- the "*" secret rule ----------------------------------------------------------------------------------

def _bss(**fields):
    return {"wlan": {"radio": {"0": {"bss": {"0": fields}}}}}


CURRENT = [_bss(ssid="x", wep_key="*", auth_key="*"), []]


@pytest.mark.parametrize("key", ["wep_key", "auth_key"])
def test_unknown_masked_key_equals_anything_on_create(key):
    plan = merge_plan(CURRENT, _bss(**{key: "hunter2-cleartext"}))
    assert not plan.changed and plan.body is None


def test_unknown_masked_key_is_sent_with_always_and_masked_everywhere():
    plan = merge_plan(CURRENT, _bss(wep_key="hunter2-cleartext"), update_secrets="always")
    assert plan.changed and plan.method == "PATCH"
    shown = repr(plan.diff()) + repr(plan.result())
    assert "hunter2-cleartext" not in shown
    assert plan.diff()["after"]["config"]["wlan"]["radio"]["0"]["bss"]["0"]["wep_key"] == "********"


def test_removal_put_refuses_to_write_star_over_unknown_secrets():
    with pytest.raises(ConfigError) as err:
        merge_plan(CURRENT, {}, removals=["wlan.radio.0.bss.0.ssid"])
    message = str(err.value)
    assert "wlan.radio.0.bss.0.wep_key" in message and "wlan.radio.0.bss.0.auth_key" in message
    with pytest.raises(ConfigError, match="wep_key"):
        absent_plan(CURRENT, ["wlan.radio.0.bss.0.ssid"])


def test_removal_put_resends_the_given_cleartext():
    plan = merge_plan(CURRENT, _bss(wep_key="w-clear", auth_key="a-clear"), removals=["wlan.radio.0.bss.0.ssid"])
    assert plan.method == "PUT"
    assert plan.body[0]["wlan"]["radio"]["0"]["bss"]["0"] == {"wep_key": "w-clear", "auth_key": "a-clear"}
    assert "*" not in repr(plan.body)
    assert "clear" not in repr(plan.diff()) + repr(plan.result())


def test_display_placeholder_keeps_an_unknown_secret():
    plan = merge_plan(CURRENT, _bss(wep_key="********"))
    assert not plan.changed
    with pytest.raises(ConfigError, match="wep_key"):
        replace_plan(CURRENT, _bss(ssid="y", wep_key="********", auth_key="a"))


def test_masked_secrets_lists_values_given_at_star_paths():
    assert sorted(masked_secrets(CURRENT, _bss(ssid="y", wep_key="w1", auth_key="********"))) == ["w1"]


def test_mask_secrets_masks_any_star_value():
    assert mask_secrets(CURRENT[0])["wlan"]["radio"]["0"]["bss"]["0"] == {
        "ssid": "x", "wep_key": "********", "auth_key": "********"}


# ---- alert rule settings: every field checked, its path named --------------------------------------------------

@pytest.mark.parametrize("settings, fragment", [
    ({"pdp_router_overage": {"carrier": "VERIZON", "thresholds": ["abc", 80]}},
     "settings.pdp_router_overage.thresholds[0]: 'abc' is not an integer percentage"),
    ({"pdp_router_overage": {"carrier": "V", "thresholds": [80, 101]}}, "thresholds[1]: 101"),
    ({"pdp_router_overage": {"carrier": "V", "thresholds": [True]}}, "thresholds[0]: True"),
    ({"pdp_router_overage": {"carrier": "V", "thresholds": "80"}}, "thresholds: '80' is not a list"),
    ({"pdp_account_overage": {"carrier": 7, "thresholds": [80]}}, "settings.pdp_account_overage.carrier: 7"),
    ({"pdp_account_overage": {"carrier": "V", "thresholds": [80], "colour": 1}}, "pdp_account_overage.colour"),
    ({"pdp_account_overage": [80]}, "settings.pdp_account_overage: [80] is not a dictionary"),
    ({"config_rejected": {}}, "settings.config_rejected: only"),
    (["x"], "settings: ['x'] is not a dictionary"),
])
def test_alert_rule_settings_name_the_path(settings, fragment):
    from ansible_collections.cradlepoint.ncm.plugins.module_utils.alert_types import settings_shape_problems

    assert any(fragment in problem for problem in settings_shape_problems(settings)), settings_shape_problems(settings)


def test_alert_rule_good_settings_pass():
    from ansible_collections.cradlepoint.ncm.plugins.module_utils.alert_types import settings_shape_problems

    assert settings_shape_problems({"pdp_router_overage": {"carrier": "VERIZON", "thresholds": [50, "80", 100]}}) == []
    assert settings_shape_problems(None) == []
