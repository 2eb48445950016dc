"""The simulator's timeouts (408, 504, 524 faults and slow list pages) and its per-account request budget (429)."""

import time

import pytest


def test_timeout_faults_on_reads(sim):
    sim.set_faults(rate=1.0, kinds=["408"])
    resp = sim.api("GET", "routers/")
    assert resp.status_code == 408 and resp.content == b""
    for code in (504, 524):
        sim.set_faults(rate=1.0, kinds=[str(code)])
        resp = sim.api("GET", "routers/")
        assert resp.status_code == code
        assert resp.headers["Content-Type"] == "text/html" and b"<html>" in resp.content
    sim.set_faults(rate=0)
    calls = sim.calls()
    assert calls["faults"] == 3 and calls["faults_by_kind"] == {"408": 1, "504": 1, "524": 1}


def test_gateway_timeouts_on_writes_are_applied_408_is_not(sim):
    sim.set_faults(rate=1.0, kinds=["524"])
    assert sim.api("PUT", "routers/1/", json={"name": "after-524"}).status_code == 524
    sim.set_faults(rate=1.0, kinds=["408"])
    assert sim.api("PUT", "routers/2/", json={"name": "after-408"}).status_code == 408
    sim.set_faults(rate=0)
    assert sim.api("GET", "routers/1/").json()["name"] == "after-524"
    assert sim.api("GET", "routers/2/").json()["name"] != "after-408"


def test_slow_pages_time_out_above_the_configured_limit(sim):
    sim.reset(seed_size=120)
    sim.configure(slow_page_limit=50)
    assert sim.api("GET", "routers/?limit=500").status_code == 504
    assert sim.api("GET", "routers/?limit=51").status_code == 504
    assert len(sim.api("GET", "routers/?limit=50").json()["data"]) == 50
    assert len(sim.api("GET", "routers/").json()["data"]) == 20  # the default page size is small enough
    assert sim.api("GET", "routers/1/").status_code == 200  # single records are never slow
    sim.configure(slow_page_status=524)
    assert sim.api("GET", "routers/?limit=100").status_code == 524
    sim.reset()
    assert sim.api("GET", "routers/?limit=500").status_code == 200


@pytest.mark.parametrize("bad", [{"slow_page_status": 500}, {"rate_limit_rps": -1}])
def test_bad_limits_are_refused(sim, bad):
    resp = sim.session.post(sim.root + "/_sim/config", json=bad, timeout=10)
    assert resp.status_code == 400


def test_rate_limit_answers_429_with_retry_after_beyond_the_budget(sim):
    sim.configure(rate_limit_rps=2, rate_limit_burst=2)
    statuses = [sim.api("GET", "products/").status_code for _attempt in range(3)]
    assert statuses == [200, 200, 429]
    resp = sim.api("GET", "products/")
    assert resp.status_code == 429 and resp.headers["Retry-After"] == "1"
    assert resp.json()["exception"]["message"] == "too many requests"
    time.sleep(1.0)
    assert sim.api("GET", "products/").status_code == 200
    calls = sim.calls()
    assert calls["throttled"] == 2 and calls["by_status"]["429"] == 2 and calls["faults"] == 0
    sim.reset()
    assert all(sim.api("GET", "products/").status_code == 200 for _attempt in range(6))


def test_rate_limit_is_per_account_for_both_key_pairs(sim):
    sim.configure(rate_limit_rps=1, rate_limit_burst=1)
    assert sim.api("GET", "products/").status_code == 200
    assert sim.api("GET", "products/", read_only=True).status_code == 429
