"""Secrets that only NCM's "*" reveals (issue 17): keys the collection does not list (wep_key, wepkey, auth_key).

Router 2's configuration holds such secrets before the run (the simulator masks them as "*", as NCM does). At
-vvvv with --diff and a log file, ncm_config and ncm_config_info run over them; the scan covers stdout, stderr,
the log and every task result. Also proven: with update_secrets=on_create a run that gives them is no change and
sends nothing (it used to resend them every run); with always they are sent (and stored), masked in diff, config
and change; a removal (a PUT of the whole config) fails naming their paths and writes nothing, so "*" is never
written over them.
"""

import json

from proof.common import play, run_counted

WEP = "PROOF-WEP-KEY-c41q"
WEPKEY = "PROOF-WEPKEY-v93n"
AUTH_KEY = "PROOF-AUTH-KEY-j27p"
WEP_NEW = "PROOF-WEP-ROTATED-x55d"
SECRETS = (WEP, WEPKEY, AUTH_KEY, WEP_NEW)
M = "cradlepoint.ncm."
CM = "1002"  # router 2's configuration manager


def _bss(**fields):
    return {"wlan": {"radio": {"0": {"bss": {"0": fields}}}}}


def _stored(sim):
    cm = [c for c in sim.state()["configuration_managers"] if str(c["id"]) == CM][0]
    return cm["configuration"][0]["wlan"]["radio"]["0"]["bss"]["0"]


def test_secrets_only_ncm_masks_never_leak_and_are_never_overwritten(sim, tmp_path):
    resp = sim.api("PUT", "configuration_managers/%s/" % CM,
                   json={"configuration": [_bss(ssid="proof", wep_key=WEP, wepkey=WEPKEY, auth_key=AUTH_KEY), []]})
    assert resp.status_code in (200, 202), resp.text
    assert "*" in json.dumps(sim.api("GET", "configuration_managers/%s/" % CM).json()["configuration"])
    given = _bss(wep_key=WEP, wepkey=WEPKEY, auth_key=AUTH_KEY)
    tasks = [
        ("same secrets, on_create", M + "ncm_config", {"router": "2", "config": given}),
        ("removal would write star", M + "ncm_config", {"router": "2", "removals": [["vlan", 1, "ports", 3]]}),
        ("absent would write star", M + "ncm_config",
         {"router": "2", "state": "absent", "config": {"wlan": {"radio": {"0": {"bss": {"0": {"ssid": None}}}}}}}),
        ("removal with the secrets given resends them", M + "ncm_config",
         {"router": "2", "config": given, "removals": [["vlan", 1, "ports", 3]]}),
        ("rotate with always", M + "ncm_config", {"router": "2", "config": _bss(wep_key=WEP_NEW),
                                                  "update_secrets": "always"}),
        ("info", M + "ncm_config_info", {"router": "2", "include": ["target", "actual", "pending"]}),
    ]
    book = [{"name": name, module: args, "register": "r%d" % i, "ignore_errors": True}
            for i, (name, module, args) in enumerate(tasks)]
    book.append({"name": "dump", "ansible.builtin.debug": {"msg": "{{ [r0, r1, r2, r3, r4, r5] }}"}})
    log = tmp_path / "ansible.log"
    run = run_counted(sim, play(book), diff=True, verbosity=4, env={"ANSIBLE_LOG_PATH": str(log)})
    assert run.rc == 0, run.stdout[-3000:]

    same = run.task("same secrets, on_create")
    assert not same["failed"] and not same["changed"], same["result"].get("msg")
    assert run.sim_counts("same secrets, on_create")["writes"] == 0

    for name, paths in (("removal would write star", ("wep_key", "wepkey", "auth_key")),
                        ("absent would write star", ("wep_key", "wepkey", "auth_key"))):
        record = run.task(name)
        assert record["failed"], name
        for path in paths:
            assert "wlan.radio.0.bss.0.%s" % path in record["result"]["msg"], record["result"]["msg"]
        assert run.sim_counts(name)["writes"] == 0

    resend = run.task("removal with the secrets given resends them")
    assert not resend["failed"] and resend["result"]["change"]["method"] == "PUT", resend["result"].get("msg")
    assert run.sim_counts("removal with the secrets given resends them")["writes"] == 1

    rotate = run.task("rotate with always")
    assert not rotate["failed"] and rotate["changed"], rotate["result"].get("msg")
    bss = rotate["result"]["config"]["config"]["wlan"]["radio"]["0"]["bss"]["0"]
    assert bss["wep_key"] == bss["auth_key"] == bss["wepkey"] == "********"
    assert _stored(sim) == {"ssid": "proof", "wep_key": WEP_NEW, "wepkey": WEPKEY, "auth_key": AUTH_KEY}

    info = run.task("info")["result"]
    assert info["config"]["config"]["wlan"]["radio"]["0"]["bss"]["0"]["auth_key"] == "********"

    texts = {"stdout": run.stdout, "stderr": run.stderr, "log": log.read_text(encoding="utf-8"),
             "results": json.dumps(run.tasks)}
    leaks = [(value, where) for where, text in texts.items() for value in SECRETS if value in text]
    assert not leaks, "secret values found: %s" % sorted(set(leaks))
    assert "wep_key" in run.stdout  # the -vvvv output did show the config (masked): the scan looked at the right place
