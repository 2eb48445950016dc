"""playbooks/router_hosts.yml: the NCM inventory's router hosts, settings from group_vars, throttled writes."""

import pathlib

from harness import run_playbook

PLAYBOOK = pathlib.Path(__file__).resolve().parents[2] / "playbooks" / "router_hosts.yml"


def test_a_play_over_the_routers_of_one_group(sim, tmp_path):
    inventory = tmp_path / "routers.ncm.yml"
    inventory.write_text("plugin: cradlepoint.ncm.ncm\nhostnames: [name]\ngroup_prefix: ncm_group_\n", encoding="utf-8")
    run = run_playbook(sim, PLAYBOOK, inventory=str(inventory), extra_vars={"ncm_target": "ncm_group_group_002"})
    assert run.rc == 0, run.stdout[-3000:] + run.stderr[-3000:]
    hosts = sorted({task["host"] for task in run.tasks})
    assert hosts == ["router-00002", "router-00005", "router-00008"]  # the routers of group-002 in the seed
    assert len(run.tasks) == 6 and all(task["result"]["changed"] for task in run.tasks)
    state = sim.state()
    for router in state["routers"]:
        expected = "Managed by Ansible (%s)" % router["name"] if router["name"] in hosts else None
        assert (router["description"] or None) == expected, router
    managers = {cm["router"].rstrip("/").rsplit("/", 1)[-1]: cm for cm in state["configuration_managers"]}
    assert {rid for rid, cm in managers.items() if cm["configuration"][0].get("system")} == {"2", "5", "8"}
    assert managers["5"]["configuration"][0]["system"]["system_id"] == "router-00005"
    again = run_playbook(sim, PLAYBOOK, inventory=str(inventory), extra_vars={"ncm_target": "ncm_group_group_002"})
    assert again.rc == 0 and not any(task["result"]["changed"] for task in again.tasks)
    assert again.writes == 0
