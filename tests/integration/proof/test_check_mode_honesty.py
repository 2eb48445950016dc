"""Check-mode honesty: a check-mode run followed by the real run agrees on ``changed``, ``plan`` and the diff,
and the check-mode run makes zero writes (counted by the simulator, per task).

Scenarios: every task of the fault-convergence account (data/account.yml), every writing task of the secrets suite
(including the ones that must fail), and every bad-input case that gets past argument validation (it must fail
the same way in check mode, without writing; a reference to something that does not exist is assumed instead, as
an earlier task may create it). Each task runs twice in a row in one playbook: a check-mode copy,
then the real task, so each check sees exactly the state the real run then changes.
"""

import copy

import pytest
import yaml

from proof.account import PLAYBOOK
from proof.bad_input_cases import CASES
from proof.common import play, run_counted
from proof.test_bad_input import make_tasks, prepare, tls_sim  # noqa: F401  pylint: disable=unused-import
from proof.test_secrets import every_module_tasks

CHECK = " (check)"
READ_ONLY = ("_info", "ncm_info")


def interleave(tasks):
    out = []
    for task in tasks:
        check = copy.deepcopy(task)
        check["name"] = task["name"] + CHECK
        check["check_mode"] = True
        check.pop("register", None)
        out.extend([check, task])
    return out


def compare_pairs(run, names, expect_failure=()):
    problems = []
    for name in names:
        checked, real = run.task(name + CHECK), run.task(name)
        counts = run.sim_counts(name + CHECK)
        if counts["writes"]:
            problems.append("%s: check mode made %d write call(s)" % (name, counts["writes"]))
        if (checked["result"].get("api_calls") or {}).get("writes"):
            problems.append("%s: check mode reports writes %s" % (name, checked["result"]["api_calls"]))
        if checked["failed"] or real["failed"]:
            if checked["failed"] != real["failed"]:
                problems.append("%s: check failed=%s, real failed=%s (%s | %s)" % (
                    name, checked["failed"], real["failed"], checked["result"].get("msg"), real["result"].get("msg")))
            elif checked["result"].get("msg") != real["result"].get("msg"):
                problems.append("%s: messages differ: %r vs %r" % (name, checked["result"].get("msg"),
                                                                   real["result"].get("msg")))
            elif name not in expect_failure:
                problems.append("%s: failed: %s" % (name, real["result"].get("msg")))
            continue
        if name in expect_failure:
            problems.append("%s: expected a failure" % name)
        for key in ("changed", "plan", "diff"):
            if checked["result"].get(key) != real["result"].get(key):
                problems.append("%s: %s differs: check %r, real %r" % (name, key, checked["result"].get(key),
                                                                       real["result"].get(key)))
    return problems


def test_account_scenario(sim):
    tasks = yaml.safe_load(PLAYBOOK.read_text(encoding="utf-8"))[0]["tasks"]
    run = run_counted(sim, play(interleave(tasks)), diff=True)
    assert run.rc == 0, run.stdout[-3000:]
    names = [t["name"] for t in tasks]
    problems = compare_pairs(run, names)
    assert not problems, "\n".join(problems)
    assert all(run.task(n)["changed"] for n in names)  # every real task made its change


# Documented limits, not compared: check mode never waits (so a device rejecting the config at sync time is only
# seen by the real run, after its write), and check mode cannot know that the keys are read-only (NCM says so only
# by refusing the write with 403). An invalid config section is compared: ncm_config checks the sections against
# the firmware's default configuration by a read, in check mode too.
NOT_PREDICTABLE = {"config wait on a rejected secret fails"}


def test_secrets_scenario(sim):
    tasks, names = every_module_tasks()
    writing = [t for t in tasks[:-1] if not any(m in k for k in t for m in READ_ONLY)]
    run = run_counted(sim, play(interleave(writing)), diff=True)
    assert run.rc == 0, run.stdout[-3000:]
    wnames = [t["name"] for t in writing if t["name"] not in NOT_PREDICTABLE]
    problems = compare_pairs(run, wnames, expect_failure=[n for n in names if n.endswith("fails")])
    assert not problems, "\n".join(problems)
    # the unpredictable one: check mode plans the change and writes nothing; the real run fails after writing
    checked = run.task("config wait on a rejected secret fails" + CHECK)
    assert checked["changed"] and run.sim_counts(checked["name"])["writes"] == 0
    SECRETS_RUN.append(run)


SECRETS_RUN = []


@pytest.fixture(scope="module")
def bad_check_run(sim_session, tls_sim):  # noqa: F811  pylint: disable=redefined-outer-name
    sim = sim_session
    sim.reset(seed_size=10)
    prepare(sim)
    cases = [c for c in CASES if c[4]]
    return cases, run_counted(sim, play(make_tasks(cases, tls_sim.url, check=True)), diff=True)


API_VALIDATED = ("config-invalid-path", "config-section-not-a-dict", "config-invalid-removal")
ASSUMED = {
    "router-unknown-group": {"kind": "group", "name": "nope-group"},
    "rule-unknown-destination": {"kind": "push_destination", "name": "nope-hook"},
    "rule-unknown-user": {"kind": "user", "name": "nobody@example.com"},
    "rule-unknown-group": {"kind": "group", "name": "nope-group"},
    "location-unknown-router": {"kind": "router", "name": "router-99999"},
    "reboot-unknown-router": {"kind": "router", "name": "router-99999"},
    # no router has id 999, so (one order everywhere, docs/identifiers.md) it is tried as a name, which an earlier
    # task may give a router by a rename
    "config-unknown-router-id": {"kind": "router", "name": "999"},
}


def _check_failures(run, cases):
    problems = []
    for case_id, _module, _args, fragments, _api in cases:
        rec = run.task(case_id)
        if not rec["failed"]:
            problems.append("%s: did not fail in check mode" % case_id)
        elif not all(f in rec["result"].get("msg", "") for f in fragments):
            problems.append("%s: message %r" % (case_id, rec["result"].get("msg")))
        if run.sim_counts(case_id)["writes"]:
            problems.append("%s: check mode made a write call" % case_id)
    return problems


def test_bad_input_scenario(bad_check_run):  # pylint: disable=redefined-outer-name
    cases, run = bad_check_run
    assert run.rc == 0
    assert run.writes == 0, [c for c in run.calls["log"] if c["method"] != "GET"]
    compared = [c for c in cases if "@RO" not in c[2] and c[0] not in API_VALIDATED and c[0] not in ASSUMED]
    problems = _check_failures(run, compared)
    assert not problems, "\n".join(problems)
    # a reference that does not exist (yet) is assumed in check mode: planned as known after apply, listed in
    # assumes (the plan callback fails the plan for it when no earlier task creates it), no write; the real run
    # fails before any write (test_bad_input.py)
    for case_id, assumption in ASSUMED.items():
        rec = run.task(case_id)
        assert not rec["failed"], (case_id, rec["result"].get("msg"))
        assert rec["result"]["assumes"] == [assumption], (case_id, rec["result"])
        assert run.sim_counts(case_id)["writes"] == 0, case_id
    # read-only keys: check mode (reads only) cannot know; it plans the change and writes nothing
    for case in cases:
        if "@RO" in case[2]:
            assert not run.task(case[0])["failed"] and run.sim_counts(case[0])["writes"] == 0


def test_bad_config_fails_in_check_mode(bad_check_run):  # pylint: disable=redefined-outer-name
    cases, run = bad_check_run
    problems = _check_failures(run, [c for c in cases if c[0] in API_VALIDATED])
    assert not problems, "\n".join(problems)
