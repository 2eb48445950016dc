"""Simulator speed and memory: seed 100,000 routers, time 500-router pages, report RSS.

Run: .venv/bin/python tests/benchmarks/bench_simulator.py [--seed-size 100000] [--pages 20]
"""

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))

import requests  # noqa: E402  pylint: disable=wrong-import-position

from harness import HEADERS, Simulator  # noqa: E402  pylint: disable=wrong-import-position


def rss_mib(pid):
    """Resident set size of a process in MiB (Linux)."""
    with open("/proc/%d/status" % pid, encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def timed(session, url, repeat):
    """Median and max wall time (ms) of GET url."""
    times = []
    for _round in range(repeat):
        start = time.perf_counter()
        resp = session.get(url, headers=HEADERS, timeout=60)
        times.append((time.perf_counter() - start) * 1000)
        assert resp.status_code == 200, resp.text[:200]
    return statistics.median(times), max(times), len(resp.json()["data"])


def main():
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed-size", type=int, default=100000)
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    start = time.perf_counter()
    sim = Simulator().start(seed_size=args.seed_size)
    startup = time.perf_counter() - start
    try:
        session = requests.Session()
        print("routers: %d" % args.seed_size)
        print("start-up incl. seeding: %.2f s" % startup)
        print("RSS after seeding: %.1f MiB" % rss_mib(sim.proc.pid))
        for label, path in (("first page", "routers/?limit=500"),
                            ("middle page", "routers/?limit=500&offset=%d" % (args.seed_size // 2)),
                            ("last page", "routers/?limit=500&offset=%d" % max(0, args.seed_size - 500)),
                            ("filtered (group=3)", "routers/?limit=500&group=3"),
                            ("config managers page", "configuration_managers/?limit=500&offset=1000"),
                            ("net_devices page", "net_devices/?limit=500&offset=1000")):
            med, worst, count = timed(session, sim.url + path, args.pages)
            print("%-22s %4d records: median %.1f ms, max %.1f ms" % (label, count, med, worst))
        url = sim.url + "routers/?limit=500&fields=id,name"
        start = time.perf_counter()
        pages = 0
        while url:
            body = session.get(url, headers=HEADERS, timeout=60).json()
            url = body["meta"]["next"]
            pages += 1
        print("all routers via meta.next (fields=id,name): %d pages in %.2f s" % (pages, time.perf_counter() - start))
        start = time.perf_counter()
        sim.reset()
        print("reset (reseed): %.2f s" % (time.perf_counter() - start))
        print("RSS at the end: %.1f MiB" % rss_mib(sim.proc.pid))
    finally:
        sim.stop()


if __name__ == "__main__":
    main()
