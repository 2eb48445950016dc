"""Shared assertions for module integration tests: one task through real ansible-playbook runs.

A task is a dict ``{"cradlepoint.ncm.ncm_group": {...}}``; playbooks are written as JSON (valid YAML).
"""

import json

from harness import run_playbook


def playbook(*tasks, check=False):
    """Playbook text running the given tasks on localhost."""
    named = []
    for index, task in enumerate(tasks):
        entry = {"name": "task%d" % index}
        entry.update(task)
        named.append(entry)
    play = {"hosts": "localhost", "gather_facts": False, "tasks": named}
    if check:  # a play-level `check_mode: false` would override --check, so only ever set it to true
        play["check_mode"] = True
    return json.dumps([play])


def run_task(sim, task, *, check=False, diff=True, expect_failure=False, **kwargs):
    """Run one task; returns (module result, PlaybookRun). Fails the test on an unexpected outcome."""
    run = run_playbook(sim, playbook(task), check=check, diff=diff, **kwargs)
    record = run.task("task0")
    assert record is not None, "task did not run:\n%s\n%s" % (run.stdout, run.stderr)
    if expect_failure:
        assert record["failed"], "expected a failure, got %s" % record["result"]
    else:
        assert not record["failed"], "task failed: %s\n%s" % (record["result"].get("msg"), run.stderr)
    return record["result"], run


def assert_converges(sim, task):
    """The contract of every declarative module, for a task that makes a change:

    check mode reports the change with zero writes and the same diff as the real run; the real run changes;
    a second real run and a second check run report no change and make zero writes.
    Returns the real run's result.
    """
    planned, check_run = run_task(sim, task, check=True)
    assert check_run.writes == 0, "check mode wrote: %s" % check_run.calls.get("log")
    assert planned["changed"], "check mode saw no change: %s" % planned
    applied, real_run = run_task(sim, task)
    assert applied["changed"], applied
    assert real_run.writes >= 1
    assert applied.get("plan") == planned.get("plan")
    assert applied.get("diff") == planned.get("diff"), "check-mode diff differs from the real one"
    again, again_run = run_task(sim, task)
    assert not again["changed"], "second run changed: %s" % again.get("diff")
    assert again_run.writes == 0
    assert again.get("plan") in ("none", None)
    rechecked, recheck_run = run_task(sim, task, check=True)
    assert not rechecked["changed"]
    assert recheck_run.writes == 0
    return applied


def assert_fails_without_writes(sim, task, *expected_fragments, **kwargs):
    """Bad input: the task fails, names the option/value, and nothing is written."""
    result, run = run_task(sim, task, expect_failure=True, **kwargs)
    for fragment in expected_fragments:
        assert fragment in result["msg"], "%r not in %r" % (fragment, result["msg"])
    assert run.writes == 0, "a failing task wrote: %s" % run.calls.get("log")
    return result
