"""ncm_push_destination and ncm_push_destination_info through real ansible-playbook runs against the simulator."""

import json

from harness import run_playbook
from lifecycle import assert_converges, run_failing_tasks, run_task

MODULE = "cradlepoint.ncm.ncm_push_destination"
INFO = "cradlepoint.ncm.ncm_push_destination_info"
SEED_ID = "00000000-5e1d-11ee-8000-000000000001"
SECRET = "s3cr3t-Hook-Value-42"
NEW_SECRET = "r0tated-Hook-Value-77"


def destinations(sim):
    """Destinations by name as the simulator stores them (secrets in clear text)."""
    return {d["name"]: d for d in sim.state()["alert_push_destinations"]}


def test_create_update_delete(sim):
    create = {MODULE: {"name": "ops-hook", "url": "https://hooks.example.com/ops", "secret": SECRET}}
    created = assert_converges(sim, create)
    assert created["plan"] == "create"
    record = created["push_destination"]
    assert record["name"] == "ops-hook" and record["endpoint"] == {"url": "https://hooks.example.com/ops"}
    assert record["destination_config_id"] and record["authentication"]["secret"] != SECRET
    assert created["diff"]["before"] == {}
    assert created["diff"]["after"]["url"] == "https://hooks.example.com/ops"
    assert created["diff"]["after"]["secret"] == "******** (new secret)"
    stored = destinations(sim)["ops-hook"]
    assert stored["authentication"] == {"secret": SECRET} and stored["enabled"] is True

    # update by id: rename, new URL, disable; the secret is left alone (update_secret: on_create)
    update = {MODULE: {"id": record["destination_config_id"], "name": "ops-hook-2",
                       "url": "https://hooks2.example.com/ops", "enabled": False, "secret": "ignored-on-update"}}
    updated = assert_converges(sim, update)
    assert updated["plan"] == "update"
    assert updated["diff"]["before"]["url"] == "https://hooks.example.com/ops"
    assert updated["diff"]["after"] == dict(updated["diff"]["before"], name="ops-hook-2",
                                            url="https://hooks2.example.com/ops", enabled=False)
    stored = destinations(sim)["ops-hook-2"]
    assert stored["enabled"] is False and stored["authentication"] == {"secret": SECRET}

    # info returns it in the module's shape, without the secret; then delete (check mode first)
    tasks = [
        {"name": "info", INFO: {"name": "ops-hook-2"}},
        {"name": "plan delete", MODULE: {"name": "ops-hook-2", "state": "absent"}, "check_mode": True},
        {"name": "delete", MODULE: {"name": "ops-hook-2", "state": "absent"}},
    ]
    run = run_playbook(sim, json.dumps([{"hosts": "localhost", "gather_facts": False, "tasks": tasks}]), diff=True)
    assert run.rc == 0, run.stdout[-3000:]
    assert run.task("info")["result"]["push_destinations"] == [{
        "id": record["destination_config_id"], "name": "ops-hook-2", "url": "https://hooks2.example.com/ops",
        "enabled": False, "suspended": False, "last_error_at": None, "last_error_text": None,
        "updated_at": stored["updated_at"]}]
    planned, deleted = run.task("plan delete")["result"], run.task("delete")["result"]
    assert planned["changed"] and planned["plan"] == "delete" and deleted["changed"]
    assert deleted["diff"] == planned["diff"]
    assert [c["method"] for c in run.calls["log"] if c["method"] != "GET"] == ["DELETE"]
    assert "ops-hook-2" not in destinations(sim)


def test_secret_rotation_and_resume(sim):
    # update_secret: always sends the secret on every run (changed each time, check mode says the same)
    rotate = {MODULE: {"name": "sim-webhook", "secret": NEW_SECRET, "update_secret": "always"}}
    planned, check_run = run_task(sim, rotate, check=True)
    assert planned["changed"] and planned["plan"] == "update" and check_run.writes == 0
    assert destinations(sim)["sim-webhook"]["authentication"] == {"secret": "sim-secret"}
    rotated, run = run_task(sim, rotate)
    assert rotated["changed"] and rotated["diff"] == planned["diff"] and run.writes == 1
    assert rotated["diff"]["before"]["secret"] == "********"
    assert rotated["diff"]["after"]["secret"] != rotated["diff"]["before"]["secret"]
    assert destinations(sim)["sim-webhook"]["authentication"] == {"secret": NEW_SECRET}

    # a destination NCM suspended: resume: true un-suspends it once; afterwards nothing to do
    tasks = [
        {"name": "create", MODULE: {"name": "flaky", "url": "https://suspend.example.com/x", "secret": SECRET}},
        {"name": "resume", MODULE: {"name": "flaky", "resume": True}},
        {"name": "again", MODULE: {"name": "flaky", "resume": True}},
    ]
    run = run_playbook(sim, json.dumps([{"hosts": "localhost", "gather_facts": False, "tasks": tasks}]), diff=True)
    assert run.rc == 0, run.stdout
    assert run.task("create")["result"]["push_destination"]["suspended"] is True
    resumed = run.task("resume")["result"]
    assert resumed["changed"] and resumed["diff"]["after"]["suspended"] is False
    assert not run.task("again")["result"]["changed"]
    assert destinations(sim)["flaky"]["suspended"] is False


def test_test_push_success_and_failure(sim):
    tasks = [
        {"name": "good", MODULE: {"name": "sim-webhook", "test": True}},
        {"name": "bad", MODULE: {"name": "broken", "url": "https://fail.example.com/x", "secret": SECRET,
                                 "test": True}, "ignore_errors": True},
        {"name": "check", MODULE: {"name": "sim-webhook", "test": True}, "check_mode": True},
    ]
    run = run_playbook(sim, json.dumps([{"hosts": "localhost", "gather_facts": False, "tasks": tasks}]))
    good = run.task("good")
    assert not good["failed"] and not good["result"]["changed"]
    assert good["result"]["test"] == {"tested": True, "success": True, "message": "NCM reached the destination."}
    bad = run.task("bad")
    assert bad["failed"] and bad["result"]["changed"], bad["result"]  # created, then the test failed
    assert bad["result"]["test"]["success"] is False
    assert "unreachable" in bad["result"]["msg"] and "test" in bad["result"]["msg"]
    assert run.task("check")["result"]["test"]["tested"] is False
    posts = [c for c in run.calls["log"] if c["path"].endswith("/test_alert_push_destinations/")]
    assert len(posts) == 2


def test_bad_input_fails_before_any_write(sim):
    messages = run_failing_tasks(sim, {
        "duplicate url": {MODULE: {"name": "dup", "url": "https://hooks.example.com/ncm", "secret": SECRET}},
        "missing secret": {MODULE: {"name": "nosecret", "url": "https://x.example.com/"}},
        "missing url": {MODULE: {"name": "nourl", "secret": SECRET}},
        "unknown id": {MODULE: {"id": "00000000-0000-11ee-8000-000000000009", "name": "x"}},
        "bad url": {MODULE: {"name": "badurl", "url": "ftp://x", "secret": SECRET}},
    })
    assert messages["duplicate url"].startswith("url: 'https://hooks.example.com/ncm' is already used by push "
                                                "destination 'sim-webhook' (id %s)" % SEED_ID)
    assert "secret" in messages["missing secret"]
    assert "url" in messages["missing url"]
    assert messages["unknown id"].startswith("id: no push destination")
    assert messages["bad url"].startswith("url: 'ftp://x'")


def test_no_secret_in_any_output(sim):
    tasks = [
        {"name": "create", MODULE: {"name": "leak-check", "url": "https://leak.example.com/", "secret": SECRET,
                                    "test": True}},
        {"name": "rotate", MODULE: {"name": "leak-check", "secret": NEW_SECRET, "update_secret": "always"}},
        {"name": "info", INFO: {}},
        {"name": "dup", MODULE: {"name": "other", "url": "https://leak.example.com/", "secret": SECRET},
         "ignore_errors": True},
        {"name": "delete", MODULE: {"name": "leak-check", "state": "absent"}},
        {"name": "delete again", MODULE: {"name": "leak-check", "state": "absent"}},
    ]
    run = run_playbook(sim, json.dumps([{"hosts": "localhost", "gather_facts": False, "tasks": tasks}]),
                       diff=True, verbosity=4)
    assert run.rc == 0, run.stdout[-3000:]
    text = run.stdout + run.stderr + json.dumps(run.tasks)
    for secret in (SECRET, NEW_SECRET):
        assert secret not in text
    assert run.task("dup")["failed"]
    assert run.task("delete")["result"]["changed"] and not run.task("delete again")["result"]["changed"]
