"""ncm_config_info through real ansible-playbook runs: the gathered config is what ncm_config accepts."""

from harness import run_playbook
from lifecycle import run_examples

PRIMARY_LAN = "00000000-0d93-319d-8220-4a1fb0372b51"
GUEST_LAN = "00000001-0d93-319d-8220-4a1fb0372b51"
NEW_LAN = "00000002-2a38-3724-a6fa-02dfdfbc129e"

ROUND_TRIP = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: gather
      cradlepoint.ncm.ncm_config_info:
        router: router-00001
        include: [target, actual, pending]
      register: reference
    - name: gather in check mode
      cradlepoint.ncm.ncm_config_info:
        router: "1"
      check_mode: true
    - name: apply
      cradlepoint.ncm.ncm_config:
        router: WA240000000002
        config: "{{ reference.config.config }}"
        removals: "{{ reference.config.removals }}"
    - name: apply again
      cradlepoint.ncm.ncm_config:
        router: WA240000000002
        config: "{{ reference.config.config }}"
        removals: "{{ reference.config.removals }}"
    - name: group
      cradlepoint.ncm.ncm_config_info:
        group: group-001
    - name: group with include
      cradlepoint.ncm.ncm_config_info:
        group: group-001
        include: [target]
      ignore_errors: true
"""


def test_round_trip_gather_apply(sim):
    # a config built "in the UI": an _id_ array, an index-keyed array, a removal and a secret
    config = [{"lan": {PRIMARY_LAN: {"_id_": PRIMARY_LAN, "ip_address": "192.168.30.1"},
                       NEW_LAN: {"_id_": NEW_LAN, "name": "Aleph"}},
               "vlan": {"2": {"uid": "aleph", "vid": 3}},
               "system": {"system_id": "reference"}},
              [["lan", GUEST_LAN]]]
    assert sim.api("PUT", "configuration_managers/1001/", json={"configuration": config}).status_code == 202
    run = run_playbook(sim, ROUND_TRIP, diff=True)
    gathered = run.task("gather")["result"]
    assert gathered["config"] == {
        "config": {"lan": [{"_id_": PRIMARY_LAN, "ip_address": "192.168.30.1"}, {"_id_": NEW_LAN, "name": "Aleph"}],
                   "vlan": {"2": {"uid": "aleph", "vid": 3}},
                   "system": {"system_id": "reference"}},
        "removals": [["lan", GUEST_LAN]],
    }
    assert gathered["source"] == {"kind": "router", "id": "1", "name": "router-00001", "config_manager_id": "1001"}
    assert gathered["sync"] == {"synched": True, "suspended": False, "version_number": 1, "state": "online"}
    # the target layers the group config (ui_activated) under the individual one
    assert gathered["target"]["config"]["system"] == {"ui_activated": True, "system_id": "reference"}
    assert gathered["actual"] == gathered["target"] and gathered["pending"] == {"config": {}, "removals": []}
    assert gathered["api_calls"] == {"reads": 2, "writes": 0, "retries": 0, "total": 2}
    checked = run.task("gather in check mode")["result"]
    assert checked["config"] == gathered["config"] and checked["api_calls"]["total"] == 1
    applied, again = run.task("apply")["result"], run.task("apply again")["result"]
    assert applied["changed"] and applied["change"]["method"] == "PUT"  # a new removal: one PUT
    assert applied["config"] == gathered["config"]
    assert not again["changed"] and again["api_calls"]["writes"] == 0
    group = run.task("group")["result"]
    assert group["config"] == {"config": {"system": {"ui_activated": True}}, "removals": []} and group["sync"] is None
    assert run.task("group with include")["failed"]
    assert "include: only a router" in run.task("group with include")["result"]["msg"]
    assert run.writes == 1
    [cm2] = [c for c in sim.state()["configuration_managers"] if c["id"] == "1002"]
    assert cm2["configuration"] == config


def test_examples_run_as_written(sim):
    """The EXAMPLES of ncm_config and ncm_config_info, run in one play against the seed."""
    run_examples(sim, "ncm_config", "ncm_config_info")
    state = sim.state()
    [cm1] = [c for c in state["configuration_managers"] if c["id"] == "1001"]
    assert cm1["configuration"] == [{"system": {"system_id": "branch-1"}}, []] and cm1["synched"]
    [cm2] = [c for c in state["configuration_managers"] if c["id"] == "1002"]
    assert cm2["configuration"][1] == [["lan", GUEST_LAN], ["vlan", 1, "ports", 3]]
