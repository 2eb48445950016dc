"""A fleet under throttling (issue 18 item 2): every router host of the inventory, against a tiny request budget.

The simulator allows the account 2 requests per second (a token bucket, 429 with Retry-After beyond it). A play
over every router host that the cradlepoint.ncm.ncm inventory lists (``hosts: all``, ``connection: local``,
10 forks) runs ncm_router and ncm_config on each router, offering far more than 4 requests per second. The
inventory source and every task must back off and wait (Retry-After plus jitter, bounded by retry_time_budget,
not by max_retries): 0 failed hosts, and afterwards every value is set. The 429s served and the wall time are
printed (figures in docs/proof.md), not asserted. With 429 bounded by max_retries (5, as before) the same play
fails: some requests meet six 429s in a row.
"""

import json
import pathlib
import tempfile
import time

from harness import run_playbook

ROUTERS = 20
RATE = 2
PLAY = [{
    "hosts": "all",
    "connection": "local",
    "gather_facts": False,
    "tasks": [
        {"name": "router fields", "cradlepoint.ncm.ncm_router": {
            "router": "{{ ncm_id }}", "description": "fleet router {{ ncm_id }}", "custom1": "throttled"}},
        {"name": "router config", "cradlepoint.ncm.ncm_config": {
            "router": "{{ ncm_id }}", "config": {"system": {"system_id": "fleet-{{ ncm_id }}"}}}},
    ],
}]


def test_fleet_play_under_a_budget_far_below_the_load_sets_every_value(sim):
    sim.reset(seed_size=ROUTERS)
    sim.configure(rate_limit_rps=RATE, rate_limit_burst=RATE)
    with tempfile.TemporaryDirectory(prefix="ncm-fleet-") as tmp:
        inventory = pathlib.Path(tmp) / "fleet.ncm.yml"
        inventory.write_text("plugin: cradlepoint.ncm.ncm\n", encoding="utf-8")
        started = time.monotonic()
        run = run_playbook(sim, json.dumps(PLAY), inventory=str(inventory), env={"ANSIBLE_FORKS": "10"}, timeout=1200)
        wall = time.monotonic() - started
    calls = run.calls
    retries = sum((t["result"].get("api_calls") or {}).get("retries", 0) for t in run.tasks)
    print("\nthrottled fleet: %d routers x 2 tasks, 10 forks, budget %d requests/s: wall %.0f s, %d API calls, "
          "%d answered 429 by the budget, %d client retries, rc=%d"
          % (ROUTERS, RATE, wall, calls["total"], calls["throttled"], retries, run.rc))
    failed = ["%s: %s" % (t["name"], t["result"].get("msg")) for t in run.tasks if t["failed"]]
    assert not failed, "\n".join(failed)
    assert run.rc == 0, run.stdout[-3000:] + run.stderr[-3000:]
    for name in ("router fields", "router config"):
        assert len([t for t in run.tasks if t["name"] == name and t["status"] == "ok"]) == ROUTERS
    assert calls["throttled"] > 0, "the budget never throttled: the test offered too little load"
    sim.configure(rate_limit_rps=0)
    state = sim.state()
    for router in state["routers"]:
        assert router["description"] == "fleet router %s" % router["id"] and router["custom1"] == "throttled"
    managers = {cm["router"].rstrip("/").rsplit("/", 1)[-1]: cm for cm in state["configuration_managers"]}
    for rid, manager in managers.items():
        assert manager["configuration"][0]["system"]["system_id"] == "fleet-%s" % rid
    assert len(managers) == ROUTERS


def test_one_state_document_for_the_fleet_under_the_same_budget(sim):
    """The same change as one ncm_state document: 4 workers within one stage must back off, not fail."""
    sim.reset(seed_size=ROUTERS)
    sim.configure(rate_limit_rps=RATE, rate_limit_burst=RATE)
    document = {"routers": [{"router": str(rid), "description": "state router %d" % rid, "custom1": "throttled",
                             "config": {"system": {"system_id": "state-%d" % rid}}} for rid in range(1, ROUTERS + 1)],
                "workers": 4}
    started = time.monotonic()
    run = run_playbook(sim, json.dumps([{"hosts": "localhost", "connection": "local", "gather_facts": False,
                                         "tasks": [{"name": "fleet", "cradlepoint.ncm.ncm_state": document}]}]),
                       timeout=1200)
    wall = time.monotonic() - started
    result = run.task("fleet")["result"]
    calls = run.calls
    print("\nthrottled ncm_state: %d routers (fields and config), 4 workers, budget %d requests/s: wall %.0f s, "
          "%d API calls, %d answered 429 by the budget, %d client retries"
          % (ROUTERS, RATE, wall, calls["total"], calls["throttled"], (result.get("api_calls") or {}).get("retries", 0)))
    assert not run.task("fleet")["failed"], result.get("msg")
    assert result["summary"] == {"to_add": 0, "to_change": 2 * ROUTERS, "to_destroy": 0}
    assert calls["throttled"] > 0, "the budget never throttled: the test offered too little load"
    sim.configure(rate_limit_rps=0)
    state = sim.state()
    for router in state["routers"]:
        assert router["description"] == "state router %s" % router["id"] and router["custom1"] == "throttled"
    for manager in state["configuration_managers"]:
        rid = manager["router"].rstrip("/").rsplit("/", 1)[-1]
        assert manager["configuration"][0]["system"]["system_id"] == "state-%s" % rid
