"""Fault convergence: the declared account converges under 20 % injected faults, with no duplicate and no stray write.

The playbook data/account.yml (groups, router settings and moves, group and router configs, push destinations,
alert rules, locations) runs against the simulator failing 20 % of the API requests with every fault kind
(429 with Retry-After, 500, 502, 503, dropped connections, writes applied and then answered 502). It is re-run
until a run reports no change (at most 3 runs). A run may fail only because retries were exhausted. Then, with
faults off, the simulator state must hold every declared resource exactly once with every declared value, and
nothing undeclared may differ from the seed.
"""

import pytest

from proof.account import PLAYBOOK, verify_account
from proof.common import FAULT_KINDS, run_counted

FAULT_MARKERS = ("retries exhausted", "cannot reach NCM", "server error", "rate limited")


@pytest.mark.parametrize("fault_seed", [7])
def test_account_converges_under_faults(sim, fault_seed):
    seed = sim.state()
    sim.set_faults(rate=0.2, kinds=FAULT_KINDS, retry_after=0, seed=fault_seed)
    runs = []
    for _attempt in range(3):
        run = run_counted(sim, PLAYBOOK, diff=True)
        runs.append(run)
        failed = [t for t in run.tasks if t["failed"]]
        for task in failed:
            msg = task["result"].get("msg", "")
            assert any(marker in msg for marker in FAULT_MARKERS), \
                "task %r failed for a reason other than exhausted retries: %s" % (task["name"], msg)
        if run.rc == 0 and not any(t["changed"] for t in run.tasks):
            break
    faults = sum(r.calls["faults"] for r in runs)
    calls = sum(r.calls["total"] for r in runs)
    retries = sum((t["result"].get("api_calls") or {}).get("retries", 0) for r in runs for t in r.tasks)
    print("\nfault convergence: %d runs, %d API calls, %d faults served, %d client retries; per run: %s"
          % (len(runs), calls, faults, retries,
             ", ".join("rc=%d calls=%d faults=%d writes=%d changed=%d" % (
                 r.rc, r.calls["total"], r.calls["faults"], r.writes, sum(t["changed"] for t in r.tasks))
                 for r in runs)))
    last = runs[-1]
    assert last.rc == 0, "no clean run in 3: %s" % last.stdout[-3000:]
    assert not [t["name"] for t in last.tasks if t["changed"]], "still changing after 3 runs"
    assert last.writes == 0, last.calls.get("log")
    assert faults > 0, "no fault was injected"
    sim.set_faults(rate=0)
    problems = verify_account(seed, sim.state())
    assert not problems, "\n".join(problems)
