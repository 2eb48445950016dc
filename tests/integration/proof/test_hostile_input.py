"""Hostile input (issue 17): refused before any call, and the same name means the same record in every module.

One playbook runs every REFUSED case (ignore_errors) and every SAME_MEANING case (check mode) against a simulator
prepared with the odd names of hostile_cases. The sim_task_writes callback gives each task's simulator counters:
a refused case must record no call at all (not only no write), and its message must name the option and the
value or the cause. Inventory cases run ansible-inventory once each.
"""

import json

import pytest

from harness import run_inventory, unwrap
from proof.common import id_of, play, run_counted
from proof.hostile_cases import (
    COMMA_GROUP,
    COMMA_ROUTER,
    DIGIT_ROUTER,
    INVENTORY_REFUSED,
    NONE_GROUP,
    ODD_GROUP,
    REFUSED,
    SAME_MEANING,
)

NCM = "cradlepoint.ncm."


def prepare(sim):
    """Groups with a comma, odd characters and the name None (holding router 1); routers named 777 and 'edge, west'."""
    ids = {}
    for key, name, product, firmware in (("@COMMA", COMMA_GROUP, "1", "3"), ("@ODD", ODD_GROUP, "2", "6"),
                                         ("@NONE", NONE_GROUP, "1", "3")):
        resp = sim.api("POST", "groups/", json={"name": name, "product": sim.url + "products/%s/" % product,
                                                "target_firmware": sim.url + "firmwares/%s/" % firmware})
        assert resp.status_code == 201, resp.text
        ids[key] = str(resp.json()["id"])
    for router, body in (("1", {"group": sim.url + "groups/%s/" % ids["@NONE"]}), ("4", {"name": DIGIT_ROUTER}),
                         ("5", {"name": COMMA_ROUTER})):
        resp = sim.api("PUT", "routers/%s/" % router, json=body)
        assert resp.status_code in (200, 202), resp.text
    return ids


def _args(args, sim):
    out = dict(args)
    for key, value in out.items():
        if value == "@ROOT":
            out[key] = sim.url.split("/api/v2/")[0] + "/"
    return out


@pytest.fixture(scope="module")
def hostile_run(sim_session):
    sim = sim_session
    sim.reset(seed_size=10)
    ids = prepare(sim)
    before = sim.state()
    tasks = [{"name": case_id, NCM + module: _args(args, sim), "ignore_errors": True}
             for case_id, module, args, _fragments in REFUSED]
    tasks += [{"name": case_id, NCM + module: args, "check_mode": True, "ignore_errors": True}
              for case_id, module, args, _check in SAME_MEANING]
    run = run_counted(sim, play(tasks), diff=True, timeout=2400)  # about 100 tasks; a loaded machine is slow
    return run, ids, before, sim.state()


def test_table_size():
    assert len(REFUSED) + len(INVENTORY_REFUSED) >= 40
    assert len({c[0] for c in REFUSED + SAME_MEANING}) == len(REFUSED) + len(SAME_MEANING)
    assert len({c[1] for c in REFUSED}) >= 12


@pytest.mark.parametrize("case", REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_before_any_call(hostile_run, case):
    run = hostile_run[0]
    case_id, _module, _args, fragments = case
    record = run.task(case_id)
    msg = record["result"].get("msg", "")
    assert record["failed"], "%s did not fail: %s" % (case_id, json.dumps(record["result"])[:1500])
    assert msg.startswith(fragments[0]) or ("%s:" % fragments[0]) in msg or fragments[0] in msg.split(":")[0], msg
    for fragment in fragments:
        assert fragment in msg, "%r not in the message %r" % (fragment, msg)
    counts = run.sim_counts(case_id)
    assert counts["total"] == 0, counts
    assert record["result"].get("changed") in (False, None)


def _dig(result, dotted):
    node = result
    for part in dotted.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


@pytest.mark.parametrize("case", SAME_MEANING, ids=[c[0] for c in SAME_MEANING])
def test_same_name_same_record_everywhere(hostile_run, case):
    run, ids, _before, _after = hostile_run
    case_id, _module, _args, check = case
    record = run.task(case_id)
    assert not record["failed"], "%s failed: %s" % (case_id, record["result"].get("msg"))
    if check[0] == "id":
        expected = ids.get(check[2], check[2])
        assert id_of(_dig(record["result"], check[1])) == expected
    assert run.sim_counts(case_id)["applied_writes"] == 0


def test_nothing_written_and_group_none_not_rebooted(hostile_run):
    run, _ids, before, after = hostile_run
    assert run.rc == 0, run.stdout[-2000:]
    changed = [name for name in before if name != "calls" and after.get(name) != before[name]]
    assert not changed, changed
    assert not [c for c in run.calls["log"] if c["method"] != "GET"]
    assert "reboot_activity" not in json.dumps(run.calls["log"])


@pytest.mark.parametrize("case", INVENTORY_REFUSED, ids=[c[0] for c in INVENTORY_REFUSED])
def test_inventory_refused_before_any_call(sim, case):
    _case_id, extra, fragments = case
    text = "plugin: cradlepoint.ncm.ncm\n" + extra.replace("@ROOT", sim.url.split("/api/v2/")[0] + "/")
    rc, out, err, calls = run_inventory(sim, text, env={"ANSIBLE_INVENTORY_UNPARSED_FAILED": "true"})
    assert rc != 0, out[-1000:]
    for fragment in fragments:
        assert fragment in err, "%r not in %r" % (fragment, err[-2000:])
    assert calls["total"] == 0, calls


def test_inventory_resolves_a_group_name_with_a_comma(sim):
    ids = prepare(sim)
    resp = sim.api("PUT", "routers/2/", json={"group": sim.url + "groups/%s/" % ids["@ODD"]})
    assert resp.status_code in (200, 202), resp.text
    for group, expected in ((COMMA_GROUP, set()), (ODD_GROUP, {"2"})):
        text = "plugin: cradlepoint.ncm.ncm\nfilters:\n  group: %s\n" % json.dumps(group)
        rc, out, err, _calls = run_inventory(sim, text, env={"ANSIBLE_INVENTORY_UNPARSED_FAILED": "true"})
        assert rc == 0, err[-2000:]
        hostvars = json.loads(out)["_meta"]["hostvars"]
        assert {str(unwrap(h)["ncm_id"]) for h in hostvars.values()} == expected
