"""Secrets: no API key, push-destination secret or config password appears in any output.

Every module (and the inventory plugin) runs at -vvvv with distinctive secret values. Captured and searched:
ansible's stdout and stderr, the ansible log file (ANSIBLE_LOG_PATH), every task result as the callback received
it (registered results, diffs, failure messages), a debug dump of the registered results, the JSON file of the
collection's ``plan`` callback (enabled for the module runs, with its summary on stdout) and the inventory's
jsonfile cache files. The simulator accepts only its own keys, so the real keys (``sim-cp-key``,
``sim-ecm-key``) must not appear, and a second run with wrong, distinctive keys (401) must not show those.
"""

import json
import pathlib

from harness import KEYS, run_inventory, unwrap
from proof.common import play, run_counted

PUSH_SECRET = "PROOF-PUSH-SECRET-q81x"
PUSH_SECRET_2 = "PROOF-PUSH-ROTATED-k29w"
CFG_PSK = "PROOF-WLAN-PSK-h62d"
CFG_PASSWORD = "PROOF-ADMIN-PASSWORD-u37c"
GROUP_PASSWORD = "PROOF-GROUP-PASSWORD-m54t"
FAIL_SECRET = "PROOF-FAILING-PASSWORD-z18b"
DUP_SECRET = "PROOF-DUP-SECRET-r07j"
STATE_PUSH_SECRET = "PROOF-STATE-PUSH-SECRET-w44e"
STATE_PASSWORD = "PROOF-STATE-PASSWORD-c90n"
STATE_PSK = "PROOF-STATE-PSK-j15s"
REAL_KEYS = ("sim-cp-key", "sim-ecm-key")
WRONG_CP_KEY = "PROOF-WRONG-CP-KEY-7731"
WRONG_ECM_KEY = "PROOF-WRONG-ECM-KEY-5529"
SECRETS = (PUSH_SECRET, PUSH_SECRET_2, CFG_PSK, CFG_PASSWORD, GROUP_PASSWORD, FAIL_SECRET, DUP_SECRET,
           STATE_PUSH_SECRET, STATE_PASSWORD, STATE_PSK) + REAL_KEYS
WRONG = (WRONG_CP_KEY, WRONG_ECM_KEY)

AUTH_VARS = {"ncm_cp_id": KEYS["X_CP_API_ID"], "ncm_cp_key": KEYS["X_CP_API_KEY"],
             "ncm_ecm_id": KEYS["X_ECM_API_ID"], "ncm_ecm_key": KEYS["X_ECM_API_KEY"]}
AUTH = {"cp_api_id": "{{ ncm_cp_id }}", "cp_api_key": "{{ ncm_cp_key }}",
        "ecm_api_id": "{{ ncm_ecm_id }}", "ecm_api_key": "{{ ncm_ecm_key }}"}
M = "cradlepoint.ncm."


def _wlan(psk):
    return {"wlan": {"radio": {"0": {"bss": {"0": {"ssid": "proof-wifi", "wpapsk": psk}}}}}}


def every_module_tasks():
    """One task (or a few) per module; each registers its result. Failing tasks are ignored."""
    tasks = [
        ("push create", M + "ncm_push_destination",
         {"name": "proof-hook", "url": "https://proof.example.com/hook", "secret": PUSH_SECRET, "test": True}),
        ("push rotate", M + "ncm_push_destination",
         {"name": "proof-hook", "secret": PUSH_SECRET_2, "update_secret": "always"}),
        ("push duplicate url fails", M + "ncm_push_destination",
         {"name": "proof-dup", "url": "https://proof.example.com/hook", "secret": DUP_SECRET}),
        ("push info", M + "ncm_push_destination_info", {"name": "proof-hook"}),
        ("config router", M + "ncm_config",
         {"router": "1", "config": dict(_wlan(CFG_PSK), system={"users": {"0": {"username": "admin",
                                                                                "password": CFG_PASSWORD}}})}),
        ("config router always", M + "ncm_config",
         {"router": "1", "config": _wlan(CFG_PSK), "update_secrets": "always"}),
        ("config router replace", M + "ncm_config",
         {"router": "1", "mode": "replace", "removals": [["vlan", 1, "ports", 3]],
          "config": dict(_wlan(CFG_PSK), system={"users": {"0": {"username": "admin", "password": CFG_PASSWORD}}})}),
        ("config group", M + "ncm_config",
         {"group": "group-002", "config": {"system": {"users": {"0": {"password": GROUP_PASSWORD}}}}}),
        ("config invalid path with a secret fails", M + "ncm_config",
         {"router": "2", "config": {"foo": {"password": FAIL_SECRET}}}),
        ("config bad option with a secret fails", M + "ncm_config",
         {"router": "2", "config": {"system": {"password": FAIL_SECRET}}, "wait_timeout": "soon"}),
        ("config wait on a rejected secret fails", M + "ncm_config",
         {"router": "3", "config": {"system": {"passphrase": FAIL_SECRET, "x": "REJECT_ME"}}, "wait": True,
          "wait_timeout": 10, "poll_interval": 0.2}),
        ("config info router", M + "ncm_config_info", {"router": "1", "include": ["target", "actual", "pending"]}),
        ("config info group", M + "ncm_config_info", {"group": "group-002"}),
        ("group", M + "ncm_group", {"name": "proof-group", "product": "IBR900", "target_firmware": "7.24.30"}),
        ("group info", M + "ncm_group_info", {"group": ["proof-group"]}),
        ("router", M + "ncm_router", {"router": "1", "description": "proof"}),
        ("router info", M + "ncm_router_info", {"router": ["1"], "locations": True, "wan_interfaces": True}),
        ("alert rule", M + "ncm_alert_rule",
         {"alert_types": ["config_rejected"], "groups": ["group-001"], "http_destinations": ["proof-hook"]}),
        ("alert rule info", M + "ncm_alert_rule_info", {}),
        ("location", M + "ncm_location", {"router": "3", "latitude": 45.0, "longitude": -100.0}),
        ("reboot", M + "ncm_reboot", {"router": "2"}),
        ("info push destinations", M + "ncm_info", {"endpoint": "alert_push_destinations"}),
        ("info configuration managers", M + "ncm_info", {"endpoint": "configuration_managers", "filters": {"router": 1}}),
        ("state", M + "ncm_state", {
            "push_destinations": [{"name": "proof-state-hook", "url": "https://proof.example.com/state",
                                   "secret": STATE_PUSH_SECRET}],
            "groups": [{"name": "group-003", "config": {"system": {"users": {"0": {"password": STATE_PASSWORD}}}}}],
            "routers": [{"router": "2", "config": _wlan(STATE_PSK)}]}),
        ("state again", M + "ncm_state", {
            "groups": [{"name": "group-003", "config": {"system": {"users": {"0": {"password": STATE_PASSWORD}}}}}],
            "routers": [{"router": "2", "config": _wlan(STATE_PSK)}]}),
        ("state with a secret fails", M + "ncm_state", {"routers": [{"router": "2", "config": {"foo": {"password": FAIL_SECRET}}}]}),
        ("state info", M + "ncm_state_info", {"include_configs": True}),
    ]
    out = []
    for index, (name, module, args) in enumerate(tasks):
        out.append({"name": name, module: args, "register": "r%d" % index, "ignore_errors": True})
    out.append({"name": "dump every registered result", "ansible.builtin.debug": {
        "msg": "{{ [%s] }}" % ", ".join("r%d" % i for i in range(len(tasks)))}})
    return out, [t[0] for t in tasks]


def _scan(texts, values):
    """[(value, where)] for every value found in any of the named texts."""
    return [(value, where) for where, text in texts.items() for value in values if value in text]


def _json_of(out):
    """The JSON document of ansible-inventory --list output (-vvvv prints a header before it)."""
    start = 0 if out.startswith("{") else out.index("\n{") + 1
    return unwrap(json.loads(out[start:]))


def _plan_env(tmp_path, log):
    """Environment enabling the plan callback (its JSON file in tmp_path) and the ansible log file."""
    return {"ANSIBLE_LOG_PATH": str(log), "ANSIBLE_CALLBACKS_ENABLED": "cradlepoint.ncm.plan",
            "NCM_PLAN_JSON": str(tmp_path / "plan.json")}


def _plan_json(tmp_path):
    path = tmp_path / "plan.json"
    assert path.exists(), "the plan callback wrote no JSON file: was it enabled?"
    text = path.read_text(encoding="utf-8")
    return text, json.loads(text)


def _files(directory):
    return {str(p): p.read_text(encoding="utf-8", errors="replace") for p in pathlib.Path(directory).rglob("*")
            if p.is_file()}


def test_modules_leak_nothing(sim, tmp_path):
    tasks, names = every_module_tasks()
    log = tmp_path / "ansible.log"
    run = run_counted(sim, play(tasks, module_defaults=AUTH, vars_=AUTH_VARS), diff=True, verbosity=4, keys={},
                      env=_plan_env(tmp_path, log))
    assert run.rc == 0, run.stdout[-3000:]
    plan_text, plan = _plan_json(tmp_path)
    # the plan saw the secret-carrying tasks (so the scan of its file and summary means something)
    planned = {(c["resource"], c["identifier"]) for c in plan["changes"]}
    assert {"push_destination", "config", "group"} <= {resource for resource, _label in planned}, planned
    assert ("config", "router=router-00001") in planned, planned
    assert plan["failed"] and "NCM PLAN SUMMARY" in run.stdout
    records = {rec["name"]: rec for rec in run.tasks}
    # the tasks did what they should (so the secrets really went through the code paths)
    for name in names:
        rec = records[name]
        assert rec["failed"] == name.endswith("fails"), (name, rec["result"].get("msg"))
    assert records["push create"]["changed"] and records["config router replace"]["result"]["change"]["method"] == "PUT"
    assert records["config invalid path with a secret fails"]["result"]["msg"]
    state = sim.state()
    assert [d for d in state["alert_push_destinations"] if d["name"] == "proof-hook"][0]["authentication"]["secret"] \
        == PUSH_SECRET_2
    texts = {"stdout": run.stdout, "stderr": run.stderr, "log": log.read_text(encoding="utf-8"),
             "results": json.dumps(run.tasks), "plan json": plan_text}
    leaks = _scan(texts, SECRETS)
    assert not leaks, "secret values found: %s" % sorted(set(leaks))
    # the -vvvv output did show the module arguments (masked), so the scan looked at the right place
    assert "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" in run.stdout or "********" in run.stdout


def test_wrong_keys_leak_nothing(sim, tmp_path):
    tasks, _names = every_module_tasks()
    wrong_vars = dict(AUTH_VARS, ncm_cp_key=WRONG_CP_KEY, ncm_ecm_key=WRONG_ECM_KEY)
    run = run_counted(sim, play(tasks, module_defaults=AUTH, vars_=wrong_vars), diff=True, verbosity=4, keys={},
                      env=_plan_env(tmp_path, tmp_path / "ansible.log"))
    assert run.writes == 0
    failures = [rec for rec in run.tasks if rec["failed"]]
    assert len(failures) >= 20
    api_failures = [rec for rec in failures if "401" in rec["result"].get("msg", "")]
    assert len(api_failures) >= 15, [rec["result"].get("msg") for rec in failures]
    for rec in api_failures:
        assert "cp_api_key" in rec["result"]["msg"] or "keys" in rec["result"]["msg"]
    plan_text, plan = _plan_json(tmp_path)
    assert len(plan["failed"]) >= 15  # the 401 failures are in the plan, with their messages
    texts = {"stdout": run.stdout, "stderr": run.stderr, "results": json.dumps(run.tasks),
             "log": (tmp_path / "ansible.log").read_text(encoding="utf-8"), "plan json": plan_text}
    leaks = _scan(texts, WRONG + SECRETS)
    assert not leaks, "secret values found: %s" % sorted(set(leaks))


INVENTORY = """
plugin: cradlepoint.ncm.ncm
cp_api_id: sim-cp-id
cp_api_key: {cp_key}
ecm_api_id: sim-ecm-id
ecm_api_key: {ecm_key}
locations: true
wan_interfaces: true
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: {cache}
cache_timeout: 3600
"""


def test_inventory_leaks_nothing(sim, tmp_path):
    cache = tmp_path / "cache"
    log = tmp_path / "ansible.log"
    env = {"ANSIBLE_LOG_PATH": str(log), "ANSIBLE_INVENTORY_UNPARSED_FAILED": "true"}
    text = INVENTORY.format(cp_key="sim-cp-key", ecm_key="sim-ecm-key", cache=cache)
    rc, out, err, _calls = run_inventory(sim, text, "--list", "-vvvv", keys={}, env=env)
    assert rc == 0, err[-3000:]
    assert len(_json_of(out)["_meta"]["hostvars"]) == 10
    files = _files(cache)
    assert files, "no cache file written"
    # from the cache (no API call) the same
    rc2, out2, err2, calls2 = run_inventory(sim, text, "--list", "-vvvv", keys={}, env=env)
    assert rc2 == 0 and calls2["total"] == 0 and _json_of(out2) == _json_of(out)
    texts = {"stdout": out + out2, "stderr": err + err2, "log": log.read_text(encoding="utf-8")}
    texts.update(_files(cache))
    leaks = _scan(texts, REAL_KEYS)
    assert not leaks, "keys found: %s" % sorted(set(leaks))

    wrong = INVENTORY.format(cp_key=WRONG_CP_KEY, ecm_key=WRONG_ECM_KEY, cache=tmp_path / "cache2")
    rc3, out3, err3, calls3 = run_inventory(sim, wrong, "--list", "-vvvv", keys={}, env=env)
    assert rc3 != 0 and "401" in err3, err3[-2000:]
    assert calls3["writes"] == 0
    texts = {"stdout": out3, "stderr": err3, "log": log.read_text(encoding="utf-8")}
    texts.update(_files(tmp_path / "cache2") if (tmp_path / "cache2").exists() else {})
    leaks = _scan(texts, WRONG + REAL_KEYS)
    assert not leaks, "keys found: %s" % sorted(set(leaks))
