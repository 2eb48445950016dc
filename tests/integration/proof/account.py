"""The declared account of data/account.yml and the check of the simulator state against it.

``verify_account(seed, state)`` returns a list of problems (empty = every declared resource exists exactly once,
every declared value is set, nothing undeclared differs from the seed).
"""

from proof.common import DATA, by_id, id_of

PLAYBOOK = DATA / "account.yml"

SECRET_VALUES = ("Fault-Psk-Value-4471", "Fault-Push-Secret-8812", "Fault-Push-Secret-9923")

# declared router fields (router id -> fields; "group" is a group name or None)
ROUTERS = {
    "1": {"name": "east-01", "description": "East branch primary", "asset_id": "A-0001", "custom1": "rack-1",
          "group": "branch-east"},
    "4": {"custom2": "moved", "group": "branch-east"},
    "2": {"description": "West branch primary", "group": "branch-west"},
    "10": {"name": "west-10", "group": "branch-west"},
    "6": {"group": "lab"},
    "3": {"asset_id": "spare-3", "group": None},
}
# groups by name: (product id, target firmware id); None = unchanged seed group
GROUPS = {"branch-east": ("1", "3"), "branch-west": ("2", "5"), "lab": ("3", "7"), "group-003": ("3", "8"),
          "group-001": None, "group-002": None}
GROUP_CONFIGS = {
    "branch-east": [{"system": {"system_id": "east"}, "firewall": {"remote_admin": {"enabled": False}}}, []],
    "group-002": [{"system": {"logging": {"enabled": True}}}, []],
}
ROUTER_CONFIGS = {
    "1": [{"system": {"system_id": "east-01"},
           "wlan": {"radio": {"0": {"bss": {"0": {"ssid": "east-wifi", "wpapsk": "Fault-Psk-Value-4471"}}}}}}, []],
    "5": [{"system": {"system_id": "west-05"}}, [["vlan", 1, "ports", 3]]],
}
DESTINATIONS = {  # name -> (url, secret, enabled)
    "ops-webhook": ("https://ops.example.com/ncm", "Fault-Push-Secret-8812", True),
    "noc-webhook": ("https://noc.example.com/hook", "Fault-Push-Secret-9923", False),
    "sim-webhook": ("https://hooks.example.com/ncm", "sim-secret", False),
}
SEED_RULE = "00000000-5e1d-11ee-8000-000000000101"
LOCATIONS = {  # router id -> expected fields (None = no location)
    "2": {"latitude": 39.7392, "longitude": -104.9903, "accuracy": 5, "method": "manual"},
    "1": {"latitude": 40.015, "longitude": -105.2705, "altitude_meters": 1655.0, "accuracy": 0, "method": "manual"},
    "5": {"latitude": 40.1, "longitude": -105.2, "accuracy": 10, "method": "gps"},
    "10": None,
}
# fields that follow from a declared change (timestamps, firmware following a group, sync bookkeeping)
DERIVED = {"updated_at", "target_firmware", "actual_firmware", "config_status", "state_updated_at", "last_known_location",
           "version_number", "target", "actual", "pending", "synched", "suspended"}


def _strip(record, extra=()):
    return {k: v for k, v in record.items() if k not in DERIVED and k not in extra}


def verify_account(seed, state):
    """Problems found in ``state`` (a /_sim/state) against the declaration, ``seed`` being the start state."""
    problems = []

    def check(cond, text):
        if not cond:
            problems.append(text)

    # groups: each declared name exactly once, values set; seed groups otherwise unchanged
    groups = state["groups"]
    names = [g["name"] for g in groups]
    for name in GROUPS:
        check(names.count(name) == 1, "group %s exists %d times" % (name, names.count(name)))
    check(len(groups) == len(seed["groups"]) + 3, "groups: %d, expected %d" % (len(groups), len(seed["groups"]) + 3))
    gid = {g["name"]: str(g["id"]) for g in groups}
    seed_groups = by_id(seed["groups"])
    for group in groups:
        want = GROUPS.get(group["name"])
        if want:
            check((id_of(group["product"]), id_of(group["target_firmware"])) == want,
                  "group %s product/firmware %s/%s, expected %s" % (group["name"], id_of(group["product"]),
                                                                    id_of(group["target_firmware"]), want))
        config = GROUP_CONFIGS.get(group["name"])
        if config is not None:
            check(group["configuration"] == config, "group %s configuration %s" % (group["name"], group["configuration"]))
        elif group["id"] in seed_groups:
            check(group["configuration"] == seed_groups[group["id"]]["configuration"],
                  "undeclared configuration change of group %s" % group["name"])
        else:
            check(group["configuration"] == [{}, []], "group %s configuration %s" % (group["name"], group["configuration"]))
        if group["id"] in seed_groups and want is None:
            check(_strip(group, ("configuration",)) == _strip(seed_groups[group["id"]], ("configuration",)),
                  "undeclared change of group %s" % group["name"])

    # routers: declared fields set, the rest of each router as in the seed
    seed_routers = by_id(seed["routers"])
    routers = by_id(state["routers"])
    check(sorted(routers) == sorted(seed_routers), "router ids changed: %s" % sorted(routers))
    for rid, router in routers.items():
        declared = ROUTERS.get(rid, {})
        for key, value in declared.items():
            got = id_of(router.get("group")) if key == "group" else router.get(key)
            want = gid.get(value) if key == "group" and value is not None else value
            check(got == want, "router %s %s=%r, expected %r" % (rid, key, got, want))
        skip = set(declared)
        check(_strip(router, skip) == _strip(seed_routers[rid], skip),
              "undeclared change of router %s: %s" % (rid, {k: (seed_routers[rid].get(k), v) for k, v in
                                                            _strip(router, skip).items()
                                                            if seed_routers[rid].get(k) != v}))
        group = id_of(router.get("group"))
        if group is not None:
            want_fw = [g for g in groups if str(g["id"]) == group][0]["target_firmware"]
            check(router["target_firmware"] == want_fw, "router %s target firmware does not follow its group" % rid)

    # configuration managers: one per router; individual configs as declared, all others untouched
    cms = state["configuration_managers"]
    per_router = [id_of(cm["router"]) for cm in cms]
    check(sorted(per_router) == sorted(set(per_router)) and len(cms) == len(seed["configuration_managers"]),
          "configuration managers: %s" % per_router)
    for cm in cms:
        rid = id_of(cm["router"])
        want = ROUTER_CONFIGS.get(rid, [{}, []])
        check(cm["configuration"] == want, "router %s individual configuration %s" % (rid, cm["configuration"]))

    # push destinations: one per declared name, url/secret/enabled as declared
    dests = state["alert_push_destinations"]
    dnames = [d["name"] for d in dests]
    check(len(dests) == len(DESTINATIONS), "push destinations: %s" % dnames)
    did = {}
    for name, (url, secret, enabled) in DESTINATIONS.items():
        check(dnames.count(name) == 1, "push destination %s exists %d times" % (name, dnames.count(name)))
        for dest in dests:
            if dest["name"] == name:
                did[name] = dest["destination_config_id"]
                got = (dest["endpoint"]["url"], dest["authentication"]["secret"], dest["enabled"])
                check(got == (url, secret, enabled), "push destination %s: %s" % (name, got))

    # alert rules: the two declared (natural key: alert types + groups) exactly once, the seed rule's recipients
    rules = state["alert_rules"]
    check(len(rules) == 3, "alert rules: %d, expected 3" % len(rules))

    def key(rule):
        return (tuple(sorted(rule["filter_criteria"].get("alert_type__in", []))),
                tuple(sorted(str(g) for g in rule["associated_groups"])))

    east = (("config_rejected", "failover_event"), (gid.get("branch-east"),))
    west = (("connection_state",), tuple(sorted((gid.get("branch-west"), gid.get("group-002")))))
    for label, nat_key, http, emails, schedule in (("east", east, [did.get("ops-webhook")], [2], None),
                                                   ("west", west, [did.get("noc-webhook")], [], "daily")):
        found = [r for r in rules if key(r) == nat_key]
        check(len(found) == 1, "alert rule %s exists %d times" % (label, len(found)))
        if found:
            rule = found[0]
            got = (rule["http_destinations"], sorted(rule["email_destinations"]), rule["schedule"])
            check(got == (http, emails, schedule), "alert rule %s: %s" % (label, got))
    seed_rule = [r for r in rules if r["alert_config_id"] == SEED_RULE]
    check(len(seed_rule) == 1, "seed alert rule missing")
    if seed_rule:
        before = [r for r in seed["alert_rules"] if r["alert_config_id"] == SEED_RULE][0]
        check(sorted(seed_rule[0]["email_destinations"]) == [1, 3], "seed rule emails %s" % seed_rule[0]["email_destinations"])
        check(_strip(seed_rule[0], ("email_destinations",)) == _strip(before, ("email_destinations",)),
              "undeclared change of the seed alert rule")

    # locations: at most one per router; declared values set, the others as in the seed
    locations = state["locations"]
    lrouters = [str(loc["router"]) for loc in locations]
    check(len(lrouters) == len(set(lrouters)), "several locations for one router: %s" % lrouters)
    seed_locs = {str(loc["router"]): loc for loc in seed["locations"]}
    locs = {str(loc["router"]): loc for loc in locations}
    for rid in sorted(set(seed_locs) | set(LOCATIONS)):
        want = LOCATIONS.get(rid, "seed")
        got = locs.get(rid)
        if want is None:
            check(got is None, "location of router %s still there" % rid)
        elif want == "seed":
            check(got is not None and _strip(got) == _strip(seed_locs[rid]), "undeclared change of location %s" % rid)
        else:
            check(got is not None, "location of router %s missing" % rid)
            for field, value in (want or {}).items():
                got_value = (got or {}).get(field)
                ok = abs(got_value - value) < 1e-6 if isinstance(value, float) and got_value is not None else got_value == value
                check(ok, "location of router %s %s=%r, expected %r" % (rid, field, got_value, value))
    check(sorted(locs) == sorted(rid for rid in set(seed_locs) | set(LOCATIONS) if LOCATIONS.get(rid, "seed") is not None),
          "locations for routers %s" % sorted(locs))

    # everything else exactly as seeded
    managed = {"groups", "routers", "configuration_managers", "alert_push_destinations", "alert_rules", "locations",
               "faults", "options", "seed_size"}
    for name, records in seed.items():
        if name in managed:
            continue
        check(state.get(name) == records, "undeclared change in %s" % name)
    return problems
