"""Record every task result (and the diffs) as JSON for tests/integration/harness.py."""

from __future__ import annotations

DOCUMENTATION = """
name: sim_recorder
type: aggregate
short_description: record task results to a JSON file for the test harness
description:
  - Writes one record per task result (name, host, action, changed, failed, result, diff) to the file named by
    the C(NCM_SIM_RECORD) environment variable when the play ends.
requirements:
  - enabled in ansible.cfg or with ANSIBLE_CALLBACKS_ENABLED=sim_recorder
"""

import json
import os

from ansible.plugins.callback import CallbackBase


def _res(result):
    res = getattr(result, "result", None)
    if res is None:
        res = getattr(result, "_result", {})
    return res


def _plain(value):
    try:
        return json.loads(json.dumps(value, default=str))
    except (TypeError, ValueError):
        return str(value)


class CallbackModule(CallbackBase):
    """Collects task results."""

    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "sim_recorder"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.records = []
        self.pending_diffs = {}
        self.path = os.environ.get("NCM_SIM_RECORD")

    def _add(self, result, status):
        res = _res(result)
        task = result.task if hasattr(result, "task") else result._task  # pylint: disable=protected-access
        host = result.host if hasattr(result, "host") else result._host  # pylint: disable=protected-access
        self.records.append({
            "name": task.get_name(),
            "host": host.get_name(),
            "action": task.action,
            "status": status,
            "changed": bool(res.get("changed", False)),
            "failed": status in ("failed", "unreachable"),
            "skipped": status == "skipped",
            "result": _plain(dict(res)),
            "diffs": self.pending_diffs.pop(task._uuid, []),  # pylint: disable=protected-access
            "uuid": task._uuid,  # pylint: disable=protected-access
        })

    def v2_runner_on_ok(self, result):
        self._add(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._add(result, "failed")
        self.records[-1]["ignore_errors"] = ignore_errors

    def v2_runner_on_skipped(self, result):
        self._add(result, "skipped")

    def v2_runner_on_unreachable(self, result):
        self._add(result, "unreachable")

    def v2_on_file_diff(self, result):
        res = _res(result)
        diff = res.get("diff")
        if diff is None:
            return
        task = result.task if hasattr(result, "task") else result._task  # pylint: disable=protected-access
        uid = task._uuid  # pylint: disable=protected-access
        for rec in reversed(self.records):
            if rec.get("uuid") == uid:
                rec["diffs"].append(_plain(diff))
                return
        self.pending_diffs.setdefault(uid, []).append(_plain(diff))

    def v2_playbook_on_stats(self, stats):
        if self.path:
            with open(self.path, "w", encoding="utf-8") as handle:
                json.dump(self.records, handle)
