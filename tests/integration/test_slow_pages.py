"""A slow account (issue 14 item 5): list pages that time out are asked again smaller, so listings stay complete.

The simulator's ``slow_page_limit`` answers 504 (or 408/524) to every list page asking for more records than it
allows, as an account whose large queries take too long. The inventory and the modules must still list everything.
"""

import json

import pytest

from harness import run_inventory, unwrap
from lifecycle import run_task


@pytest.mark.parametrize("status", [504, 524])
def test_inventory_of_a_slow_account_is_complete(sim, status):
    sim.reset(seed_size=1200)
    sim.configure(slow_page_limit=100, slow_page_status=status)
    rc, out, err, calls = run_inventory(sim, "plugin: cradlepoint.ncm.ncm\n", "--list")
    assert rc == 0, out + err
    hosts = unwrap(json.loads(out))["_meta"]["hostvars"]
    assert len(hosts) == 1200
    assert sorted(int(v["ncm_id"]) for v in hosts.values()) == list(range(1, 1201))
    limits = {int(c["query"].split("limit=")[1].split("&")[0]) for c in calls["log"]
              if c["path"] == "/api/v2/routers/" and "limit=" in c["query"] and c["status"] == 200}
    assert limits and max(limits) <= 100, limits
    assert calls["faults_by_kind"].get("slow_page", 0) > 0


def test_module_lookup_in_a_slow_account_works(sim):
    sim.reset(seed_size=30)
    sim.configure(slow_page_limit=20, slow_page_status=408)
    result, _run = run_task(sim, {"cradlepoint.ncm.ncm_info": {"endpoint": "routers"}})
    assert len(result["records"]) == 30
