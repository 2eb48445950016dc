"""Benchmark of the cradlepoint.ncm.ncm inventory plugin against the simulator (a script, not a test).

    .venv/bin/python tests/benchmarks/bench_inventory.py [--latency-ms 50] [--skip-100k] [--skip-10k] [--skip-official]

Prints, for 10,000 routers in 200 groups (enrichment off and on) and for 100,000 routers: the API calls (by
endpoint), the wall time, the CPU time and the peak RSS of `ansible-inventory --list --export` (as AWX syncs), the
same figures for a static inventory file holding the same hosts, groups and variables (the plugin's output
written as YAML) with the ratio, and for the official `ncm` client (`get_routers(limit='all')`,
`get_groups(limit='all')`) against the same simulator. Peak RSS is measured with
resource.getrusage(RUSAGE_CHILDREN) in a wrapper process whose only child is the measured command.
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

from harness import HEADERS, Simulator, base_env, unwrap  # noqa: E402  pylint: disable=wrong-import-position

BIN = pathlib.Path(sys.executable).parent
COLLECTIONS = ROOT / ".tmp" / "collections"

# Runs a command, writes its stdout to the file argv[1] (or discards it), prints the peak RSS (KiB) of its process
# tree's largest process and its CPU seconds (user + system).
WRAPPER = r"""
import resource, subprocess, sys
with open(sys.argv[1], "wb") as out:
    proc = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.PIPE, text=True)
sys.stderr.write(proc.stderr[-2000:])
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
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


def measured(cmd, env, output=os.devnull):
    """(rc, seconds, peak RSS MiB, stdout, stderr, CPU seconds) of cmd run under the RSS wrapper."""
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", WRAPPER, str(output)] + cmd, capture_output=True, text=True, env=env,
                          check=False)
    seconds = time.monotonic() - start
    lines = proc.stdout.strip().splitlines()
    rss, cpu = (float(v) for v in lines[-1].split()) if lines else (float("nan"), float("nan"))
    return proc.returncode, seconds, rss / 1024, proc.stdout, proc.stderr, cpu


def static_inventory(listing, path):
    """Write the --list output as a static YAML inventory: the same groups, hosts and host variables."""
    import yaml  # pylint: disable=import-outside-toplevel

    data = unwrap(json.loads(listing.read_text(encoding="utf-8")))
    hostvars = data.pop("_meta", {}).get("hostvars", {})
    groups = {}
    for name, group in data.items():
        entry = {}
        if group.get("hosts"):
            entry["hosts"] = {host: (hostvars.get(host) or None) for host in group["hosts"]}
        if group.get("children"):
            entry["children"] = {child: None for child in group["children"]}
        groups[name] = entry
    for name, group in groups.items():
        for child in list((group.get("children") or {})):
            group["children"][child] = groups.get(child) or None
    top = groups.get("all", {"children": {name: group for name, group in groups.items() if name != "all"}})
    with open(path, "w", encoding="utf-8") as handle:
        yaml.dump({"all": top}, handle, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), default_flow_style=False)
    del data, hostvars, groups, top


def calls_summary(calls):
    by = {endpoint: sum(methods.values()) for endpoint, methods in calls["by_endpoint"].items()}
    return calls["total"], by


def line(label, figures, extra=""):
    print("%-46s calls %5s  wall %6.1f s  CPU %6.1f s  peak RSS %6.0f MiB  %s"
          % (label, figures.get("calls", "-"), figures["seconds"], figures["cpu"], figures["rss"], extra), flush=True)


def run_inventory(sim, text, label, static=False):
    """Figures of `ansible-inventory --list --export` with the plugin (and, with static, of the same as a file)."""
    with tempfile.TemporaryDirectory(prefix="ncm-bench-") as tmp:
        path = pathlib.Path(tmp) / "bench.ncm.yml"
        path.write_text(text, encoding="utf-8")
        listing = pathlib.Path(tmp) / "listing.json"
        env = base_env(sim)
        env["ANSIBLE_COLLECTIONS_PATH"] = str(COLLECTIONS)
        env["ANSIBLE_INVENTORY_UNPARSED_FAILED"] = "true"
        sim.reset_calls()
        cmd = [str(BIN / "ansible-inventory"), "-i", str(path), "--list", "--export"]
        rc, seconds, rss, _out, err, cpu = measured(cmd, env, output=listing)
        calls = sim.calls()
        if rc != 0:
            raise SystemExit("%s: ansible-inventory failed:\n%s" % (label, err))
        total, by = calls_summary(calls)
        ours = {"calls": total, "seconds": seconds, "cpu": cpu, "rss": rss, "by_endpoint": by}
        line(label, ours, by)
        if static:
            hosts_file = pathlib.Path(tmp) / "static.yml"
            static_inventory(listing, hosts_file)
            cmd = [str(BIN / "ansible-inventory"), "-i", str(hosts_file), "--list", "--export"]
            rc, seconds, rss, _out, err, cpu = measured(cmd, env)
            if rc != 0:
                raise SystemExit("static inventory failed:\n%s" % err)
            theirs = {"seconds": seconds, "cpu": cpu, "rss": rss}
            line("  the same as a static YAML file (%d MiB)" % (hosts_file.stat().st_size // 2**20), theirs)
            ratios = (ours["seconds"] / seconds, ours["cpu"] / cpu, ours["rss"] / rss)
            print("  %-44s wall %.2fx  CPU %.2fx  RSS %.2fx" % (("ratio plugin / static file",) + ratios), flush=True)
    return ours


def run_official(sim, label, script=OFFICIAL):
    env = dict(os.environ)
    sim.reset_calls()
    cmd = [sys.executable, "-c", script, sim.url, json.dumps(dict(HEADERS)), str(COLLECTIONS)]
    rc, seconds, rss, _out, err, cpu = measured(cmd, env)
    calls = sim.calls()
    if rc != 0:
        print("%-46s FAILED: %s" % (label, err.strip()[-500:]))
        return None
    total, by = calls_summary(calls)
    figures = {"calls": total, "seconds": seconds, "cpu": cpu, "rss": rss, "by_endpoint": by}
    line(label, figures, by)
    return figures


def ratio(ours, theirs):
    if not ours or not theirs:
        return
    print(
        "%-46s calls %.2fx  wall %.2fx  RSS %.2fx  (official / plugin)"
        % ("  ratio", theirs["calls"] / max(ours["calls"], 1), theirs["seconds"] / ours["seconds"], theirs["rss"] / ours["rss"])
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--skip-100k", action="store_true")
    parser.add_argument("--skip-10k", action="store_true")
    parser.add_argument("--skip-official", action="store_true", help="leave out the official ncm client's figures")
    parser.add_argument("--full", action="store_true", help="also measure host_variables: [all] at 100,000")
    parser.add_argument("--static-100k", action="store_true", help="also measure the static file at 100,000 (slow)")
    args = parser.parse_args()

    plain = "plugin: cradlepoint.ncm.ncm\n"
    full = "plugin: cradlepoint.ncm.ncm\nhost_variables: [all]\n"
    enriched = "plugin: cradlepoint.ncm.ncm\nlocations: true\nwan_interfaces: true\n"
    print("ansible-core %s; simulator latency %d ms per request; ansible-inventory --list --export; load average %s"
          % (core_version(), args.latency_ms, " ".join("%.1f" % v for v in os.getloadavg())))
    with Simulator().start(seed_size=10000, extra_args=["--latency-ms", str(args.latency_ms)]) as sim:
        sim.set_faults(latency_ms=args.latency_ms)
        if not args.skip_10k:
            ours = run_inventory(sim, plain, "10,000 routers / 200 groups, default variables", static=True)
            run_inventory(sim, full, "10,000 routers, host_variables: [all]", static=True)
            run_inventory(sim, enriched, "10,000 routers, locations + WAN on")
            if not args.skip_official:
                engine = run_official(sim, "plugin API phase only (NcmData.routers)", ENGINE)
                theirs = run_official(sim, "official ncm client, 10,000 routers + groups")
                ratio(ours, theirs)
                ratio(engine, theirs)
        if not args.skip_100k:
            sim.reset(seed_size=100000)
            sim.set_faults(latency_ms=args.latency_ms)
            ours = run_inventory(sim, plain, "100,000 routers / 2,000 groups, default vars", static=args.static_100k)
            print("  %-44s %d (target <= 210)" % ("router calls", ours["by_endpoint"].get("routers", 0)))
            if args.full:
                run_inventory(sim, full, "100,000 routers, host_variables: [all]", static=args.static_100k)
            if not args.skip_official:
                engine = run_official(sim, "plugin API phase only (NcmData.routers)", ENGINE)
                theirs = run_official(sim, "official ncm client, 100,000 routers + groups")
                ratio(ours, theirs)
                ratio(engine, theirs)


def core_version():
    out = subprocess.run([str(BIN / "ansible"), "--version"], capture_output=True, text=True, check=False).stdout
    return out.split("core ", 1)[-1].split("]", 1)[0] if "core " in out else "?"


if __name__ == "__main__":
    main()
