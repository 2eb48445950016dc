"""Inventory under faults: ansible-inventory returns the complete, correct host list or fails loudly; never a part.

The simulator is seeded with 1,200 routers (3 router pages of 500, read in parallel, plus products, firmwares,
locations and net_devices pages) and fails 20 % of the requests with every fault kind. With the client's
default retries the inventory must come out complete; with ``max_retries: 1`` (so some faults do get through) each
run must either be complete and correct or exit non-zero (``ANSIBLE_INVENTORY_UNPARSED_FAILED=true``, the
setting the plugin's docs recommend for automation). Without that setting ansible-core turns a failed source
into a warning: then the output must be empty (no host at all) and the warning must name the cause.

Random faults decide by luck which path runs, so scripted faults pin it: with ``max_retries: 2`` two faults on the
same page are survived (the retries are counted: one extra call per fault) and three fail the source loudly.
"""

import json

import pytest

from harness import run_inventory, unwrap
from proof.common import FAULT_KINDS

SIZE = 1200
EXPECTED = ["router-%05d" % i for i in range(1, SIZE + 1)]
INVENTORY = """
plugin: cradlepoint.ncm.ncm
locations: true
wan_interfaces: true
max_retries: {retries}
"""
STRICT = {"ANSIBLE_INVENTORY_UNPARSED_FAILED": "true"}


def _check_complete(out):
    data = unwrap(json.loads(out))
    hostvars = data["_meta"]["hostvars"]
    assert sorted(hostvars) == EXPECTED, "partial or wrong host list: %d hosts" % len(hostvars)
    # a few values that need every enrichment page: location of router 5, WAN devices of the last router
    assert hostvars["router-00005"]["ncm_location"]["latitude"] == pytest.approx(40.005)
    assert len(hostvars["router-01200"]["ncm_net_devices"]) == 2
    assert hostvars["router-01199"]["ncm_product"] and hostvars["router-01199"]["ncm_target_firmware"]
    members = sum(len(group.get("hosts", [])) for name, group in data.items() if name.startswith("ncm_group_"))
    assert members == SIZE - SIZE // 10  # every router except the ungrouped tenth
    return data


def test_inventory_complete_with_retries(sim):
    sim.reset(seed_size=SIZE)
    rc, out, err, clean = run_inventory(sim, INVENTORY.format(retries=5), env=STRICT)
    assert rc == 0 and clean["faults"] == 0, err[-3000:]
    sim.set_faults(rate=0.2, kinds=FAULT_KINDS, retry_after=0, seed=11)
    rc, out, err, calls = run_inventory(sim, INVENTORY.format(retries=5), env=STRICT)
    print("\ninventory with retries: rc=%d calls=%d faults=%d" % (rc, calls["total"], calls["faults"]))
    assert rc == 0, err[-3000:]
    assert calls["faults"] > 0 and calls["crashes"] == 0
    # every injected fault cost exactly one retry: the calls of a clean run plus one per fault
    assert calls["total"] == clean["total"] + calls["faults"], (clean["by_endpoint"], calls["by_endpoint"])
    _check_complete(out)


def _page_faults(kinds):
    """Scripted faults, in this order, on the second page of routers (read with offset=500)."""
    return [{"kind": kind, "method": "GET", "endpoint": "routers", "query": "offset=500"} for kind in kinds]


def test_max_retries_faults_on_one_page_are_survived(sim):
    sim.reset(seed_size=SIZE)
    sim.set_faults(script=_page_faults(["503", "drop"]), retry_after=0)
    rc, out, err, calls = run_inventory(sim, INVENTORY.format(retries=2), env=STRICT)
    assert rc == 0, err[-3000:]
    assert calls["faults_by_kind"] == {"503": 1, "drop": 1}
    pages = [c for c in calls["log"] if c["path"].endswith("/routers/") and "offset=500" in c["query"]]
    assert [c.get("fault") for c in pages] == ["503", "drop", None]  # two retries of the same page
    _check_complete(out)


def test_max_retries_exceeded_fails_loudly(sim):
    """Certain to take the loud path: one fault more on the same page than max_retries allows."""
    sim.reset(seed_size=SIZE)
    sim.set_faults(script=_page_faults(["503", "500", "502"]), retry_after=0)
    rc, out, err, calls = run_inventory(sim, INVENTORY.format(retries=2), env=STRICT)
    assert rc != 0, "3 faults on one page with max_retries 2 must fail the source"
    assert calls["faults_by_kind"] == {"503": 1, "500": 1, "502": 1}
    assert "router-" not in out
    assert "502 server error" in err and "retries exhausted" in err and "/api/v2/routers/" in err, err[-2000:]
    # without the strict setting: no host at all, and a warning naming the cause
    sim.set_faults(script=_page_faults(["503", "500", "502"]))
    rc, out, err, _calls = run_inventory(sim, INVENTORY.format(retries=2))
    assert rc == 0 and not unwrap(json.loads(out))["_meta"]["hostvars"]
    assert "warning" in err.lower() and "502 server error" in err, err[-2000:]


@pytest.mark.parametrize("fault_seed", [1, 2, 3])
def test_inventory_complete_or_loud(sim, fault_seed):
    sim.reset(seed_size=SIZE)
    sim.set_faults(rate=0.2, kinds=FAULT_KINDS, retry_after=0, seed=fault_seed)
    rc, out, err, calls = run_inventory(sim, INVENTORY.format(retries=1), env=STRICT)
    print("\ninventory seed %d max_retries 1 strict: rc=%d calls=%d faults=%d" % (fault_seed, rc, calls["total"],
                                                                                  calls["faults"]))
    if rc == 0:
        _check_complete(out)
    else:
        assert not out.strip() or "router-" not in out, "failed but printed hosts"
        assert "ncm" in err.lower() and any(word in err for word in ("retries exhausted", "cannot reach", "server error",
                                                                     "rate limited")), err[-2000:]
    # the same seed without the strict setting: complete, or empty with a warning naming the cause
    sim.reset(seed_size=SIZE)
    sim.set_faults(rate=0.2, kinds=FAULT_KINDS, retry_after=0, seed=fault_seed)
    rc2, out2, err2, _calls = run_inventory(sim, INVENTORY.format(retries=1))
    assert rc2 == 0
    hostvars = unwrap(json.loads(out2))["_meta"]["hostvars"]
    if hostvars:
        _check_complete(out2)
    else:
        assert "ncm" in err2.lower() and "WARNING" in err2.upper(), err2[-2000:]
