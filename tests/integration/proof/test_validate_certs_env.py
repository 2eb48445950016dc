"""validate_certs against REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE (issue 17), with the simulator's --tls.

requests merges those environment variables over ``session.verify``, which turned ``validate_certs: false`` back
on. Both ways are proven for a module and for the inventory plugin: with a CA bundle in the environment that does
not hold the simulator's self-signed certificate, ``validate_certs: false`` works and ``validate_certs: true``
fails with the TLS message; with the simulator's certificate as the bundle, ``validate_certs: true`` works.
"""

import json

import pytest
import requests

from harness import Simulator, run_inventory, run_playbook
from proof.common import play

WRONG_BUNDLE = requests.certs.where()  # the public CA bundle: it does not hold the simulator's certificate
ENV_VARS = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")


@pytest.fixture(scope="module")
def tls_sim():
    server = Simulator().start(seed_size=10, tls=True)
    yield server
    server.stop()


def _env(var, bundle, validate):
    env = {"REQUESTS_CA_BUNDLE": "", "CURL_CA_BUNDLE": "", var: bundle}
    env["NCM_VALIDATE_CERTS"] = "true" if validate else "false"
    return env


def _cases(tls_sim):
    out = []
    for var in ENV_VARS:
        out += [(var, WRONG_BUNDLE, False, True), (var, WRONG_BUNDLE, True, False), (var, tls_sim.certfile, True, True)]
    return out


def test_module_honours_validate_certs_both_ways(tls_sim):
    tasks = [{"name": "read", "cradlepoint.ncm.ncm_router_info": {"router": ["1"]}, "register": "out",
              "ignore_errors": True}]
    for var, bundle, validate, works in _cases(tls_sim):
        run = run_playbook(tls_sim, play(tasks), env=_env(var, bundle, validate))
        record = run.task("read")
        result = record["result"]
        where = "%s=%s validate_certs=%s" % (var, bundle, validate)
        if works:
            assert not record["failed"], (where, result.get("msg"))
            assert [r["id"] for r in result["routers"]] == ["1"], where
        else:
            assert record["failed"], where
            assert "TLS" in result["msg"] and "validate_certs" in result["msg"], (where, result["msg"])


def test_inventory_honours_validate_certs_both_ways(tls_sim):
    for var, bundle, validate, works in _cases(tls_sim):
        text = "plugin: cradlepoint.ncm.ncm\nvalidate_certs: %s\n" % ("true" if validate else "false")
        env = _env(var, bundle, validate)
        env["ANSIBLE_INVENTORY_UNPARSED_FAILED"] = "true"
        rc, out, err, _calls = run_inventory(tls_sim, text, env=env)
        where = "%s=%s validate_certs=%s" % (var, bundle, validate)
        if works:
            assert rc == 0, (where, err[-1500:])
            assert len(json.loads(out)["_meta"]["hostvars"]) == 10, where
        else:
            assert rc != 0 and "TLS" in err, (where, err[-1500:])


def test_client_passes_verify_with_every_request(tls_sim, monkeypatch):
    """In-process: the client's requests carry verify=False although the environment names a CA bundle."""
    from ansible_collections.cradlepoint.ncm.plugins.module_utils.client import NcmClient

    monkeypatch.setenv("REQUESTS_CA_BUNDLE", WRONG_BUNDLE)
    settings = {"cp_api_id": "sim-cp-id", "cp_api_key": "sim-cp-key", "ecm_api_id": "sim-ecm-id",
                "ecm_api_key": "sim-ecm-key", "base_url": tls_sim.url, "max_retries": 0}
    assert NcmClient.from_settings(dict(settings, validate_certs=False)).list("products")
    with pytest.raises(Exception, match="TLS"):
        NcmClient.from_settings(dict(settings, validate_certs=True)).list("products")
