"""Benchmark of the cradlepoint.ncm.ncm inventory plugin against the simulator (a script, not a test).

    .venv/bin/python tests/benchmarks/bench_inventory.py [--latency-ms 50] [--skip-100k]

Prints, for 10,000 routers in 200 groups (enrichment off and on) and for 100,000 routers: the API calls (by
endpoint), the wall time and the peak RSS of the `ansible-inventory --list` process, and the same figures for the
official `ncm` client (`get_routers(limit='all')`, `get_groups(limit='all')`) against the same simulator, with the
ratio. Peak RSS is measured with resource.getrusage(RUSAGE_CHILDREN) in a wrapper process whose only child is the
measured command.
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
TESTS = HERE.parent
ROOT = TESTS.parent
sys.path.insert(0, str(TESTS / "integration"))
sys.path.insert(0, str(TESTS))

from harness import HEADERS, Simulator, base_env  # noqa: E402  pylint: disable=wrong-import-position

BIN = pathlib.Path(sys.executable).parent
COLLECTIONS = ROOT / ".tmp" / "collections"

# Runs a command, discards its stdout, prints the peak RSS (KiB) of its process tree's largest process.
WRAPPER = r"""
import resource, subprocess, sys
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
sys.stderr.write(proc.stderr[-2000:])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(proc.returncode)
"""

# The plugin's API phase alone (the shared engine the inventory runs), for a like-for-like comparison.
ENGINE = r"""
import json, sys, time
sys.path.insert(0, sys.argv[3])
from ansible_collections.cradlepoint.ncm.plugins.module_utils.client import NcmClient
from ansible_collections.cradlepoint.ncm.plugins.module_utils.inventory_data import NcmData
keys = json.loads(sys.argv[2])
client = NcmClient(keys["X-CP-API-ID"], keys["X-CP-API-KEY"], keys["X-ECM-API-ID"], keys["X-ECM-API-KEY"], base_url=sys.argv[1])
start = time.monotonic()
views = NcmData(client, workers=4).routers()
print(json.dumps({"routers": len(views), "seconds": time.monotonic() - start}))
"""

OFFICIAL = r"""
import json, sys, time
from ncm import ncm
client = ncm.NcmClientv2(api_keys=json.loads(sys.argv[2]), base_url=sys.argv[1].rstrip("/"), log_events=False)
start = time.monotonic()
routers = client.get_routers(limit="all")
groups = client.get_groups(limit="all")
print(json.dumps({"routers": len(routers), "groups": len(groups), "seconds": time.monotonic() - start}))
"""


def measured(cmd, env):
    """(rc, seconds, peak RSS MiB, stdout, stderr) of cmd run under the RSS wrapper."""
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", WRAPPER] + cmd, capture_output=True, text=True, env=env, check=False)
    seconds = time.monotonic() - start
    lines = proc.stdout.strip().splitlines()
    rss = int(lines[-1]) / 1024 if lines else float("nan")
    return proc.returncode, seconds, rss, proc.stdout, proc.stderr


def calls_summary(calls):
    by = {endpoint: sum(methods.values()) for endpoint, methods in calls["by_endpoint"].items()}
    return calls["total"], by


def run_inventory(sim, text, label):
    with tempfile.TemporaryDirectory(prefix="ncm-bench-") as tmp:
        path = pathlib.Path(tmp) / "bench.ncm.yml"
        path.write_text(text, encoding="utf-8")
        env = base_env(sim)
        env["ANSIBLE_COLLECTIONS_PATH"] = str(COLLECTIONS)
        env["ANSIBLE_INVENTORY_UNPARSED_FAILED"] = "true"
        sim.reset_calls()
        rc, seconds, rss, _out, err = measured([str(BIN / "ansible-inventory"), "-i", str(path), "--list"], env)
        calls = sim.calls()
    if rc != 0:
        raise SystemExit("%s: ansible-inventory failed:\n%s" % (label, err))
    total, by = calls_summary(calls)
    print("%-44s calls %5d  wall %6.1f s  peak RSS %6.0f MiB  %s" % (label, total, seconds, rss, by))
    return {"calls": total, "seconds": seconds, "rss": rss, "by_endpoint": by}


def run_official(sim, label, script=OFFICIAL):
    env = dict(os.environ)
    sim.reset_calls()
    cmd = [sys.executable, "-c", script, sim.url, json.dumps(dict(HEADERS)), str(COLLECTIONS)]
    rc, seconds, rss, _out, err = measured(cmd, env)
    calls = sim.calls()
    if rc != 0:
        print("%-44s FAILED: %s" % (label, err.strip()[-500:]))
        return None

    total, by = calls_summary(calls)
    print("%-44s calls %5d  wall %6.1f s  peak RSS %6.0f MiB  %s" % (label, total, seconds, rss, by))
    return {"calls": total, "seconds": seconds, "rss": rss, "by_endpoint": by}


def ratio(ours, theirs):
    if not ours or not theirs:
        return
    print(
        "%-44s calls %.2fx  wall %.2fx  RSS %.2fx  (official / plugin)"
        % ("  ratio", theirs["calls"] / max(ours["calls"], 1), theirs["seconds"] / ours["seconds"], theirs["rss"] / ours["rss"])
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--skip-100k", action="store_true")
    args = parser.parse_args()

    plain = "plugin: cradlepoint.ncm.ncm\n"
    enriched = "plugin: cradlepoint.ncm.ncm\nlocations: true\nwan_interfaces: true\n"
    print("simulator latency %d ms per request; ansible-inventory --list (output discarded)" % args.latency_ms)
    with Simulator().start(seed_size=10000, extra_args=["--latency-ms", str(args.latency_ms)]) as sim:
        sim.set_faults(latency_ms=args.latency_ms)
        ours = run_inventory(sim, plain, "10,000 routers / 200 groups, enrichment off")
        run_inventory(sim, enriched, "10,000 routers, locations + WAN on")
        engine = run_official(sim, "plugin API phase only (NcmData.routers)", ENGINE)
        theirs = run_official(sim, "official ncm client, 10,000 routers + groups")
        ratio(ours, theirs)
        ratio(engine, theirs)
        if not args.skip_100k:
            sim.reset(seed_size=100000)
            sim.set_faults(latency_ms=args.latency_ms)
            ours = run_inventory(sim, plain, "100,000 routers / 2,000 groups, enrichment off")
            print("%-44s %d (target <= 210)" % ("  router calls", ours["by_endpoint"].get("routers", 0)))
            engine = run_official(sim, "plugin API phase only (NcmData.routers)", ENGINE)
            theirs = run_official(sim, "official ncm client, 100,000 routers + groups")
            ratio(ours, theirs)
            ratio(engine, theirs)


if __name__ == "__main__":
    main()
