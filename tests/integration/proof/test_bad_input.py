"""Bad input: every case fails with a message naming the option or the cause, and nothing is written.

All module cases run as tasks of one playbook (ignore_errors), against a simulator that has two groups named
"dup-group" (for ambiguous names); a second simulator serves TLS with a self-signed certificate (validate_certs
on must fail). The simulator's call log gives each task's writes (the sim_task_writes callback): every case must
record zero applied writes (a write refused with 403 under read-only keys changes nothing, and is counted apart).
Inventory cases run ansible-inventory once each.
"""

import copy
import json

import pytest

from harness import RO_KEYS, Simulator, run_inventory
from proof.bad_input_cases import CASES, UNREACHABLE
from proof.common import play, run_counted

NCM = "cradlepoint.ncm."


def make_tasks(cases, tls_url, check=False):
    tasks = []
    for case_id, module, args, _fragments, _api in cases:
        args = copy.deepcopy(args)
        if args.pop("@RO", False):
            args["ecm_api_id"], args["ecm_api_key"] = RO_KEYS["X_ECM_API_ID"], RO_KEYS["X_ECM_API_KEY"]
        for key, value in list(args.items()):
            if value == "@UNREACHABLE":
                args[key] = UNREACHABLE
            elif value == "@TLS":
                args[key] = tls_url
        task = {"name": case_id, NCM + module: args, "ignore_errors": True}
        if check:
            task["check_mode"] = True
        tasks.append(task)
    return tasks


def prepare(sim):
    """Two groups with the same name (the simulator allows it)."""
    for _copy in range(2):
        resp = sim.api("POST", "groups/", json={"name": "dup-group", "product": sim.url + "products/1/", "target_firmware": sim.url + "firmwares/3/"})
        assert resp.status_code == 201, resp.text


@pytest.fixture(scope="module")
def tls_sim():
    server = Simulator().start(seed_size=10, tls=True)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def bad_run(sim_session, tls_sim):
    sim = sim_session
    sim.reset(seed_size=10)
    prepare(sim)
    before = sim.state()
    tls_sim.reset_calls()
    run = run_counted(sim, play(make_tasks(CASES, tls_sim.url)), diff=True)
    return run, before, sim.state(), tls_sim.calls()


def test_table_size():
    assert len(CASES) >= 50
    assert len({c[0] for c in CASES}) == len(CASES)
    assert len({c[1] for c in CASES}) >= 11


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_case(bad_run, case):
    run, _before, _after, _tls = bad_run
    case_id, _module, _args, fragments, _api = case
    record = run.task(case_id)
    msg = record["result"].get("msg", "")
    assert record["failed"], "%s did not fail: %s" % (case_id, json.dumps(record["result"])[:1500])
    for fragment in fragments:
        assert fragment in msg, "%r not in the message %r" % (fragment, msg)
    counts = run.sim_counts(case_id)
    assert counts["applied_writes"] == 0, counts
    assert record["result"].get("changed") in (False, None)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_case_makes_no_write_call(bad_run, case):
    """Zero write calls recorded by the simulator. Read-only keys: the module can only learn the role from NCM's
    403 on the write, so exactly one refused write call is allowed there (documented in docs/proof.md)."""
    run = bad_run[0]
    counts = run.sim_counts(case[0])
    if "@RO" in case[2]:
        assert counts["writes"] == 1 and counts["applied_writes"] == 0, counts
    else:
        assert counts["writes"] == 0, counts


def test_nothing_written(bad_run):
    run, before, after, tls_calls = bad_run
    assert run.rc == 0, run.stdout[-2000:]
    for name in ("groups", "routers", "configuration_managers", "alert_push_destinations", "alert_rules",
                 "locations"):
        assert after[name] == before[name], name
    assert tls_calls["total"] == 0  # the TLS handshake failed: no request reached the API
    refused = [c for c in run.calls["log"] if c["method"] != "GET"]
    # the writes that reach the API are refused (403 read-only keys)
    assert all(c["status"] in (400, 403, 409) for c in refused), refused


INVENTORY_CASES = [
    ("inventory-unknown-filter", "filters:\n  colour: red\n", {}, ["colour"]),
    ("inventory-unknown-group", "filters:\n  group: nope-group\n", {}, ["nope-group"]),
    ("inventory-ambiguous-group", "filters:\n  group: dup-group\n", {}, ["dup-group"]),
    ("inventory-unreachable", "base_url: %s\n" % UNREACHABLE, {}, ["127.0.0.1:9"]),
    ("inventory-tls-failure", "base_url: '@TLS'\nvalidate_certs: true\n", {}, ["TLS"]),
    ("inventory-missing-key", "", {"X_CP_API_KEY": ""}, ["cp_api_key"]),
    ("inventory-bad-hostnames-type", "hostnames: 5\n", {}, ["hostnames"]),
    ("inventory-bad-workers-type", "workers: many\n", {}, ["workers"]),
]


@pytest.mark.parametrize("case", INVENTORY_CASES, ids=[c[0] for c in INVENTORY_CASES])
def test_inventory_case(sim, tls_sim, case):
    _case_id, extra, env_keys, fragments = case
    prepare(sim)
    text = "plugin: cradlepoint.ncm.ncm\n" + extra.replace("@TLS", tls_sim.url)
    env = {"ANSIBLE_INVENTORY_UNPARSED_FAILED": "true"}
    env.update(env_keys)
    rc, out, err, calls = run_inventory(sim, text, env=env)
    assert rc != 0, out[-1000:]
    for fragment in fragments:
        assert fragment in err, "%r not in %r" % (fragment, err[-2000:])
    assert calls["writes"] == 0
