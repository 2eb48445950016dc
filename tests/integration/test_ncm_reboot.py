"""ncm_reboot through real ansible-playbook runs against the simulator.

Seed: group-001 holds routers 1, 4 and 7; router 7 is offline.
"""

from harness import run_playbook
from lifecycle import RO_OPTIONS, playbook, run_task

REBOOT = "cradlepoint.ncm.ncm_reboot"


def states(sim):
    return {r["id"]: r["state"] for r in sim.state()["routers"]}


def test_group_check_mode_then_reboot(sim):
    sim.configure(reboot_delay_s=60)
    task = {REBOOT: {"group": "group-001"}}
    run = run_playbook(sim, playbook(dict(task, check_mode=True), task), diff=True)
    planned, applied = run.task("task0")["result"], run.task("task1")["result"]
    assert planned["changed"] and planned["plan"] == "reboot"
    assert planned["reboot"] == {
        "group": "1",
        "rebooted": [{"id": "1", "name": "router-00001"}, {"id": "4", "name": "router-00004"}],
        "offline": [{"id": "7", "name": "router-00007", "state": "offline"}],
    }
    assert planned["api_calls"] == {"reads": 2, "writes": 0, "retries": 0, "total": 2}  # the group, its routers
    assert any("router-00007" in w for w in planned.get("warnings", []))
    assert applied["changed"] and applied["plan"] == "reboot"
    assert applied["reboot"] == planned["reboot"] and applied["diff"] == planned["diff"]
    assert applied["diff"] == {"before": {"rebooted": []}, "after": {"rebooted": ["router-00001", "router-00004"]}}
    assert applied["api_calls"] == {"reads": 2, "writes": 1, "retries": 0, "total": 3}
    [post] = [c for c in run.calls["log"] if c["method"] != "GET"]  # the check task wrote nothing
    assert (post["path"], post["status"]) == ("/api/v2/reboot_activity/", 201)  # one request for the group
    assert [states(sim)[rid] for rid in ("1", "4", "7", "2")] == ["offline", "offline", "offline", "online"]


def test_router_reboot_waits_until_back(sim):
    sim.configure(reboot_delay_s=1.0)
    result, run = run_task(sim, {REBOOT: {"router": "WA240000000002", "wait": True, "poll_interval": 0.4,
                                          "wait_timeout": 30}})
    assert result["changed"] and result["reboot"]["rebooted"] == [{"id": "2", "name": "router-00002"}]
    assert result["reboot"]["returned"] == [{"id": "2", "name": "router-00002"}]
    assert result["reboot"]["timed_out"] == [] and result["reboot"]["offline"] == []
    polls = [c for c in run.calls["log"] if "id__in=2" in c["query"]]
    assert len(polls) >= 1 and run.writes == 1
    # resolve (a serial-shaped value: the serial number step first, one call) + one list call per poll
    assert result["api_calls"]["reads"] == 1 + len(polls)
    assert states(sim)["2"] == "online"


def test_offline_only_and_timeout(sim):
    sim.configure(reboot_delay_s=60)
    run = run_playbook(
        sim,
        playbook(
            {REBOOT: {"router": "router-00007"}},
            {REBOOT: {"router": "1", "wait": True, "wait_timeout": 1, "poll_interval": 0.3}, "ignore_errors": True},
        ),
        diff=True,
    )
    offline, timeout = run.task("task0"), run.task("task1")
    assert not offline["changed"] and offline["result"]["plan"] == "none"
    assert offline["result"]["reboot"]["rebooted"] == []
    assert offline["result"]["reboot"]["offline"] == [{"id": "7", "name": "router-00007", "state": "offline"}]
    assert timeout["failed"]
    assert "wait_timeout" in timeout["result"]["msg"] and "router-00001" in timeout["result"]["msg"]
    assert timeout["result"]["reboot"]["timed_out"] == [{"id": "1", "name": "router-00001"}]
    assert timeout["result"]["reboot"]["returned"] == []
    assert run.writes == 1  # only router 1 was asked to reboot


def test_bad_input_fails_before_any_write(sim):
    tasks = [
        ({"router": "1", "group": "group-001"}, ["mutually exclusive", "router", "group"]),
        ({"wait": True}, ["router", "group"]),
        ({"group": "group-01"}, ["group", "'group-01'", "did you mean", "group-001"]),
        ({"router": "nope"}, ["router", "'nope'"]),
        ({"router": "1", "wait_timeout": 0}, ["wait_timeout", "0"]),
        ({"router": "1", "poll_interval": "soon"}, ["poll_interval", "float"]),
        (dict(RO_OPTIONS, router="1"), ["403", "POST /api/v2/reboot_activity/"]),
    ]
    run = run_playbook(sim, playbook(*({REBOOT: args, "ignore_errors": True} for args, _fragments in tasks)))
    for index, (_args, fragments) in enumerate(tasks):
        record = run.task("task%d" % index)
        assert record["failed"], record
        for fragment in fragments:
            assert fragment in record["result"]["msg"], (fragment, record["result"]["msg"])
    # the only write attempt is the one NCM refused to the read-only keys
    assert [(c["method"], c["status"]) for c in run.calls["log"] if c["method"] != "GET"] == [("POST", 403)]
    assert states(sim)["1"] == "online"
