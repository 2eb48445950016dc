# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Terraform-style summary of what the cradlepoint.ncm tasks of a playbook run planned or did."""

from __future__ import annotations

DOCUMENTATION = r"""
name: plan
type: aggregate
short_description: Terraform-style summary of the NCM changes of a playbook run
version_added: 0.1.0
description:
  - Collects the C(plan) field that every C(cradlepoint.ncm) module returns (V(create), V(update), V(delete),
    V(none) or an action such as V(reboot)) for every host, task and loop item, in check mode and in real runs.
  - >-
    At the end of the playbook it prints a summary in the style of C(terraform plan), for example
    C(Plan: 3 to add, 2 to change, 1 to destroy.), the actions (reboots, tests) and one line per resource:
    the resource kind (the module name without C(ncm_)) and its identifier (name, router, group or id).
  - Tasks of other collections and info modules (which return no C(plan)) are ignored.
  - A task run with C(no_log) returns no plan; a changed C(no_log) task is counted as a change and listed as
    hidden, so that secrets never reach the summary.
  - >-
    Check mode across dependencies. In check mode a module that references a group, push destination, router or user
    that does not exist yet plans its change with that reference as V((known after apply\)) and lists it in its
    result as C(assumes) (for example C([{kind: group, name: branch-offices}])). The callback checks each
    assumption against what earlier tasks of the same run planned to create or to rename (a V(create) or V(update)
    plan whose resource of that kind has that name, such as a M(cradlepoint.ncm.ncm_group) task creating the group).
    A satisfied assumption is shown on the change line (C(known after apply: group branch-offices)).
  - >-
    An assumption that no earlier task satisfies (a typo, a task in the wrong order, a user or product that no task
    can create) fails the plan. The task is listed as failed (C(x ... FAILED: assumes group 'branch-ofices', which no
    earlier task creates)) and counted in C(failed), the JSON file lists it under C(failed), and an error line is
    printed. A callback cannot change the exit code of C(ansible-playbook): a CI job that gates on the plan reads
    the JSON file (C(failed) is empty when the plan holds) - the real run would fail at that task, before any write.
  - Optionally writes the summary as JSON to a file, for CI jobs (for example a nightly drift check).
  - This is not a stdout callback; it prints after the normal output. Enable it with
    C(callbacks_enabled = cradlepoint.ncm.plan) in C(ansible.cfg) or
    E(ANSIBLE_CALLBACKS_ENABLED=cradlepoint.ncm.plan).
author:
  - cradlepoint.ncm contributors (@cradlepoint-ncm)
requirements:
  - enable it in the C(callbacks_enabled) setting of C(ansible.cfg) or with E(ANSIBLE_CALLBACKS_ENABLED)
options:
  json_file:
    description:
      - Path of a file to write the summary to as JSON when the playbook ends.
      - The file holds C(check_mode), C(summary) (counts), C(changes) (one record per planned change),
        C(failed) (failed tasks and tasks whose assumption no earlier task satisfies), C(assumptions) (every
        assumption with the task that satisfies it, or null) and C(drift) (V(true) when anything is to add, change,
        destroy or run).
      - Not written when unset.
    type: path
    env:
      - name: NCM_PLAN_JSON
    ini:
      - section: callback_ncm_plan
        key: json_file
  show_unchanged:
    description:
      - Also list the resources whose plan is V(none) (already in the desired state).
    type: bool
    default: false
    env:
      - name: NCM_PLAN_SHOW_UNCHANGED
    ini:
      - section: callback_ncm_plan
        key: show_unchanged
"""

import json
import os

from ansible import constants as C
from ansible import context
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.callback import CallbackBase

from ansible_collections.cradlepoint.ncm.plugins.module_utils.config_resource import ConfigResource
from ansible_collections.cradlepoint.ncm.plugins.module_utils.module import NcmModule
from ansible_collections.cradlepoint.ncm.plugins.module_utils.reboot import RebootResource
from ansible_collections.cradlepoint.ncm.plugins.module_utils.resources import (
    AlertRuleResource,
    GroupResource,
    LocationResource,
    PushDestinationResource,
    RouterResource,
)

COLLECTION_PREFIX = "cradlepoint.ncm."
# plan value -> (Terraform symbol, summary bucket)
PLAN_KINDS = {
    "create": ("+", "add"),
    "update": ("~", "change"),
    "delete": ("-", "destroy"),
    "none": (" ", "unchanged"),
}
# Keys tried, in order, for a readable identifier: first in the returned resource, then in the module arguments; each
# resource description declares its own (plan_identity, module_utils/module.py).
IDENTIFIER_KEYS = {description.resource: description.plan_identity for description in (
    GroupResource, RouterResource, LocationResource, PushDestinationResource, AlertRuleResource, ConfigResource,
    RebootResource)}
GENERIC_KEYS = NcmModule.plan_identity
ID_KEYS = ("id", "alert_config_id", "destination_config_id")
# what modules show for a value that only a change planned by an earlier task gives (see plugins/module_utils/resolve.py)
KNOWN_AFTER_APPLY = "(known after apply)"
# resources that a plan of create (or update: a rename) makes exist under their name, for later tasks' assumptions
NAMED_KINDS = ("group", "router", "push_destination")


def task_result_parts(result):
    """(result dict, task, host name) of the task result a callback receives, on every supported ansible-core.

    ansible-core 2.19+ passes a ``CallbackTaskResult`` with public ``result``, ``task`` and ``host``; 2.16-2.18 pass
    a ``TaskResult`` with only ``_result``, ``_task`` and ``_host``. This is the one place that knows both.
    """
    if hasattr(result, "result"):
        res, task, host = result.result, getattr(result, "task", None), getattr(result, "host", None)
    else:
        res, task, host = getattr(result, "_result", None), getattr(result, "_task", None), getattr(result, "_host", None)
    return res if res is not None else {}, task, to_text(host.get_name() if host is not None else "")


def _module_name(task):
    """FQCN of a task's action (``resolved_action`` when the short name was used)."""
    for attr in ("resolved_action", "action"):
        value = getattr(task, attr, None)
        if value:
            return to_text(value)
    return ""


def _short(value):
    """A one-line text form of an identifier value."""
    if isinstance(value, (list, tuple, set)):
        return ",".join(sorted(to_text(v) for v in value))
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True)
    return to_text(value)


def identify(kind, result, args):
    """(label, id) of the resource a result is about: 'router=router-00001', 'branch-offices', ..."""
    resource = result.get(kind) if isinstance(result.get(kind), dict) else {}
    target = result.get("target")
    if kind == "config" and isinstance(target, dict) and target.get("kind") and target.get("name"):
        # ncm_config returns the managed layer under "config" and what it manages under "target"
        return "%s=%s" % (target["kind"], _short(target["name"])), (to_text(target["id"]) if target.get("id") else None)
    args = args if isinstance(args, dict) else {}
    resource_keys, arg_keys = IDENTIFIER_KEYS.get(kind, GENERIC_KEYS)
    label = None
    for key in resource_keys:
        if resource.get(key) not in (None, "", []):
            label = _short(resource[key])
            break
    if label is None:
        for key in arg_keys:
            if args.get(key) not in (None, "", []):
                value = _short(args[key])
                label = value if key in ("name", "id") and kind not in ("config", "reboot") else "%s=%s" % (key, value)
                break
    resource_id = None
    for key in ID_KEYS:
        if resource.get(key) not in (None, ""):
            resource_id = to_text(resource[key])
            break
    return label or "(unnamed)", resource_id


def is_known_after_apply(value):
    """Whether an id is a check-mode placeholder ('(known after apply)' or '(known after apply: <name>)')."""
    return isinstance(value, str) and value.startswith(KNOWN_AFTER_APPLY[:-1])


def _kind_names(records):
    """[{kind, name}] texts of a result's ``assumes`` (anything else is dropped)."""
    out = []
    for record in records if isinstance(records, list) else ():
        if isinstance(record, dict) and record.get("kind") and record.get("name") not in (None, ""):
            item = {"kind": to_text(record["kind"]), "name": to_text(record["name"])}
            if item not in out:
                out.append(item)
    return out


def provided(kind, plan, name):
    """[{kind, name}] that a planned change makes exist: the created (or renamed) resource of a named kind."""
    if plan in ("create", "update") and kind in NAMED_KINDS and name not in (None, ""):
        return [{"kind": kind, "name": to_text(name)}]
    return []


def is_hidden(result):
    """Whether the result is censored by no_log."""
    return "censored" in result or bool(result.get("_ansible_no_log"))


def entry_from_result(result, host, task_name, module, check_mode, failed=False, task_args=None):
    """One plan record for a module result, or None when the result carries no plan (info modules, skips).

    ``failed`` marks a result that came through a failure callback (ansible-core 2.19 strips ``failed``).
    ``task_args`` name the resource when the result has no ``invocation`` (failed results of ansible-core 2.21).
    """
    if not isinstance(result, dict) or result.get("skipped"):
        return None
    kind = module[len(COLLECTION_PREFIX):] if module.startswith(COLLECTION_PREFIX) else module
    kind = kind[4:] if kind.startswith("ncm_") else kind
    failed = bool(result.get("failed")) or (failed and result.get("plan") is None)
    hidden = is_hidden(result)
    plan = result.get("plan")
    if plan is None:
        if hidden and not failed:
            plan = "update" if result.get("changed") else "none"
        elif failed:
            plan = "failed"
        else:
            return None
    args = (result.get("invocation") or {}).get("module_args") or task_args or {}
    record = result.get(kind) if isinstance(result.get(kind), dict) else {}
    if hidden:
        label, resource_id = "(hidden by no_log)", None
    else:
        label, resource_id = identify(kind, result, args)
    entry = {
        "host": host,
        "task": task_name,
        "module": module,
        "resource": kind,
        "identifier": label,
        "id": resource_id,
        "plan": to_text(plan),
        "changed": bool(result.get("changed")),
        "check_mode": check_mode,
        "hidden": hidden,
        "failed": failed,
        "assumes": [] if hidden else _kind_names(result.get("assumes")),
        "provides": [] if hidden or failed else provided(kind, to_text(plan), record.get("name")),
    }
    if failed:
        entry["msg"] = "(hidden by no_log)" if hidden else to_text(result.get("msg", ""))
    return entry


def entries_from_result(result, host, task_name, module, check_mode, failed=False, task_args=None):
    """The plan records of a module result: one per change of a result that lists its ``changes`` (ncm_state: a
    whole document), else the one of ``entry_from_result``."""
    changes = result.get("changes") if isinstance(result, dict) else None
    if not isinstance(changes, list) or result.get("plan") is not None or result.get("failed") or failed:
        entry = entry_from_result(result, host, task_name, module, check_mode, failed=failed, task_args=task_args)
        return [entry] if entry is not None else []
    hidden = is_hidden(result)
    out = []
    for change in changes or [{"kind": "state", "key": "document", "action": "none"}]:
        if not isinstance(change, dict):
            continue
        after = change.get("after") if isinstance(change.get("after"), dict) else {}
        kind, key, action = to_text(change.get("kind")), to_text(change.get("key")), to_text(change.get("action"))
        out.append({
            "host": host, "task": task_name, "module": module, "resource": kind,
            "identifier": "(hidden by no_log)" if hidden else key, "id": None, "plan": action,
            "changed": action != "none", "check_mode": check_mode, "hidden": hidden, "failed": False,
            "assumes": [], "provides": [] if hidden else provided(kind, action, after.get("name") or key),
        })
    return out


def check_assumptions(entries):
    """(entries, assumptions): each assumption checked against what earlier entries provide.

    An entry with an assumption that no earlier entry provides comes back failed (a copy, with ``msg`` and
    ``unresolved``); ``assumptions`` lists every assumption with the task that satisfies it (``created_by``) or None.
    """
    checked, assumptions = [], []
    providers = {}
    for entry in entries:
        if entry.get("assumes") and not entry["failed"]:
            unresolved = []
            for assumption in entry["assumes"]:
                created_by = providers.get((assumption["kind"], assumption["name"]))
                assumptions.append(dict(assumption, host=entry["host"], task=entry["task"], created_by=created_by))
                if created_by is None:
                    unresolved.append(assumption)
            if unresolved:
                entry = dict(entry, failed=True, unresolved=unresolved, msg="assumes %s, which no earlier task creates" % (
                    ", ".join("%s %r" % (a["kind"].replace("_", " "), a["name"]) for a in unresolved)))
        if not entry["failed"]:
            for item in entry.get("provides") or ():
                providers.setdefault((item["kind"], item["name"]), entry["task"])
        checked.append(entry)
    return checked, assumptions


def summarize(entries, check_mode):
    """The summary dict (also the JSON file's content)."""
    entries, assumptions = check_assumptions(entries)
    counts = {"add": 0, "change": 0, "destroy": 0, "unchanged": 0, "failed": 0}
    actions = {}
    changes = []
    failed = []
    for entry in entries:
        if entry["failed"]:
            counts["failed"] += 1
            failed.append(entry)
            continue
        kind = PLAN_KINDS.get(entry["plan"])
        if kind is not None:
            counts[kind[1]] += 1
            if kind[1] != "unchanged":
                changes.append(entry)
        else:
            actions[entry["plan"]] = actions.get(entry["plan"], 0) + 1
            changes.append(entry)
    drift = bool(counts["add"] or counts["change"] or counts["destroy"] or actions)
    return {
        "check_mode": check_mode,
        "summary": dict(counts, actions=actions),
        "drift": drift,
        "changes": changes,
        "failed": failed,
        "unchanged": [e for e in entries if not e["failed"] and e["plan"] == "none"],
        "assumptions": assumptions,
    }


def plan_line(summary):
    """'Plan: 3 to add, 2 to change, 1 to destroy.' (+ actions)."""
    counts = summary["summary"]
    line = "Plan: %d to add, %d to change, %d to destroy." % (counts["add"], counts["change"], counts["destroy"])
    if counts["actions"]:
        line += " Actions: %s." % ", ".join(
            "%d %s" % (n, name) for name, n in sorted(counts["actions"].items())
        )
    return line


def render(summary, show_unchanged=False):
    """The lines printed at the end of the run: (text, color) pairs."""
    lines = []
    mode = "check mode, nothing was changed" if summary["check_mode"] else "applied"
    lines.append(("NCM PLAN (%s)" % mode, None))
    multi_host = len({e["host"] for e in summary["changes"] + summary["failed"] + summary["unchanged"]}) > 1
    listed = summary["changes"] + (summary["unchanged"] if show_unchanged else [])
    for entry in listed:
        symbol, color = _symbol(entry["plan"])
        text = "  %s %s %s" % (symbol, entry["resource"], entry["identifier"])
        if entry["plan"] not in PLAN_KINDS:
            text = "  %s %s %s %s" % (symbol, entry["plan"], entry["resource"], entry["identifier"])
        text += _id_text(entry)
        if entry.get("assumes"):
            text += "; known after apply: %s" % ", ".join(
                "%s %s" % (a["kind"].replace("_", " "), a["name"]) for a in entry["assumes"])
        if multi_host:
            text += " [%s]" % entry["host"]
        lines.append((text, color))
    for entry in summary["failed"]:
        text = "  x %s %s%s: FAILED" % (entry["resource"], entry["identifier"], _id_text(entry) if entry.get("unresolved") else "")
        if entry.get("msg"):
            text += ": %s" % entry["msg"].splitlines()[0][:200]
        if multi_host:
            text += " [%s]" % entry["host"]
        lines.append((text, C.COLOR_ERROR))
    if not summary["changes"] and not summary["failed"]:
        lines.append(("  No changes. NCM matches the configuration.", C.COLOR_OK))
    tail = plan_line(summary)
    counts = summary["summary"]
    extras = []
    if counts["unchanged"]:
        extras.append("%d unchanged" % counts["unchanged"])
    if counts["failed"]:
        extras.append("%d failed" % counts["failed"])
    if extras:
        tail += " (%s)" % ", ".join(extras)
    lines.append((tail, C.COLOR_CHANGED if summary["drift"] else C.COLOR_OK))
    return lines


def _id_text(entry):
    """' (id 12)' beside an identifier; a placeholder id (check mode) is known after apply."""
    if is_known_after_apply(entry["id"]):
        return " (id known after apply)"
    if entry["id"] and entry["id"] != entry["identifier"]:
        return " (id %s)" % entry["id"]
    return ""


def unresolved_message(summary):
    """The error line for assumptions that no earlier task satisfies, or None."""
    missing = [a for a in summary["assumptions"] if a["created_by"] is None]
    if not missing:
        return None
    return ("cradlepoint.ncm.plan: the plan fails: %d reference(s) name something that does not exist and that no "
            "earlier task creates: %s. A real run fails at these tasks, before any write." % (
                len(missing), "; ".join("%s %r (task %r)" % (a["kind"].replace("_", " "), a["name"], a["task"])
                                        for a in missing)))


def _symbol(plan):
    if plan == "create":
        return "+", C.COLOR_OK
    if plan == "delete":
        return "-", C.COLOR_ERROR
    if plan == "update":
        return "~", C.COLOR_CHANGED
    if plan == "none":
        return " ", None
    return "!", C.COLOR_CHANGED


class CallbackModule(CallbackBase):
    """Collect the plan of every cradlepoint.ncm task and print a summary at the end."""

    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "cradlepoint.ncm.plan"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, display=None):
        super().__init__(display=display)
        self.entries = []

    # ---- collecting ----------------------------------------------------------------------------------------

    def _collect(self, result, failed=False):
        res, task, host = task_result_parts(result)
        module = _module_name(task)
        if not module.startswith(COLLECTION_PREFIX):
            return
        task_name = to_text(task.get_name()) if task is not None else ""
        check_mode = bool(getattr(task, "check_mode", False)) or bool(context.CLIARGS.get("check", False))
        items = res.get("results") if isinstance(res, dict) else None
        if isinstance(items, list) and items and all(isinstance(i, dict) and "ansible_loop_var" in i for i in items):
            candidates = items
        else:
            candidates = [res]
        task_args = dict(getattr(task, "args", None) or {})
        for candidate in candidates:
            self.entries.extend(entries_from_result(candidate, host, task_name, module, check_mode,
                                                    failed=failed and candidates is not items, task_args=task_args))

    def v2_runner_on_ok(self, result):
        self._collect(result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._collect(result, failed=True)

    # ---- reporting -----------------------------------------------------------------------------------------

    def summary(self):
        """The summary of everything collected so far."""
        check_mode = bool(self.entries) and all(e["check_mode"] for e in self.entries)
        if not self.entries:
            check_mode = bool(context.CLIARGS.get("check", False))
        return summarize(self.entries, check_mode)

    def v2_playbook_on_stats(self, stats):
        summary = self.summary()
        if self.entries:
            self._display.banner("NCM PLAN SUMMARY")
            for text, color in render(summary, self.get_option("show_unchanged")):
                self._display.display(text, color=color)
        error = unresolved_message(summary)
        if error:
            self._display.error(error)
        path = self.get_option("json_file")
        if path:
            self._write_json(path, summary)

    def _write_json(self, path, summary):
        path = os.path.expanduser(path)
        try:
            directory = os.path.dirname(path)
            if directory:
                os.makedirs(directory, exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(summary, handle, indent=2, sort_keys=True, default=to_text)
                handle.write("\n")
        except OSError as exc:
            self._display.warning("cradlepoint.ncm.plan: cannot write %s: %s" % (path, to_text(exc)))
