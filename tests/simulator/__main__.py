"""python -m simulator --port 0 [--seed-size N] [--latency-ms MS] [--fault-rate F] [--rate-limit RPS] [--tls]"""

import argparse
import sys

from .server import FAULT_KINDS, Simulator, make_server


def main(argv=None):
    """Start the simulator; print the base URL first, then serve until killed."""
    parser = argparse.ArgumentParser(prog="python -m simulator", description="NCM API v2 simulator")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seed-size", type=int, default=10)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--fault-rate", type=float, default=0.0)
    parser.add_argument("--fault-kinds", default=",".join(FAULT_KINDS))
    parser.add_argument("--reboot-delay", type=float, default=2.0)
    parser.add_argument("--sync-delay", type=float, default=0.0)
    parser.add_argument("--rate-limit", type=float, default=0.0, help="requests per second for the account (0: off)")
    parser.add_argument("--rate-limit-burst", type=float, default=0.0, help="bucket size (0: one second's worth)")
    parser.add_argument("--slow-page-limit", type=float, default=0.0,
                        help="list pages with a larger limit answer a timeout (0: off)")
    parser.add_argument("--tls", action="store_true")
    args = parser.parse_args(argv)
    sim = Simulator(seed_size=args.seed_size, latency_ms=args.latency_ms, fault_rate=args.fault_rate,
                    fault_kinds=[k for k in args.fault_kinds.split(",") if k],
                    options={"reboot_delay_s": args.reboot_delay, "sync_delay_s": args.sync_delay,
                             "rate_limit_rps": args.rate_limit, "rate_limit_burst": args.rate_limit_burst,
                             "slow_page_limit": args.slow_page_limit})
    server, base, certfile = make_server(sim, args.port, args.tls)
    sys.stdout.write(base + "\n")
    sys.stdout.flush()
    if certfile:
        sys.stderr.write("certificate: %s\n" % certfile)
        sys.stderr.flush()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
