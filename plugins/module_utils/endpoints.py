# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The NCM API v2 endpoints as data: which exist, their methods, paging and filters; how a URL carries an id.

The one endpoint table of the collection, extracted from the NCM API v2 reference (the text reference wins where
the two disagree). The client (which endpoints refuse ``offset``), ncm_info (which endpoints can be read), the
inventory and the info modules (which filters each endpoint documents) and the simulator in tests/simulator all
read it. No HTTP and no Ansible import here, so models, the resolver and the simulator load it on their own.

``ENDPOINTS[name]``: ``methods`` (the HTTP methods documented), ``offset_paging`` (True, False for the endpoints the
reference lists as refusing ``offset``: they page through opaque ``meta.next`` cursors only, None for the POST-only
action endpoints), ``filters`` (field -> documented operators; ``"="`` is the bare field).
"""

from __future__ import annotations


def id_from_url(value):
    """'https://.../api/v2/groups/12/' -> '12'; ids pass through as strings; None stays None."""
    if value is None:
        return None
    text = str(value)
    if "/" in text:
        return text.rstrip("/").rsplit("/", 1)[-1]
    return text


ENDPOINTS = {
    "accounts": {
        "filters": {"account": ("=", "__in"), "id": ("=", "__in"), "name": ("=", "__in")},
        "methods": ("GET", "POST", "PUT", "DELETE"),
        "offset_paging": True,
    },
    "activity_logs": {
        "filters": {
            "account": ("=",),
            "action__id": ("=",),
            "action__timestamp": ("=", "__gt", "__gte", "__lt", "__lte"),
            "action__type": ("=",),
            "actor__id": ("=",),
            "actor__type": ("=",),
            "created_at": ("=", "__gt", "__gte", "__lt", "__lte"),
            "object__id": ("=",),
            "object__type": ("=",),
        },
        "methods": ("GET",),
        "offset_paging": True,
    },
    "alert_push_destinations": {
        "filters": {"destination_config_id": ("=", "__in", "__gt", "__lt")},
        "methods": ("GET", "POST", "PATCH", "DELETE"),
        "offset_paging": False,
    },
    "alert_rules": {
        "filters": {"alert_config_id": ("=", "__in", "__gt", "__lt")},
        "methods": ("GET", "POST", "PATCH", "DELETE"),
        "offset_paging": False,
    },
    "alerts": {
        "filters": {
            "account": ("=", "__in", "__isnull"),
            "created_at": ("__gt", "__lt"),
            "created_at_timeuuid": ("=", "__in", "__gt", "__gte", "__lt", "__lte"),
            "router": ("=", "__in", "__isnull"),
            "type": ("=", "__in"),
        },
        "methods": ("GET",),
        "offset_paging": True,
    },
    "batteries": {"filters": {"router": ("=", "__in")}, "methods": ("GET",), "offset_paging": True},
    "configuration_managers": {
        "filters": {
            "account": ("=", "__in"),
            "id": ("=", "__in"),
            "router": ("=", "__in"),
            "suspended": ("=",),
            "synched": ("=",),
            "version_number": ("=", "__gt", "__lt"),
        },
        "methods": ("GET", "PUT", "PATCH"),
        "offset_paging": True,
    },
    "device_app_bindings": {
        "filters": {
            "account": ("=", "__in"),
            "app_version": ("=", "__in"),
            "group": ("=", "__in"),
            "id": ("=", "__in"),
            "state": ("=", "__in"),
        },
        "methods": ("GET", "POST", "DELETE"),
        "offset_paging": True,
    },
    "device_app_states": {
        "filters": {
            "account": ("=", "__in"),
            "app_version": ("=", "__in"),
            "id": ("=", "__in"),
            "router": ("=", "__in"),
            "state": ("=", "__in"),
        },
        "methods": ("GET",),
        "offset_paging": True,
    },
    "device_app_versions": {
        "filters": {
            "account": ("=", "__in"),
            "app": ("=", "__in"),
            "id": ("=", "__in"),
            "state": ("=", "__in"),
        },
        "methods": ("GET", "DELETE"),
        "offset_paging": True,
    },
    "device_apps": {
        "filters": {
            "account": ("=", "__in"),
            "id": ("=", "__in"),
            "name": ("=", "__in"),
            "uuid": ("=", "__in"),
        },
        "methods": ("GET", "DELETE"),
        "offset_paging": True,
    },
    "failovers": {
        "filters": {
            "account_id": ("=",),
            "ended_at": ("=", "__gt", "__gte", "__lt", "__lte"),
            "group_id": ("=",),
            "router_id": ("=",),
            "started_at": ("=", "__gt", "__gte", "__lt", "__lte"),
        },
        "methods": ("GET",),
        "offset_paging": True,
    },
    "firmwares": {
        "filters": {"id": ("=", "__in"), "version": ("=", "__in")},
        "methods": ("GET",),
        "offset_paging": True,
    },
    "groups": {
        "filters": {
            "account": ("=", "__in"),
            "device_type": ("=", "__in"),
            "id": ("=", "__in"),
            "name": ("=", "__in"),
        },
        "methods": ("GET", "POST", "PUT", "PATCH", "DELETE"),
        "offset_paging": True,
    },
    "historical_locations": {
        "filters": {"created_at": ("__gt", "__lte"), "created_at_timeuuid": ("__gt",), "router": ("=",)},
        "methods": ("GET",),
        "offset_paging": False,
    },
    "locations": {
        "filters": {"id": ("=", "__in"), "router": ("=", "__in")},
        "methods": ("GET", "POST", "PUT", "DELETE"),
        "offset_paging": True,
    },
    "net_device_health": {"filters": {"net_device": ("=", "__in")}, "methods": ("GET",), "offset_paging": True},
    "net_device_metrics": {
        "filters": {"bmask_applied": ("=",), "net_device": ("=", "__in"), "update_ts": ("__gt", "__lt")},
        "methods": ("GET",),
        "offset_paging": True,
    },
    "net_device_signal_samples": {
        "filters": {
            "created_at": ("__gt", "__lt"),
            "created_at_timeuuid": ("=", "__in", "__gt", "__gte", "__lt", "__lte"),
            "net_device": ("=", "__in"),
        },
        "methods": ("GET",),
        "offset_paging": False,
    },
    "net_device_usage_samples": {
        "filters": {
            "created_at": ("__gt", "__lt"),
            "created_at_timeuuid": ("=", "__in", "__gt", "__gte", "__lt", "__lte"),
            "net_device": ("=", "__in"),
        },
        "methods": ("GET",),
        "offset_paging": False,
    },
    "net_devices": {
        "filters": {
            "account": ("=", "__in"),
            "connection_state": ("=", "__in"),
            "iccid": ("=", "__in"),
            "id": ("=", "__in"),
            "imei": ("=", "__in"),
            "ipv4_address": ("=", "__in"),
            "ipv6_address": ("=", "__in"),
            "is_asset": ("=",),
            "mode": ("=", "__in"),
            "router": ("=", "__in"),
            "updated_at": ("__gt", "__lt"),
        },
        "methods": ("GET",),
        "offset_paging": True,
    },
    "products": {
        "filters": {"device_type": ("=", "__in"), "id": ("=", "__in"), "name": ("=", "__in")},
        "methods": ("GET",),
        "offset_paging": True,
    },
    "reboot_activity": {"filters": {}, "methods": ("POST",), "offset_paging": None},
    "router_alerts": {
        "filters": {
            "created_at": ("__gt", "__lt"),
            "created_at_timeuuid": ("=", "__in", "__gt", "__gte", "__lt", "__lte"),
            "router": ("=", "__in"),
        },
        "methods": ("GET",),
        "offset_paging": True,
    },
    "router_lans": {
        "filters": {
            "account": ("=", "__in"),
            "enabled": ("=",),
            "id": ("=", "__in"),
            "ip_address": ("=", "__in"),
            "name": ("=", "__in"),
            "router": ("=", "__in"),
        },
        "methods": ("GET",),
        "offset_paging": True,
    },
    "router_logs": {
        "filters": {
            "created_at": ("__gt", "__lt"),
            "created_at_timeuuid": ("=", "__in", "__gt", "__gte", "__lt", "__lte"),
            "router": ("=",),
        },
        "methods": ("GET",),
        "offset_paging": True,
    },
    "router_state_samples": {
        "filters": {
            "created_at": ("__gt", "__lt"),
            "created_at_timeuuid": ("=", "__in", "__gt", "__gte", "__lt", "__lte"),
            "router": ("=", "__in"),
        },
        "methods": ("GET",),
        "offset_paging": False,
    },
    "router_stream_usage_samples": {
        "filters": {
            "created_at": ("__gt", "__lt"),
            "created_at_timeuuid": ("=", "__in", "__gt", "__gte", "__lt", "__lte"),
            "router": ("=", "__in"),
        },
        "methods": ("GET",),
        "offset_paging": False,
    },
    "routers": {
        "filters": {
            "account": ("=", "__in"),
            "asset_id": ("=", "__in"),
            "description": ("=", "__in"),
            "device_type": ("=", "__in"),
            "full_product_name": ("=",),
            "group": ("=", "__in"),
            "id": ("=", "__in"),
            "ipv4_address": ("=", "__in"),
            "mac": ("=", "__in"),
            "name": ("=", "__in"),
            "reboot_required": ("=", "__in"),
            "serial_number": ("=", "__in"),
            "state": ("=", "__in"),
            "state_updated_at": ("__lt", "__gt"),
            "updated_at": ("__lt", "__gt"),
        },
        "methods": ("GET", "PUT", "DELETE"),
        "offset_paging": True,
    },
    "speed_test": {
        "filters": {"account": ("=", "__in")},
        "methods": ("GET", "POST", "DELETE"),
        "offset_paging": True,
    },
    "test_alert_push_destinations": {"filters": {}, "methods": ("POST",), "offset_paging": None},
    "users": {
        "filters": {"email": ("=", "__in"), "id": ("=", "__in"), "username": ("=", "__in")},
        "methods": ("GET",),
        "offset_paging": True,
    },
}

# endpoints a GET lists (ncm_info's choices)
GET_ENDPOINTS = tuple(sorted(name for name, spec in ENDPOINTS.items() if "GET" in spec["methods"]))
# endpoints that page through meta.next cursors only (the client never fetches their pages by offset)
NO_OFFSET_ENDPOINTS = frozenset(name for name, spec in ENDPOINTS.items() if spec["offset_paging"] is False)


def filters_of(endpoint):
    """The documented filters of an endpoint: field -> operators."""
    return ENDPOINTS[endpoint]["filters"]
