"""Creates whose outcome is unknown (issue 14 item 4, issue 18 item 1), through ansible-playbook and the simulator.

A POST answered 502/504/524, timed out or cut off may or may not have been applied. The module must read back fresh
(no cached list), POST again only if the record is absent, and never create twice.
"""

import pytest

from lifecycle import run_task

GROUP = {"cradlepoint.ncm.ncm_group": {"name": "fault-grp", "product": "IBR900", "target_firmware": "7.24.30"}}
DEST_URL = "https://ambiguous.example.com/ncm"
DEST = {"cradlepoint.ncm.ncm_push_destination": {
    "name": "ambiguous-hook", "url": DEST_URL, "secret": "Ambiguous-Secret-5521"}}


def posts(run):
    return [c["status"] for c in run.calls["log"] if c["method"] == "POST"]


def post_faults(*kinds):
    return [{"kind": kind, "method": "POST", "times": 1} for kind in kinds]


@pytest.mark.parametrize("kinds, statuses", [
    (["502", "502"], [502, 502, 201]),  # not applied twice: the third POST creates it
    (["drop", "524"], [0, 524]),  # cut off (not applied), then applied and answered 524: found by the re-read
    (["408", "applied_502", "504"], [408, 502]),
])
def test_group_post_that_fails_twice_is_created_once(sim, kinds, statuses):
    sim.set_faults(script=post_faults(*kinds))
    result, run = run_task(sim, GROUP)
    assert result["changed"] and result["plan"] == "create"
    assert result["group"]["name"] == "fault-grp"
    assert posts(run) == statuses
    sim.set_faults(rate=0)
    assert [g["name"] for g in sim.state()["groups"]].count("fault-grp") == 1


def test_push_destination_applied_then_502_is_read_back_fresh(sim):
    sim.set_faults(script=post_faults("applied_502"))
    result, run = run_task(sim, DEST)
    assert result["changed"] and result["plan"] == "create"
    assert result["push_destination"]["endpoint"]["url"] == DEST_URL
    assert posts(run) == [502]  # applied once; found by the fresh re-read, not posted again
    sim.set_faults(rate=0)
    urls = [d["endpoint"]["url"] for d in sim.state()["alert_push_destinations"]]
    assert urls.count(DEST_URL) == 1


def test_applied_502_does_not_turn_a_refused_write_into_a_502(sim):
    run_task(sim, DEST)
    sim.set_faults(script=post_faults("applied_502"))
    resp = sim.api("POST", "alert_push_destinations/", json={
        "name": "again", "endpoint": {"url": DEST_URL}, "authentication": {"secret": "x"}})
    assert resp.status_code == 400 and "endpoint" in resp.json()["errors"][0]
