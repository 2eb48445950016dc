"""Unit tests of the cradlepoint.ncm.plan callback: collecting plans, the summary, the output and the JSON file."""

import json

import pytest

from ansible.plugins.loader import callback_loader

from ansible_collections.cradlepoint.ncm.plugins.callback import plan as plan_cb


class FakeTask:
    def __init__(self, action, name="task", check_mode=False):
        self.resolved_action = action
        self.action = action.rsplit(".", 1)[-1]
        self.check_mode = check_mode
        self._name = name

    def get_name(self):
        return self._name


class FakeHost:
    def __init__(self, name):
        self.name = name

    def get_name(self):
        return self.name


class FakeResult:
    """The public shape of ansible-core 2.19's CallbackTaskResult (result, task, host)."""

    def __init__(self, result, action="cradlepoint.ncm.ncm_group", host="localhost", name="task", check_mode=False):
        self.result = result
        self.task = FakeTask(action, name, check_mode)
        self.host = FakeHost(host)


class FakeDisplay:
    verbosity = 0

    def __init__(self):
        self.lines = []
        self.warnings = []
        self.errors = []

    def display(self, msg, color=None, **kwargs):
        self.lines.append(msg)

    def banner(self, msg, **kwargs):
        self.lines.append("BANNER " + msg)

    def warning(self, msg, **kwargs):
        self.warnings.append(msg)

    def error(self, msg, **kwargs):
        self.errors.append(msg)

    @property
    def text(self):
        return "\n".join(self.lines)


@pytest.fixture
def callback():
    def make(**options):
        display = FakeDisplay()
        cb = callback_loader.get("cradlepoint.ncm.plan", display=display)
        assert cb is not None, "cradlepoint.ncm.plan not found by the callback loader"
        cb.set_options(direct=dict({"json_file": None, "show_unchanged": False}, **options))
        return cb, display

    return make


def group_result(plan, name, gid=None, changed=None, **extra):
    res = {
        "changed": plan not in ("none",) if changed is None else changed,
        "plan": plan,
        "group": {"id": gid, "name": name} if plan != "delete" or gid else None,
        "api_calls": {"reads": 1, "writes": 0, "retries": 0, "total": 1},
        "invocation": {"module_args": {"name": name, "cp_api_key": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"}},
    }
    res.update(extra)
    return res


def test_plugin_metadata():
    assert plan_cb.CallbackModule.CALLBACK_TYPE == "aggregate"
    assert plan_cb.CallbackModule.CALLBACK_NEEDS_ENABLED is True
    assert plan_cb.CallbackModule.CALLBACK_NAME == "cradlepoint.ncm.plan"


def test_counts_and_terraform_line(callback):
    cb, display = callback()
    for plan, name in (("create", "a"), ("create", "b"), ("create", "c"), ("update", "d"), ("update", "e"),
                       ("delete", "f"), ("none", "g")):
        cb.v2_runner_on_ok(FakeResult(group_result(plan, name, gid="1" if plan != "create" else None)))
    cb.v2_playbook_on_stats(None)
    assert "Plan: 3 to add, 2 to change, 1 to destroy. (1 unchanged)" in display.text
    assert "  + group a" in display.lines
    assert "  ~ group d (id 1)" in display.lines
    assert "  - group f (id 1)" in display.lines
    assert "group g" not in display.text  # unchanged ones are listed only with show_unchanged
    assert "(applied)" in display.text


def test_show_unchanged(callback):
    cb, display = callback(show_unchanged=True)
    cb.v2_runner_on_ok(FakeResult(group_result("none", "same", gid="4")))
    cb.v2_playbook_on_stats(None)
    assert "group same (id 4)" in display.text
    assert "No changes" in display.text
    assert "Plan: 0 to add, 0 to change, 0 to destroy. (1 unchanged)" in display.text


def test_actions_are_listed_and_counted(callback):
    cb, display = callback()
    cb.v2_runner_on_ok(FakeResult({"changed": True, "plan": "reboot", "reboot": {"routers": ["1", "4"]},
                                   "invocation": {"module_args": {"group": "group-001", "router": None}}},
                                  action="cradlepoint.ncm.ncm_reboot"))
    cb.v2_runner_on_ok(FakeResult({"changed": True, "plan": "update", "config": {},
                                   "invocation": {"module_args": {"router": "router-00001", "group": None}}},
                                  action="cradlepoint.ncm.ncm_config"))
    cb.v2_playbook_on_stats(None)
    assert "  ! reboot reboot group=group-001" in display.lines
    assert "  ~ config router=router-00001" in display.lines
    assert "Plan: 0 to add, 1 to change, 0 to destroy. Actions: 1 reboot." in display.text


def test_check_mode_heading(callback):
    cb, display = callback()
    cb.v2_runner_on_ok(FakeResult(group_result("create", "x"), check_mode=True))
    cb.v2_playbook_on_stats(None)
    assert "check mode, nothing was changed" in display.text
    assert cb.summary()["check_mode"] is True


def test_loop_items_are_each_collected(callback):
    cb = callback()[0]
    items = []
    for name in ("a", "b"):
        item = group_result("create", name)
        item.update({"ansible_loop_var": "item", "item": name})
        items.append(item)
    cb.v2_runner_on_ok(FakeResult({"changed": True, "results": items, "msg": "All items completed"}))
    summary = cb.summary()
    assert summary["summary"]["add"] == 2
    assert [c["identifier"] for c in summary["changes"]] == ["a", "b"]


def test_other_collections_and_info_modules_are_ignored(callback):
    cb, display = callback()
    cb.v2_runner_on_ok(FakeResult({"changed": True, "plan": "create"}, action="ansible.builtin.copy"))
    cb.v2_runner_on_ok(FakeResult({"changed": False, "groups": []}, action="cradlepoint.ncm.ncm_group_info"))
    cb.v2_runner_on_ok(FakeResult({"skipped": True, "changed": False}))
    cb.v2_playbook_on_stats(None)
    assert cb.entries == []
    assert display.lines == []


def test_no_log_results_never_leak_and_count_as_changes(callback):
    cb, display = callback()
    censored = {"changed": True, "censored": "the output has been hidden", "_ansible_no_log": True}
    cb.v2_runner_on_ok(FakeResult(censored, action="cradlepoint.ncm.ncm_config"))
    cb.v2_runner_on_ok(FakeResult({"changed": False, "censored": "hidden"}, action="cradlepoint.ncm.ncm_config"))
    cb.v2_playbook_on_stats(None)
    assert "  ~ config (hidden by no_log)" in display.lines
    assert "Plan: 0 to add, 1 to change, 0 to destroy. (1 unchanged)" in display.text


def test_failures_are_reported(callback):
    cb, display = callback()
    cb.v2_runner_on_failed(FakeResult({"changed": False, "msg": "name: no group\nmore", "api_calls": {},
                                       "invocation": {"module_args": {"name": "ghost"}}}), ignore_errors=True)
    cb.v2_playbook_on_stats(None)
    assert "  x group ghost: FAILED: name: no group" in display.lines
    assert "(1 failed)" in display.text
    assert cb.summary()["drift"] is False


def test_hosts_are_named_when_several(callback):
    cb, display = callback()
    cb.v2_runner_on_ok(FakeResult(group_result("create", "a"), host="h1"))
    cb.v2_runner_on_ok(FakeResult(group_result("create", "a"), host="h2"))
    cb.v2_playbook_on_stats(None)
    assert "  + group a [h1]" in display.lines
    assert "  + group a [h2]" in display.lines


def test_identifiers_per_kind():
    assert plan_cb.identify("router", {"router": {"id": "1", "name": "r1"}}, {"router": "WA1"}) == ("r1", "1")
    assert plan_cb.identify("location", {"location": {"id": "3"}}, {"router": "r5"}) == ("router=r5", "3")
    assert plan_cb.identify("push_destination", {"push_destination": {"name": "hook",
                                                                      "destination_config_id": "u-1"}}, {}) == ("hook", "u-1")
    assert plan_cb.identify("alert_rule", {"alert_rule": {"alert_config_id": "u-2"}}, {}) == ("u-2", "u-2")
    assert plan_cb.identify("alert_rule", {"alert_rule": None}, {"alert_types": ["b", "a"]}) == ("alert_types=a,b", None)
    assert plan_cb.identify("group", {"group": None}, {"name": "gone"}) == ("gone", None)
    assert plan_cb.identify("config", {"config": {"config": {}}, "target": {"kind": "router", "id": "1", "name": "r1"}},
                            {"router": "WA1"}) == ("router=r1", "1")
    assert plan_cb.identify("something_new", {}, {}) == ("(unnamed)", None)


def test_json_file(callback, tmp_path):
    path = tmp_path / "sub" / "plan.json"
    cb = callback(json_file=str(path))[0]
    cb.v2_runner_on_ok(FakeResult(group_result("update", "g", gid="2"), check_mode=True))
    cb.v2_runner_on_ok(FakeResult({"changed": True, "plan": "reboot", "invocation": {"module_args": {"router": "r"}}},
                                  action="cradlepoint.ncm.ncm_reboot", check_mode=True))
    cb.v2_playbook_on_stats(None)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["check_mode"] is True
    assert data["drift"] is True
    assert data["summary"] == {"add": 0, "change": 1, "destroy": 0, "unchanged": 0, "failed": 0,
                               "actions": {"reboot": 1}}
    assert [(c["resource"], c["identifier"], c["plan"], c["id"]) for c in data["changes"]] == [
        ("group", "g", "update", "2"), ("reboot", "router=r", "reboot", None)]
    assert "VALUE_SPECIFIED" not in path.read_text(encoding="utf-8")


def test_json_file_written_without_ncm_tasks(callback, tmp_path):
    path = tmp_path / "plan.json"
    cb, display = callback(json_file=str(path))
    cb.v2_playbook_on_stats(None)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["drift"] is False and data["changes"] == []
    assert display.lines == []


def test_json_file_unwritable_warns(callback, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    cb, display = callback(json_file=str(blocker / "plan.json"))
    cb.v2_playbook_on_stats(None)
    assert display.warnings and "cannot write" in display.warnings[0]


def test_options_from_environment(monkeypatch, tmp_path):
    path = tmp_path / "env.json"
    monkeypatch.setenv("NCM_PLAN_JSON", str(path))
    monkeypatch.setenv("NCM_PLAN_SHOW_UNCHANGED", "true")
    cb = callback_loader.get("cradlepoint.ncm.plan", display=FakeDisplay())
    cb.set_options()
    assert cb.get_option("json_file") == str(path)
    assert cb.get_option("show_unchanged") is True


def router_result(plan, name, rid, assumes=None, group="https://ncm/api/v2/groups/1/"):
    res = {"changed": plan != "none", "plan": plan, "router": {"id": rid, "name": name, "group": group},
           "invocation": {"module_args": {"router": name}}}
    if assumes is not None:
        res["assumes"] = assumes
    return res


def test_assumption_satisfied_by_an_earlier_creation(callback, tmp_path):
    path = tmp_path / "plan.json"
    cb, display = callback(json_file=str(path))
    cb.v2_runner_on_ok(FakeResult(group_result("create", "branch"), name="create the group", check_mode=True))
    cb.v2_runner_on_ok(FakeResult(router_result("update", "r1", "1", assumes=[{"kind": "group", "name": "branch"}]),
                                  action="cradlepoint.ncm.ncm_router", name="move r1", check_mode=True))
    cb.v2_playbook_on_stats(None)
    assert "  ~ router r1 (id 1); known after apply: group branch" in display.lines
    assert "Plan: 1 to add, 1 to change, 0 to destroy." in display.lines
    assert display.errors == []
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["failed"] == []
    assert data["assumptions"] == [{"kind": "group", "name": "branch", "host": "localhost", "task": "move r1",
                                    "created_by": "create the group"}]


def test_assumption_nothing_creates_fails_the_plan(callback, tmp_path):
    path = tmp_path / "plan.json"
    cb, display = callback(json_file=str(path))
    cb.v2_runner_on_ok(FakeResult(group_result("create", "branch"), name="create the group", check_mode=True))
    typo = router_result("update", "r4", "4", assumes=[{"kind": "group", "name": "brnach"}])
    cb.v2_runner_on_ok(FakeResult(typo, action="cradlepoint.ncm.ncm_router", name="move r4", check_mode=True))
    cb.v2_playbook_on_stats(None)
    assert "  x router r4 (id 4): FAILED: assumes group 'brnach', which no earlier task creates" in display.lines
    assert "Plan: 1 to add, 0 to change, 0 to destroy. (1 failed)" in display.lines
    assert len(display.errors) == 1 and "group 'brnach' (task 'move r4')" in display.errors[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["summary"]["failed"] == 1
    assert [(f["identifier"], f["unresolved"]) for f in data["failed"]] == [("r4", [{"kind": "group", "name": "brnach"}])]
    assert data["assumptions"][0]["created_by"] is None


def test_only_earlier_tasks_satisfy_an_assumption(callback):
    cb, display = callback()
    cb.v2_runner_on_ok(FakeResult(router_result("update", "r1", "1", assumes=[{"kind": "group", "name": "late"}]),
                                  action="cradlepoint.ncm.ncm_router", check_mode=True))
    cb.v2_runner_on_ok(FakeResult(group_result("create", "late"), check_mode=True))
    # a failed creation, an unchanged group and a push destination of the same name create no group
    cb.v2_runner_on_failed(FakeResult({"changed": False, "msg": "boom", "invocation": {"module_args": {"name": "x"}}}))
    cb.v2_runner_on_ok(FakeResult(group_result("none", "y", gid="5"), check_mode=True))
    cb.v2_runner_on_ok(FakeResult({"changed": True, "plan": "create", "push_destination": {"name": "z"}},
                                  action="cradlepoint.ncm.ncm_push_destination", check_mode=True))
    for name in ("x", "y", "z"):
        cb.v2_runner_on_ok(FakeResult(router_result("update", "r1", "1", assumes=[{"kind": "group", "name": name}]),
                                      action="cradlepoint.ncm.ncm_router", check_mode=True))
    summary = cb.summary()
    assert [a["created_by"] for a in summary["assumptions"]] == [None, None, None, None]
    assert summary["summary"]["failed"] == 5


def test_renames_and_listed_changes_satisfy_assumptions(callback):
    cb, display = callback()
    cb.v2_runner_on_ok(FakeResult(router_result("update", "store-1", "1"), action="cradlepoint.ncm.ncm_router",
                                  name="rename", check_mode=True))
    cb.v2_runner_on_ok(FakeResult({"changed": True, "summary": {"to_add": 1, "to_change": 0, "to_destroy": 1}, "changes": [
        {"kind": "push_destination", "key": "soc", "action": "create", "before": None, "after": {"name": "soc"}},
        {"kind": "group", "key": "gone", "action": "delete", "before": {"name": "gone"}, "after": None}]},
        action="cradlepoint.ncm.ncm_state", name="state", check_mode=True))
    assumes = [{"kind": "router", "name": "store-1"}, {"kind": "push_destination", "name": "soc"}]
    cb.v2_runner_on_ok(FakeResult({"changed": True, "plan": "create", "alert_rule": None, "assumes": assumes,
                                   "invocation": {"module_args": {"alert_types": ["a"]}}},
                                  action="cradlepoint.ncm.ncm_alert_rule", check_mode=True))
    cb.v2_runner_on_ok(FakeResult({"changed": True, "plan": "update", "assumes": [{"kind": "group", "name": "gone"}],
                                   "target": {"kind": "group", "id": "(known after apply: gone)", "name": "gone"}},
                                  action="cradlepoint.ncm.ncm_config", check_mode=True))
    cb.v2_playbook_on_stats(None)
    assert [a["created_by"] for a in cb.summary()["assumptions"]] == ["rename", "state", None]
    # ncm_state's result is one plan record per change of its document
    assert [(e["resource"], e["identifier"], e["plan"]) for e in cb.entries if e["task"] == "state"] == [
        ("push_destination", "soc", "create"), ("group", "gone", "delete")]
    assert cb.summary()["summary"]["add"] == 2 and cb.summary()["summary"]["destroy"] == 1
    assert "  + alert_rule alert_types=a; known after apply: router store-1, push destination soc" in display.lines
    assert ("  x config group=gone (id known after apply): FAILED: assumes group 'gone', which no earlier task creates"
            in display.lines)


def test_assumptions_of_hidden_and_malformed_results_are_ignored():
    entry = plan_cb.entry_from_result({"changed": True, "plan": "update", "censored": "x",
                                       "assumes": [{"kind": "group", "name": "secret"}]},
                                      "h", "t", "cradlepoint.ncm.ncm_router", True)
    assert entry["assumes"] == [] and entry["provides"] == []
    entry = plan_cb.entry_from_result({"changed": True, "plan": "update", "assumes": ["group", {"kind": "group"},
                                                                                      {"kind": "group", "name": "g"}]},
                                      "h", "t", "cradlepoint.ncm.ncm_router", True)
    assert entry["assumes"] == [{"kind": "group", "name": "g"}]


class LegacyResult:
    """The private shape of ansible-core 2.16's TaskResult (_result, _task, _host), no public attributes."""

    def __init__(self, result, action="cradlepoint.ncm.ncm_group", host="legacy-host"):
        self._result = result
        self._task = FakeTask(action, "legacy task", False)
        self._host = FakeHost(host)


def test_task_result_parts_reads_both_the_2_19_and_the_2_16_shapes(callback):
    res = group_result("create", "g")
    public = FakeResult(res, host="h1")
    assert plan_cb.task_result_parts(public) == (res, public.task, "h1")
    legacy = LegacyResult(res)
    assert plan_cb.task_result_parts(legacy) == (res, legacy._task, "legacy-host")  # pylint: disable=protected-access
    cb, _display = callback()
    cb.v2_runner_on_ok(legacy)
    assert [(e["host"], e["plan"]) for e in cb.entries] == [("legacy-host", "create")]
