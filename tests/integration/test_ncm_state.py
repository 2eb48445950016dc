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
    # both configs are checked against the default configuration of one firmware (IBR900 7.24.30): read once
    assert len([c for c in apply_run.calls["log"] if c["path"].endswith("/default_configuration/")]) == 1
    assert "s3cr3t-push-value" not in json.dumps(applied) + apply_run.stdout
    again, again_run = state_run(sim, DOCUMENT)
    assert not again["failed"], again["result"].get("msg")
    assert not again["result"]["changed"] and again["result"]["changes"] == [], again["result"]["changes"]
    assert writes_of(again_run) == []
    state = sim.state()
    group = [g for g in state["groups"] if g["name"] == "br-east"][0]
    assert group["configuration"][0] == {"system": {"system_id": "east"}}


def failing(sim, document, **options):
    record, run = state_run(sim, document, **options)
    assert record["failed"], record["result"]
    assert writes_of(run) == [], writes_of(run)
    return record["result"]["msg"]


def test_bad_input_names_the_document_path_and_writes_nothing(sim):
    cases = [
        ({"routers": [{"router": "1"}, {"router": "2", "colour": "red"}]}, "routers[1].colour: unknown field"),
        ({"groups": [{"name": "a", "product": "IBR900", "target_firmware": "7.24.30"},
                     {"name": "a", "product": "IBR900", "target_firmware": "7.24.30"}]},
         "groups[1]: declares group a again (first declared at groups[0])"),
        ({"routers": [{"router": "1", "group": "no-such-group"}]},
         "routers[0].group: no group 'no-such-group' exists, and the document does not declare it in groups"),
        ({"routers": [{"router": "no-such-router"}]}, "routers[0].router: no router found for 'no-such-router'"),
        ({"routers": [{"router": "1"}, {"router": "router-00001"}]}, "routers[1].router: names router id 1, as routers[0] does"),
        ({"routers": [{"router": "1", "location": {"latitude": 91, "longitude": 0}}]}, "routers[0].location.latitude"),
        ({"routers": [{"router": "1", "state": "gone"}]}, "routers[0].state: value of state must be one of"),
        ({"routers": [{"router": "1", "config": {"system": 5}}]}, "routers[0].config: system: 5 is not a dict"),
        ({"alert_rules": [{"alert_types": ["no_such_alert"]}]}, "alert_rules[0].alert_types"),
        ({"alert_rules": [{"alert_types": ["connection_state"], "http_destinations": ["nowhere"]}]},
         "alert_rules[0].http_destinations: no push destination 'nowhere' exists, and the document does not declare it"),
        ({"groups": [{"name": "", "product": "IBR900"}]}, "groups[0].name"),
        ({"groups": [], "scope": {"groups": {"name_prefix": ""}}, "purge": True},
         "scope.groups.name_prefix: '' would claim every group"),
        ({"groups": [], "scope": {"groups": {"name_prefix": "  "}}, "purge": True}, "scope.groups.name_prefix"),
        ({"groups": [], "purge": True}, "purge: needs a scope"),
        ({"scope": {"routers": {"name_prefix": "x"}}}, "scope.routers: unknown kind"),
        ({"push_destinations": [{"name": "new-dest", "url": "https://x.example.com/",
                                 "secret": "(secret not exported: replace me)"}]},
         "push_destinations[0].secret: is the placeholder of an export"),
        ({"routers": "not-a-list"}, "routers"),
        ({"routers": ["not-a-mapping"]}, "option 'routers' is of type"),
    ]
    run = run_playbook(sim, playbook(*({STATE: document, "ignore_errors": True} for document, _f in cases)))
    for index, (_document, fragment) in enumerate(cases):
        record = run.task("task%d" % index)
        assert record["failed"], record["result"]
        assert fragment in record["result"]["msg"], (fragment, record["result"]["msg"])
    assert writes_of(run) == [], writes_of(run)


def test_purge_deletes_only_what_the_scope_owns(sim):
    setup = {"groups": [{"name": name, "product": "IBR900", "target_firmware": "7.24.30"}
                        for name in ("br-keep", "br-drop", "other-stays")],
             "alert_rules": [{"alert_types": ["connection_state"], "groups": ["br-drop"]}]}
    record, _run = state_run(sim, setup)
    assert not record["failed"], record["result"].get("msg")
    document = {"groups": [{"name": "br-keep", "product": "IBR900", "target_firmware": "7.24.30"}],
                "scope": {"groups": {"name_prefix": "br-"}, "alert_rules": {"on_owned_groups": True}}}
    planned, plan_run = state_run(sim, dict(document, purge=True), check=True)
    assert writes_of(plan_run) == []
    result = planned["result"]
    assert result["summary"] == {"to_add": 0, "to_change": 0, "to_destroy": 2}, result["changes"]
    assert [(c["kind"], c["action"]) for c in result["changes"]] == [("alert_rule", "delete"), ("group", "delete")]
    assert result["changes"][1]["before"]["name"] == "br-drop"
    without_purge, _run = state_run(sim, document, check=True)
    assert without_purge["result"]["changes"] == []
    applied, apply_run = state_run(sim, dict(document, purge=True))
    assert not applied["failed"], applied["result"].get("msg")
    assert [m for m, _p in writes_of(apply_run)] == ["DELETE", "DELETE"]
    assert writes_of(apply_run)[0][1].startswith("/api/v2/alert_rules/")
    names = {g["name"] for g in sim.state()["groups"]}
    assert {"br-keep", "other-stays", "group-001"} <= names and "br-drop" not in names
    again, again_run = state_run(sim, dict(document, purge=True))
    assert again["result"]["changes"] == [] and writes_of(again_run) == []


def test_export_round_trip_plans_nothing(sim):
    run = run_playbook(sim, playbook({EXPORT: {"include_configs": True}, "register": "export"}))
    exported = run.task("task0")["result"]
    assert not run.task("task0")["failed"], exported.get("msg")
    assert [(c["method"]) for c in run.calls["log"] if c["method"] != "GET"] == []
    document = exported["document"]
    assert document["push_destinations"] == [{"name": "sim-webhook", "url": "https://hooks.example.com/ncm",
                                              "secret": "(secret not exported: replace me)", "enabled": True}]
    assert "sim-secret" not in json.dumps(exported) + run.stdout
    assert {"router": "1", "name": "router-00001", "group": "group-001"}.items() <= document["routers"][0].items()
    assert document["groups"][0] == {"name": "group-001", "product": "IBR900", "target_firmware": "7.24.30",
                                     "config": {"system": {"ui_activated": True}}}
    assert document["alert_rules"][0]["groups"] == ["group-001"]
    assert document["alert_rules"][0]["http_destinations"] == ["sim-webhook"]
    planned, plan_run = state_run(sim, document, check=True)
    assert not planned["failed"], planned["result"].get("msg")
    assert planned["result"]["changes"] == [], planned["result"]["changes"]
    applied, apply_run = state_run(sim, document)
    assert applied["result"]["changes"] == [] and writes_of(apply_run) == []


def test_export_of_a_slice(sim):
    run = run_playbook(sim, playbook({EXPORT: {"groups": ["group-002"]}, "register": "export"}))
    document = run.task("task0")["result"]["document"]
    assert [g["name"] for g in document["groups"]] == ["group-002"]
    assert {r["group"] for r in document["routers"]} == {"group-002"}
    assert document["alert_rules"] == [] and document["push_destinations"] == []
    planned, _run = state_run(sim, document, check=True)
    assert planned["result"]["changes"] == []


def test_a_renamed_group_is_found_by_its_new_name_and_absent_items_delete(sim):
    document = {"groups": [{"id": "2", "name": "br-renamed"},
                           {"name": "group-003", "state": "absent"}],
                "routers": [{"router": "2", "group": "br-renamed"}]}
    planned, plan_run = state_run(sim, document, check=True)
    assert not planned["failed"], planned["result"].get("msg")
    assert writes_of(plan_run) == []
    changes = [(c["kind"], c["key"], c["action"]) for c in planned["result"]["changes"]]
    # router 2 is in group 2 already: renaming the group leaves its group unchanged
    assert changes == [("group", "id=2", "update"), ("group", "group-003", "delete")], changes
    document["routers"] = [{"router": "10", "group": "br-renamed"}]  # an E300 with no group; group 2 is of E300
    planned, _run = state_run(sim, document, check=True)
    router = planned["result"]["changes"][-1]
    # the rename is planned: the new name is group 2 already in the plan, as it will be after the apply
    assert (router["kind"], router["after"]["group"]) == ("router", "br-renamed (id 2)"), router
    applied, apply_run = state_run(sim, document)
    assert not applied["failed"], applied["result"].get("msg")
    assert sorted(writes_of(apply_run)) == [("DELETE", "/api/v2/groups/3/"), ("PUT", "/api/v2/groups/2/"),
                                            ("PUT", "/api/v2/routers/10/")]
    assert [r for r in sim.state()["routers"] if str(r["id"]) == "10"][0]["group"].rstrip("/").endswith("/groups/2")


def test_two_items_finding_one_record_fail(sim):
    message = failing(sim, {"groups": [{"name": "group-001"}, {"id": "1"}]})
    assert "groups[1].id: names group id 1, as groups[0] does" in message, message


def test_a_failed_write_reports_what_was_applied(sim):
    sim.set_faults(script=[{"kind": "500", "method": "PUT", "endpoint": "routers", "times": 50}])
    document = {"groups": [{"name": "br-fail", "product": "IBR900", "target_firmware": "7.24.30"}],
                "routers": [{"router": "1", "group": "br-fail"}]}
    record, run = state_run(sim, dict(document, max_retries=0))
    result = record["result"]
    assert record["failed"], result
    assert "routers[0]" in result["msg"] or "routers/1" in result["msg"], result["msg"]
    assert result["applied"] == ["groups[0]"] and result["changed"], result
    assert [w for w in writes_of(run) if w[0] == "POST"] == [("POST", "/api/v2/groups/")]
    sim.set_faults(script=[])
    again, again_run = state_run(sim, document)
    assert not again["failed"], again["result"].get("msg")
    assert [(c["kind"], c["action"]) for c in again["result"]["changes"]] == [("router", "update")]
    assert writes_of(again_run) == [("PUT", "/api/v2/routers/1/")]


def test_check_mode_across_a_document_and_later_tasks(sim, tmp_path):
    """A task after ncm_state may name what the document only plans; the plan callback checks it."""
    tasks = [
        {STATE: {"groups": [{"name": "br-later", "product": "IBR900", "target_firmware": "7.24.30"}]}},
        {"cradlepoint.ncm.ncm_router": {"router": "1", "group": "br-later"}},
        {"cradlepoint.ncm.ncm_router": {"router": "4", "group": "br-typo"}, "ignore_errors": True},
    ]
    play = playbook(*tasks)
    env = {"ANSIBLE_CALLBACKS_ENABLED": "cradlepoint.ncm.plan", "NCM_PLAN_JSON": str(tmp_path / "plan.json")}
    run = run_playbook(sim, play, check=True, diff=True, env=env)
    assert run.writes == 0
    assert run.task("task1")["result"]["diff"]["after"]["group"] == "br-later (known after apply)"
    plan = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert [(a["name"], a["created_by"]) for a in plan["assumptions"]] == [("br-later", "task0"), ("br-typo", None)]
    assert [(e["resource"], e["identifier"], e["plan"]) for e in plan["changes"]] == [
        ("group", "br-later", "create"), ("router", "router-00001", "update")]
    assert [e["task"] for e in plan["failed"]] == ["task2"]
    real = run_playbook(sim, playbook(*tasks[:2]), diff=True)
    assert [real.task(name)["result"]["changed"] for name in ("task0", "task1")] == [True, True]
