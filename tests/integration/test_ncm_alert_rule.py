"""ncm_alert_rule and ncm_alert_rule_info through real ansible-playbook runs against the simulator."""

import json

from harness import run_playbook
from lifecycle import assert_converges, playbook, run_failing_tasks

MODULE = "cradlepoint.ncm.ncm_alert_rule"
INFO = "cradlepoint.ncm.ncm_alert_rule_info"
SEED_RULE = "00000000-5e1d-11ee-8000-000000000101"
SEED_DEST = "00000000-5e1d-11ee-8000-000000000001"


def rules(sim):
    """Rules by id as the simulator stores them."""
    return {r["alert_config_id"]: r for r in sim.state()["alert_rules"]}


def test_create_update_delete(sim):
    create = {MODULE: {"alert_types": ["config_rejected", "failover_event", "config_rejected"],
                       "groups": ["group-002", "3"], "http_destinations": ["sim-webhook"],
                       "email_users": ["ops@example.com", "admin"], "schedule": "daily"}}
    created = assert_converges(sim, create)
    assert created["plan"] == "create"
    rule_id = created["alert_rule"]["alert_config_id"]
    stored = rules(sim)[rule_id]
    assert sorted(stored["filter_criteria"]["alert_type__in"]) == ["config_rejected", "failover_event"]
    assert sorted(stored["associated_groups"]) == [2, 3]
    assert sorted(stored["email_destinations"]) == [1, 2]
    assert stored["http_destinations"] == [SEED_DEST] and stored["schedule"] == "daily"
    assert created["diff"]["after"] == {
        "alert_types": ["config_rejected", "failover_event"], "groups": ["group-002 (id 2)", "group-003 (id 3)"],
        "accounts": [], "email_users": ["admin (id 1)", "ops (id 2)"],
        "http_destinations": ["sim-webhook (id %s)" % SEED_DEST], "schedule": "daily", "settings": None}

    # the same natural key in another order finds the rule; update what changes, keep the rest
    update = {MODULE: {"alert_types": ["failover_event", "config_rejected"], "groups": ["3", "group-002"],
                       "email_users": ["viewer"], "accounts": ["Sim Subaccount"], "schedule": "none"}}
    updated = assert_converges(sim, update)
    assert updated["plan"] == "update" and updated["alert_rule"]["alert_config_id"] == rule_id
    assert updated["diff"]["after"] == dict(updated["diff"]["before"], email_users=["viewer (id 3)"],
                                            accounts=["Sim Subaccount (id 2)"], schedule=None)
    stored = rules(sim)[rule_id]
    assert stored["email_destinations"] == [3] and stored["associated_accounts"] == [2]
    assert stored["schedule"] is None and stored["http_destinations"] == [SEED_DEST]

    # by id: change the alert types (part of the key) and drop the groups; then delete (check mode first)
    tasks = [
        {"name": "by id", MODULE: {"id": rule_id, "alert_types": ["connection_state"], "groups": []}},
        {"name": "plan delete", MODULE: {"id": rule_id, "state": "absent"}, "check_mode": True},
        {"name": "delete", MODULE: {"id": rule_id, "state": "absent"}},
        {"name": "delete again", MODULE: {"id": rule_id, "state": "absent"}},
    ]
    run = run_playbook(sim, json.dumps([{"hosts": "localhost", "gather_facts": False, "tasks": tasks}]), diff=True)
    assert run.rc == 0, run.stdout[-3000:]
    by_id = run.task("by id")["result"]
    assert by_id["changed"] and by_id["diff"]["after"]["alert_types"] == ["connection_state"]
    assert by_id["diff"]["after"]["groups"] == []
    planned, deleted = run.task("plan delete")["result"], run.task("delete")["result"]
    assert planned["changed"] and planned["plan"] == "delete" and deleted["changed"]
    assert deleted["diff"] == planned["diff"]
    assert not run.task("delete again")["result"]["changed"]
    assert [c["method"] for c in run.calls["log"] if c["method"] != "GET"] == ["PATCH", "DELETE"]
    assert rule_id not in rules(sim)


def test_pdp_settings_and_info_round_trip(sim):
    settings = {"pdp_account_overage": {"carrier": "VERIZON", "thresholds": [95, 80]}}
    tasks = [
        {"name": "pdp", MODULE: {"alert_types": ["pdp_account_overage"], "http_destinations": [SEED_DEST],
                                 "settings": settings}},
        {"name": "pdp again", MODULE: {"alert_types": ["pdp_account_overage"], "http_destinations": ["sim-webhook"],
                                       "settings": {"pdp_account_overage": {"carrier": "VERIZON",
                                                                            "thresholds": [80, 95]}}}},
        {"name": "info", INFO: {}, "register": "gathered"},
        {"name": "reapply", MODULE: {
            "id": "{{ item.id }}", "alert_types": "{{ item.alert_types }}", "groups": "{{ item.groups }}",
            "accounts": "{{ item.accounts }}", "email_users": "{{ item.email_users }}",
            "http_destinations": "{{ item.http_destinations }}", "schedule": "{{ item.schedule }}",
            "settings": "{{ item.settings | default(omit, true) }}"},
         "loop": "{{ gathered.alert_rules }}"},
        {"name": "ids", INFO: {"alert_type": "connection_state", "names": False}},
    ]
    run = run_playbook(sim, json.dumps([{"hosts": "localhost", "gather_facts": False, "tasks": tasks}]), diff=True)
    assert run.rc == 0, run.stdout[-3000:]
    assert run.task("pdp")["result"]["changed"]
    assert not run.task("pdp again")["result"]["changed"]
    gathered = run.task("info")["result"]["alert_rules"]
    assert gathered[0] == {"id": SEED_RULE, "alert_types": ["connection_state"], "groups": ["group-001"],
                           "accounts": [], "email_users": ["admin"], "http_destinations": ["sim-webhook"],
                           "schedule": "none", "settings": None, "updated_at": "2024-01-01T00:00:00+00:00"}
    assert gathered[1]["settings"] == {"pdp_account_overage": {"carrier": "VERIZON", "thresholds": [80, 95]}}
    assert not run.task("reapply")["changed"], run.task("reapply")
    ids = run.task("ids")["result"]["alert_rules"]
    assert [(r["id"], r["groups"], r["email_users"], r["http_destinations"]) for r in ids] == [
        (SEED_RULE, ["1"], ["1"], [SEED_DEST])]
    assert run.writes == 1


def test_bad_input_fails_before_any_write(sim):
    # a second rule with the seed rule's natural key makes the key ambiguous
    response = sim.api("POST", "alert_rules/", json={
        "filter_criteria": {"alert_type__in": ["connection_state"]}, "associated_groups": [1],
        "http_destinations": [], "schedule": None})
    assert response.status_code == 201
    twin = response.json()["alert_config_id"]
    messages = run_failing_tasks(sim, {
        "unknown type": {MODULE: {"alert_types": ["conection_state", "reboot_status_change"],
                                  "http_destinations": ["sim-webhook"]}},
        "unknown destination": {MODULE: {"alert_types": ["connection_state"], "http_destinations": ["sim-webhok"]}},
        "unknown group": {MODULE: {"alert_types": ["connection_state"], "groups": ["group-999"]}},
        "unknown user": {MODULE: {"alert_types": ["connection_state"], "email_users": ["nobody@example.com"]}},
        "pdp without settings": {MODULE: {"alert_types": ["pdp_router_overage"]}},
        "ambiguous key": {MODULE: {"alert_types": ["connection_state"], "groups": ["group-001"],
                                   "schedule": "hourly"}},
        "unknown id": {MODULE: {"id": "00000000-0000-11ee-8000-000000000999", "schedule": "daily"}},
        "no key": {MODULE: {"schedule": "daily"}},
    })
    assert messages["unknown type"].startswith("alert_types: unknown alert type 'conection_state' (did you mean "
                                               "connection_state")
    assert messages["unknown destination"] == (
        "http_destinations: no push destination found for 'sim-webhok' (did you mean sim-webhook?).")
    assert messages["unknown group"].startswith("groups: no group found for 'group-999'")
    assert messages["unknown user"].startswith("email_users: no user found for 'nobody@example.com'")
    assert messages["pdp without settings"].startswith("settings: pdp_router_overage needs settings.pdp_router_overage")
    assert SEED_RULE in messages["ambiguous key"] and twin in messages["ambiguous key"]
    assert messages["unknown id"].startswith("id: no alert rule with id")
    assert "id, alert_types" in messages["no key"]


def test_references_the_rule_holds_cost_no_lookup(sim):
    """Ids the rule already references need no lookup; names cost one read per kind (issue 10)."""
    by_ids = {MODULE: {"alert_types": ["connection_state"], "groups": ["1"], "email_users": ["1"],
                       "http_destinations": [SEED_DEST]}}
    by_names = {MODULE: {"alert_types": ["connection_state"], "groups": ["group-001"], "email_users": ["admin"],
                         "http_destinations": ["sim-webhook"]}}
    by_id_key = {MODULE: {"id": SEED_RULE, "groups": ["1"], "email_users": ["1"], "http_destinations": [SEED_DEST]}}
    new_user = {MODULE: {"id": SEED_RULE, "email_users": ["1", "2"]}}
    run = run_playbook(sim, playbook(by_ids, by_names, by_id_key, new_user), diff=True)
    assert run.rc == 0, run.stdout
    ids, names, id_key, added = (run.task("task%d" % i)["result"] for i in range(4))
    for result in (ids, names, id_key):
        assert not result["changed"] and result["alert_rule"]["alert_config_id"] == SEED_RULE
    assert ids["api_calls"] == {"reads": 1, "writes": 0, "retries": 0, "total": 1}  # the rules list only
    assert names["api_calls"] == {"reads": 4, "writes": 0, "retries": 0, "total": 4}  # rules, groups, users, destinations
    assert id_key["api_calls"] == {"reads": 1, "writes": 0, "retries": 0, "total": 1}
    # user 2 is not on the rule yet: looked up (it must exist) before the write; the diff of the change names the
    # references the run has not read (groups, users, destinations: one read per kind, only with --diff)
    assert added["changed"] and added["api_calls"] == {"reads": 5, "writes": 1, "retries": 0, "total": 6}
    assert added["diff"]["after"]["email_users"] == ["admin (id 1)", "ops (id 2)"]
    assert added["diff"]["before"]["groups"] == ["group-001 (id 1)"]
    assert sorted(rules(sim)[SEED_RULE]["email_destinations"]) == [1, 2]
