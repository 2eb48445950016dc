"""Account as code (issue 13 item 5): export -> edit -> plan -> apply -> drift check, through the playbooks.

playbooks/export.yml writes the account as an ncm_state document, the test edits it as a user would (a router's
description, a new group with a configuration, a router moved into it, an alert rule dropped under a purge scope),
playbooks/plan.yml plans it with zero writes, playbooks/apply.yml writes exactly the plan, and plan.yml as a drift
check then finds nothing. docs/account_as_code.md walks the same cycle.
"""

import json
import pathlib

import yaml

from harness import run_playbook

PLAYBOOKS = pathlib.Path(__file__).resolve().parents[2] / "playbooks"
PLACEHOLDER = "(secret not exported: replace me)"
RULE = "00000000-5e1d-11ee-8000-000000000101"  # the seeded alert rule (groups: group-001)
STATE_TASK = "Plan or apply the document"


def writes_of(run):
    return [(c["method"], c["path"]) for c in run.calls["log"] if c["method"] != "GET"]


def export(sim, path, **extra):
    run = run_playbook(sim, PLAYBOOKS / "export.yml", extra_vars=dict(ncm_document_file=str(path), **extra))
    assert run.rc == 0, run.stdout + run.stderr
    assert writes_of(run) == []
    return yaml.safe_load(path.read_text(encoding="utf-8")), run


def state(sim, book, path, **extra):
    run = run_playbook(sim, PLAYBOOKS / book, extra_vars=dict(ncm_document_file=str(path), **extra))
    return run.task(STATE_TASK)["result"], run


def edit(document):
    """What a user changes in the exported file."""
    edited = json.loads(json.dumps(document))
    routers = {item["router"]: item for item in edited["routers"]}
    routers["1"]["description"] = "Store 1, edited"
    routers["4"]["group"] = "br-west"  # known after apply: the document creates the group
    edited["groups"].append({"name": "br-west", "product": "IBR900", "target_firmware": "7.24.30",
                             "config": {"system": {"system_id": "west"}}})
    edited["alert_rules"] = []  # owned by the scope below, so purged
    edited["scope"] = {"groups": {"names": ["group-001", "group-002", "group-003", "br-west"]},
                       "alert_rules": {"on_owned_groups": True}}
    edited["purge"] = True
    return edited


def by_identity(document):
    return {name: sorted((json.dumps(item, sort_keys=True) for item in items))
            for name, items in document.items() if name not in ("scope", "purge")}


def test_export_edit_plan_apply_drift_check(sim, tmp_path):
    account = tmp_path / "account.yml"

    # export: the whole seeded account, secrets as the placeholder; applying it right away plans nothing
    exported, export_run = export(sim, account, ncm_export_include_configs=True)
    assert sorted(exported) == ["alert_rules", "groups", "push_destinations", "routers"]
    assert [g["name"] for g in exported["groups"]] == ["group-001", "group-002", "group-003"]
    assert [r["router"] for r in exported["routers"]] == [str(n) for n in range(1, 11)]
    assert exported["push_destinations"] == [{"name": "sim-webhook", "url": "https://hooks.example.com/ncm",
                                              "secret": PLACEHOLDER, "enabled": True}]
    assert [rule["id"] for rule in exported["alert_rules"]] == [RULE]
    assert oct(account.stat().st_mode & 0o777) == "0o600"
    secret = [d["authentication"]["secret"] for d in sim.state()["alert_push_destinations"]][0]
    assert secret not in account.read_text(encoding="utf-8") + export_run.stdout
    unchanged, unchanged_run = state(sim, "plan.yml", account, ncm_plan_fail_on_changes=True)
    assert unchanged_run.rc == 0, unchanged_run.stdout + unchanged_run.stderr
    assert unchanged["summary"] == {"to_add": 0, "to_change": 0, "to_destroy": 0}

    # edit
    edited = edit(exported)
    account.write_text(yaml.safe_dump(edited, sort_keys=False), encoding="utf-8")

    # plan: every change listed, nothing written; the drift check fails
    report = tmp_path / "plan.json"
    plan, plan_run = state(sim, "plan.yml", account, ncm_state_report=str(report))
    assert plan_run.rc == 0, plan_run.stdout + plan_run.stderr
    assert writes_of(plan_run) == [] and plan_run.writes == 0
    assert plan["api_calls"]["writes"] == 0
    assert plan["msg"] == "Plan: 1 to add, 3 to change, 1 to destroy."
    assert plan["summary"] == {"to_add": 1, "to_change": 3, "to_destroy": 1}
    planned = [(c["action"], c["kind"], c["key"], c["path"]) for c in plan["changes"]]
    assert planned == [
        ("create", "group", "br-west", "groups[3]"),
        ("update", "group_config", "br-west", "groups[3].config"),
        ("update", "router", "1", "routers[0]"),
        ("update", "router", "4", "routers[3]"),
        ("delete", "alert_rule", "id=" + RULE, "scope.alert_rules (id %s)" % RULE),
    ]
    changes = {(c["kind"], c["key"]): c for c in plan["changes"]}
    assert changes[("router", "1")]["before"]["description"] is None
    assert changes[("router", "1")]["after"]["description"] == "Store 1, edited"
    assert changes[("router", "4")]["after"]["group"] == "br-west (known after apply)"
    assert json.loads(report.read_text(encoding="utf-8")) == {
        "applied": False, "msg": plan["msg"], "summary": plan["summary"], "changes": plan["changes"],
        "api_calls": plan["api_calls"]}
    assert "Plan: 1 to add, 3 to change, 1 to destroy." in plan_run.stdout
    drift, drift_run = state(sim, "plan.yml", account, ncm_plan_fail_on_changes=True)
    assert drift_run.rc != 0 and drift["changed"]
    assert drift_run.task("Fail when NCM differs from the document")["failed"]
    assert "Drift: Plan: 1 to add, 3 to change, 1 to destroy." in drift_run.stdout
    assert writes_of(drift_run) == []

    # apply: exactly the plan, in dependency order (the two routers are one stage, written in parallel)
    applied, apply_run = state(sim, "apply.yml", account)
    assert apply_run.rc == 0, apply_run.stdout + apply_run.stderr
    assert applied["summary"] == plan["summary"]
    assert [(c["action"], c["kind"], c["key"]) for c in applied["changes"]] == [p[:3] for p in planned]
    writes = writes_of(apply_run)
    assert len(writes) == 5 == applied["api_calls"]["writes"], writes
    assert writes[0] == ("POST", "/api/v2/groups/")
    new_group = [g for g in sim.state()["groups"] if g["name"] == "br-west"][0]
    assert writes[1] == ("PATCH", "/api/v2/groups/%s/" % new_group["id"])
    assert sorted(writes[2:4]) == [("PUT", "/api/v2/routers/1/"), ("PUT", "/api/v2/routers/4/")]
    assert writes[4] == ("DELETE", "/api/v2/alert_rules/%s/" % RULE)
    ncm = sim.state()
    routers = {str(r["id"]): r for r in ncm["routers"]}
    assert routers["1"]["description"] == "Store 1, edited"
    assert routers["4"]["group"].rstrip("/").rsplit("/", 1)[-1] == str(new_group["id"])
    assert new_group["configuration"][0] == {"system": {"system_id": "west"}}
    assert [r["alert_config_id"] for r in ncm["alert_rules"]] == []
    assert [d["authentication"]["secret"] for d in ncm["alert_push_destinations"]] == [secret]  # placeholder kept it

    # drift check: nothing to do, nothing written, and the account exports as the edited document
    again, again_run = state(sim, "plan.yml", account, ncm_plan_fail_on_changes=True)
    assert again_run.rc == 0, again_run.stdout + again_run.stderr
    assert again["msg"] == "No changes. NCM matches the document."
    assert again["changes"] == [] and writes_of(again_run) == []
    reexported, _run = export(sim, tmp_path / "again.yml", ncm_export_include_configs=True)
    assert by_identity(reexported) == by_identity(edited)


def test_a_bad_reference_fails_the_plan_naming_the_document_path(sim, tmp_path):
    account = tmp_path / "account.yml"
    exported, _run = export(sim, account)
    exported["routers"][3]["group"] = "br-nowhere"
    account.write_text(yaml.safe_dump(exported, sort_keys=False), encoding="utf-8")
    for book in ("plan.yml", "apply.yml"):
        result, run = state(sim, book, account)
        assert run.rc != 0 and run.task(STATE_TASK)["failed"]
        assert result["msg"] == ("routers[3].group: no group 'br-nowhere' exists, and the document does not "
                                 "declare it in groups.")
        assert writes_of(run) == []
