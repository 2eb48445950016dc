"""Unit tests of the alerting helpers: alert type table, PDP settings, comparable views."""

from ansible_collections.cradlepoint.ncm.plugins.module_utils import alert_types
from ansible_collections.cradlepoint.ncm.plugins.module_utils.models import AlertRule, PushDestination


def test_alert_type_table_matches_reference():
    assert len(alert_types.ALERT_TYPES) == 119
    for name in ("connection_state", "account_locked", "acs_expires_in_5_days", "intel_vrrp_new_master",
                 "pdp_router_overage", "zs_tls_tunnel", "ips_activity"):
        assert name in alert_types.ALERT_TYPES


def test_unknown_types_suggest_close_matches():
    unknown = alert_types.unknown_alert_types(["conection_state", "connection_state", "zzz"])
    assert unknown[0][0] == "conection_state" and unknown[0][1][0] == "connection_state"
    assert unknown[1] == ("zzz", [])
    message = alert_types.describe_unknown("alert_types", unknown)
    assert message.startswith("alert_types: unknown alert type 'conection_state' (did you mean connection_state")


def test_pdp_settings_required():
    assert alert_types.settings_problems(["connection_state"], None) == []
    assert alert_types.settings_problems(["pdp_account_overage"], None)
    good = {"pdp_account_overage": {"carrier": "VERIZON", "thresholds": [50, 80]}}
    assert alert_types.settings_problems(["pdp_account_overage"], good) == []
    bad = {"pdp_account_overage": {"carrier": "", "thresholds": [0, 101, True]}}
    assert len(alert_types.settings_problems(["pdp_account_overage"], bad)) == 2


def test_rule_view_compares_as_sets():
    record = {"filter_criteria": {"alert_type__in": ["b", "a", "a"]}, "associated_groups": [3, 12],
              "email_destinations": ["https://x/api/v2/users/2/"], "http_destinations": ["u2", "u1"],
              "schedule": "Daily", "settings": {"pdp_router_overage": {"carrier": "V", "thresholds": [90, 25]}}}
    view = AlertRule.view(record)
    assert view == {"alert_types": ["a", "b"], "groups": ["12", "3"], "accounts": [], "email_users": ["2"],
                    "http_destinations": ["u1", "u2"], "schedule": "daily",
                    "settings": {"pdp_router_overage": {"carrier": "V", "thresholds": [25, 90]}}}
    assert AlertRule.view({"schedule": "None"})["schedule"] is None


def test_destination_view_never_holds_the_secret():
    view = PushDestination.view({"name": "n", "endpoint": {"url": "https://x"}, "authentication": {"secret": "abc"},
                                 "enabled": True, "suspended": False})
    assert view == {"name": "n", "url": "https://x", "enabled": True, "suspended": False, "secret": "********"}
