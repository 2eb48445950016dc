"""ncm_group through real ansible-playbook runs against the simulator."""

from harness import RO_KEYS, run_playbook
from lifecycle import assert_converges, playbook, run_task

GROUP = "cradlepoint.ncm.ncm_group"


def groups_by_name(sim, name):
    return [g for g in sim.state()["groups"] if g["name"] == name]


def test_create_converges(sim):
    task = {GROUP: {"name": "branch-offices", "product": "IBR900", "target_firmware": "7.24.10"}}
    applied = assert_converges(sim, task)
    assert applied["plan"] == "create"
    assert not applied["diff"]["before"]
    after = applied["diff"]["after"]
    assert (after["name"], after["product"], after["target_firmware"]) == ("branch-offices", "1", "2")
    [group] = groups_by_name(sim, "branch-offices")
    assert group["product"].endswith("/products/1/") and group["target_firmware"].endswith("/firmwares/2/")
    assert applied["group"]["id"] == group["id"]
    # unchanged: find by name, product by name, firmware by version - reads only
    result, run = run_task(sim, task)
    assert result["api_calls"] == {"reads": 3, "writes": 0, "retries": 0, "total": 3}
    assert run.calls["total"] == 3


def test_update_target_firmware_by_version(sim):
    # group-001 is IBR900 on 7.24.30 (firmware 3); 7.23.40 of IBR900 is firmware 1
    applied = assert_converges(sim, {GROUP: {"name": "group-001", "target_firmware": "7.23.40"}})
    assert applied["plan"] == "update"
    assert applied["diff"]["before"]["target_firmware"] == "3"
    assert applied["diff"]["after"]["target_firmware"] == "1"
    assert {k for k in applied["diff"]["before"] if applied["diff"]["before"][k] != applied["diff"]["after"][k]} == {
        "target_firmware"
    }
    [group] = groups_by_name(sim, "group-001")
    assert group["target_firmware"].endswith("/firmwares/1/")
    patches = [c for c in sim.calls()["log"] if c["method"] != "GET"]
    assert patches == []  # the last (check) run wrote nothing


def test_delete_converges(sim):
    applied = assert_converges(sim, {GROUP: {"name": "group-003", "state": "absent"}})
    assert applied["plan"] == "delete"
    assert not applied["diff"]["after"]
    assert applied["diff"]["before"]["name"] == "group-003"
    assert groups_by_name(sim, "group-003") == []


def test_adopt_rename_and_costs(sim):
    run = run_playbook(
        sim,
        playbook(
            # same name, product and firmware as the seeded group-002: adopted, not duplicated
            {GROUP: {"name": "group-002", "product": "E300", "target_firmware": "7.24.30"}},
            # finding a group by name is one call
            {GROUP: {"name": "group-002"}},
            # rename via id
            {GROUP: {"id": "2", "name": "renamed-002"}},
            {GROUP: {"id": "2", "name": "renamed-002"}},
            {GROUP: {"name": "no-such-group", "state": "absent"}},
        ),
        diff=True,
    )
    assert run.rc == 0, run.stdout
    adopt, by_name, rename, rename_again, absent = (run.task("task%d" % i)["result"] for i in range(5))
    assert not adopt["changed"] and adopt["plan"] == "none" and adopt["group"]["id"] == "2"
    assert adopt["api_calls"]["reads"] == 3 and adopt["api_calls"]["writes"] == 0
    assert not by_name["changed"] and by_name["api_calls"]["total"] == 1
    assert rename["changed"] and rename["plan"] == "update"
    assert (rename["diff"]["before"]["name"], rename["diff"]["after"]["name"]) == ("group-002", "renamed-002")
    assert rename["api_calls"] == {"reads": 1, "writes": 1, "retries": 0, "total": 2}
    assert not rename_again["changed"] and rename_again["api_calls"]["total"] == 1
    assert not absent["changed"] and absent["plan"] == "none" and absent["group"] is None
    assert run.writes == 1
    assert [g["id"] for g in groups_by_name(sim, "renamed-002")] == ["2"]
    assert groups_by_name(sim, "group-002") == []


def test_bad_input_fails_before_any_write(sim):
    # two groups named "twin" make the name ambiguous
    for _ in range(2):
        assert sim.api("POST", "groups/", json={"name": "twin", "product": "1", "target_firmware": "1"}).status_code == 201
    tasks = [
        ({"name": "g", "product": "IBR90", "target_firmware": "7.24.30"}, ["product", "'IBR90'", "did you mean", "IBR900"]),
        ({"name": "g", "product": "IBR900", "target_firmware": "9.9.9"}, ["target_firmware", "'9.9.9'", "IBR900"]),
        ({"name": "g", "target_firmware": "7.24.30"}, ["needs product"]),
        ({"name": "g", "product": "IBR900"}, ["creating it needs", "target_firmware"]),
        ({"name": "twin", "product": "IBR900"}, ["2 groups match", "twin"]),
        ({"name": "g", "product": "IBR900", "target_firmware": "7.24.30", "account": "Nope"}, ["account", "'Nope'"]),
        ({"id": "999", "name": "g"}, ["id", "'999'"]),
        ({"name": "g", "state": "gone"}, ["state", "gone"]),
        ({"product": "IBR900"}, ["name", "id"]),
    ]
    run = run_playbook(sim, playbook(*({GROUP: args, "ignore_errors": True} for args, _ in tasks)), diff=True)
    for index, (_args, fragments) in enumerate(tasks):
        record = run.task("task%d" % index)
        assert record["failed"], record
        for fragment in fragments:
            assert fragment in record["result"]["msg"], (fragment, record["result"]["msg"])
    assert run.writes == 0, run.calls["log"]
    assert len(groups_by_name(sim, "g")) == 0


def test_read_only_keys_plan_but_cannot_write(sim):
    task = {GROUP: {"name": "group-001", "target_firmware": "7.23.40"}}
    run = run_playbook(
        sim, playbook(dict(task, check_mode=True), dict(task, ignore_errors=True)), diff=True, keys=RO_KEYS
    )
    planned, refused = run.task("task0"), run.task("task1")
    assert not planned["failed"] and planned["result"]["plan"] == "update"  # reads are allowed
    assert refused["failed"]
    msg = refused["result"]["msg"]
    assert "403" in msg and "role" in msg and "PATCH /api/v2/groups/1/" in msg
    assert "sim-ro-key" not in str(refused["result"])
    assert [c["status"] for c in run.calls["log"] if c["method"] != "GET"] == [403]
    [group] = groups_by_name(sim, "group-001")
    assert group["target_firmware"].endswith("/firmwares/3/")
