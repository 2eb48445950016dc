"""The cradlepoint.ncm.plan callback in real ansible-playbook runs of ncm_group against the simulator."""

import json

from harness import run_playbook

PLAYBOOK = """
- name: Groups
  hosts: localhost
  gather_facts: false
  tasks:
    - name: create groups
      cradlepoint.ncm.ncm_group:
        name: "{{ item }}"
        product: IBR900
        target_firmware: 7.24.30
      loop: [plan-a, plan-b, plan-c]
    - name: change a group
      cradlepoint.ncm.ncm_group:
        name: group-002
        product: E300
        target_firmware: 7.24.10
    - name: rename a group
      cradlepoint.ncm.ncm_group:
        id: "1"
        name: group-001-renamed
    - name: delete a group
      cradlepoint.ncm.ncm_group:
        name: group-003
        state: absent
    - name: a group that is already right
      cradlepoint.ncm.ncm_group:
        name: group-002
        product: E300
    - name: not an ncm task
      ansible.builtin.debug:
        msg: ignored
"""


def callback_env(tmp_path, **extra):
    env = {"ANSIBLE_CALLBACKS_ENABLED": "cradlepoint.ncm.plan", "NCM_PLAN_JSON": str(tmp_path / "plan.json")}
    env.update(extra)
    return env


def test_check_mode_plan_and_json(sim, tmp_path):
    run = run_playbook(sim, PLAYBOOK, check=True, env=callback_env(tmp_path))
    assert run.rc == 0, run.stdout + run.stderr
    assert run.writes == 0
    out = run.stdout
    assert "NCM PLAN (check mode, nothing was changed)" in out
    assert "Plan: 3 to add, 2 to change, 1 to destroy. (1 unchanged)" in out
    for line in ("  + group plan-a", "  + group plan-b", "  + group plan-c", "  ~ group group-002 (id 2)",
                 "  ~ group group-001-renamed (id 1)", "  - group group-003 (id 3)"):
        assert line in out.splitlines(), out
    data = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert data["check_mode"] is True
    assert data["drift"] is True
    assert data["summary"] == {"add": 3, "change": 2, "destroy": 1, "unchanged": 1, "failed": 0, "actions": {}}
    assert {c["task"] for c in data["changes"]} == {"create groups", "change a group", "rename a group",
                                                    "delete a group"}
    assert all(c["host"] == "localhost" and c["module"] == "cradlepoint.ncm.ncm_group" for c in data["changes"])
    for key in ("sim-cp-key", "sim-ecm-key"):
        assert key not in out and key not in (tmp_path / "plan.json").read_text(encoding="utf-8")


def test_real_run_then_no_changes(sim, tmp_path):
    run = run_playbook(sim, PLAYBOOK, env=callback_env(tmp_path))
    assert run.rc == 0, run.stdout + run.stderr
    assert "NCM PLAN (applied)" in run.stdout
    assert "Plan: 3 to add, 2 to change, 1 to destroy." in run.stdout
    applied = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert applied["check_mode"] is False
    assert {c["id"] for c in applied["changes"] if c["plan"] == "create"} and None not in {
        c["id"] for c in applied["changes"] if c["plan"] == "create"}

    second = run_playbook(sim, PLAYBOOK, check=True, env=callback_env(tmp_path))
    assert second.rc == 0, second.stdout + second.stderr
    assert "No changes. NCM matches the configuration." in second.stdout
    data = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert data["drift"] is False
    # group-003 is gone: its absent task plans "none" like the others
    assert data["summary"]["unchanged"] == 7


def test_not_enabled_prints_nothing(sim, tmp_path):
    run = run_playbook(sim, PLAYBOOK, check=True, env={"NCM_PLAN_JSON": str(tmp_path / "plan.json")})
    assert run.rc == 0, run.stdout + run.stderr
    assert "NCM PLAN" not in run.stdout
    assert not (tmp_path / "plan.json").exists()


def test_failed_task_is_listed(sim, tmp_path):
    playbook = """
- name: Failing
  hosts: localhost
  gather_facts: false
  tasks:
    - name: a group without product cannot be created
      cradlepoint.ncm.ncm_group:
        name: nowhere
      ignore_errors: true
"""
    run = run_playbook(sim, playbook, env=callback_env(tmp_path, NCM_PLAN_SHOW_UNCHANGED="true"))
    assert run.rc == 0, run.stdout + run.stderr
    assert "  x group nowhere: FAILED: group does not exist yet" in run.stdout
    assert "(1 failed)" in run.stdout
