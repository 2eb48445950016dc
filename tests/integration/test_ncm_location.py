"""ncm_location through real ansible-playbook runs against the simulator."""

from harness import run_playbook
from lifecycle import RO_OPTIONS, assert_converges, converge_in_one_run, playbook

LOCATION = "cradlepoint.ncm.ncm_location"


def location_of(sim, rid):
    found = [loc for loc in sim.state()["locations"] if str(loc["router"]) == str(rid)]
    assert len(found) <= 1
    return found[0] if found else None


def test_create_converges(sim):
    # router 1 has no location in the seed
    applied = assert_converges(sim, {LOCATION: {"router": "router-00001", "latitude": 43.5783243,
                                                "longitude": -116.1913274, "altitude_meters": 820.5}})
    assert applied["plan"] == "create"
    assert not applied["diff"]["before"]
    after = applied["diff"]["after"]
    assert (after["router"], after["latitude"], after["longitude"]) == ("router-00001 (id 1)", 43.5783243, -116.1913274)
    assert (after["accuracy"], after["method"], after["altitude_meters"]) == (0, "manual", 820.5)  # create defaults
    loc = location_of(sim, 1)
    assert (loc["latitude"], loc["longitude"], loc["accuracy"], loc["method"]) == (43.5783243, -116.1913274, 0, "manual")
    assert applied["location"]["id"] == loc["id"]


def test_update_converges_with_tolerance(sim):
    # router 5 has location 1 at 40.005, -105.005 (gps, accuracy 10)
    applied, again, _run = converge_in_one_run(sim, {LOCATION: {"router": "5", "latitude": 41.25, "method": "manual"}})
    assert applied["plan"] == "update"
    before, after = applied["diff"]["before"], applied["diff"]["after"]
    assert {key for key in before if before[key] != after[key]} == {"latitude", "method"}
    assert (before["latitude"], after["latitude"]) == (40.005, 41.25)
    assert again["api_calls"] == {"reads": 2, "writes": 0, "retries": 0, "total": 2}  # router, its location
    loc = location_of(sim, 5)
    assert (loc["latitude"], loc["longitude"], loc["accuracy"], loc["method"]) == (41.25, -105.005, 10, "manual")
    run = run_playbook(
        sim,
        playbook(
            # within 1e-6 degrees: not a change
            {LOCATION: {"router": "5", "latitude": 41.2500004, "longitude": -105.0049996, "accuracy": 10}},
            # beyond it: a change (the PUT carries latitude, longitude and accuracy, as the endpoint requires)
            {LOCATION: {"router": "5", "latitude": 41.250002}},
        ),
        diff=True,
    )
    same, moved = run.task("task0")["result"], run.task("task1")["result"]
    assert not same["changed"] and same["api_calls"]["writes"] == 0
    assert moved["changed"] and moved["api_calls"] == {"reads": 2, "writes": 1, "retries": 0, "total": 3}
    [put] = [c for c in run.calls["log"] if c["method"] != "GET"]
    assert (put["method"], put["path"]) == ("PUT", "/api/v2/locations/1/")
    assert location_of(sim, 5)["latitude"] == 41.250002


def test_delete_converges(sim):
    applied, again, _run = converge_in_one_run(sim, {LOCATION: {"router": "router-00010", "state": "absent"}})
    assert applied["plan"] == "delete" and applied["diff"]["before"]["router"] == "router-00010 (id 10)"
    assert again["location"] is None
    assert location_of(sim, 10) is None


def _run_failing(sim, tasks):
    run = run_playbook(sim, playbook(*({LOCATION: args, "ignore_errors": True} for args, _f in tasks)))
    for index, (_args, fragments) in enumerate(tasks):
        record = run.task("task%d" % index)
        assert record["failed"], record
        for fragment in fragments:
            assert fragment in record["result"]["msg"], (fragment, record["result"]["msg"])
    return run


def test_bad_input_fails_before_any_write(sim):
    # range, type and choice errors are found before any API call: the simulator counts none for the whole play
    # (a module result need not carry api_calls when the argument spec fails first, so it is not asked)
    before_any_call = [
        ({"router": "1", "latitude": 90.5, "longitude": 0}, ["latitude", "90.5", "-90", "90"]),
        ({"router": "1", "latitude": 0, "longitude": -180.01}, ["longitude", "-180.01"]),
        ({"router": "1", "latitude": 0, "longitude": 0, "accuracy": -1}, ["accuracy", "-1"]),
        # the type check is ansible-core's: it names the option, not the value
        ({"router": "1", "latitude": "north", "longitude": 0}, ["latitude", "float"]),
        ({"router": "1", "latitude": 0, "longitude": 0, "state": "gone"}, ["state", "gone"]),
    ]
    run = _run_failing(sim, before_any_call)
    assert run.calls["total"] == 0, run.calls["log"]
    after_reads = [
        ({"router": "router-0001", "latitude": 0, "longitude": 0}, ["router", "'router-0001'", "did you mean"]),
        ({"router": "1", "latitude": 1.0}, ["creating it needs", "longitude"]),
        (dict(RO_OPTIONS, router="5", state="absent"), ["403", "DELETE /api/v2/locations/1/"]),
    ]
    run = _run_failing(sim, after_reads)
    # the only write attempt is the one NCM refused to the read-only keys
    assert [(c["method"], c["status"]) for c in run.calls["log"] if c["method"] != "GET"] == [("DELETE", 403)]
    assert location_of(sim, 1) is None and location_of(sim, 5) is not None
