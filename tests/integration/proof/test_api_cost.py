"""API-call targets, asserted (they are deterministic; wall time is not, so it stays a printed figure in
tests/benchmarks).

* The idempotent re-run of the account (data/account.yml, the playbook of the cost report) makes no write, follows
  no redirect and costs at most 2 calls per task, as the simulator counts them. The tasks that need more say why
  in ``OVER_TARGET``.
* The inventory costs at most its pages + 3 calls: the router pages, products, firmwares and one page that the
  parallel reader asks for beyond the end. ``INVENTORY_SPECULATIVE`` records the seed sizes where the parallel
  reader's window asks for more than one page beyond the end.
"""

import math

import pytest

from harness import run_inventory
from proof.account import PLAYBOOK
from proof.common import run_counted

RERUN_TARGET = 2
# task -> (re-run calls, why): an alert rule holds only ids (groups, users, push destinations) and the API has no
# expand for them, so every kind the task names by name costs one lookup after the rule list.
# groups: the reference does not make a group's product/target_firmware expandable, so a product named by name and a
# firmware named by version are one lookup each (given by the ids the group holds, a group costs 1 call)
GROUP_BY_NAMES = (3, "group + product by name + firmware by version (no expand on groups)")
OVER_TARGET = {
    "group branch-east": GROUP_BY_NAMES,
    "group branch-west": GROUP_BY_NAMES,
    "group lab": GROUP_BY_NAMES,
    "group-003 firmware": GROUP_BY_NAMES,
    "alert rule east": (4, "rules + groups, users and push destinations named by name"),
    "alert rule west": (3, "rules + groups and push destinations named by name"),
}


@pytest.fixture(scope="module")
def rerun(sim_session):
    sim_session.reset(seed_size=10)
    apply = run_counted(sim_session, PLAYBOOK)
    assert apply.rc == 0, apply.stdout[-3000:]
    again = run_counted(sim_session, PLAYBOOK)
    assert again.rc == 0, again.stdout[-3000:]
    return apply, again


def test_rerun_makes_no_write_and_no_redirect(rerun):
    apply, again = rerun
    assert again.writes == 0, [c for c in again.calls["log"] if c["method"] != "GET"]
    assert not [t["name"] for t in again.tasks if t["changed"]]
    assert apply.calls["redirects"] == again.calls["redirects"] == 0


def test_rerun_costs_at_most_two_calls_per_task(rerun):
    _apply, again = rerun
    over = {}
    for task in again.tasks:
        name = task["name"]
        counted = again.sim_counts(name)["total"]
        reported = task["result"]["api_calls"]["total"]
        assert counted == reported, "%s: the module reports %d calls, the simulator counted %d" % (
            name, reported, counted)
        target = OVER_TARGET.get(name, (RERUN_TARGET, ""))[0]
        if counted > target or (name in OVER_TARGET and counted != target):
            over[name] = (counted, target)
    assert not over, "re-run calls (counted, target): %s" % over
    assert set(OVER_TARGET) <= {t["name"] for t in again.tasks}, "a task of OVER_TARGET is gone from the playbook"


PAGE = 500
# seed size -> router pages the parallel reader (4 workers) asks for beyond the end: it reads the first page, then
# windows of 4 pages, so the last window can overshoot by up to 3 pages.
INVENTORY_SPECULATIVE = {10: 0, 600: 3, 10000: 1}


@pytest.mark.parametrize("size", sorted(INVENTORY_SPECULATIVE))
def test_inventory_costs_its_pages_plus_three(sim, size):
    sim.reset(seed_size=size)
    pages = math.ceil(size / PAGE)
    rc, _out, err, calls = run_inventory(sim, "plugin: cradlepoint.ncm.ncm\n")
    assert rc == 0, err[-2000:]
    speculative = INVENTORY_SPECULATIVE[size]
    assert calls["by_endpoint"]["routers"]["GET"] <= pages + speculative, calls["by_endpoint"]
    assert calls["total"] <= pages + speculative + 2, calls["by_endpoint"]  # + products + firmwares
    if speculative <= 1:
        assert calls["total"] <= pages + 3
    # read one page at a time, the inventory costs exactly its pages + products + firmwares
    rc, _out, err, calls = run_inventory(sim, "plugin: cradlepoint.ncm.ncm\nworkers: 1\n")
    assert rc == 0, err[-2000:]
    assert calls["total"] == pages + 2, calls["by_endpoint"]
