"""ncm_config through real ansible-playbook runs against the simulator."""

import json

from lifecycle import assert_converges, run_task, run_tasks

CONFIG = "cradlepoint.ncm.ncm_config"
PRIMARY_LAN = "00000000-0d93-319d-8220-4a1fb0372b51"
GUEST_LAN = "00000001-0d93-319d-8220-4a1fb0372b51"
NEW_LAN = "00000002-2a38-3724-a6fa-02dfdfbc129e"
PSK = "Sup3r-Secret-PSK-4711"
FAST = {"poll_interval": 0.1, "wait_timeout": 20}


def cm_of(sim, router_id):
    """The configuration manager of a router as /_sim/state shows it (secrets in clear text)."""
    [cm] = [c for c in sim.state()["configuration_managers"] if c["router"].endswith("/routers/%s/" % router_id)]
    return cm


def group_of(sim, group_id):
    [group] = [g for g in sim.state()["groups"] if g["id"] == str(group_id)]
    return group


def writes_of(run):
    return [(c["method"], c["path"].split("/api/v2/")[-1]) for c in run.calls["log"] if c["method"] != "GET"]


def test_router_merge_converges_with_id_list_and_secret(sim):
    task = {CONFIG: {
        "router": "router-00002",
        "config": {
            "system": {"system_id": "branch-2"},
            # natural YAML list form of an _id_ array: keyed by UUID on the way out
            "lan": [{"_id_": PRIMARY_LAN, "ip_address": "192.168.30.1"},
                    {"_id_": NEW_LAN, "name": "Aleph", "ip_address": "192.168.20.1"}],
            "wlan": {"radio": {"0": {"bss": {"0": {"ssid": "branch", "wpapsk": PSK}}}}},
        },
    }}
    applied = assert_converges(sim, task)
    assert applied["plan"] == "update" and applied["change"]["method"] == "PATCH"
    assert applied["diff"]["before"] == {"config": {}, "removals": []}
    after = applied["diff"]["after"]["config"]
    assert after["lan"] == [{"_id_": PRIMARY_LAN, "ip_address": "192.168.30.1"},
                            {"_id_": NEW_LAN, "name": "Aleph", "ip_address": "192.168.20.1"}]
    assert after["wlan"]["radio"]["0"]["bss"]["0"]["wpapsk"] == "********"
    assert applied["config"] == applied["diff"]["after"]
    assert applied["target"] == {"kind": "router", "id": "2", "name": "router-00002", "config_manager_id": "1002"}
    assert PSK not in json.dumps(applied)
    stored = cm_of(sim, 2)["configuration"]
    assert stored[0]["lan"][NEW_LAN] == {"_id_": NEW_LAN, "name": "Aleph", "ip_address": "192.168.20.1"}
    assert stored[0]["wlan"]["radio"]["0"]["bss"]["0"]["wpapsk"] == PSK
    # unchanged: router lookup by name + its configuration manager, nothing else
    again, run = run_task(sim, task)
    assert not again["changed"] and again["api_calls"] == {"reads": 2, "writes": 0, "retries": 0, "total": 2}
    assert run.calls["total"] == 2


def test_secrets_on_create_always_and_masked_put(sim):
    base = {"router": "3", "config": {"wlan": {"radio": {"0": {"bss": {"0": {"ssid": "s3", "wpapsk": PSK}}}}}}}
    results, run = run_tasks(
        sim,
        {CONFIG: base},
        {CONFIG: base},  # on_create: the secret NCM holds as "*" counts as equal
        {CONFIG: dict(base, update_secrets="always")},  # always: sent again, a change
        # a PUT (removal) would have to resend the secret known only as "*": fails, names the path, no write
        {CONFIG: {"router": "3", "removals": [["lan", GUEST_LAN]]}, "ignore_errors": True},
        # ... unless the secret is given: then the PUT resends it
        {CONFIG: dict(base, removals=[["lan", GUEST_LAN]])},
        diff=True, verbosity=4,
    )
    first, same, always, masked_put, put_with_secret = results
    assert first["changed"] and first["change"]["method"] == "PATCH"
    assert not same["changed"] and same["api_calls"]["writes"] == 0 and same["api_calls"]["reads"] == 1
    assert always["changed"] and always["change"]["updates"] == {
        "wlan": {"radio": {"0": {"bss": {"0": {"wpapsk": "********"}}}}}}
    assert masked_put["failed"] and "wlan.radio.0.bss.0.wpapsk" in masked_put["msg"]
    assert "PUT" in masked_put["msg"] and masked_put["api_calls"]["writes"] == 0
    assert put_with_secret["changed"] and put_with_secret["change"]["method"] == "PUT"
    assert put_with_secret["config"]["removals"] == [["lan", GUEST_LAN]]
    assert [call[0] for call in writes_of(run)] == ["PATCH", "PATCH", "PUT"]
    assert cm_of(sim, 3)["configuration"][0]["wlan"]["radio"]["0"]["bss"]["0"]["wpapsk"] == PSK
    # never shown: not in the -vvvv output, the results or the diffs
    assert PSK not in run.stdout and PSK not in run.stderr
    assert PSK not in json.dumps(run.tasks)


def test_removals_absent_and_replace_on_router(sim):
    results, run = run_tasks(
        sim,
        # merge + removal: a new removal path goes out as one PUT of the whole layer
        {CONFIG: {"router": "4", "config": {"vlan": {"2": {"uid": "aleph", "vid": 3}}, "system": {"system_id": "r4"}},
                  "removals": [["lan", GUEST_LAN], "vlan.1.ports.3"]}},
        # the same again: the paths are listed already - no change, no write
        {CONFIG: {"router": "4", "removals": [["lan", GUEST_LAN], ["vlan", 1, "ports", 3]]}},
        # absent (merge): delete one key; absent of a missing key is no change
        {CONFIG: {"router": "4", "state": "absent", "config": {"vlan": {"2": None}}}},
        {CONFIG: {"router": "4", "state": "absent", "config": {"vlan": {"2": None}}}},
        # replace: exactly this config, the removals not given are dropped
        {CONFIG: {"router": "4", "mode": "replace", "config": {"system": {"system_id": "r4"}}}},
        {CONFIG: {"router": "4", "mode": "replace", "config": {"system": {"system_id": "r4"}}}},
        # replace + absent: clear the individual config
        {CONFIG: {"router": "4", "mode": "replace", "state": "absent"}},
        {CONFIG: {"router": "4", "mode": "replace", "state": "absent"}},
        diff=True,
    )
    add, listed, absent, absent_again, replace, replace_again, clear, clear_again = results
    assert add["change"]["method"] == "PUT"
    assert add["config"]["removals"] == [["lan", GUEST_LAN], ["vlan", 1, "ports", 3]]
    assert not listed["changed"] and listed["api_calls"]["writes"] == 0
    assert absent["changed"] and absent["change"]["unset"] == [["vlan", "2"]]
    assert absent["diff"]["after"]["config"] == {"system": {"system_id": "r4"}}
    assert not absent_again["changed"]
    assert replace["changed"] and replace["diff"]["after"] == {"config": {"system": {"system_id": "r4"}}, "removals": []}
    assert not replace_again["changed"]
    assert clear["changed"] and clear["config"] == {"config": {}, "removals": []}
    assert not clear_again["changed"]
    assert [call[0] for call in writes_of(run)] == ["PUT", "PUT", "PUT", "PUT"]
    assert all(call[1] == "configuration_managers/1004/" for call in writes_of(run))
    assert cm_of(sim, 4)["configuration"] == [{}, []]


def test_group_config_replace_converges(sim):
    # group-001 holds {"system": {"ui_activated": true}}; replace drops it
    task = {CONFIG: {"group": "group-001", "mode": "replace", "config": {"system": {"system_id": "grp"}},
                     "removals": [["lan", GUEST_LAN]]}}
    # the converge contract in one playbook: check, apply, apply again, check again
    results, run = run_tasks(sim, dict(task, check_mode=True), task, task, dict(task, check_mode=True), diff=True)
    planned, applied, again, rechecked = results
    assert planned["changed"] and planned["api_calls"]["writes"] == 0
    assert planned["diff"] == applied["diff"] and planned["change"] == applied["change"]
    assert applied["changed"] and not again["changed"] and not rechecked["changed"]
    assert writes_of(run) == [("PUT", "groups/1/")]
    assert applied["change"]["method"] == "PUT" and applied["sync"] is None
    assert applied["diff"]["before"] == {"config": {"system": {"ui_activated": True}}, "removals": []}
    assert group_of(sim, 1)["configuration"] == [{"system": {"system_id": "grp"}}, [["lan", GUEST_LAN]]]
    # the members' target is the group config layered under their individual config
    assert cm_of(sim, 1)["target"][0]["system"] == {"system_id": "grp"}


def test_group_merge_and_wait_with_offline_member(sim):
    results, run = run_tasks(
        sim,
        {CONFIG: dict({"group": "group-001", "config": {"system": {"system_id": "grp"}}, "wait": True}, **FAST)},
        {CONFIG: {"group": "1", "config": {"system": {"system_id": "grp"}}}},
        diff=True,
    )
    merged, again = results
    assert merged["changed"] and merged["change"]["method"] == "PATCH"
    assert merged["change"]["updates"] == {"system": {"system_id": "grp"}}
    assert merged["sync"]["synched"] and merged["sync"]["offline"] == ["7"]  # router 7 is offline
    assert not again["changed"] and again["api_calls"] == {"reads": 1, "writes": 0, "retries": 0, "total": 1}
    assert writes_of(run) == [("PATCH", "groups/1/")]
    assert group_of(sim, 1)["configuration"][0]["system"] == {"ui_activated": True, "system_id": "grp"}


def test_rejection_wait_suspend_and_resume(sim):
    results, run = run_tasks(
        sim,
        # the device rejects the value: wait fails with the reason of its config_rejected alert
        {CONFIG: dict({"router": "5", "config": {"system": {"system_id": "REJECT_ME"}}, "wait": True}, **FAST),
         "ignore_errors": True},
        # suspended: resume in check mode plans the fix and the resume, writes nothing
        {CONFIG: {"router": "5", "config": {"system": {"system_id": "fixed"}}, "resume": True}, "check_mode": True},
        # fix + resume + wait: PATCH then PUT {"suspended": false}
        {CONFIG: dict({"router": "5", "config": {"system": {"system_id": "fixed"}}, "resume": True, "wait": True},
                      **FAST)},
        {CONFIG: dict({"router": "5", "config": {"system": {"system_id": "fixed"}}, "resume": True, "wait": True},
                      **FAST)},
        diff=True,
    )
    rejected, planned, fixed, again = results
    assert rejected["failed"]
    assert "invalid value REJECT_ME at system.system_id" in rejected["msg"] and "resume" in rejected["msg"]
    assert rejected["sync"]["suspended"] and rejected["sync"]["suspended_routers"] == ["5"]
    assert planned["changed"] and planned["change"]["resume"] and planned["plan"] == "update"
    assert planned["diff"]["before"]["suspended"] is True and planned["diff"]["after"]["suspended"] is False
    assert fixed["changed"] and fixed["sync"]["synched"] and not fixed["sync"]["suspended"]
    assert fixed["sync"]["as_of"] == "wait"
    assert not again["changed"] and again["api_calls"]["total"] == 1  # by id: one read, synched, nothing to do
    assert writes_of(run) == [("PATCH", "configuration_managers/1005/"), ("PATCH", "configuration_managers/1005/"),
                              ("PUT", "configuration_managers/1005/")]
    cm = cm_of(sim, 5)
    assert cm["synched"] and not cm["suspended"] and cm["actual"][0]["system"]["system_id"] == "fixed"


def test_resume_only(sim):
    sim.api("PATCH", "configuration_managers/1006/", json={"configuration": [{"system": {"x": "REJECT_ME"}}, []]})
    sim.api("PATCH", "configuration_managers/1006/", json={"configuration": [{"system": {"x": "ok"}}, []]})
    assert cm_of(sim, 6)["suspended"]
    results, run = run_tasks(sim, {CONFIG: dict({"router": "6", "resume": True, "wait": True}, **FAST)})
    [resumed] = results
    assert resumed["changed"] and resumed["plan"] == "resume" and resumed["sync"]["synched"]
    assert writes_of(run) == [("PUT", "configuration_managers/1006/")]


def test_bad_input_fails_without_writes(sim):
    sim.set_router_state(6, "offline")
    sim.api("PUT", "configuration_managers/1006/", json={"suspended": True})
    tasks = [
        ({"router": "1", "group": "group-001", "config": {"system": {}}}, "mutually exclusive"),
        ({"router": "1", "config": {"lan": [{"_id_": PRIMARY_LAN, "name": "a"}, {"name": "no id"}]}},
         "lan[1]: this list holds _id_ elements, so every element needs a UUID _id_"),
        ({"router": "router-99999", "config": {"system": {"x": 1}}}, "router: no router found for 'router-99999'"),
        ({"router": "99999", "config": {"system": {"x": 1}}}, "router: no router found for '99999'"),
        ({"group": "no-such-group", "config": {"system": {"x": 1}}}, "group: no group found"),
        ({"router": "1", "state": "absent", "removals": [["lan", GUEST_LAN]]}, "removals: not allowed"),
        ({"router": "1", "removals": [["lan", GUEST_LAN]], "config": {"lan": {GUEST_LAN: {"_id_": GUEST_LAN}}}},
         "both set in config and listed in removals"),
        ({"router": "6", "resume": True, "config": {"system": {"x": 1}}}, "is offline"),
    ]
    results, run = run_tasks(sim, *({CONFIG: task[0], "ignore_errors": True} for task in tasks))
    for (args, fragment), result in zip(tasks, results):
        assert result["failed"], (args, result)
        assert fragment in result["msg"], (fragment, result["msg"])
    assert run.writes == 0, run.calls["log"]


def test_unknown_section_and_non_dict_fail_before_any_write(sim):
    """Top-level sections are checked against the target firmware's default configuration (one read, only for a
    change) and must be dicts: bad ones fail before any write, in check mode too, naming the option and path."""
    before = sim.state()
    bad = [
        ({"router": "1", "config": {"foo": {"bar": 1}}}, "config: foo: invalid path"),
        ({"group": "group-002", "mode": "replace", "config": {"system": "not-a-dict"}}, "config: system: 'not-a-dict' is not a dict"),
        ({"router": "router-00001", "removals": [["nope", 1]]}, "removals: nope.1: invalid path"),
        ({"group": "group-003", "removals": ["vlan.1.ports.3", "nope.2"]}, "removals: nope.2: invalid path"),
    ]
    tasks = []
    for args, _fragment in bad:
        tasks.append({CONFIG: args, "ignore_errors": True})
        tasks.append({CONFIG: args, "ignore_errors": True, "check_mode": True})
    results, run = run_tasks(sim, *tasks)
    for index, (args, fragment) in enumerate(bad):
        for result in results[2 * index:2 * index + 2]:
            assert result["failed"] and fragment in result["msg"], (args, result.get("msg"))
            assert not result.get("changed")
    assert "known sections:" in results[0]["msg"] and "firmware (id 3)" in results[0]["msg"]
    assert run.writes == 0, run.calls["log"]
    reads = [c["path"].split("/api/v2/")[-1] for c in run.calls["log"]]
    assert "firmwares/3/default_configuration/" in reads and "firmwares/9/default_configuration/" in reads
    # the non-dict section fails before any API call
    assert results[2]["api_calls"]["total"] == 0
    after = sim.state()
    assert after["configuration_managers"] == before["configuration_managers"] and after["groups"] == before["groups"]


def test_section_check_cost(sim):
    """A change costs one more read (the default configuration); an unchanged config costs what it did."""
    task = {CONFIG: {"router": "1", "config": {"system": {"system_id": "cost"}}, "removals": [["vlan", 1, "ports", 3]]}}
    results, run = run_tasks(sim, task, task, {CONFIG: {"group": "group-001", "config": {"system": {"ui_activated": True}}}})
    changed, same, group_same = results
    assert changed["changed"] and changed["change"]["method"] == "PUT"
    assert changed["api_calls"] == {"reads": 2, "writes": 1, "retries": 0, "total": 3}
    assert same["api_calls"] == {"reads": 1, "writes": 0, "retries": 0, "total": 1}
    assert group_same["api_calls"] == {"reads": 1, "writes": 0, "retries": 0, "total": 1}
    assert [c["path"].split("/api/v2/")[-1] for c in run.calls["log"]].count("firmwares/3/default_configuration/") == 1


def test_default_configuration_shapes_never_block_a_valid_config(sim):
    """firmwares/<id>/default_configuration/ is undocumented: a bare tree, the reference's envelope and a config
    diff are understood (an unknown section fails before any write); an unexpected shape or an error status skips
    the check with a warning and the write goes ahead (NCM validates it); validate_sections=false skips the read."""
    control = sim.url.split("/api/v2/")[0] + "/_sim/config"
    shapes = ("bare", "envelope", "diff", "unexpected", 400, 500)
    tasks = []
    for shape in shapes:
        tasks.append({"ansible.builtin.uri": {"url": control, "method": "POST", "body_format": "json",
                                              "body": {"default_configuration": shape}}})
        tasks.append({CONFIG: {"router": "1", "config": {"foo": {"bar": 1}}, "max_retries": 1}, "ignore_errors": True})
        tasks.append({CONFIG: {"router": "1", "config": {"system": {"system_id": "shape-%s" % shape}}, "max_retries": 1},
                      "ignore_errors": True})
    tasks.append({CONFIG: {"router": "1", "config": {"system": {"system_id": "unchecked"}}, "validate_sections": False}})
    results, run = run_tasks(sim, *tasks)
    for index, shape in enumerate(shapes):
        unknown, valid = results[3 * index + 1], results[3 * index + 2]
        assert unknown["failed"] and "foo" in unknown["msg"], (shape, unknown)
        assert not valid["failed"] and valid["changed"], (shape, valid.get("msg"))
        if shape in ("bare", "envelope", "diff"):
            # the module's own check, before any write
            assert "no top-level section 'foo'" in unknown["msg"] and "status" not in unknown, (shape, unknown)
            assert not valid.get("warnings"), (shape, valid.get("warnings"))
        else:
            # the check is skipped with a warning; NCM itself refuses the unknown section
            assert unknown["status"] in (400, 409) and "invalid path" in unknown["msg"], (shape, unknown)
            for result in (unknown, valid):
                assert any("left to NCM to validate" in w for w in result.get("warnings", [])), (shape, result)
    assert results[-1]["changed"] and results[-1]["api_calls"] == {"reads": 1, "writes": 1, "retries": 0, "total": 2}
    assert cm_of(sim, 1)["configuration"][0]["system"] == {"system_id": "unchecked"}
    writes = [c for c in run.calls["log"] if c["method"] != "GET" and "configuration_managers" in c["path"]]
    # the refused writes are those of the shapes whose check was skipped; every valid change was written
    assert [c["status"] for c in writes] == [202] * 3 + [400, 202] * 3 + [202]
