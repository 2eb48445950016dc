"""The shared client and engine against the simulator: cost targets and convergence under faults."""

from ansible_collections.cradlepoint.ncm.plugins.module_utils.client import NcmClient
from ansible_collections.cradlepoint.ncm.plugins.module_utils.connection import KEY_OPTIONS
from harness import KEYS
from lifecycle import run_task


def client_for(sim, **kwargs):
    settings = {option: KEYS[env] for option, (_header, env) in KEY_OPTIONS.items()}
    settings.update(base_url=sim.url, **kwargs)
    client = NcmClient.from_settings(settings)
    client.session.adapters["http://"].max_retries.backoff_factor = 0.01
    return client


def test_listing_10000_routers_costs_20_calls(sim):
    sim.reset(seed_size=10000)
    sim.reset_calls()
    routers = client_for(sim).list("routers", fields=["id", "name"])
    assert len(routers) == 10000
    assert len({r["id"] for r in routers}) == 10000
    calls = sim.calls()
    assert calls["total"] == 20
    assert calls["redirects"] == 0


def test_parallel_listing_is_identical_and_overfetches_at_most_workers_minus_one(sim):
    sim.reset(seed_size=10000)
    client = client_for(sim)
    sequential = client.list("routers", fields=["id"])
    sim.reset_calls()
    assert client.list_parallel("routers", fields=["id"], workers=4) == sequential
    assert 20 <= sim.calls()["total"] <= 20 + 3


def test_meta_next_on_another_host_is_followed_on_the_configured_host(sim):
    """A proxy may answer meta.next with its own host name: the client keeps to base_url (and never sends the keys
    to another host). The simulator names a host that does not resolve, so following it would fail."""
    sim.reset(seed_size=1200)
    sim.configure(next_host="https://ncm-proxy.invalid:8443")
    assert sim.api("GET", "routers/?limit=500").json()["meta"]["next"].startswith("https://ncm-proxy.invalid:8443/")
    sim.reset_calls()
    routers = client_for(sim, max_retries=0).list("routers", fields=["id"])
    assert [int(r["id"]) for r in routers] == list(range(1, 1201))
    calls = sim.calls()
    assert calls["total"] == 3 and calls["redirects"] == 0
    assert [c["query"] for c in calls["log"]] == ["limit=500&fields=id", "fields=id&limit=500&offset=500",
                                                  "fields=id&limit=500&offset=1000"]


def test_list_is_complete_under_faults(sim):
    sim.reset(seed_size=3000)
    sim.set_faults(rate=0.2, kinds=["429", "500", "502", "503", "drop"], retry_after=0, seed=7)
    client = client_for(sim, max_retries=8)
    routers = client.list("routers", fields=["id"])
    assert sorted(int(r["id"]) for r in routers) == list(range(1, 3001))
    assert client.counter.retries >= 1
    assert sim.calls()["faults"] >= 1


def test_create_answered_502_after_being_applied_is_not_duplicated(sim):
    sim.set_faults(rate=1.0, kinds=["applied_502"])
    task = {"cradlepoint.ncm.ncm_group": {"name": "fault-grp", "product": "IBR900", "target_firmware": "7.24.30"}}
    result, _run = run_task(sim, task)
    assert result["changed"] and result["plan"] == "create"
    sim.set_faults(rate=0)
    groups = [g for g in sim.state()["groups"] if g["name"] == "fault-grp"]
    assert len(groups) == 1


def test_unchanged_group_costs_reads_only(sim):
    task = {"cradlepoint.ncm.ncm_group": {"name": "group-001", "product": "IBR900", "target_firmware": "7.24.30"}}
    result, run = run_task(sim, task)
    assert not result["changed"]
    assert run.writes == 0
    # groups do not document product/target_firmware as expandable: the group, then the product by name and the
    # firmware by version, one read each, and no expand
    assert result["api_calls"] == {"reads": 3, "writes": 0, "retries": 0, "total": 3}
    assert [call["path"] for call in run.calls["log"]] == ["/api/v2/groups/", "/api/v2/products/", "/api/v2/firmwares/"]
    assert not any("expand" in call["query"] for call in run.calls["log"])
    # the same product and firmware by the ids the group holds: nothing to look up
    task = {"cradlepoint.ncm.ncm_group": {"name": "group-001", "product": "1", "target_firmware": "3"}}
    result, run = run_task(sim, task)
    assert not result["changed"] and result["api_calls"] == {"reads": 1, "writes": 0, "retries": 0, "total": 1}
