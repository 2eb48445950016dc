"""Shared assertions for module integration tests: one task through real ansible-playbook runs.

A task is a dict ``{"cradlepoint.ncm.ncm_group": {...}}``; playbooks are written as JSON (valid YAML).
"""

import ast
import json
import pathlib

import yaml

from harness import RO_KEYS, run_playbook

PLUGINS = pathlib.Path(__file__).resolve().parents[2] / "plugins"
# the read-only key set as module options (they take precedence over the environment)
RO_OPTIONS = {"ecm_api_id": RO_KEYS["X_ECM_API_ID"], "ecm_api_key": RO_KEYS["X_ECM_API_KEY"]}


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


def converge_in_one_run(sim, task):
    """The converge contract of assert_converges in one playbook run (check, apply, apply, check).

    Each module result reports its own calls; the simulator's log must hold exactly the applying task's writes.
    Returns (applied result, second result, PlaybookRun).
    """
    run = run_playbook(sim, playbook(dict(task, check_mode=True), task, task, dict(task, check_mode=True)), diff=True)
    records = [run.task("task%d" % index) for index in range(4)]
    assert not any(record["failed"] for record in records), [r["result"].get("msg") for r in records]
    planned, applied, again, rechecked = (record["result"] for record in records)
    assert planned["changed"] and applied["changed"], (planned, applied)
    assert planned["plan"] == applied["plan"] and planned.get("diff") == applied.get("diff")
    assert not again["changed"] and again["plan"] == "none" and not rechecked["changed"]
    assert [r["api_calls"]["writes"] for r in (planned, again, rechecked)] == [0, 0, 0]
    assert run.writes == applied["api_calls"]["writes"] >= 1, run.calls["log"]
    return applied, again, run


def run_tasks(sim, *tasks, **kwargs):
    """Run tasks in one playbook; returns ([results with their `failed` flag], PlaybookRun)."""
    run = run_playbook(sim, playbook(*tasks), **kwargs)
    records = [run.task("task%d" % i) for i in range(len(tasks))]
    return [dict(rec["result"], failed=rec["failed"]) for rec in records], run


def run_failing_tasks(sim, cases, **kwargs):
    """Run every case (name -> task) in one playbook with ignore_errors; each must fail, nothing may be written.

    Returns {name: failure message}.
    """
    tasks = [dict(task, name=name, ignore_errors=True) for name, task in cases.items()]
    run = run_playbook(sim, json.dumps([{"hosts": "localhost", "gather_facts": False, "tasks": tasks}]), **kwargs)
    assert run.writes == 0, "a failing task wrote: %s" % run.calls.get("log")
    messages = {}
    for name in cases:
        record = run.task(name)
        assert record["failed"], "%s did not fail: %s" % (name, record["result"])
        messages[name] = record["result"]["msg"]
    return messages


def module_examples(module):
    """The EXAMPLES of a module as a list of tasks."""
    source = (PLUGINS / "modules" / (module + ".py")).read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "EXAMPLES":
            return yaml.safe_load(node.value.value)
    raise AssertionError("no EXAMPLES in %s" % module)


def run_examples(sim, *modules):
    """Run the EXAMPLES of the modules in one play; every task must succeed. Returns the PlaybookRun."""
    tasks = [task for module in modules for task in module_examples(module)]
    run = run_playbook(sim, json.dumps([{"hosts": "localhost", "gather_facts": False, "tasks": tasks}]))
    assert run.rc == 0, run.stdout + run.stderr
    assert [t["name"] for t in run.tasks if not t["failed"]] == [t["name"] for t in tasks]
    return run
