"""The official Cradlepoint client (PyPI `ncm`) against the simulator. Findings: docs/simulator.md."""

import pytest
import requests
# Installed on every leg (requirements-dev.txt, .ci/requirements-*.txt): a missing client fails, not skips.
from ncm import ncm

from harness import HEADERS


@pytest.fixture
def client(sim):
    return ncm.NcmClientv2(api_keys=dict(HEADERS), base_url=sim.url.rstrip("/"), log_events=False, retries=0)


def test_list_all_routers(sim, client):
    sim.reset(seed_size=1200)
    sim.reset_calls()
    routers = client.get_routers(limit="all")
    assert [r["id"] for r in routers] == [str(i) for i in range(1, 1201)]
    calls = sim.calls()
    # limit=1000000 is clamped to 500 and the client follows meta.next: 3 pages, no redirects
    assert calls["total"] == 3 and calls["redirects"] == 0
    sim.reset(seed_size=10)


def test_create_group_sends_a_relative_v1_account(sim, client):
    # Finding: create_group_by_parent_id sends account as "/api/v1/accounts/<id>/", a relative v1 path; every
    # reference example writes references as absolute v2 URLs, so the simulator refuses it (400 naming account)
    with pytest.raises(requests.exceptions.HTTPError) as caught:
        client.create_group_by_parent_id("1", "client-group", "AER2200", "7.24.10")
    assert "account" in str(caught.value) and "/api/v1/accounts/1/" in str(caught.value)
    assert [g for g in client.get_groups() if g["name"] == "client-group"] == []
    # with the account as the reference writes it, the same request creates the group, and the client deletes it
    body = {"account": sim.url + "accounts/1/", "name": "client-group", "product": sim.url + "products/3/",
            "target_firmware": sim.url + "firmwares/8/"}
    group = client.session.post(sim.url + "groups/", json=body).json()
    assert client.get_group_by_name("client-group")["id"] == group["id"]
    client.delete_group_by_id(group["id"])
    assert [g for g in client.get_groups() if g["name"] == "client-group"] == []


def test_patch_router_configuration(sim, client):
    diff = {"configuration": [{"system": {"gps": {"enabled": True}}}, []]}
    # Finding: patch_configuration_managers looks the manager up with ?router.id=, which the reference does
    # not document (the filter is ?router=); the simulator answers 400 and the client then fails on ['data'].
    with pytest.raises(KeyError):
        client.patch_configuration_managers(2, diff)
    # The documented way with the same client: find the manager by ?router=, then PATCH it.
    cm_id = client.get_configuration_managers(router=2)[0]["id"]
    assert cm_id == "1002"
    resp = client.session.patch(sim.url + "configuration_managers/%s/" % cm_id, json=diff)
    assert resp.status_code == 202 and resp.text == ""
    cm = client.get_configuration_managers(router=2)[0]
    assert cm["configuration"] == diff["configuration"]
    assert cm["version_number"] == 1 and cm["synched"] is True
    # update_configuration_managers (PUT by manager id) works as documented
    result = client.update_configuration_managers(cm_id, {"configuration": [{}, []]})
    assert result["configuration"] == [{}, []]
