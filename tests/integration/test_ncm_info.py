"""ncm_router_info, ncm_group_info and ncm_info through real ansible-playbook runs."""

from lifecycle import playbook, run_task
from harness import run_playbook


INFO_TASKS = (
    {"cradlepoint.ncm.ncm_router_info": {"group": ["group-001"], "wan_interfaces": True, "locations": True}},
    {"cradlepoint.ncm.ncm_router_info": {"router": ["router-00002", "00:30:44:00:00:03", "WA240000000010"],
                                         "locations": True}},
    {"cradlepoint.ncm.ncm_router_info": {"state": "offline"}},
    {"cradlepoint.ncm.ncm_group_info": {}},
    {"cradlepoint.ncm.ncm_group_info": {"group": ["group-002", "3"]}},
    {"cradlepoint.ncm.ncm_info": {"endpoint": "alert_rules"}},
    {"cradlepoint.ncm.ncm_info": {"endpoint": "routers", "id": "3", "expand": ["account"],
                                  "fields": ["id", "name", "account.name"]}},
    {"cradlepoint.ncm.ncm_info": {"endpoint": "net_devices", "filters": {"mode": "wan", "router__in": [1, 2]},
                                  "fields": ["id", "type", "router"], "limit": 3}},
    # booleans in filters go out as true/false (the simulator refuses True/False, as the reference shows only these)
    {"cradlepoint.ncm.ncm_router_info": {"filters": {"reboot_required": False, "state": "offline"}}},
    {"cradlepoint.ncm.ncm_info": {"endpoint": "configuration_managers", "fields": ["id", "synched"],
                                  "filters": {"synched": True, "router__in": [1, 2]}}},
)


def _check_info_results(result):
    routers = result[0]["routers"]
    assert [r["name"] for r in routers] == ["router-00001", "router-00004", "router-00007"]
    assert routers[0]["product"] == "IBR900" and routers[0]["group"] == "group-001"
    assert routers[0]["account"] == "Sim Account" and routers[0]["actual_firmware"] == "7.24.30"
    assert routers[0]["serial_number"] == "WA240000000001" and routers[2]["state"] == "offline"
    assert [(n["type"], n["connection_state"]) for n in routers[2]["net_devices"]] == \
        [("ethernet", "disconnected"), ("mdm", "disconnected")]
    assert [r["location"] for r in routers] == [None, None, None]  # the seed locates routers 5, 10, ...
    assert result[0]["api_calls"]["total"] == 6  # group name, routers, products, firmwares, locations, net_devices
    assert [r["id"] for r in result[1]["routers"]] == ["2", "3", "10"]
    assert [r["group"] for r in result[1]["routers"]] == ["group-002", "group-003", None]
    located = result[1]["routers"][2]["location"]
    assert (located["latitude"], located["longitude"]) == (40.01, -105.01), located
    assert [r["id"] for r in result[2]["routers"]] == ["7"]
    assert result[2]["api_calls"]["total"] == 3
    groups = result[3]["groups"]
    assert [g["name"] for g in groups] == ["group-001", "group-002", "group-003"]
    assert groups[1]["product"] == "E300" and groups[1]["target_firmware"] == "7.24.30"
    assert groups[1]["account"] == "Sim Account"
    assert sorted(g["id"] for g in result[4]["groups"]) == ["2", "3"]
    assert result[5]["count"] == 1
    assert result[5]["records"][0]["alert_config_id"] == "00000000-5e1d-11ee-8000-000000000101"
    assert result[5]["records"][0]["filter_criteria"] == {"alert_type__in": ["connection_state"]}
    assert result[6]["records"] == [{"id": "3", "name": "router-00003", "account": {"name": "Sim Account"}}]
    assert result[7]["count"] == 3 and result[7]["api_calls"]["total"] == 1
    assert [(r["id"], r["type"], r["router"].rstrip("/").rsplit("/", 1)[-1]) for r in result[7]["records"]] == \
        [("1", "ethernet", "1"), ("2", "mdm", "1"), ("3", "ethernet", "2")]
    assert [r["id"] for r in result[8]["routers"]] == ["7"]
    assert result[9]["records"] == [{"id": "1001", "synched": True}, {"id": "1002", "synched": True}]


def test_info_modules_in_one_playbook(sim):
    """The same values in a real run and in check mode (info modules read in both), and no write in either."""
    results = {}
    for check in (False, True):
        run = run_playbook(sim, playbook(*INFO_TASKS, check=check), check=check)
        assert run.rc == 0, run.stdout + run.stderr
        assert run.writes == 0
        results[check] = [run.task("task%d" % i)["result"] for i in range(len(INFO_TASKS))]
        _check_info_results(results[check])
        log = [entry for entry in run.calls["log"] if entry["path"].endswith("/alert_rules/")]
        assert log and all("offset" not in entry["query"] for entry in log)
    for real, checked in zip(results[False], results[True]):
        assert {k: v for k, v in real.items() if k != "invocation"} == \
            {k: v for k, v in checked.items() if k != "invocation"}


def test_bad_input_fails_before_any_call(sim):
    result, run = run_task(sim, {"cradlepoint.ncm.ncm_router_info": {"filters": {"colour": "red"}}},
                           expect_failure=True)
    assert "colour" in result["msg"] and "not a documented filter" in result["msg"]
    assert run.calls["total"] == 0
    result, run = run_task(sim, {"cradlepoint.ncm.ncm_info": {"endpoint": "reboot_activity"}}, expect_failure=True)
    assert "endpoint" in result["msg"] and run.calls["total"] == 0
    result, run = run_task(sim, {"cradlepoint.ncm.ncm_router_info": {"router": ["no-such-router"]}},
                           expect_failure=True)
    assert "no-such-router" in result["msg"]


def test_ncm_info_pages_every_record(sim):
    result, run = run_task(sim, {"cradlepoint.ncm.ncm_info": {"endpoint": "router_lans", "workers": 1}})
    assert result["count"] == 10 and run.calls["total"] == 1
