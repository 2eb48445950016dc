"""ncm_router through real ansible-playbook runs against the simulator."""

from harness import run_playbook
from lifecycle import RO_OPTIONS, assert_converges, converge_in_one_run, playbook

ROUTER = "cradlepoint.ncm.ncm_router"


def router_state(sim, rid):
    return {r["id"]: r for r in sim.state()["routers"]}.get(str(rid))


def test_update_converges(sim):
    fields = {"name": "store-0001", "description": "back office", "asset_id": "A-1", "custom1": "west", "custom2": "x"}
    applied = assert_converges(sim, {ROUTER: dict(fields, router="WA240000000001")})
    assert applied["plan"] == "update"
    before, after = applied["diff"]["before"], applied["diff"]["after"]
    assert before == {"id": "1", "name": "router-00001", "description": None, "asset_id": None, "custom1": None,
                      "custom2": None, "group": "group-001 (id 1)"}
    assert after == dict(before, **fields)
    router = router_state(sim, 1)
    assert {key: router[key] for key in fields} == fields
    assert router["group"].endswith("/groups/1/")  # group not given: left alone
    assert applied["router"]["name"] == "store-0001" and applied["router"]["serial_number"] == "WA240000000001"


def test_group_membership_and_costs(sim):
    # router 10 is an E300 in no group; group-002 is an E300 group
    run = run_playbook(
        sim,
        playbook(
            {ROUTER: {"router": "00:30:44:00:00:0a", "group": "group-002"}},
            {ROUTER: {"router": "10", "group": "2"}},
            {ROUTER: {"router": "router-00010", "description": "kept in group"}},
            {ROUTER: {"router": "router-00010", "group": None}},
            {ROUTER: {"router": "router-00010", "group": None}},
            {ROUTER: {"router": "WA240000000010"}},
        ),
        diff=True,
    )
    assert run.rc == 0, run.stdout
    join, join_again, describe, leave, leave_again, by_serial = (run.task("task%d" % i)["result"] for i in range(6))
    assert join["changed"] and (join["diff"]["before"]["group"], join["diff"]["after"]["group"]) == (None, "group-002 (id 2)")
    assert join["api_calls"] == {"reads": 2, "writes": 1, "retries": 0, "total": 3}  # router by MAC, group by name
    assert not join_again["changed"] and join_again["api_calls"]["writes"] == 0
    assert describe["changed"] and describe["diff"]["after"]["group"] == "group-002 (id 2)"
    # the router's group, not read by this task, is named for the diff of the change: one read, only with --diff
    assert describe["api_calls"] == {"reads": 2, "writes": 1, "retries": 0, "total": 3}
    assert leave["changed"] and (leave["diff"]["before"]["group"], leave["diff"]["after"]["group"]) == (
        "group-002 (id 2)", None)
    assert leave["router"]["group"] is None
    assert not leave_again["changed"] and leave_again["api_calls"] == {"reads": 1, "writes": 0, "retries": 0, "total": 1}
    # a serial-shaped value is tried as a serial number before the name steps: one read
    assert not by_serial["changed"] and by_serial["api_calls"] == {"reads": 1, "writes": 0, "retries": 0, "total": 1}
    puts = [c for c in run.calls["log"] if c["method"] != "GET"]
    assert [(c["method"], c["path"]) for c in puts] == [("PUT", "/api/v2/routers/10/")] * 3
    router = router_state(sim, 10)
    assert router["group"] is None and router["description"] == "kept in group"


def test_mac_in_any_case_and_form(sim):
    # NCM shows MACs in upper case (router 10: 00:30:44:00:00:0A) and "="/"__in" match exactly
    run = run_playbook(
        sim,
        playbook(
            {"cradlepoint.ncm.ncm_router_info": {"router": ["00-30-44-00-00-0a", "0030.4400.0009", "003044000008"]}},
            {ROUTER: {"router": "00:30:44:00:00:0a", "description": "found by a lower-case MAC"}},
        ),
    )
    assert run.rc == 0, run.stdout
    info, update = (run.task("task%d" % i)["result"] for i in range(2))
    assert [(r["id"], r["mac"]) for r in info["routers"]] == [
        ("8", "00:30:44:00:00:08"), ("9", "00:30:44:00:00:09"), ("10", "00:30:44:00:00:0A")]
    mac_lookups = [c["query"] for c in run.calls["log"] if c["path"] == "/api/v2/routers/" and "mac__in" in c["query"]]
    assert len(mac_lookups) == 2  # one per task, every MAC of the task in both cases
    assert "00%3A30%3A44%3A00%3A00%3A0A" in mac_lookups[0] and "00%3A30%3A44%3A00%3A00%3A0a" in mac_lookups[0]
    assert update["changed"] and update["router"]["id"] == "10"
    assert router_state(sim, 10)["description"] == "found by a lower-case MAC"


def test_unregister_converges(sim):
    applied, again, run = converge_in_one_run(sim, {ROUTER: {"router": "router-00010", "state": "absent"}})
    assert applied["plan"] == "delete"
    assert applied["diff"]["before"]["name"] == "router-00010" and not applied["diff"]["after"]
    assert [(c["method"], c["path"]) for c in run.calls["log"] if c["method"] != "GET"] == [
        ("DELETE", "/api/v2/routers/10/")
    ]
    assert router_state(sim, 10) is None
    # gone: the name, then the serial number are tried - two reads, no suggestion lookup, no failure
    assert again["router"] is None and again["api_calls"] == {"reads": 2, "writes": 0, "retries": 0, "total": 2}


def test_bad_input_fails_before_any_write(sim):
    assert sim.api("PUT", "routers/2/", json={"name": "twin"}).status_code == 202
    assert sim.api("PUT", "routers/3/", json={"name": "twin"}).status_code == 202
    tasks = [
        ({"router": "router-0001", "name": "x"}, ["router", "'router-0001'", "did you mean", "router-00001"]),
        ({"router": "twin", "name": "x"}, ["router", "'twin'", "ids 2, 3"]),
        ({"router": "router-00001", "group": "group-09"}, ["group", "'group-09'", "did you mean"]),
        ({"router": "router-00001", "group": "group-002"}, ["group", "'group-002'", "E300", "IBR900"]),
        ({"router": "router-00001", "name": ""}, ["name", "empty"]),
        ({"router": "router-00001", "state": "gone"}, ["state", "gone"]),
        ({"router": ["1", "2"]}, ["router"]),
        ({"name": "x"}, ["router"]),
        (dict(RO_OPTIONS, router="1", custom1="ro"), ["403", "PUT /api/v2/routers/1/"]),
    ]
    run = run_playbook(sim, playbook(*({ROUTER: args, "ignore_errors": True} for args, _fragments in tasks)), diff=True)
    for index, (_args, fragments) in enumerate(tasks):
        record = run.task("task%d" % index)
        assert record["failed"], record
        for fragment in fragments:
            assert fragment in record["result"]["msg"], (fragment, record["result"]["msg"])
    # the only write attempt is the one NCM refused to the read-only keys
    assert [(c["method"], c["status"]) for c in run.calls["log"] if c["method"] != "GET"] == [("PUT", 403)]
    assert router_state(sim, 1)["name"] == "router-00001" and router_state(sim, 1)["custom1"] is None
