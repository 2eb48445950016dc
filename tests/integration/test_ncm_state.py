"""ncm_state and ncm_state_info through real ansible-playbook runs against the simulator (issue 13 items 3-4)."""

import json

from harness import run_playbook
from lifecycle import playbook

STATE = "cradlepoint.ncm.ncm_state"
EXPORT = "cradlepoint.ncm.ncm_state_info"

DOCUMENT = {
    "push_destinations": [{"name": "br-siem", "url": "https://siem.example.com/ncm", "secret": "s3cr3t-push-value"}],
    "groups": [{"name": "br-east", "product": "IBR900", "target_firmware": "7.24.30",
                "config": {"system": {"system_id": "east"}}}],
    "routers": [
        {"router": "1", "name": "store-0001", "description": "Store 1", "group": "br-east",
         "location": {"latitude": 43.61, "longitude": -116.2}},
        {"router": "router-00004", "group": "br-east", "config": {"system": {"system_id": "r4"}}},
    ],
    "alert_rules": [{"alert_types": ["connection_state"], "groups": ["br-east"], "http_destinations": ["br-siem"]}],
}


def state_run(sim, document, check=False, diff=True, **options):
    run = run_playbook(sim, playbook(dict({STATE: dict(document, **options)}, ignore_errors=True)), check=check, diff=diff)
    return run.task("task0"), run


def writes_of(run):
    return [(c["method"], c["path"]) for c in run.calls["log"] if c["method"] != "GET"]


def test_plan_apply_converge(sim):
    planned, plan_run = state_run(sim, DOCUMENT, check=True)
    assert not planned["failed"], planned["result"].get("msg")
    assert writes_of(plan_run) == []
    plan = planned["result"]
    assert plan["summary"] == {"to_add": 4, "to_change": 4, "to_destroy": 0}, plan["changes"]
    assert plan["msg"] == "Plan: 4 to add, 4 to change, 0 to destroy."
    by_kind = {(c["kind"], c["key"]): c for c in plan["changes"]}
    router = by_kind[("router", "1")]
    assert router["after"]["group"] == "br-east (known after apply)"
    assert router["before"]["group"] == "group-001 (id 1)"
    assert by_kind[("group", "br-east")]["after"]["product"] == "IBR900 (id 1)"
    assert "s3cr3t-push-value" not in json.dumps(planned) + plan_run.stdout
    applied, apply_run = state_run(sim, DOCUMENT)
    assert not applied["failed"], applied["result"].get("msg")
    result = applied["result"]
    assert result["summary"] == plan["summary"]
    assert [(c["kind"], c["key"], c["action"]) for c in result["changes"]] == [
        (c["kind"], c["key"], c["action"]) for c in plan["changes"]]
    assert len(writes_of(apply_run)) == 8, writes_of(apply_run)
    assert "s3cr3t-push-value" not in json.dumps(applied) + apply_run.stdout
    again, again_run = state_run(sim, DOCUMENT)
    assert not again["failed"], again["result"].get("msg")
    assert not again["result"]["changed"] and again["result"]["changes"] == [], again["result"]["changes"]
    assert writes_of(again_run) == []
    state = sim.state()
    group = [g for g in state["groups"] if g["name"] == "br-east"][0]
    assert group["configuration"][0] == {"system": {"system_id": "east"}}
