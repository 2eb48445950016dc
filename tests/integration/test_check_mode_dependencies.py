"""Check mode across dependencies (issue 13): a plan goes on past tasks that need what an earlier task only planned.

``playbooks/demo.yml --check --diff`` on a fresh simulator plans, with zero writes, exactly what the real run then
changes; references that only exist after apply are shown as "(known after apply)" and listed as ``assumes``, and
the cradlepoint.ncm.plan callback fails the plan for an assumption that no earlier task satisfies.
"""

import json
import pathlib
import re

from harness import run_playbook

DEMO = pathlib.Path(__file__).resolve().parents[2] / "playbooks" / "demo.yml"
ID_TEXT = re.compile(r"\((id [^)]*|known after apply)\)")


def callback_env(path):
    return {"ANSIBLE_CALLBACKS_ENABLED": "cradlepoint.ncm.plan", "NCM_PLAN_JSON": str(path)}


def ncm_items(run):
    """[(task, item, result)] of every cradlepoint.ncm task result (loop items each), in run order."""
    out = []
    for record in run.tasks:
        if "ncm_" not in record["action"]:
            continue
        result = record["result"]
        for item in result.get("results") or [result]:
            out.append((record["name"], item.get("item"), item))
    return out


def same_ids(value):
    """A diff with the ids beside names made alike: '(id 12)' and '(known after apply)' both read '(id ?)'."""
    return json.loads(ID_TEXT.sub("(id ?)", json.dumps(value, sort_keys=True)))


def test_demo_check_mode_plans_exactly_what_the_real_run_changes(sim, tmp_path):
    check = run_playbook(sim, DEMO, check=True, diff=True, env=callback_env(tmp_path / "check.json"))
    assert check.rc == 0, check.stdout + check.stderr
    assert check.writes == 0
    planned = json.loads((tmp_path / "check.json").read_text(encoding="utf-8"))
    assert planned["failed"] == [], planned["failed"]
    assert sorted((a["task"], a["kind"], a["name"], a["created_by"]) for a in planned["assumptions"]) == sorted([
        ("Move routers into the group", "group", "demo-branch-offices", "Create a group of IBR900 routers on firmware 7.24.30"),
        ("Move routers into the group", "group", "demo-branch-offices", "Create a group of IBR900 routers on firmware 7.24.30"),
        ("Set a configuration on the group", "group", "demo-branch-offices", "Create a group of IBR900 routers on firmware 7.24.30"),
        ("Send connection and configuration alerts of the group to the webhook", "group", "demo-branch-offices",
         "Create a group of IBR900 routers on firmware 7.24.30"),
        ("Send connection and configuration alerts of the group to the webhook", "push_destination", "demo-webhook",
         "Create a webhook push destination for alerts"),
    ])
    assert "error" not in check.stderr.lower(), check.stderr

    real = run_playbook(sim, DEMO, diff=True, env=callback_env(tmp_path / "real.json"))
    assert real.rc == 0, real.stdout + real.stderr
    planned_items, real_items = ncm_items(check), ncm_items(real)
    assert [(t, i, r["plan"], r["changed"]) for t, i, r in planned_items] == [
        (t, i, r["plan"], r["changed"]) for t, i, r in real_items]
    assert [r["plan"] for _t, _i, r in planned_items] == ["create", "update", "update", "update", "create", "create"]
    assert "assumes" not in json.dumps([r for _t, _i, r in real_items])
    # the diffs are the same but for the ids that only the real run knows
    for (task, item, planned_result), (_task, _item, real_result) in zip(planned_items, real_items):
        assert same_ids(planned_result["diff"]) == same_ids(real_result["diff"]), (task, item)

    group_id = real_items[0][2]["group"]["id"]
    router_diff = planned_items[1][2]["diff"]
    assert router_diff["after"]["group"] == "demo-branch-offices (known after apply)", router_diff
    assert planned_items[1][2]["assumes"] == [{"kind": "group", "name": "demo-branch-offices"}]
    assert real_items[1][2]["diff"]["after"]["group"] == "demo-branch-offices (id %s)" % group_id
    group_diff = planned_items[0][2]["diff"]["after"]
    assert re.fullmatch(r"IBR900 \(id \d+\)", group_diff["product"]), group_diff
    assert re.fullmatch(r"7\.24\.30 \(id \d+\)", group_diff["target_firmware"]), group_diff
    rule = planned_items[-1][2]
    assert rule["diff"]["after"]["groups"] == ["demo-branch-offices (known after apply)"]
    assert rule["diff"]["after"]["http_destinations"] == ["demo-webhook (known after apply)"]
    # the returned resource stays as NCM shows it: ids and URLs, not names
    assert real_items[1][2]["router"]["group"].endswith("/groups/%s/" % group_id)

    again = run_playbook(sim, DEMO, check=True, diff=True)
    assert again.rc == 0 and again.writes == 0
    assert {r["plan"] for _t, _i, r in ncm_items(again)} == {"none"}


TYPO = """
- name: A typo in a group reference
  hosts: localhost
  gather_facts: false
  tasks:
    - name: create the group
      cradlepoint.ncm.ncm_group:
        name: typo-branch
        product: IBR900
        target_firmware: 7.24.30
    - name: move a router
      cradlepoint.ncm.ncm_router:
        router: router-00002
        group: typo-brnach
        description: moved
"""


def test_a_typo_fails_the_plan_and_the_real_run_before_any_write(sim, tmp_path):
    before = sim.api("GET", "routers/2/").json()
    check = run_playbook(sim, TYPO, check=True, diff=True, env=callback_env(tmp_path / "plan.json"))
    assert check.writes == 0
    moved = check.task("move a router")
    assert moved["result"]["assumes"] == [{"kind": "group", "name": "typo-brnach"}]
    assert moved["result"]["plan"] == "update"
    data = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert [(f["task"], f["unresolved"]) for f in data["failed"]] == [
        ("move a router", [{"kind": "group", "name": "typo-brnach"}])]
    assert "  x router router-00002 (id 2): FAILED: assumes group 'typo-brnach', which no earlier task creates" in (
        check.stdout.splitlines())
    assert "the plan fails" in check.stderr and "typo-brnach" in check.stderr

    real = run_playbook(sim, TYPO)
    assert real.rc != 0
    failed = real.task("move a router")
    assert failed["failed"] and "typo-brnach" in failed["result"]["msg"]
    assert failed["result"]["api_calls"]["writes"] == 0
    assert sim.api("GET", "routers/2/").json() == before


LATER = """
- name: Configs and reboots of what earlier tasks would create or rename
  hosts: localhost
  gather_facts: false
  tasks:
    - name: config of a new group
      cradlepoint.ncm.ncm_config:
        group: later-group
        config: {system: {system_id: later}}
    - name: config of a renamed router
      cradlepoint.ncm.ncm_config:
        router: later-router
        config: {system: {system_id: later}}
    - name: reboot a new group
      cradlepoint.ncm.ncm_reboot:
        group: later-group
    - name: reboot a renamed router
      cradlepoint.ncm.ncm_reboot:
        router: later-router
"""


def test_config_and_reboot_assume_in_check_mode_only(sim):
    check = run_playbook(sim, LATER, check=True, diff=True)
    assert check.rc == 0, check.stdout + check.stderr
    assert check.writes == 0
    config = check.task("config of a new group")["result"]
    assert (config["plan"], config["changed"]) == ("update", True)
    assert config["assumes"] == [{"kind": "group", "name": "later-group"}]
    assert config["target"]["name"] == "later-group"
    assert config["diff"]["before"] == {"config": {}, "removals": []}
    assert "later" in json.dumps(config["diff"]["after"])
    router_config = check.task("config of a renamed router")["result"]
    assert router_config["assumes"] == [{"kind": "router", "name": "later-router"}]
    for name, kind, value in (("reboot a new group", "group", "later-group"),
                              ("reboot a renamed router", "router", "later-router")):
        reboot = check.task(name)["result"]
        assert (reboot["plan"], reboot["changed"]) == ("reboot", True)
        assert reboot["assumes"] == [{"kind": kind, "name": value}]
        assert reboot["diff"]["after"] == {"rebooted": ["(known after apply)"]}

    real = run_playbook(sim, LATER)
    assert real.rc != 0
    failed = real.task("config of a new group")
    assert failed["failed"] and "no group found for 'later-group'" in failed["result"]["msg"]
    assert real.writes == 0
