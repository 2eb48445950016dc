"""Record, per task result, how many writes the simulator counted while the task ran (simulator-side evidence)."""

from __future__ import annotations

DOCUMENTATION = """
name: sim_task_writes
type: aggregate
short_description: per-task write counts from the NCM simulator, for the proof suites
description:
  - Reads C(/_sim/calls) of the simulator named by C(NCM_BASE_URL) when a task starts and when its result
    arrives, and writes C([{name, writes, applied_writes, total, faults, redirects}]) to the file named by C(NCM_SIM_TASK_WRITES).
requirements:
  - enabled with ANSIBLE_CALLBACKS_ENABLED=sim_task_writes
"""

import json
import os
import ssl
import urllib.request

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    """Per-task simulator counters."""

    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "sim_task_writes"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.path = os.environ.get("NCM_SIM_TASK_WRITES")
        base = os.environ.get("NCM_BASE_URL", "")
        self.root = base.split("/api/v2/")[0] if "/api/v2/" in base else None
        self.start = None
        self.records = []

    def _counters(self):
        if not self.root:
            return {}
        ctx = ssl._create_unverified_context()  # pylint: disable=protected-access  # simulator control only
        with urllib.request.urlopen(self.root + "/_sim/calls", timeout=30, context=ctx) as resp:  # nosec
            data = json.loads(resp.read().decode("utf-8"))
        log = data.get("log") or []
        applied = sum(1 for call in log if call.get("method") != "GET" and int(call.get("status") or 0) < 400)
        return {"writes": data.get("writes", 0), "total": data.get("total", 0), "faults": data.get("faults", 0),
                "redirects": data.get("redirects", 0), "applied_writes": applied}

    def v2_playbook_on_task_start(self, task, is_conditional):
        self.start = self._counters()

    def _add(self, result, status):
        now = self._counters()
        start = self.start or now
        task = result.task if hasattr(result, "task") else result._task  # pylint: disable=protected-access
        rec = {"name": task.get_name(), "status": status}
        for key in ("writes", "total", "faults", "redirects", "applied_writes"):
            rec[key] = now.get(key, 0) - start.get(key, 0)
        self.records.append(rec)
        self.start = now

    def v2_runner_on_ok(self, result):
        self._add(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._add(result, "failed")

    def v2_runner_on_skipped(self, result):
        self._add(result, "skipped")

    def v2_playbook_on_stats(self, stats):
        if self.path:
            with open(self.path, "w", encoding="utf-8") as handle:
                json.dump(self.records, handle)
