"""Cost report: API calls per task of a representative playbook, apply and idempotent re-run, next to the official
``ncm`` client (PyPI ``ncm``, ``NcmClientv2``) doing the same operations where it has them.

    .venv/bin/python tests/benchmarks/bench_cost_report.py

Runs tests/integration/proof/data/account.yml (groups, router settings and moves, group and router configs, push
destinations, alert rules, locations) twice against a fresh simulator (seed size 10). Per task: reads and writes
as the module reports them (``api_calls``) and the calls and redirects the simulator counted while the task ran.
Targets: re-run <= 2 calls per task and 0 writes; 0 redirects.
The official client runs the equivalent operations (each from the same start state as the collection's apply)
and the simulator counts its calls; "-" = the client has no such operation, "fail" = it errors against the API.
"""

import benchenv  # noqa: F401  pylint: disable=unused-import  # sys.path and the collection link, before the harness
from harness import HEADERS, Simulator  # noqa: E402  pylint: disable=wrong-import-position
from proof.account import PLAYBOOK  # noqa: E402  pylint: disable=wrong-import-position
from proof.common import run_counted  # noqa: E402  pylint: disable=wrong-import-position


def official_operations(client):
    """Task name -> callable doing the same with the official client (the seed state as start)."""
    ops = {
        "group branch-east": lambda: client.create_group_by_parent_id("1", "branch-east", "IBR900", "7.24.30"),
        "router 1 settings and move": lambda: (client.set_router_fields(1, name="east-01",
                                                                        description="East branch primary",
                                                                        asset_id="A-0001", custom1="rack-1"),
                                               client.assign_router_to_group(1, 1)),
        "router 4 move": lambda: (client.set_router_fields(4, custom2="moved"), client.assign_router_to_group(4, 1)),
        "config of group branch-east": lambda: client.patch_group_configuration(
            1, [{"system": {"system_id": "east"}, "firewall": {"remote_admin": {"enabled": False}}}, []]),
        "config of router 1": lambda: client.patch_configuration_managers(
            1, {"configuration": [{"system": {"system_id": "east-01"}}, []]}),
        "location of router 2": lambda: client.create_location(1, 39.7392, -104.9903, 2),
        "location of router 10 removed": lambda: client.delete_location_for_router(10),
    }
    return ops


def measure_official(sim):
    try:
        from ncm import ncm as official  # pylint: disable=import-outside-toplevel
    except ImportError:
        return {}
    out = {}
    keys = dict(HEADERS)
    for name, op in official_operations(None).items():
        sim.reset(seed_size=10)
        client = official.NcmClientv2(api_keys=keys, log_events=False, base_url=sim.url.rstrip("/"))
        rebound = official_operations(client)[name]
        sim.reset_calls()
        try:
            result = rebound()
            ok = not (isinstance(result, str) and "ERROR" in result.upper())
        except Exception:  # pylint: disable=broad-except  # the official client raises odd errors (KeyError)
            ok = False
        calls = sim.calls()
        out[name] = (calls["total"] - calls["writes"], calls["writes"], calls["redirects"], ok)
    return out


def main():
    sim = Simulator().start(seed_size=10)
    try:
        apply = run_counted(sim, PLAYBOOK)
        again = run_counted(sim, PLAYBOOK)
        assert apply.rc == 0 and again.rc == 0, (apply.stdout[-2000:], again.stdout[-2000:])
        official = measure_official(sim)
    finally:
        sim.stop()
    header = "%-32s %13s %13s %9s %9s  %s" % ("task", "apply r/w", "re-run r/w", "re-run", "redirects",
                                              "official ncm r/w (redirects)")
    print(header)
    print("-" * len(header))
    worst = 0
    for rec in apply.tasks:
        name = rec["name"]
        a = rec["result"].get("api_calls") or {}
        b = again.task(name)["result"].get("api_calls") or {}
        sim_b = again.sim_counts(name)
        redirects = apply.sim_counts(name)["redirects"] + sim_b["redirects"]
        worst = max(worst, sim_b["total"])
        off = official.get(name)
        off_text = "-" if off is None else ("%d/%d (%d)%s" % (off[0], off[1], off[2], "" if off[3] else " fail"))
        print("%-32s %13s %13s %9d %9d  %s" % (name, "%d/%d" % (a.get("reads", 0), a.get("writes", 0)),
                                               "%d/%d" % (b.get("reads", 0), b.get("writes", 0)), sim_b["total"],
                                               redirects, off_text))
    tasks = len(apply.tasks)
    print("-" * len(header))
    print("apply: %d calls (%d writes) for %d tasks; re-run: %d calls (%d writes), %.2f calls/task, max %d; "
          "redirects: %d" % (apply.calls["total"], apply.writes, tasks, again.calls["total"], again.writes,
                             again.calls["total"] / tasks, worst, apply.calls["redirects"] + again.calls["redirects"]))
    print("targets: re-run <= 2 calls per task: %s (max %d); 0 writes: %s; 0 redirects: %s" % (
        "met" if worst <= 2 else "NOT met", worst, "met" if again.writes == 0 else "NOT met",
        "met" if apply.calls["redirects"] + again.calls["redirects"] == 0 else "NOT met"))


if __name__ == "__main__":
    main()
