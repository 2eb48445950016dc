"""HTTP transport of the simulator: auth, trailing-slash redirects, faults, latency, accounting, control API."""

import copy
import gc
import json
import math
import os
import random
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from .api import Api
from .state import ApiError, State, now_ts

API_PREFIX = "/api/v2/"
KEYS_FULL = {"X-CP-API-ID": "sim-cp-id", "X-CP-API-KEY": "sim-cp-key",
             "X-ECM-API-ID": "sim-ecm-id", "X-ECM-API-KEY": "sim-ecm-key"}
KEYS_RO = {"X-CP-API-ID": "sim-cp-id", "X-CP-API-KEY": "sim-cp-key",
           "X-ECM-API-ID": "sim-ro-id", "X-ECM-API-KEY": "sim-ro-key"}
UNAUTHORIZED = {"status_code": 401, "exception": "unauthorized",
                "message": " Invalid Credentials i.e. missing or invalid keys.", "success": False}
FAULT_KINDS = ("429", "500", "502", "503", "408", "504", "524", "drop", "applied_502")
LOG_MAX = 20000
DEFAULT_OPTIONS = {"reboot_delay_s": 2.0, "sync_delay_s": 0.0, "rate_limit_rps": 0.0, "rate_limit_burst": 0.0,
                   "slow_page_limit": 0.0, "slow_page_status": 504.0, "default_configuration": "bare",
                   "refuse_expand": 0.0}
# firmwares/<id>/default_configuration/ is undocumented: the shapes (or an HTTP status) it can be told to answer
DEFAULT_CONFIGURATION_SHAPES = ("bare", "envelope", "diff", "unexpected")
TIMEOUT_STATUSES = (408, 504, 524)
ERROR_MESSAGES = {429: "too many requests", 500: "internal server error", 502: "bad gateway",
                  503: "service unavailable"}
# A gateway's timeout page is not the API's JSON: NCM's front ends answer these with HTML.
TIMEOUT_PAGES = {
    408: b"",
    504: b"<html><head><title>504 Gateway Time-out</title></head><body><h1>504 Gateway Time-out</h1></body></html>",
    524: b"<html><head><title>524: A timeout occurred</title></head><body><h1>A timeout occurred</h1></body></html>",
}
DEFAULT_LIMIT = 20
MAX_LIMIT = 500


class Calls:
    """Call accounting."""

    def __init__(self):
        self.reset()

    def reset(self):
        """Zero everything."""
        self.total = self.writes = self.redirects = self.faults = self.crashes = self.throttled = 0
        self.faults_by_kind = {}
        self.by_method = {}
        self.by_endpoint = {}
        self.by_status = {}
        self.log = []

    def record(self, method, path, query, status, endpoint, fault=None, crash=False,  # pylint: disable=too-many-arguments
               throttled=False):
        """Count one API call (fault: the injected fault kind or None; crash: the simulator itself failed;
        throttled: answered 429 by the request budget)."""
        self.total += 1
        if throttled:
            self.throttled += 1
        if method not in ("GET", "HEAD"):
            self.writes += 1
        if status in (301, 302, 307, 308):
            self.redirects += 1
        if fault:
            self.faults += 1
            self.faults_by_kind[fault] = self.faults_by_kind.get(fault, 0) + 1
        if crash:
            self.crashes += 1
        self.by_method[method] = self.by_method.get(method, 0) + 1
        ep = self.by_endpoint.setdefault(endpoint or "?", {})
        ep[method] = ep.get(method, 0) + 1
        key = str(status)
        self.by_status[key] = self.by_status.get(key, 0) + 1
        entry = {"method": method, "path": path, "query": query, "status": status}
        if fault:
            entry["fault"] = fault
        self.log.append(entry)
        if len(self.log) > LOG_MAX:
            del self.log[: len(self.log) - LOG_MAX]

    def as_dict(self):
        """JSON view."""
        return {"total": self.total, "writes": self.writes, "redirects": self.redirects, "faults": self.faults,
                "faults_by_kind": dict(self.faults_by_kind), "crashes": self.crashes, "throttled": self.throttled,
                "by_method": dict(self.by_method), "by_endpoint": {k: dict(v) for k, v in self.by_endpoint.items()},
                "by_status": dict(self.by_status), "log": list(self.log)}


class TokenBucket:
    """NCM's request budget of one account: ``rate`` requests per second, bursts of up to ``burst``."""

    def __init__(self, rate, burst):
        self.rate = float(rate)
        self.burst = max(1.0, float(burst) or self.rate)
        self.tokens = self.burst
        self.stamp = time.monotonic()

    def take(self):
        """0 when the request may pass (a token is taken), else the whole seconds until a token is there."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0
        return max(1, math.ceil((1.0 - self.tokens) / self.rate))


class Simulator:  # pylint: disable=too-many-instance-attributes
    """Everything one server instance holds."""

    def __init__(self, seed_size=10, latency_ms=0.0, fault_rate=0.0, fault_kinds=FAULT_KINDS, options=None):
        self.lock = threading.RLock()
        self.base = None
        self.seed_size = seed_size
        self.start_faults = {"rate": float(fault_rate), "kinds": list(fault_kinds), "latency_ms": float(latency_ms),
                             "retry_after": 1, "seed": 1, "script": []}
        self.start_options = dict(DEFAULT_OPTIONS, **(options or {}))
        self.faults = dict(self.start_faults)
        self.rng = random.Random(1)
        self.options = dict(self.start_options)
        self.forbidden_reads = set()  # endpoints whose GET answers 403, as for keys whose role may not read them
        self.next_host = None  # scheme://host[:port] that meta.next/previous name instead of the server's own
        self.bucket = None  # the account's request budget (rate_limit_rps > 0)
        self.set_limits()
        self.calls = Calls()
        self.state = None
        self.api = None

    def build(self, base):
        """Seed the state for a base URL."""
        self.base = base
        self.state = None
        gc.collect()
        self.state = State(base, self.seed_size, self.options)
        self.api = Api(self.state)
        gc.freeze()  # the seed is long-lived: keep it out of the collector's way

    def reset(self, seed_size=None):
        """Back to the start state."""
        with self.lock:
            if seed_size is not None:
                self.seed_size = int(seed_size)
            self.options = dict(self.start_options)
            self.forbidden_reads = set()
            self.next_host = None
            self.set_limits()
            self.set_faults(dict(self.start_faults))
            self.calls.reset()
            self.build(self.base)

    def set_faults(self, data):
        """Change fault settings."""
        with self.lock:
            for key in ("rate", "latency_ms"):
                if key in data:
                    self.faults[key] = float(data[key])
            if "kinds" in data:
                kinds = [str(k) for k in data["kinds"]]
                bad = [k for k in kinds if k not in FAULT_KINDS]
                if bad:
                    raise ValueError("unknown fault kinds: %s" % ", ".join(bad))
                self.faults["kinds"] = kinds
            if "retry_after" in data:
                self.faults["retry_after"] = data["retry_after"]
            if "seed" in data:
                self.faults["seed"] = data["seed"]
                self.rng = random.Random(data["seed"])
            if "script" in data:
                self.faults["script"] = [_script_entry(entry) for entry in data["script"] or []]
            return copy.deepcopy(self.faults)

    def set_limits(self):
        """(Re)start the request budget from the options (one bucket: both key pairs belong to the one account)."""
        rate = self.options["rate_limit_rps"]
        self.bucket = TokenBucket(rate, self.options["rate_limit_burst"]) if rate > 0 else None

    def throttle(self):
        """0 when the account's budget lets a request through, else the Retry-After in whole seconds."""
        with self.lock:
            return self.bucket.take() if self.bucket is not None else 0

    def slow_page(self, method, parts, query):
        """The timeout status for a list page larger than ``slow_page_limit`` (as if it took too long), or None."""
        slow = self.options["slow_page_limit"]
        if slow <= 0 or method != "GET" or len(parts) != 1:
            return None
        limit = DEFAULT_LIMIT
        for key, value in parse_qsl(query):
            if key == "limit" and value.isdigit():
                limit = min(int(value), MAX_LIMIT)
        return int(self.options["slow_page_status"]) if limit > slow else None

    def pick_fault(self, method, endpoint="", query="", body=""):
        """The fault to inject for this request, or None: the first matching scripted fault, else by rate."""
        with self.lock:
            for entry in self.faults["script"]:
                if entry["times"] > 0 and entry["method"] in (None, method) and entry["endpoint"] in (None, endpoint) \
                        and entry["query"] in query and entry["body"] in body:
                    entry["times"] -= 1
                    return entry["kind"]
            rate = self.faults["rate"]
            if rate <= 0 or self.rng.random() >= rate:
                return None
            kinds = [k for k in self.faults["kinds"] if k != "applied_502" or method not in ("GET", "HEAD")]
            if not kinds:
                return None
            return self.rng.choice(kinds)


def _script_entry(entry):
    """A validated scripted fault: {"kind", "method", "endpoint", "query", "body", "times"}."""
    if not isinstance(entry, dict):
        raise ValueError("a scripted fault is an object, not %r" % (entry,))
    unknown = sorted(set(entry) - {"kind", "method", "endpoint", "query", "body", "times"})
    if unknown:
        raise ValueError("unknown keys in a scripted fault: %s" % ", ".join(unknown))
    kind = str(entry.get("kind", ""))
    if kind not in FAULT_KINDS:
        raise ValueError("unknown fault kind %r (one of %s)" % (kind, ", ".join(FAULT_KINDS)))
    method = entry.get("method")
    method = None if method is None else str(method).upper()
    if kind == "applied_502" and method in (None, "GET", "HEAD"):
        raise ValueError("applied_502 needs a write method (POST, PUT, PATCH, DELETE)")
    times = int(entry.get("times", 1))
    if times < 1:
        raise ValueError("times must be at least 1")
    endpoint = entry.get("endpoint")
    return {"kind": kind, "method": method, "endpoint": None if endpoint is None else str(endpoint),
            "query": str(entry.get("query") or ""), "body": str(entry.get("body") or ""), "times": times}


class Handler(BaseHTTPRequestHandler):
    """One request."""

    protocol_version = "HTTP/1.1"
    server_version = "NCMSimulator/1.0"
    sim: Simulator = None  # set on the subclass made by make_server

    def setup(self):
        """Disable Nagle on the connection."""
        super().setup()
        try:
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """Quiet."""

    def do_GET(self):  # pylint: disable=invalid-name
        """GET."""
        self._dispatch("GET")

    def do_POST(self):  # pylint: disable=invalid-name
        """POST."""
        self._dispatch("POST")

    def do_PUT(self):  # pylint: disable=invalid-name
        """PUT."""
        self._dispatch("PUT")

    def do_PATCH(self):  # pylint: disable=invalid-name
        """PATCH."""
        self._dispatch("PATCH")

    def do_DELETE(self):  # pylint: disable=invalid-name
        """DELETE."""
        self._dispatch("DELETE")

    def do_HEAD(self):  # pylint: disable=invalid-name
        """HEAD."""
        self._dispatch("HEAD")

    # ------------------------------------------------------------------ plumbing
    def _send(self, status, body=None, headers=None):
        if body is None:
            payload = b""
        elif isinstance(body, bytes):
            payload = body
        else:
            payload = json.dumps(body, separators=(",", ":")).encode()
        self.send_response(status)
        if (payload or status not in (204, 301)) and "Content-Type" not in (headers or {}):
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for key, val in (headers or {}).items():
            self.send_header(key, val)
        if payload and self.command != "HEAD":
            # one write for headers and body: no Nagle / delayed-ACK stall between them
            self._headers_buffer.append(b"\r\n" + payload)  # pylint: disable=no-member
            self.flush_headers()
        else:
            self.end_headers()

    def _read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _drop(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _dispatch(self, method):
        split = urlsplit(self.path)
        path = split.path
        body = self._read_body()
        if path.startswith("/_sim/") or path == "/_sim":
            self._control(method, path.rstrip("/"), body)
            return
        sim = self.sim
        if not path.startswith(API_PREFIX[:-1]):
            self._send(404, {"exception": {"message": "not found", "type": "error"}, "errors": [{"path": path}]})
            return
        rest = path[len(API_PREFIX):] if path.startswith(API_PREFIX) else ""
        parts = [p for p in rest.split("/") if p]
        endpoint = parts[0] if parts else ""
        if not path.endswith("/"):
            location = path + "/" + ("?" + split.query if split.query else "")
            with sim.lock:
                sim.calls.record(method, path, split.query, 301, endpoint)
            self._send(301, None, {"Location": location})
            return
        latency = sim.faults["latency_ms"]
        if latency > 0:
            time.sleep(latency / 1000.0)
        status, payload, headers, fault = self._api(method, parts, split.query, body)
        throttled = fault == "throttled"
        fault = None if throttled else fault
        crash = status == 500 and not fault
        with sim.lock:
            sim.calls.record(method, path, split.query, status if status else 0, endpoint, fault, crash, throttled)
            next_host = sim.next_host
        if next_host and isinstance(payload, dict) and isinstance(payload.get("meta"), dict):
            payload = dict(payload, meta=_rehost(payload["meta"], next_host))
        if status is None:
            self._drop()
            return
        self._send(status, payload, headers)

    def _api(self, method, parts, query, body):
        """(status, body, headers, fault kind or None) of an API call; status None means drop the connection."""
        sim = self.sim
        hdr = {k: self.headers.get(k) for k in KEYS_FULL}
        if hdr == KEYS_FULL:
            read_only = False
        elif hdr == KEYS_RO:
            read_only = True
        else:
            return 401, UNAUTHORIZED, None, None
        if not parts:
            return 404, {"exception": {"message": "not found", "type": "error"}, "errors": [{"path": sim.base}]}, \
                None, None
        retry_after = sim.throttle()
        if retry_after:
            return 429, {"exception": {"message": ERROR_MESSAGES[429], "type": "server_error"}, "errors": []}, \
                {"Retry-After": str(retry_after)}, "throttled"
        if method == "GET" and parts[0] in sim.forbidden_reads:
            return 403, {"exception": {"message": "forbidden", "type": "error"}, "errors": []}, None, None
        slow = sim.slow_page(method, parts, query)
        if slow:
            return self._fault_answer(slow, "slow_page")
        fault = sim.pick_fault(method, parts[0], query, body.decode("utf-8", "replace"))
        if fault == "drop":
            return None, None, None, fault
        if fault in ("429", "500", "502", "503", "408") or (fault in ("504", "524") and method in ("GET", "HEAD")):
            return self._fault_answer(int(fault), fault)
        try:
            with sim.lock:
                status, payload = sim.api.handle(method, parts, parse_qsl(query, keep_blank_values=True), body,
                                                 read_only)
        except ApiError as exc:
            status, payload = exc.status, exc.body
        except Exception as exc:  # pylint: disable=broad-except
            status, payload = 500, {"exception": {"message": "%s: %s" % (type(exc).__name__, exc),
                                                  "type": "server_error"}, "errors": []}
        if fault in ("applied_502", "504", "524") and status < 400:
            # the write was applied, then the answer was lost: a gateway gave up waiting while NCM went on
            return self._fault_answer(502 if fault == "applied_502" else int(fault), fault)
        return status, payload, None, None

    def _fault_answer(self, code, fault):
        """(status, body, headers, fault) of an injected failure."""
        if code in TIMEOUT_STATUSES:
            page = TIMEOUT_PAGES[code]
            return code, page, {"Content-Type": "text/html"} if page else None, fault
        headers = {"Retry-After": str(self.sim.faults["retry_after"])} if code == 429 else None
        return code, {"exception": {"message": ERROR_MESSAGES[code], "type": "server_error"}, "errors": []}, headers, \
            fault

    def _control(self, method, path, body):
        try:
            data = json.loads(body) if body else {}
        except ValueError:
            self._send(400, {"error": "invalid JSON"})
            return
        try:
            out = self._control_inner(method, path, data)
        except (ValueError, TypeError, KeyError) as exc:
            self._send(400, {"error": str(exc)})
            return
        if out is None:
            self._send(404, {"error": "unknown control endpoint %s %s" % (method, path)})
            return
        self._send(200, out)

    def _control_inner(self, method, path, data):  # pylint: disable=too-many-return-statements
        sim = self.sim
        with sim.lock:
            if path == "/_sim/calls" and method == "GET":
                return sim.calls.as_dict()
            if path == "/_sim/calls/reset" and method == "POST":
                sim.calls.reset()
                return {"ok": True}
            if path == "/_sim/state" and method == "GET":
                out = sim.state.dump()
                out["faults"] = copy.deepcopy(sim.faults)
                out["seed_size"] = sim.seed_size
                return out
            if path == "/_sim/reset" and method == "POST":
                sim.reset(data.get("seed_size"))
                return {"ok": True, "seed_size": sim.seed_size}
            if path == "/_sim/faults":
                if method == "POST":
                    return sim.set_faults(data)
                return copy.deepcopy(sim.faults)
            if path == "/_sim/config":
                if method == "POST":
                    for key, val in data.items():
                        if key == "forbidden_reads":
                            sim.forbidden_reads = {str(name) for name in val}
                            continue
                        if key == "next_host":
                            sim.next_host = _check_host(val)
                            continue
                        if key not in DEFAULT_OPTIONS:
                            raise ValueError("unknown option %s" % key)
                        if key == "default_configuration":
                            if val not in DEFAULT_CONFIGURATION_SHAPES and not (
                                    isinstance(val, int) and 400 <= val <= 599):
                                raise ValueError("default_configuration: one of %s or an HTTP status 400-599"
                                                 % ", ".join(DEFAULT_CONFIGURATION_SHAPES))
                            sim.options[key] = val
                            continue
                        if key == "slow_page_status" and int(val) not in TIMEOUT_STATUSES:
                            raise ValueError("slow_page_status must be one of 408, 504, 524")
                        if float(val) < 0:
                            raise ValueError("%s must be 0 or more" % key)
                        sim.options[key] = float(val)
                    sim.set_limits()
                return dict(sim.options, forbidden_reads=sorted(sim.forbidden_reads), next_host=sim.next_host)
            if path == "/_sim/router_state" and method == "POST":
                r = sim.state.routers[int(data["router"])]
                if data["state"] not in ("online", "offline"):
                    raise ValueError("state must be online or offline")
                r.state = data["state"]
                r.reboot_until = 0.0
                r.state_updated_at = r.updated_at = now_ts()
                return sim.state.render_router(r)
        return None


def _check_host(value):
    """None, or a scheme://host[:port] origin without a path."""
    if value in (None, ""):
        return None
    parts = urlsplit(str(value))
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
        raise ValueError("next_host must be scheme://host[:port], not %r" % (value,))
    return "%s://%s" % (parts.scheme, parts.netloc)


def _rehost(meta, origin):
    """meta with next/previous URLs moved to another origin (as a proxy in front of NCM might report them)."""
    out = dict(meta)
    for key in ("next", "previous"):
        if isinstance(out.get(key), str):
            parts = urlsplit(out[key])
            out[key] = origin + parts.path + ("?" + parts.query if parts.query else "")
    return out


def make_cert(directory):
    """A self-signed certificate for 127.0.0.1/localhost; returns (certfile, keyfile)."""
    cert = os.path.join(directory, "sim-cert.pem")
    key = os.path.join(directory, "sim-key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


def make_server(sim, port=0, tls=False):
    """Bind 127.0.0.1:port, seed, and return (server, base_url, certfile or None)."""
    handler = type("BoundHandler", (Handler,), {"sim": sim})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    certfile = None
    scheme = "http"
    if tls:
        directory = tempfile.mkdtemp(prefix="ncmsim-")
        certfile, keyfile = make_cert(directory)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(certfile, keyfile)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    base = "%s://127.0.0.1:%d%s" % (scheme, server.server_address[1], API_PREFIX)
    sim.build(base)
    return server, base, certfile
