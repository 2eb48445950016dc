"""Hostile input (issue 17): cases that must fail before any API call, and names that must mean the same everywhere.

``REFUSED``: (case id, module, args, fragments of the message). Every case must fail with a message that starts
with nothing generic: it names the option (fragment 1) and the value or the cause (the other fragments), and the
simulator must record **no call at all** for the task (the checks run before the first request).

The setup (``prepare``) makes the names the other suites lack: a group ``Branch, East`` (a comma), a group with
quotes, unicode, ``%``, ``&``, ``+`` and ``#``, a group named ``None`` holding router 1 (an empty identifier read
as the text "None" would reboot it), router 4 renamed ``777`` (an all-digit name; no router has id 777) and router
5 renamed ``edge, west``.
"""

COMMA_GROUP = "Branch, East"
ODD_GROUP = "Zürich \"HQ\" O'Brien 50% & more + #1 東京"
NONE_GROUP = "None"
DIGIT_ROUTER = "777"  # router 4
COMMA_ROUTER = "edge, west"  # router 5
LONG = "r" * 5000
RULE = {"alert_types": ["config_rejected"]}
HOOK = {"name": "hostile-hook", "secret": "s3cr3t-hostile"}

REFUSED = [
    # ---- empty, None-text, whitespace, wrong type: identifiers in every module ----
    ("reboot-router-empty", "ncm_reboot", {"router": ""}, ["router", "''", "empty"]),
    ("reboot-router-none-text", "ncm_reboot", {"router": "None"}, ["router", "'None'", "unset variable"]),
    ("reboot-router-null-text", "ncm_reboot", {"router": "null"}, ["router", "'null'", "unset variable"]),
    ("reboot-router-null", "ncm_reboot", {"router": None}, ["router", "group", "null"]),
    ("reboot-group-whitespace", "ncm_reboot", {"group": "   "}, ["group", "'   '", "empty"]),
    ("reboot-group-tab-newline", "ncm_reboot", {"group": "\t\n"}, ["group", "empty"]),
    ("reboot-router-true", "ncm_reboot", {"router": True}, ["router", "True", "boolean"]),
    ("reboot-router-float", "ncm_reboot", {"router": 1.5}, ["router", "1.5", "float"]),
    ("reboot-poll-interval-nan", "ncm_reboot", {"router": "1", "poll_interval": "nan"}, ["poll_interval", "nan"]),
    ("router-empty", "ncm_router", {"router": "", "description": "x"}, ["router", "empty"]),
    ("router-ideographic-space", "ncm_router", {"router": "\u3000", "description": "x"}, ["router", "empty"]),
    ("router-group-empty", "ncm_router", {"router": "1", "group": ""}, ["group", "''", "empty"]),
    ("router-group-none-text", "ncm_router", {"router": "1", "group": "None"}, ["group", "'None'"]),
    ("router-name-whitespace", "ncm_router", {"router": "1", "name": "  "}, ["name", "empty"]),
    ("router-newline", "ncm_router", {"router": "router-00001\n", "description": "x"},
     ["router", "control character"]),
    ("router-escape", "ncm_router", {"router": "router-00001\u001b[0m", "description": "x"},
     ["router", "control character"]),
    ("router-very-long", "ncm_router", {"router": LONG, "description": "x"}, ["router", "5000 characters", "longer"]),
    ("location-router-empty", "ncm_location", {"router": "", "latitude": 1.0, "longitude": 1.0}, ["router", "empty"]),
    ("config-router-empty", "ncm_config", {"router": "", "config": {"system": {"system_id": "x"}}},
     ["router", "empty"]),
    ("config-group-none-text", "ncm_config", {"group": "None", "config": {"system": {"system_id": "x"}}},
     ["group", "'None'"]),
    ("config-router-whitespace", "ncm_config", {"router": " ", "config": {}}, ["router", "empty"]),
    ("config-info-router-empty", "ncm_config_info", {"router": ""}, ["router", "empty"]),
    ("config-info-group-true", "ncm_config_info", {"group": True}, ["group", "boolean"]),
    ("group-name-empty", "ncm_group", {"name": "", "product": "IBR900", "target_firmware": "7.24.30"},
     ["name", "empty"]),
    ("group-product-empty", "ncm_group", {"name": "new-g", "product": "", "target_firmware": "7.24.30"},
     ["product", "empty"]),
    ("group-firmware-whitespace", "ncm_group", {"name": "new-g", "product": "IBR900", "target_firmware": " "},
     ["target_firmware", "empty"]),
    ("group-account-none-text", "ncm_group", {"name": "new-g", "product": "IBR900", "target_firmware": "7.24.30",
                                              "account": "None"}, ["account", "'None'"]),
    ("group-id-float", "ncm_group", {"id": 3.0, "name": "x"}, ["id", "float"]),
    ("group-info-empty-element", "ncm_group_info", {"group": ["group-001", ""]}, ["group[1]", "empty"]),
    ("router-info-whitespace-element", "ncm_router_info", {"router": ["router-00001", " "]}, ["router[1]", "empty"]),
    ("router-info-group-null-text", "ncm_router_info", {"group": ["null"]}, ["group[0]", "'null'"]),
    ("router-info-filter-group-empty", "ncm_router_info", {"filters": {"group": ""}}, ["filters.group", "empty"]),
    ("rule-group-empty", "ncm_alert_rule", dict(RULE, groups=["group-001", ""]), ["groups[1]", "empty"]),
    ("rule-destination-none-text", "ncm_alert_rule", dict(RULE, http_destinations=["None"]),
     ["http_destinations[0]", "'None'"]),
    ("rule-user-boolean", "ncm_alert_rule", dict(RULE, email_users=[True]), ["email_users[0]", "boolean"]),
    ("rule-account-whitespace", "ncm_alert_rule", dict(RULE, accounts=["  "]), ["accounts[0]", "empty"]),
    ("rule-thresholds-wrong-type", "ncm_alert_rule",
     {"alert_types": ["pdp_router_overage"], "settings": {"pdp_router_overage": {"carrier": "VERIZON",
                                                                                 "thresholds": ["abc", 80]}}},
     ["settings.pdp_router_overage.thresholds[0]", "'abc'", "percentage"]),
    ("rule-settings-carrier-number", "ncm_alert_rule",
     {"alert_types": ["pdp_router_overage"], "settings": {"pdp_router_overage": {"carrier": 5, "thresholds": [80]}}},
     ["settings.pdp_router_overage.carrier", "5"]),
    ("rule-settings-unknown-type", "ncm_alert_rule",
     dict(RULE, settings={"config_rejected": {"thresholds": [1]}}), ["settings.config_rejected", "only"]),
    ("rule-info-id-empty", "ncm_alert_rule_info", {"id": ""}, ["id", "empty"]),
    ("push-name-empty", "ncm_push_destination", dict(HOOK, name="", url="https://h.example.com/x"),
     ["name", "empty"]),
    ("push-id-whitespace", "ncm_push_destination", {"id": " ", "enabled": False}, ["id", "empty"]),
    ("push-info-name-empty", "ncm_push_destination_info", {"name": ""}, ["name", "empty"]),
    ("info-id-empty", "ncm_info", {"endpoint": "routers", "id": ""}, ["id", "empty"]),
    # ---- loose numbers ----
    ("location-latitude-nan", "ncm_location", {"router": "1", "latitude": "NaN", "longitude": 0.0},
     ["latitude", "nan", "finite"]),
    ("location-longitude-inf", "ncm_location", {"router": "1", "latitude": 0.0, "longitude": "inf"},
     ["longitude", "inf", "finite"]),
    ("location-latitude-minus-infinity", "ncm_location", {"router": "1", "latitude": "-Infinity", "longitude": 0.0},
     ["latitude", "-inf", "finite"]),
    ("location-latitude-true", "ncm_location", {"router": "1", "latitude": True, "longitude": 0.0},
     ["latitude", "True", "boolean"]),
    ("location-longitude-false", "ncm_location", {"router": "1", "latitude": 0.0, "longitude": False},
     ["longitude", "False", "boolean"]),
    ("location-altitude-nan", "ncm_location", {"router": "1", "latitude": 1.0, "longitude": 1.0,
                                               "altitude_meters": "nan"}, ["altitude_meters", "nan"]),
    ("location-accuracy-true", "ncm_location", {"router": "1", "latitude": 1.0, "longitude": 1.0, "accuracy": True},
     ["accuracy", "boolean"]),
    ("location-latitude-just-above", "ncm_location", {"router": "1", "latitude": 90.000001, "longitude": 0.0},
     ["latitude", "90.000001", "out of range (-90.0..90.0)"]),
    ("config-poll-interval-inf", "ncm_config", {"router": "1", "config": {}, "poll_interval": "inf"},
     ["poll_interval", "inf"]),
    # ---- URLs ----
    ("push-url-spaces", "ncm_push_destination", dict(HOOK, url="https://g example.com/ hook"),
     ["url", "https://g example.com/ hook", "whitespace"]),
    ("push-url-no-host", "ncm_push_destination", dict(HOOK, url="https:///hook"), ["url", "no host"]),
    ("push-url-bad-port", "ncm_push_destination", dict(HOOK, url="https://h.example.com:99999/x"),
     ["url", "99999", "not a valid URL"]),
    ("push-url-no-scheme", "ncm_push_destination", dict(HOOK, url="h.example.com/x"), ["url", "http://"]),
    ("push-url-newline", "ncm_push_destination", dict(HOOK, url="https://h.example.com/x\n"), ["url", "whitespace"]),
    # ---- ncm_state: every item is checked like its single module, before any call, naming the document path ----
    ("state-router-empty", "ncm_state", {"routers": [{"router": "1"}, {"router": ""}]}, ["routers[1].router", "empty"]),
    ("state-group-none-text", "ncm_state", {"routers": [{"router": "1", "group": "None"}]},
     ["routers[0].group", "'None'"]),
    ("state-group-id-boolean", "ncm_state", {"groups": [{"id": True, "name": "x"}]}, ["groups[0].id", "boolean"]),
    ("state-group-name-control", "ncm_state", {"groups": [{"name": "g\u001b[0m", "product": "IBR900"}]},
     ["groups[0].name", "control character"]),
    ("state-location-nan", "ncm_state", {"routers": [{"router": "1", "location": {"latitude": "nan", "longitude": 0}}]},
     ["routers[0].location.latitude", "nan"]),
    ("state-location-range", "ncm_state", {"routers": [{"router": "1", "location": {"latitude": 1, "longitude": 181}}]},
     ["routers[0].location.longitude", "181"]),
    ("state-config-not-a-dict", "ncm_state", {"groups": [{"name": "group-001", "config": {"system": "x"}}]},
     ["groups[0].config", "system", "not a dict"]),
    ("state-url-scheme", "ncm_state", {"push_destinations": [dict(HOOK, url="ftp://hooks.example.com/x")]},
     ["push_destinations[0].url", "ftp"]),
    ("state-rule-unknown-type", "ncm_state", {"alert_rules": [{"alert_types": ["no_such_type"]}]},
     ["alert_rules[0].alert_types", "no_such_type"]),
    ("state-workers-zero", "ncm_state", {"workers": 0}, ["workers", "0"]),
    ("state-unknown-field", "ncm_state", {"routers": [{"router": "1", "colour": "red"}]},
     ["routers[0].colour", "unknown field"]),
    ("state-empty-prefix", "ncm_state", {"scope": {"push_destinations": {"name_prefix": ""}}, "purge": True},
     ["scope.push_destinations.name_prefix", "claim every"]),
    # ---- connection options ----
    ("timeout-zero", "ncm_group_info", {"timeout": 0}, ["timeout", "0", "more than 0"]),
    ("timeout-negative", "ncm_router_info", {"timeout": -5}, ["timeout", "-5", "more than 0"]),
    ("timeout-nan", "ncm_info", {"endpoint": "routers", "timeout": "nan"}, ["timeout", "nan", "finite"]),
    ("timeout-true", "ncm_group_info", {"timeout": True}, ["timeout", "True", "boolean"]),
    ("max-retries-negative", "ncm_group_info", {"max_retries": -1}, ["max_retries", "-1", "0 or more"]),
    ("max-retries-true", "ncm_router", {"router": "1", "description": "x", "max_retries": True},
     ["max_retries", "True", "boolean"]),
    ("base-url-without-api-v2", "ncm_group_info", {"base_url": "@ROOT"}, ["base_url", "/api/v2/"]),
    ("base-url-with-space", "ncm_group_info", {"base_url": "http://127.0.0.1:9/api v2/"}, ["base_url", "whitespace"]),
    ("base-url-no-scheme", "ncm_group_info", {"base_url": "127.0.0.1/api/v2/"}, ["base_url", "http://"]),
]

# (case id, inventory file lines after "plugin: cradlepoint.ncm.ncm", fragments)
INVENTORY_REFUSED = [
    ("inventory-filter-group-empty", "filters:\n  group: ''\n", ["filters.group", "empty"]),
    ("inventory-filter-group-none-text", "filters:\n  group: None\n", ["filters.group", "'None'"]),
    ("inventory-filter-group-in-whitespace", "filters:\n  group__in: ['group-001', ' ']\n",
     ["filters.group__in[1]", "empty"]),
    ("inventory-timeout-zero", "timeout: 0\n", ["timeout", "more than 0"]),
    ("inventory-max-retries-negative", "max_retries: -1\n", ["max_retries", "0 or more"]),
    ("inventory-base-url-without-api-v2", "base_url: '@ROOT'\n", ["base_url", "/api/v2/"]),
]

# Names that must resolve alike in every module: (case id, module, args, check) with check one of
# ("id", dotted path in the result, expected id) or ("ok",) (success is the proof; check mode where it writes)
SAME_MEANING = [
    ("comma-group-router", "ncm_router", {"router": "1", "group": COMMA_GROUP}, ("id", "router.group", "@COMMA")),
    ("comma-group-config", "ncm_config", {"group": COMMA_GROUP, "config": {"system": {"system_id": "c"}}},
     ("id", "target.id", "@COMMA")),
    ("comma-group-config-info", "ncm_config_info", {"group": COMMA_GROUP}, ("id", "source.id", "@COMMA")),
    ("comma-group-reboot", "ncm_reboot", {"group": COMMA_GROUP}, ("id", "reboot.group", "@COMMA")),
    ("comma-group-group", "ncm_group", {"name": COMMA_GROUP}, ("id", "group.id", "@COMMA")),
    ("comma-group-group-info", "ncm_group_info", {"group": [COMMA_GROUP]}, ("id", "groups.0.id", "@COMMA")),
    ("comma-group-router-info", "ncm_router_info", {"group": [COMMA_GROUP]}, ("ok",)),
    ("comma-group-alert-rule", "ncm_alert_rule", dict(RULE, groups=[COMMA_GROUP]), ("ok",)),
    ("odd-group-config-info", "ncm_config_info", {"group": ODD_GROUP}, ("id", "source.id", "@ODD")),
    ("odd-group-router", "ncm_router", {"router": "2", "group": ODD_GROUP}, ("ok",)),
    ("odd-group-group-info", "ncm_group_info", {"group": [ODD_GROUP, COMMA_GROUP]}, ("ok",)),
    ("odd-group-alert-rule", "ncm_alert_rule", dict(RULE, groups=[ODD_GROUP, COMMA_GROUP]), ("ok",)),
    ("digits-router-config", "ncm_config", {"router": DIGIT_ROUTER, "config": {"system": {"system_id": "d"}}},
     ("id", "target.id", "4")),
    ("digits-router-config-info", "ncm_config_info", {"router": DIGIT_ROUTER}, ("id", "source.id", "4")),
    ("digits-router-router", "ncm_router", {"router": DIGIT_ROUTER, "description": "d"}, ("id", "router.id", "4")),
    ("digits-router-location", "ncm_location", {"router": DIGIT_ROUTER, "latitude": 1.0, "longitude": 2.0},
     ("ok",)),
    ("digits-router-reboot", "ncm_reboot", {"router": DIGIT_ROUTER}, ("id", "reboot.router", "4")),
    ("digits-router-router-info", "ncm_router_info", {"router": [DIGIT_ROUTER]}, ("id", "routers.0.id", "4")),
    ("comma-router-config-info", "ncm_config_info", {"router": COMMA_ROUTER}, ("id", "source.id", "5")),
    ("comma-router-router-info", "ncm_router_info", {"router": [COMMA_ROUTER, DIGIT_ROUTER]}, ("ok",)),
    ("comma-router-reboot", "ncm_reboot", {"router": COMMA_ROUTER}, ("id", "reboot.router", "5")),
    ("id-still-first", "ncm_config_info", {"router": "4"}, ("id", "source.id", "4")),
    ("names-in-a-state-document", "ncm_state", {
        "routers": [{"router": "1", "group": COMMA_GROUP, "config": {"system": {"system_id": "s"}}},
                    {"router": DIGIT_ROUTER, "description": "d", "location": {"latitude": 1.0, "longitude": 2.0}},
                    {"router": COMMA_ROUTER, "description": "c"}, {"router": "2", "group": ODD_GROUP}],
        "groups": [{"name": COMMA_GROUP, "config": {"system": {"system_id": "g"}}}, {"name": ODD_GROUP}],
        "alert_rules": [dict(RULE, groups=[ODD_GROUP, COMMA_GROUP])]}, ("ok",)),
]
