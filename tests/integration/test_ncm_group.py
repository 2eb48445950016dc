"""ncm_group through real ansible-playbook runs against the simulator."""

import json

from harness import run_playbook
from lifecycle import RO_OPTIONS, assert_converges, converge_in_one_run, playbook, run_examples

GROUP = "cradlepoint.ncm.ncm_group"


def groups_by_name(sim, name):
    return [g for g in sim.state()["groups"] if g["name"] == name]


def test_create_converges(sim):
    task = {GROUP: {"name": "branch-offices", "product": "IBR900", "target_firmware": "7.24.10"}}
    applied = assert_converges(sim, task)
    assert applied["plan"] == "create"
    assert not applied["diff"]["before"]
    after = applied["diff"]["after"]
    assert (after["name"], after["product"], after["target_firmware"]) == ("branch-offices", "IBR900 (id 1)", "7.24.10 (id 2)")
    [group] = groups_by_name(sim, "branch-offices")
    assert group["product"].endswith("/products/1/") and group["target_firmware"].endswith("/firmwares/2/")
    assert applied["group"]["id"] == group["id"]


def test_update_target_firmware_by_version(sim):
    # group-001 is IBR900 on 7.24.30 (firmware 3); 7.23.40 of IBR900 is firmware 1
    applied, again, _run = converge_in_one_run(sim, {GROUP: {"name": "group-001", "target_firmware": "7.23.40"}})
    # groups do not expand product/target_firmware (reference): a version is looked up (of the group's product)
    assert again["api_calls"] == {"reads": 2, "writes": 0, "retries": 0, "total": 2}
    # a changed firmware is looked up (by version, of the group's product) before the write; with --diff the change
    # names the product, the old firmware and the account, which the task has not read: one read each
    assert applied["api_calls"] == {"reads": 5, "writes": 1, "retries": 0, "total": 6}
    assert applied["plan"] == "update"
    assert applied["diff"]["before"]["target_firmware"] == "7.24.30 (id 3)"
    assert applied["diff"]["after"]["target_firmware"] == "7.23.40 (id 1)"
    assert {k for k in applied["diff"]["before"] if applied["diff"]["before"][k] != applied["diff"]["after"][k]} == {
        "target_firmware"
    }
    [group] = groups_by_name(sim, "group-001")
    assert group["target_firmware"].endswith("/firmwares/1/")


def test_delete_converges(sim):
    applied, again, _run = converge_in_one_run(sim, {GROUP: {"name": "group-003", "state": "absent"}})
    assert again["group"] is None and again["api_calls"]["total"] == 1
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
    # product by name and firmware by version: the group, the product and the firmware (no expand on groups)
    assert adopt["api_calls"] == {"reads": 3, "writes": 0, "retries": 0, "total": 3}
    assert not by_name["changed"] and by_name["api_calls"]["total"] == 1
    assert rename["changed"] and rename["plan"] == "update"
    assert (rename["diff"]["before"]["name"], rename["diff"]["after"]["name"]) == ("group-002", "renamed-002")
    # with --diff the change names the group's product, firmware and account (not read by a rename): one read each
    assert rename["api_calls"] == {"reads": 4, "writes": 1, "retries": 0, "total": 5}
    assert rename["diff"]["before"]["product"] == "E300 (id 2)" and rename["diff"]["before"]["account"].endswith("(id 1)")
    assert not rename_again["changed"] and rename_again["api_calls"]["total"] == 1
    assert not absent["changed"] and absent["plan"] == "none" and absent["group"] is None
    assert run.writes == 1
    assert [g["id"] for g in groups_by_name(sim, "renamed-002")] == ["2"]
    assert groups_by_name(sim, "group-002") == []


def test_bad_input_fails_before_any_write(sim):
    # two groups named "twin" make the name ambiguous
    for _copy in range(2):
        twin = {"name": "twin", "product": sim.url + "products/1/", "target_firmware": sim.url + "firmwares/1/"}
        assert sim.api("POST", "groups/", json=twin).status_code == 201
    read_only = dict(RO_OPTIONS, name="group-001", target_firmware="7.23.40")
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
        # read-only keys: NCM refuses the write with 403 (the plan itself needs reads only, see the check task)
        (read_only, ["403", "role", "PUT /api/v2/groups/1/"]),
    ]
    book = playbook(
        *[{GROUP: args, "ignore_errors": True} for args, _fragments in tasks], {GROUP: read_only, "check_mode": True}
    )
    run = run_playbook(sim, book, diff=True)
    for index, (_args, fragments) in enumerate(tasks):
        record = run.task("task%d" % index)
        assert record["failed"], record
        for fragment in fragments:
            assert fragment in record["result"]["msg"], (fragment, record["result"]["msg"])
        assert "sim-ro-key" not in json.dumps(record["result"])
    planned = run.task("task%d" % len(tasks))
    assert not planned["failed"] and planned["result"]["plan"] == "update"
    # nothing written: the only write attempt is the one NCM refused to the read-only keys
    assert [(c["method"], c["status"]) for c in run.calls["log"] if c["method"] != "GET"] == [("PUT", 403)]
    assert groups_by_name(sim, "g") == []
    [group] = groups_by_name(sim, "group-001")
    assert group["target_firmware"].endswith("/firmwares/3/")


def test_examples_run_as_written(sim):
    """The EXAMPLES of ncm_group, ncm_router, ncm_location and ncm_reboot, run in one play."""
    sim.configure(reboot_delay_s=0.5)
    run_examples(sim, "ncm_group", "ncm_router", "ncm_location", "ncm_reboot")
    state = sim.state()
    assert [g["name"] for g in state["groups"] if g["name"].startswith("branch-offices")] == []  # created, deleted
    assert {r["id"]: r["name"] for r in state["routers"]}["1"] == "store-0001"
    assert "10" not in {r["id"] for r in state["routers"]}
