"""Run the NCM simulator in a subprocess and real ansible-playbook / ansible-inventory against it.

    sim = Simulator().start(seed_size=10)
    run = run_playbook(sim, PLAYBOOK_YAML, check=True, diff=True)
    assert run.rc == 0 and run.writes == 0
    run.task("create group")["result"]["group"]["name"]
"""

import json
import os
import pathlib
import subprocess
import sys
import tempfile

import pytest
import requests

TESTS = pathlib.Path(__file__).resolve().parent.parent
CALLBACKS = pathlib.Path(__file__).resolve().parent / "callback_plugins"
BIN = pathlib.Path(sys.executable).parent

KEYS = {"X_CP_API_ID": "sim-cp-id", "X_CP_API_KEY": "sim-cp-key",
        "X_ECM_API_ID": "sim-ecm-id", "X_ECM_API_KEY": "sim-ecm-key"}
RO_KEYS = {"X_CP_API_ID": "sim-cp-id", "X_CP_API_KEY": "sim-cp-key",
           "X_ECM_API_ID": "sim-ro-id", "X_ECM_API_KEY": "sim-ro-key"}
# The same keys as HTTP headers (for direct requests against the simulator).
HEADERS = {k.replace("_", "-"): v for k, v in KEYS.items()}
RO_HEADERS = {k.replace("_", "-"): v for k, v in RO_KEYS.items()}


class Simulator:
    """A simulator subprocess."""

    def __init__(self):
        self.proc = None
        self.url = None
        self.root = None
        self.session = requests.Session()
        self.certfile = None

    def start(self, seed_size=10, tls=False, extra_args=()):
        """Start it and wait for its URL; returns self."""
        cmd = [sys.executable, "-m", "simulator", "--port", "0", "--seed-size", str(seed_size)]
        if tls:
            cmd.append("--tls")
        cmd.extend(extra_args)
        env = dict(os.environ)
        env["PYTHONPATH"] = str(TESTS) + os.pathsep + env.get("PYTHONPATH", "")
        # pylint: disable-next=consider-using-with
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
        line = self.proc.stdout.readline().strip()
        if not line.startswith("http"):
            err = self.proc.stderr.read() if self.proc.poll() is not None else ""
            self.stop()
            raise RuntimeError("simulator did not start: %r %s" % (line, err))
        self.url = line
        self.root = line.split("/api/v2/")[0]
        if tls:
            self.certfile = self.proc.stderr.readline().strip().split("certificate: ", 1)[-1]
            self.session.verify = self.certfile
        return self

    def _control(self, method, path, body=None):
        resp = self.session.request(method, self.root + path, json=body, timeout=60, verify=self._verify())
        resp.raise_for_status()
        return resp.json()

    def calls(self):
        """GET /_sim/calls."""
        return self._control("GET", "/_sim/calls")

    def reset_calls(self):
        """POST /_sim/calls/reset."""
        return self._control("POST", "/_sim/calls/reset")

    def state(self):
        """GET /_sim/state (secrets in clear text)."""
        return self._control("GET", "/_sim/state")

    def reset(self, seed_size=None):
        """Reseed to the start state (and reset calls, faults, config)."""
        return self._control("POST", "/_sim/reset", {} if seed_size is None else {"seed_size": seed_size})

    def set_faults(self, **kw):
        """POST /_sim/faults (rate, kinds, latency_ms, retry_after, seed)."""
        return self._control("POST", "/_sim/faults", kw)

    def configure(self, **kw):
        """POST /_sim/config (reboot_delay_s, sync_delay_s)."""
        return self._control("POST", "/_sim/config", kw)

    def set_router_state(self, router, state):
        """Take a router online/offline."""
        return self._control("POST", "/_sim/router_state", {"router": str(router), "state": state})

    def api(self, method, path, read_only=False, **kw):
        """A direct API call with the simulator's keys (path relative to the API base)."""
        headers = dict(RO_HEADERS if read_only else HEADERS)
        headers.update(kw.pop("headers", {}))
        kw.setdefault("verify", self._verify())
        return self.session.request(method, self.url + path, headers=headers, timeout=60, **kw)

    def _verify(self):
        return self.certfile if self.certfile else True

    def stop(self):
        """Stop the subprocess."""
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
            for stream in (self.proc.stdout, self.proc.stderr):
                if stream:
                    stream.close()
            self.proc = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class PlaybookRun:
    """The outcome of one ansible-playbook run."""

    def __init__(self, rc, stdout, stderr, tasks, calls):
        self.rc = rc
        self.stdout = stdout
        self.stderr = stderr
        self.tasks = tasks
        self.calls = calls
        self.writes = calls.get("writes", 0) if calls else 0

    def task(self, name):
        """The last record of the task with this name (KeyError if none)."""
        for rec in reversed(self.tasks):
            if rec["name"] == name:
                return rec
        names = [t["name"] for t in self.tasks]
        raise KeyError("no task %r; tasks: %s\n%s\n%s" % (name, names, self.stdout, self.stderr))

    def __repr__(self):
        return "PlaybookRun(rc=%s, writes=%s, tasks=%s)" % (self.rc, self.writes, [t["name"] for t in self.tasks])


def base_env(sim, keys=None, env=None):
    """The environment for ansible commands against the simulator."""
    out = dict(os.environ)
    out.update({
        "NCM_BASE_URL": sim.url,
        "ANSIBLE_LOCALHOST_WARNING": "False",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "False",
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
        "ANSIBLE_RETRY_FILES_ENABLED": "False",
        "ANSIBLE_DEPRECATION_WARNINGS": "False",
    })
    for name in KEYS:
        out.pop(name, None)
    out.update(KEYS if keys is None else keys)
    if "ANSIBLE_COLLECTIONS_PATH" in os.environ:
        out["ANSIBLE_COLLECTIONS_PATH"] = os.environ["ANSIBLE_COLLECTIONS_PATH"]
    if sim.url.startswith("https"):
        out.setdefault("NCM_VALIDATE_CERTS", "false")
    out.update(env or {})
    return out


def run_playbook(sim, playbook, *, check=False, diff=False, extra_vars=None, env=None, verbosity=0, keys=None,
                 inventory=None, timeout=600):
    """Run ansible-playbook (playbook: YAML text or a path) against the simulator; returns a PlaybookRun."""
    with tempfile.TemporaryDirectory(prefix="ncm-play-") as tmp:
        tmp = pathlib.Path(tmp)
        if isinstance(playbook, pathlib.Path) or ("\n" not in str(playbook) and os.path.exists(str(playbook))):
            book = str(playbook)
        else:
            book = str(tmp / "playbook.yml")
            pathlib.Path(book).write_text(playbook, encoding="utf-8")
        record = tmp / "record.json"
        cmd = [str(BIN / "ansible-playbook"), book]
        if inventory is None:
            cmd += ["-i", "localhost,", "-c", "local"]
        else:
            if "\n" in str(inventory) or not os.path.exists(str(inventory)):
                inv = tmp / "inventory.ini"
                inv.write_text(str(inventory), encoding="utf-8")
                inventory = str(inv)
            cmd += ["-i", str(inventory)]
        if check:
            cmd.append("--check")
        if diff:
            cmd.append("--diff")
        if extra_vars:
            cmd += ["-e", json.dumps(extra_vars)]
        if verbosity:
            cmd.append("-" + "v" * verbosity)
        full_env = base_env(sim, keys, env)
        full_env["NCM_SIM_RECORD"] = str(record)
        cb_paths = [str(CALLBACKS)] + [p for p in full_env.get("ANSIBLE_CALLBACK_PLUGINS", "").split(":") if p]
        full_env["ANSIBLE_CALLBACK_PLUGINS"] = ":".join(cb_paths)
        enabled = [c for c in full_env.get("ANSIBLE_CALLBACKS_ENABLED", "").split(",") if c]
        full_env["ANSIBLE_CALLBACKS_ENABLED"] = ",".join(enabled + ["sim_recorder"])
        sim.reset_calls()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=full_env, check=False, timeout=timeout,
                              cwd=str(tmp))
        calls = sim.calls()
        tasks = json.loads(record.read_text(encoding="utf-8")) if record.exists() else []
    return PlaybookRun(proc.returncode, proc.stdout, proc.stderr, tasks, calls)


def unwrap(value):
    """ansible-inventory 2.19 marks plugin strings as {"__ansible_unsafe": ...}; return plain data."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return value["__ansible_unsafe"]
        return {key: unwrap(item) for key, item in value.items()}
    if isinstance(value, list):
        return [unwrap(item) for item in value]
    return value


def run_inventory(sim, inventory_file_text, *args, keys=None, env=None, timeout=600):
    """ansible-inventory -i FILE --list (args replace --list); returns (rc, stdout, stderr, calls)."""
    with tempfile.TemporaryDirectory(prefix="ncm-inv-") as tmp:
        # the file name ends in ncm.yml so that the inventory plugin's verify_file() accepts it
        path = pathlib.Path(tmp) / "ncm.yml"
        path.write_text(inventory_file_text, encoding="utf-8")
        cmd = [str(BIN / "ansible-inventory"), "-i", str(path)] + (list(args) or ["--list"])
        sim.reset_calls()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=base_env(sim, keys, env), check=False,
                              timeout=timeout, cwd=tmp)
        calls = sim.calls()
    return proc.returncode, proc.stdout, proc.stderr, calls


@pytest.fixture(scope="session")
def sim_session():
    """The session's simulator (seed size 10); conftest files import this fixture."""
    server = Simulator().start(seed_size=10)
    yield server
    server.stop()


@pytest.fixture
def sim(sim_session):  # pylint: disable=redefined-outer-name
    """The simulator, reset to the start state (seed, faults, config, calls) before the test."""
    sim_session.reset(seed_size=10)
    return sim_session
