# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The alert type names NCM accepts in an alert rule's ``filter_criteria.alert_type__in``.

Copied from the "List of NetCloud Alerts" tables of the API v2 reference (alert_rules section, the "Alert Field
Name" column). ``validate_alert_types`` rejects unknown names before any API call and suggests close matches.
"""

from __future__ import annotations

import difflib

ROUTER_ALERT_TYPES = (
    "adc_event",
    "pcn_ap_connection_state",
    "batt_health_alert",
    "batt_over_current_alert",
    "batt_over_temp_alert",
    "batt_over_voltage_alert",
    "batt_sys_low_power_alert",
    "batt_sys_power_off_alert",
    "batt_maintenance_cycle_started",
    "batt_maintenance_cycle_ended",
    "batt_backup_power_engaged",
    "wall_power_restored",
    "pcn_ap_radio_status",
    "config_change",
    "config_rejected",
    "config_unacked",
    "cpu_utilization",
    "custom_alert",
    "data_cap_threshold",
    "device_location_unknown",
    "ethernet_wan_connected",
    "intel_ethernet_wan_connected",
    "ethernet_wan_disconnected",
    "intel_ethernet_wan_disconnected",
    "ethernet_wan_plugged",
    "ethernet_wan_standby",
    "ethernet_wan_unplugged",
    "ncm_login_failure",
    "failover_event",
    "firmware_upgrade",
    "pcn_core_ue_dedicated_bearer_alloc_failure",
    "geofence_proximity_change",
    "gpio_state_change",
    "pcn_core_port_status_changed",
    "pcn_core_ipsec_connection_status_changed",
    "ip_banned",
    "ips_activity",
    "ips_eng_failure",
    "ipsec_tunnel_down",
    "pcn_ap_ipsec_setup_failure",
    "ips_enable_disable",
    "ips_mode_change",
    "ipsec_tunnel_restored",
    "ipsec_tunnel_up",
    "ipverify_event",
    "login_success",
    "location_service_change",
    "memory_utilization",
    "modem_firmware_summary_create",
    "modem_wan_connected",
    "intel_modem_wan_connected",
    "modem_wan_disconnected",
    "intel_modem_wan_disconnected",
    "modem_wan_plugged",
    "modem_wan_standby",
    "modem_wan_unplugged",
    "msft_iot_disconnect",
    "connection_state",
    "ncos_firmware_summary_create",
    "pcn_sas_no_response",
    "pcn_ap_ntp_syn_failure",
    "pcn_core_ntp_sync_failure",
    "reboot_status_change",
    "intel_reboot_status_change",
    "remote_connection_destroyed",
    "remote_connection_request",
    "duplicate_ssid",
    "router_group_change",
    "router_sdk_app_execution_state_changed",
    "router_sdk_mismatched_app_action",
    "pcn_core_s1_setup_failure",
    "pcn_core_s1_connection_state",
    "pcn_sas_grant_expired",
    "pcn_sas_grant_success",
    "pcn_sas_grant_suspended",
    "pcn_sas_grant_terminated",
    "scep_enrollment_failure",
    "scep_enrollment_success",
    "sim_door_event",
    "span_enabled",
    "system_error",
    "sustained_system_overload",
    "csi_test_error",
    "csi_test_failed",
    "csi_test_passed",
    "csi_test_started",
    "thermal_exceeds_limit",
    "tunnel_limit",
    "unrecognized_mac_alert",
    "vrrp_new_backup",
    "intel_vrrp_new_backup",
    "vrrp_new_fault",
    "intel_vrrp_new_fault",
    "vrrp_new_master",
    "intel_vrrp_new_master",
    "wan_service_type",
    "wan_status_change",
    "http_destination_suspended",
    "http_push_failure",
    "wifi_client_state_change",
    "wwan_standby",
    "wwan_connected",
    "wwan_disconnected",
    "wwan_network_available",
    "wwan_network_unavailable",
    "zs_tls_tunnel",
)

ACCOUNT_ALERT_TYPES = (
    "account_locked",
    "acs_noncompliant_devices",
    "acs_unlicensed_devices",
    "acs_unlicensed_in_5_days",
    "acs_unlicensed_in_15_days",
    "pdp_account_overage",
    "pdp_router_overage",
    "acs_expires_in_180_days",
    "acs_expires_in_90_days",
    "acs_expires_in_60_days",
    "acs_expires_in_30_days",
    "acs_expires_in_15_days",
    "acs_expires_in_5_days",
)

ALERT_TYPES = frozenset(ROUTER_ALERT_TYPES + ACCOUNT_ALERT_TYPES)

# Pooled-data-plan overage types: the reference requires an entry for each of them in ``settings``
# ({"carrier": <carrier name>, "thresholds": [<percent>, ...]}).
PDP_ALERT_TYPES = ("pdp_account_overage", "pdp_router_overage")


def unknown_alert_types(names):
    """[(name, [close matches])] for every name that is not an NCM alert type."""
    known = sorted(ALERT_TYPES)
    return [(name, difflib.get_close_matches(str(name), known, n=3, cutoff=0.6)) for name in names if name not in ALERT_TYPES]


def describe_unknown(option, unknown):
    """Message for unknown alert type names, naming the option and the close matches."""
    parts = []
    for name, close in unknown:
        hint = " (did you mean %s?)" % ", ".join(close) if close else ""
        parts.append("%r%s" % (name, hint))
    return "%s: unknown alert type %s. Alert types are the names in the 'List of NetCloud Alerts' of the NCM API reference." % (
        option,
        "; ".join(parts),
    )


def settings_problems(alert_types, settings):
    """Reasons why ``settings`` does not cover the PDP overage types among ``alert_types`` (empty when fine)."""
    problems = []
    settings = settings or {}
    if not isinstance(settings, dict):
        return ["settings must be a dictionary keyed by PDP alert type"]
    for pdp in PDP_ALERT_TYPES:
        if pdp not in alert_types:
            continue
        entry = settings.get(pdp)
        if not isinstance(entry, dict):
            problems.append("%s needs settings.%s = {carrier: <carrier name>, thresholds: [<percent>, ...]}" % (pdp, pdp))
            continue
        if not isinstance(entry.get("carrier"), str) or not entry.get("carrier"):
            problems.append("settings.%s.carrier must be a carrier name such as VERIZON" % pdp)
        thresholds = entry.get("thresholds")
        if not isinstance(thresholds, list) or not thresholds or not all(_is_percent(t) for t in thresholds):
            problems.append("settings.%s.thresholds must be a non-empty list of integer percentages (1-100)" % pdp)
    return problems


def settings_shape_problems(settings):
    """Every field of ``settings`` whose type or value is wrong, as 'settings.<path>: <reason>' (empty when fine).

    The reference documents settings only for the PDP overage types: ``{carrier: <name>, thresholds: [<percent>]}``."""
    if settings is None:
        return []
    if not isinstance(settings, dict):
        return ["settings: %r is not a dictionary keyed by PDP alert type" % (settings,)]
    problems = []
    for key, entry in settings.items():
        path = "settings.%s" % key
        if key not in PDP_ALERT_TYPES:
            problems.append("%s: only %s take settings" % (path, " and ".join(PDP_ALERT_TYPES)))
        elif not isinstance(entry, dict):
            problems.append("%s: %r is not a dictionary {carrier, thresholds}" % (path, entry))
        else:
            for field in sorted(set(entry) - {"carrier", "thresholds"}):
                problems.append("%s.%s: not a setting (carrier, thresholds)" % (path, field))
            if "carrier" in entry and not isinstance(entry["carrier"], str):
                problems.append("%s.carrier: %r is not a carrier name" % (path, entry["carrier"]))
            thresholds = entry.get("thresholds")
            if "thresholds" in entry and not isinstance(thresholds, list):
                problems.append("%s.thresholds: %r is not a list of percentages" % (path, thresholds))
            for index, value in enumerate(thresholds if isinstance(thresholds, list) else []):
                if not _is_percent(value):
                    problems.append("%s.thresholds[%d]: %r is not an integer percentage (1-100)" % (path, index, value))
    return problems


def _is_percent(value):
    if isinstance(value, bool):
        return False
    try:
        number = int(value)
    except (TypeError, ValueError):
        return False
    return str(number) == str(value).strip() and 0 < number <= 100
