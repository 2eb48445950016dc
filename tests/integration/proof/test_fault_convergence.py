"""Fault convergence: the declared account converges in one run under 20 % injected faults, with no duplicate.

The playbook data/account.yml (groups, router settings and moves, group and router configs, push destinations,
alert rules, locations) runs against the simulator failing 20 % of the API requests with every fault kind it has
(429 with Retry-After, 500, 502, 503, the timeouts 408, 504 and 524, dropped connections, writes applied and then
answered 502, 504 or 524). The first run must succeed: every task ok, as Terraform's apply does in one run. The
second run, under the same fault rate, must change nothing and write nothing. Then, with faults off, the
simulator state must hold every declared resource exactly once with every declared value, and nothing undeclared
may differ from the seed.

Random faults may miss the creates, so a second test scripts them: every fault kind hits the POST of a group
create (and the kinds a client retries also hit a read), and each group must exist exactly once.
"""

import pytest

from proof.account import PLAYBOOK, verify_account
from proof.common import FAULT_KINDS, NCM, play, run_counted
from simulator.server import FAULT_KINDS as SIMULATOR_FAULT_KINDS

EVERY_KIND = list(SIMULATOR_FAULT_KINDS)


@pytest.mark.parametrize("fault_seed", [7])
def test_account_converges_in_one_run_under_faults(sim, fault_seed):
    seed = sim.state()
    sim.set_faults(rate=0.2, kinds=EVERY_KIND, retry_after=0, seed=fault_seed)
    first = run_counted(sim, PLAYBOOK, diff=True)
    second = run_counted(sim, PLAYBOOK, diff=True)
    runs = [first, second]
    retries = sum((t["result"].get("api_calls") or {}).get("retries", 0) for r in runs for t in r.tasks)
    print("\nfault convergence (seed %d): runs to converge: 1; %s; %d client retries"
          % (fault_seed, ", ".join("run %d: rc=%d calls=%d faults=%d %s writes=%d changed=%d" % (
              number, r.rc, r.calls["total"], r.calls["faults"], r.calls["faults_by_kind"], r.writes,
              sum(t["changed"] for t in r.tasks)) for number, r in enumerate(runs, 1)), retries))
    failed = ["%s: %s" % (t["name"], t["result"].get("msg")) for t in first.tasks if t["failed"]]
    assert not failed and first.rc == 0, "the first run failed under faults:\n%s" % "\n".join(failed)
    assert len(first.tasks) == len(second.tasks) == 24
    assert second.rc == 0, second.stdout[-3000:]
    assert not [t["name"] for t in second.tasks if t["changed"]], "the second run still changes"
    assert second.writes == 0, second.calls.get("log")
    assert first.calls["faults"] > 0 and second.calls["faults"] > 0, "no fault was injected"
    served = set(first.calls["faults_by_kind"]) | set(second.calls["faults_by_kind"])
    assert served == set(EVERY_KIND), "fault kinds never served: %s" % sorted(set(EVERY_KIND) - served)
    assert retries > 0, "no request was retried"
    assert sum(r.calls["crashes"] for r in runs) == 0, "the simulator itself failed (500s not injected)"
    sim.set_faults(rate=0)
    problems = verify_account(seed, sim.state())
    assert not problems, "\n".join(problems)


def _group_task(kind):
    return {"name": "create fault-%s" % kind,
            NCM + "ncm_group": {"name": "fault-%s" % kind, "product": "IBR900", "target_firmware": "7.24.30"}}


def test_every_fault_kind_on_a_post_creates_once(sim):
    """Each fault kind, scripted on the POST that creates a group: exactly one group, in one run.

    The request body names the group, so each task meets its own kind. 429 is refused before NCM acts, so the
    client repeats the POST; 500, 502, 503 and a dropped connection leave it unknown whether NCM created the
    group (here it did not), and applied_502 answers 502 after creating it: the module must re-read, then POST
    again only if the group is not there. A client that repeats a POST after a 5xx creates the applied_502 group
    twice. Retries must really happen: the 429 POST is repeated by the client, and the group reads of the
    tasks meet the same kinds once more (the client repeats reads).
    """
    script = [{"kind": kind, "method": "POST", "endpoint": "groups", "body": '"fault-%s"' % kind}
              for kind in FAULT_KINDS]
    script += [{"kind": kind, "method": "GET", "endpoint": "groups"} for kind in FAULT_KINDS if kind != "applied_502"]
    sim.set_faults(script=script, retry_after=0)
    run = run_counted(sim, play([_group_task(kind) for kind in FAULT_KINDS]))
    log = run.calls["log"]
    assert run.calls["crashes"] == 0
    served = sorted((c["method"], c["fault"]) for c in log if c.get("fault"))
    assert served == sorted([("POST", k) for k in FAULT_KINDS] + [("GET", k) for k in FAULT_KINDS if k != "applied_502"])
    assert sim.set_faults()["script"] and all(e["times"] == 0 for e in sim.set_faults()["script"])
    for kind in FAULT_KINDS:
        record = run.task("create fault-%s" % kind)
        assert not record["failed"] and record["changed"], (kind, record["result"].get("msg"))
        posts = run.sim_counts("create fault-%s" % kind)["writes"]
        # applied_502: created by the first POST, never repeated; the others: the group exists, so it was posted
        # again after the fault (by the client for 429, after a re-read for the rest)
        assert posts == (1 if kind == "applied_502" else 2), (kind, posts)
    retries = sum(t["result"]["api_calls"]["retries"] for t in run.tasks)
    assert retries >= len(FAULT_KINDS), "the client retried %d times" % retries  # 5 reads and the 429 POST
    names = [g["name"] for g in sim.state()["groups"]]
    duplicates = {kind: names.count("fault-%s" % kind) for kind in FAULT_KINDS if names.count("fault-%s" % kind) != 1}
    assert not duplicates, "groups not created exactly once: %s" % duplicates
    sim.set_faults(script=[])
    again = run_counted(sim, play([_group_task(kind) for kind in FAULT_KINDS]))
    assert again.rc == 0 and again.writes == 0 and not any(t["changed"] for t in again.tasks)
