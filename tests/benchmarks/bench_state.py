"""Benchmark of cradlepoint.ncm.ncm_state at 10,000 routers against the simulator (a script, not a test).

    .venv/bin/python tests/benchmarks/bench_state.py [--latency-ms 50] [--seed-size 10000] [--plan-runs 3]
                                                     [--loop-sample 100] [--skip-workers-1] [--skip-loop]

The document sets every router's description and group (a group of the router's product) and the name, product,
target firmware and config of every group (seed size 10,000: 200 groups). It is passed to a real ansible-playbook
run as a vars file. Printed, each with the calls the simulator counted (by endpoint) next to the module's own
``api_calls``, the wall time of the ansible-playbook run and of the module process, and peak RSS:

1. the document applied once (the start state), then planned again (check mode) on the unchanged account,
   --plan-runs times; targets (the median run) <= 60 API calls, <= 20 s wall, <= 500 MiB peak RSS of the module
   process;
2. 1,000 router descriptions changed, applied with the default workers (4) and with workers 1: exactly 1,000
   writes plus the plan's reads;
3. the same change as a loop of cradlepoint.ncm.ncm_router tasks, measured for --loop-sample routers (and for 1,
   to tell the playbook's fixed cost from the cost per router), extrapolated to 1,000 and 10,000.

Peak RSS: "module" is the module process (ansible_python_interpreter is a wrapper that runs the interpreter and
records resource.getrusage(RUSAGE_CHILDREN).ru_maxrss and the elapsed time of each module run); "tree" is the
largest process of the whole ansible-playbook process tree (the controller included), measured the same way
around ansible-playbook.
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

from benchenv import COLLECTIONS  # sys.path and the collection link, before the harness
from harness import CALLBACKS, Simulator, base_env  # noqa: E402  pylint: disable=wrong-import-position

BIN = pathlib.Path(sys.executable).parent
MIB = 1024.0  # ru_maxrss is in KiB on Linux

# Runs argv[2:], then appends "<peak RSS KiB of its largest descendant> <seconds>" to the file argv[1].
# Around ansible-playbook it measures the whole tree; as ansible_python_interpreter (INTERPRETER) the module run.
WRAPPER = r"""
import resource, subprocess, sys, time
start = time.monotonic()
code = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "a", encoding="utf-8") as out:
    out.write("%d %.3f\n" % (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.monotonic() - start))
sys.exit(code)
"""

INTERPRETER = """#!/bin/sh
exec "%(python)s" "%(wrapper)s" "$NCM_BENCH_MODULE_RSS" "%(python)s" "$@"
"""

STATE_PLAYBOOK = """
- hosts: localhost
  gather_facts: false
  vars_files: [document.json]
  tasks:
    - name: state
      cradlepoint.ncm.ncm_state:
        groups: "{{ document.groups }}"
        routers: "{{ document.routers }}"
        workers: "{{ workers }}"
"""

LOOP_PLAYBOOK = """
- hosts: localhost
  gather_facts: false
  vars_files: [document.json]
  tasks:
    - name: router
      cradlepoint.ncm.ncm_router:
        router: "{{ item.router }}"
        description: "{{ item.description }}"
        group: "{{ item.group }}"
      loop: "{{ document.routers }}"
"""


class Bench:
    """ansible-playbook runs against one simulator, with their figures."""

    def __init__(self, sim, tmp):
        self.sim = sim
        self.tmp = pathlib.Path(tmp)
        self.wrapper = self.tmp / "rss_wrapper.py"
        self.wrapper.write_text(WRAPPER, encoding="utf-8")
        self.interpreter = self.tmp / "python-rss"
        self.interpreter.write_text(INTERPRETER % {"python": sys.executable, "wrapper": self.wrapper}, encoding="utf-8")
        self.interpreter.chmod(0o755)

    def run(self, playbook, variables, check=False):
        """Figures of one ansible-playbook run: calls (simulator), module results, wall, module runs, tree RSS."""
        (self.tmp / "playbook.yml").write_text(playbook, encoding="utf-8")
        (self.tmp / "document.json").write_text(json.dumps(variables), encoding="utf-8")
        record, module_rss, tree_rss = (self.tmp / name for name in ("record.json", "module.rss", "tree.rss"))
        for path in (record, module_rss, tree_rss):
            path.unlink(missing_ok=True)
        env = base_env(self.sim, env={
            "ANSIBLE_PYTHON_INTERPRETER": str(self.interpreter), "NCM_BENCH_MODULE_RSS": str(module_rss),
            "NCM_SIM_RECORD": str(record), "ANSIBLE_CALLBACK_PLUGINS": str(CALLBACKS),
            "ANSIBLE_CALLBACKS_ENABLED": "sim_recorder", "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS)})
        cmd = [sys.executable, str(self.wrapper), str(tree_rss), str(BIN / "ansible-playbook"), "playbook.yml",
               "-i", "localhost,", "-c", "local"] + (["--check"] if check else [])
        self.sim.reset_calls()
        start = time.monotonic()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=str(self.tmp), check=False)
        seconds = time.monotonic() - start
        calls = self.sim.calls()
        tasks = json.loads(record.read_text(encoding="utf-8")) if record.exists() else []
        failed = [t["result"].get("msg") for t in tasks if t["failed"]]
        if proc.returncode != 0 or failed:
            raise SystemExit("ansible-playbook failed (rc %d): %s\n%s\n%s"
                             % (proc.returncode, failed[:3], proc.stdout[-3000:], proc.stderr[-3000:]))
        modules = [line.split() for line in module_rss.read_text(encoding="utf-8").splitlines()]
        results = [r for t in tasks for r in (t["result"].get("results") or [t["result"]])]
        return {
            "calls": calls["total"], "writes": calls["writes"], "reads": calls["total"] - calls["writes"],
            "retries": sum((r.get("api_calls") or {}).get("retries", 0) for r in results),
            "by_endpoint": {ep: sum(m.values()) for ep, m in sorted(calls["by_endpoint"].items())},
            "module_calls": sum((r.get("api_calls") or {}).get("total", 0) for r in results),
            "module_reads": sum((r.get("api_calls") or {}).get("reads", 0) for r in results),
            "module_writes": sum((r.get("api_calls") or {}).get("writes", 0) for r in results),
            "seconds": seconds, "modules": len(modules),
            "module_seconds": sum(float(seconds) for _rss, seconds in modules),
            "module_rss": max(int(rss) for rss, _seconds in modules) / MIB,
            "tree_rss": int(tree_rss.read_text(encoding="utf-8").split()[0]) / MIB,
            "results": results,
        }


def show(label, figures):
    print("%-44s calls %5d (reads %5d, writes %5d; module says %d/%d, retries %d)  wall %6.1f s (module %6.1f s"
          " in %d run%s)  peak RSS module %4.0f MiB, tree %4.0f MiB"
          % (label, figures["calls"], figures["reads"], figures["writes"], figures["module_reads"],
             figures["module_writes"], figures["retries"], figures["seconds"], figures["module_seconds"],
             figures["modules"], "" if figures["modules"] == 1 else "s", figures["module_rss"], figures["tree_rss"]),
          flush=True)
    print("  %-42s %s" % ("calls by endpoint", figures["by_endpoint"]), flush=True)


def verdict(name, value, target, unit):
    met = "met" if value <= target else "NOT met"
    return "%s %s%s (target <= %s%s: %s)" % (name, _number(value), unit, _number(target), unit, met)


def _number(value):
    return ("%.1f" % value) if isinstance(value, float) else str(value)


def account(sim):
    """Groups ({id, name, product name, firmware version}) and routers ({id, product id}) of the seed, read directly
    (before any measurement)."""
    def listing(endpoint, **params):
        out, params = [], dict(params, limit=500)
        url = endpoint
        while url:
            page = sim.api("GET", url, params=params).json()
            out.extend(page["data"])
            url, params = page["meta"].get("next"), None
            if url:
                url = url.split("/api/v2/", 1)[1]
        return out

    products = {str(p["id"]): p["name"] for p in listing("products/")}
    firmwares = {str(f["id"]): f["version"] for f in listing("firmwares/")}
    groups = [{"id": str(g["id"]), "name": g["name"], "product_id": _id(g["product"]),
               "product": products[_id(g["product"])], "target_firmware": firmwares[_id(g["target_firmware"])]}
              for g in listing("groups/")]
    routers = [{"id": str(r["id"]), "product_id": _id(r["product"])} for r in listing("routers/", fields="id,product")]
    return groups, routers


def _id(value):
    return str(value).rstrip("/").rsplit("/", 1)[-1]


def document(groups, routers, description):
    """The document: every group (name, product, firmware, config) and every router (description, group)."""
    by_product = {}
    for group in groups:
        by_product.setdefault(group["product_id"], []).append(group["name"])
    doc_groups = [{"name": g["name"], "product": g["product"], "target_firmware": g["target_firmware"],
                   "config": {"system": {"system_id": "bench-%s" % g["name"]}}} for g in groups]
    doc_routers = []
    for index, router in enumerate(routers):
        names = by_product[router["product_id"]]
        doc_routers.append({"router": router["id"], "description": description(int(router["id"])),
                            "group": names[(index // len(by_product)) % len(names)]})
    return {"groups": doc_groups, "routers": doc_routers}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--seed-size", type=int, default=10000)
    parser.add_argument("--loop-sample", type=int, default=100)
    parser.add_argument("--plan-runs", type=int, default=3, help="plan runs in part 1 (the median is judged)")
    parser.add_argument("--changed", type=int, default=1000, help="router descriptions changed in part 2")
    parser.add_argument("--skip-workers-1", action="store_true", help="leave out part 2 with workers 1")
    parser.add_argument("--skip-loop", action="store_true", help="leave out part 3 (the ncm_router loop)")
    args = parser.parse_args()

    with Simulator().start(seed_size=args.seed_size, extra_args=["--latency-ms", "0"]) as sim, \
            tempfile.TemporaryDirectory(prefix="ncm-bench-state-") as tmp:
        groups, routers = account(sim)
        sim.set_faults(latency_ms=args.latency_ms)
        bench = Bench(sim, tmp)
        print("%d routers, %d groups; simulator latency %d ms per request; %d CPU cores; load average %s"
              % (len(routers), len(groups), args.latency_ms, os.cpu_count(),
                 " ".join("%.1f" % v for v in os.getloadavg())), flush=True)
        base = document(groups, routers, lambda i: "bench router %d" % i)

        # 1. apply the document once, then plan it again on the unchanged account
        applied = bench.run(STATE_PLAYBOOK, {"document": base, "workers": 4})
        show("1. apply the document (start state)", applied)
        plans = []
        for run in range(args.plan_runs):
            plans.append(bench.run(STATE_PLAYBOOK, {"document": base, "workers": 4}, check=True))
            show("1. plan it again, unchanged (check mode) #%d" % (run + 1), plans[-1])
        plan = sorted(plans, key=lambda figures: figures["seconds"])[len(plans) // 2]  # the median wall time
        summary = plan["results"][0].get("summary")
        print("  %-42s %s; %s; %s; %s" % ("targets (median run)", verdict("calls", plan["calls"], 60, ""),
                                          verdict("wall", plan["seconds"], 20.0, " s"),
                                          verdict("peak RSS", plan["module_rss"], 500.0, " MiB"), summary), flush=True)

        # 2. change 1,000 router descriptions (every n-th router), default workers then workers 1
        step = max(1, len(routers) // args.changed)
        changed = {int(r["id"]) for r in routers[::step][:args.changed]}
        runs = [(4, "v2")] + ([] if args.skip_workers_1 else [(1, "v3")])
        for workers, tag in runs:
            doc = document(groups, routers, lambda i, t=tag: "bench router %d %s" % (i, t) if i in changed
                           else "bench router %d" % i)
            figures = bench.run(STATE_PLAYBOOK, {"document": doc, "workers": workers})
            show("2. %d descriptions changed, workers %d" % (len(changed), workers), figures)
            met = "met" if figures["writes"] == len(changed) else "NOT met"
            print("  %-42s writes %d (expected %d: %s), reads %d (the plan read %d), summary %s"
                  % ("check", figures["writes"], len(changed), met, figures["reads"], plan["reads"],
                     figures["results"][0].get("summary")), flush=True)

        # 3. the same change as a loop of ncm_router tasks
        if not args.skip_loop:
            sample = [r for r in document(groups, routers, lambda i: "bench router %d v4" % i)["routers"]
                      if int(r["router"]) in changed]
            one = bench.run(LOOP_PLAYBOOK, {"document": {"routers": sample[:1]}})
            show("3. ncm_router loop, 1 router", one)
            many = bench.run(LOOP_PLAYBOOK, {"document": {"routers": sample[1:1 + args.loop_sample]}})
            count = min(args.loop_sample, len(sample) - 1)
            show("3. ncm_router loop, %d routers" % count, many)
            per_router = (many["seconds"] - one["seconds"]) / max(count - 1, 1)
            fixed = one["seconds"] - per_router
            calls = many["calls"] / float(count)
            print("  %-42s %.2f s and %.1f calls (%.1f writes) per router, %.1f s fixed per playbook"
                  % ("per router", per_router, calls, many["writes"] / float(count), fixed), flush=True)
            for n in (1000, 10000):
                wall = fixed + per_router * n
                print("  %-42s ~%d calls, ~%.0f s (%.1f h) wall"
                      % ("extrapolated to %d routers" % n, calls * n, wall, wall / 3600), flush=True)


if __name__ == "__main__":
    main()
