"""Helpers shared by the proof suites."""

import json
import os
import pathlib
import tempfile

from harness import run_playbook

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE / "data"
CALLBACKS = HERE / "callback_plugins"
FAULT_KINDS = ["429", "500", "502", "503", "drop", "applied_502"]
NCM = "cradlepoint.ncm."


def play(tasks, *, module_defaults=None, vars_=None):
    """Playbook text (JSON is valid YAML) running the tasks on localhost."""
    entry = {"hosts": "localhost", "gather_facts": False, "tasks": tasks}
    if module_defaults:
        entry["module_defaults"] = {"group/cradlepoint.ncm.ncm": module_defaults}
    if vars_:
        entry["vars"] = vars_
    return json.dumps([entry], indent=1)


class Run:
    """A PlaybookRun plus the simulator's per-task counters (writes, total, faults, redirects)."""

    def __init__(self, run, per_task):
        self.run = run
        self.per_task = per_task
        self.rc, self.stdout, self.stderr = run.rc, run.stdout, run.stderr
        self.tasks, self.calls, self.writes = run.tasks, run.calls, run.writes

    def task(self, name):
        return self.run.task(name)

    def sim_counts(self, name):
        """Simulator counters of the (last) result of the task with this name."""
        for rec in reversed(self.per_task):
            if rec["name"] == name:
                return rec
        raise KeyError(name)

    def __repr__(self):
        return repr(self.run)


def run_counted(sim, playbook, **kwargs):
    """run_playbook with the sim_task_writes callback: simulator-side writes per task."""
    env = dict(kwargs.pop("env", None) or {})
    fd, path = tempfile.mkstemp(prefix="ncm-task-writes-", suffix=".json")
    os.close(fd)
    try:
        env["NCM_SIM_TASK_WRITES"] = path
        extra = [p for p in env.get("ANSIBLE_CALLBACK_PLUGINS", "").split(":") if p]
        env["ANSIBLE_CALLBACK_PLUGINS"] = ":".join([str(CALLBACKS)] + extra)
        enabled = [c for c in env.get("ANSIBLE_CALLBACKS_ENABLED", "").split(",") if c]
        env["ANSIBLE_CALLBACKS_ENABLED"] = ",".join(enabled + ["sim_task_writes"])
        run = run_playbook(sim, playbook, env=env, **kwargs)
        text = pathlib.Path(path).read_text(encoding="utf-8")
        per_task = json.loads(text) if text.strip() else []
    finally:
        os.unlink(path)
    return Run(run, per_task)


def by_id(records, key="id"):
    return {str(r[key]): r for r in records}


def id_of(url):
    return None if url is None else str(url).rstrip("/").rsplit("/", 1)[-1]
