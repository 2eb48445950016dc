"""The simulator behaves as the API reference says (tested over HTTP)."""

import json
import time

import pytest
import requests

from harness import HEADERS
from simulator.config import SECTIONS

UNAUTH = {"status_code": 401, "exception": "unauthorized",
          "message": " Invalid Credentials i.e. missing or invalid keys.", "success": False}
FORBIDDEN = {"exception": {"message": "forbidden", "type": "error"}, "errors": []}


def get(sim, path, **kw):
    resp = sim.api("GET", path, **kw)
    assert resp.status_code == 200, resp.text
    return resp.json()


def cm_of(sim, router):
    return get(sim, "configuration_managers/?router=%s" % router)["data"][0]


# ---------------------------------------------------------------- auth, slash, accounting
def test_missing_and_wrong_keys(sim):
    resp = requests.get(sim.url + "routers/", timeout=10)
    assert resp.status_code == 401 and resp.json() == UNAUTH
    bad = dict(HEADERS, **{"X-ECM-API-KEY": "nope"})
    resp = requests.get(sim.url + "routers/", headers=bad, timeout=10)
    assert resp.status_code == 401 and resp.json() == UNAUTH


def test_read_only_keys(sim):
    assert sim.api("GET", "groups/", read_only=True).status_code == 200
    resp = sim.api("POST", "groups/", read_only=True, json={"name": "x", "product": sim.url + "products/1/", "target_firmware": sim.url + "firmwares/3/"})
    assert resp.status_code == 403 and resp.json() == FORBIDDEN
    assert sim.api("PUT", "routers/1/", read_only=True, json={"name": "x"}).status_code == 403
    assert sim.api("DELETE", "groups/1/", read_only=True).status_code == 403
    assert get(sim, "routers/1/")["name"] == "router-00001"


def test_trailing_slash_redirect_counted(sim):
    sim.reset_calls()
    resp = requests.get(sim.url + "routers?limit=1", headers=HEADERS, timeout=10)
    assert resp.status_code == 200 and len(resp.json()["data"]) == 1
    assert resp.history[0].status_code == 301
    assert resp.history[0].headers["Location"].endswith("/api/v2/routers/?limit=1")
    calls = sim.calls()
    assert calls["total"] == 2 and calls["redirects"] == 1
    assert calls["by_status"] == {"301": 1, "200": 1}
    assert calls["log"][0]["path"] == "/api/v2/routers"


def test_call_accounting(sim):
    sim.reset_calls()
    get(sim, "routers/")
    sim.api("PUT", "routers/1/", json={"name": "r1"})
    requests.get(sim.root + "/_sim/state", timeout=10)
    calls = sim.calls()
    assert calls["total"] == 2 and calls["writes"] == 1
    assert calls["by_method"] == {"GET": 1, "PUT": 1}
    assert calls["by_endpoint"] == {"routers": {"GET": 1, "PUT": 1}}
    assert calls["log"][1] == {"method": "PUT", "path": "/api/v2/routers/1/", "query": "", "status": 202}
    sim.reset_calls()
    assert sim.calls()["total"] == 0


# ---------------------------------------------------------------- lists, paging, fields, filters
def test_envelope_and_paging(sim):
    page = get(sim, "routers/?limit=4")
    assert [r["id"] for r in page["data"]] == ["1", "2", "3", "4"]
    meta = page["meta"]
    assert meta["limit"] == 4 and meta["offset"] == 0 and meta["previous"] is None
    assert meta["next"].startswith(sim.url + "routers/?")
    ids = []
    url = sim.url + "routers/?limit=4"
    while url:
        body = requests.get(url, headers=HEADERS, timeout=10).json()
        ids += [r["id"] for r in body["data"]]
        url = body["meta"]["next"]
    assert ids == [str(i) for i in range(1, 11)]
    assert get(sim, "routers/")["meta"]["limit"] == 20
    assert get(sim, "routers/?limit=100000")["meta"]["limit"] == 500
    assert sim.api("GET", "routers/?limit=abc").status_code == 400
    prev = get(sim, "routers/?limit=3&offset=3")["meta"]["previous"]
    assert "offset=0" in prev


def test_offset_rejected_and_cursor_paging(sim):
    resp = sim.api("GET", "alert_rules/?offset=0")
    assert resp.status_code == 400
    assert resp.json()["errors"] == [{"offset": "offset is not supported on this endpoint"}]
    for i in range(3):
        assert sim.api("POST", "alert_push_destinations/", json={
            "name": "d%d" % i, "endpoint": {"url": "https://h%d.example.com" % i},
            "authentication": {"secret": "s"}}).status_code == 201
    page = get(sim, "alert_push_destinations/?limit=2")
    assert set(page["meta"]) == {"limit", "next"}
    seen = [d["destination_config_id"] for d in page["data"]]
    url = page["meta"]["next"]
    while url:
        body = requests.get(url, headers=HEADERS, timeout=10).json()
        seen += [d["destination_config_id"] for d in body["data"]]
        url = body["meta"]["next"]
    assert len(seen) == len(set(seen)) == 4


def test_fields_and_expand(sim):
    data = get(sim, "routers/?fields=id,name&limit=2")["data"]
    assert data == [{"id": "1", "name": "router-00001"}, {"id": "2", "name": "router-00002"}]
    assert get(sim, "accounts/1/?fields=name,is_disabled") == {"name": "Sim Account", "is_disabled": False}
    cm = get(sim, "configuration_managers/?router=1&fields=id,router.id,router.name")["data"][0]
    assert cm == {"id": "1001", "router": {"id": "1", "name": "router-00001"}}
    r = get(sim, "routers/1/?expand=group")
    assert r["group"]["name"] == "group-001"
    assert get(sim, "groups/1/?expand=account")["account"]["name"] == "Sim Account"


def test_expand_only_where_documented(sim):
    # groups do not list product or target_firmware as expandable; dotted fields reach the same related objects
    resp = sim.api("GET", "groups/?expand=product,target_firmware")
    assert resp.status_code == 400
    assert resp.json()["errors"] == [{"expand": "not expandable on groups: product, target_firmware"}]
    resp = sim.api("GET", "groups/1/?fields=id,product.name")
    assert resp.status_code == 400 and resp.json()["errors"] == [{"fields": "not expandable on groups: product.name"}]
    assert sim.api("GET", "configuration_managers/?expand=router,account").status_code == 200
    assert sim.api("GET", "locations/?expand=router").status_code == 200
    assert sim.api("GET", "configuration_managers/?expand=target").status_code == 400


def test_filters(sim):
    assert [r["id"] for r in get(sim, "routers/?state=offline")["data"]] == ["7"]
    assert [r["id"] for r in get(sim, "routers/?group=1")["data"]] == ["1", "4", "7"]
    assert [r["id"] for r in get(sim, "routers/?group__in=2,3&state=online")["data"]] == ["2", "3", "5", "6", "8", "9"]
    assert [r["id"] for r in get(sim, "routers/?id__in=2,10")["data"]] == ["2", "10"]
    assert [r["name"] for r in get(sim, "routers/?name=router-00003")["data"]] == ["router-00003"]
    assert [r["id"] for r in get(sim, "routers/?mac=00:30:44:00:00:0A")["data"]] == ["10"]
    # MACs are stored in upper case (as the reference shows them) and "=" is an exact match
    assert get(sim, "routers/?mac=00:30:44:00:00:0a")["data"] == []
    assert get(sim, "routers/10/")["mac"] == "00:30:44:00:00:0A"
    assert get(sim, "configuration_managers/?version_number__gt=0")["data"] == []
    assert len(get(sim, "configuration_managers/?synched=true")["data"]) == 10
    assert [n["id"] for n in get(sim, "net_devices/?router=2")["data"]] == ["3", "4"]
    assert get(sim, "groups/?name=group-002")["data"][0]["id"] == "2"
    assert get(sim, "users/?email=ops@example.com")["data"][0]["username"] == "ops"


def test_unknown_filter_rejected(sim):
    resp = sim.api("GET", "routers/?colour=red")
    assert resp.status_code == 400
    assert resp.json() == {"exception": {"type": "validation", "message": "bad or missing data"},
                           "errors": [{"colour": "unknown filter or parameter"}]}
    # an operator the endpoint does not document is unknown too
    assert sim.api("GET", "routers/?name__gt=a").status_code == 400


def test_ids_are_strings_refs_are_urls(sim):
    r = get(sim, "routers/2/")
    assert r["id"] == "2"
    assert r["group"] == sim.url + "groups/2/"
    assert r["product"] == sim.url + "products/2/"
    assert r["serial_number"] == "WA240000000002" and r["mac"] == "00:30:44:00:00:02"


# ---------------------------------------------------------------- methods and errors
def test_methods_and_status_codes(sim):
    assert sim.api("POST", "routers/", json={}).status_code == 405
    body = sim.api("PATCH", "routers/1/", json={}).json()
    assert body["exception"] == {"message": "method not allowed", "type": "error"}
    assert body["errors"][1] == {"method": "PATCH"}
    assert sim.api("DELETE", "products/1/").status_code == 405
    assert sim.api("PUT", "configuration_managers/", json={}).status_code == 405
    assert sim.api("GET", "routers/999/").status_code == 404
    assert sim.api("GET", "nosuch/").status_code == 404
    resp = sim.api("POST", "groups/", data="{bad json", headers={"Content-Type": "application/json"})
    assert resp.status_code == 400 and resp.json()["exception"]["type"] == "server_error"


def test_group_lifecycle(sim):
    resp = sim.api("POST", "groups/", json={"name": "new", "product": sim.url + "products/3/",
                                            "target_firmware": sim.url + "firmwares/8/"})
    assert resp.status_code == 201
    group = resp.json()
    assert group["id"] == "4" and group["configuration"] == [{}, []]
    assert group["account"] == sim.url + "accounts/1/"
    resp = sim.api("PUT", "groups/4/", json={"name": "renamed"})
    assert resp.status_code == 202 and resp.json()["name"] == "renamed"
    resp = sim.api("PATCH", "groups/4/", json={"configuration": [{"system": {"gps": {"enabled": True}}}, []]})
    assert resp.status_code == 202
    assert get(sim, "groups/4/")["configuration"] == [{"system": {"gps": {"enabled": True}}}, []]
    resp = sim.api("DELETE", "groups/4/")
    assert resp.status_code == 204 and resp.content == b""
    assert sim.api("GET", "groups/4/").status_code == 404


def test_group_validation(sim):
    resp = sim.api("POST", "groups/", json={"name": "x"})
    assert resp.status_code == 400
    errs = {k for e in resp.json()["errors"] for k in e}
    assert errs == {"product", "target_firmware"}
    resp = sim.api("POST", "groups/", json={"name": "x", "product": sim.url + "products/1/", "target_firmware": sim.url + "firmwares/5/"})
    assert resp.json()["errors"] == [{"target_firmware": "firmware does not belong to product"}]
    resp = sim.api("PUT", "groups/1/", json={"id": "9"})
    assert resp.status_code == 400 and resp.json()["errors"] == [{"id": "read-only field"}]


def test_group_patch_takes_configuration_only(sim):
    # the reference writes group attributes with PUT; its only PATCH example changes the configuration
    for body in ({"name": "x"}, {"target_firmware": sim.url + "firmwares/2/"}, {"product": sim.url + "products/1/"},
                 {"account": sim.url + "accounts/1/"}, {"name": "x", "configuration": [{}, []]}):
        resp = sim.api("PATCH", "groups/1/", json=body)
        assert resp.status_code == 400, body
        assert {k for e in resp.json()["errors"] for k in e} == set(body) - {"configuration"}
        assert "use PUT" in json.dumps(resp.json())
    assert get(sim, "groups/1/")["name"] == "group-001"
    assert sim.api("PUT", "groups/1/", json={"name": "x"}).status_code == 202


def test_config_patch_refuses_removals(sim):
    # "you can't remove anything with PATCH" (reference): a removal is a PUT
    for path in ("groups/2/", "configuration_managers/1002/"):
        resp = sim.api("PATCH", path, json={"configuration": [{}, [["lan", "0"]]]})
        assert resp.status_code == 400 and resp.json()["errors"] == [
            {"configuration": "removals cannot be made with PATCH (use PUT)"}]
    assert cm_of(sim, 2)["configuration"] == [{}, []] and get(sim, "groups/2/")["configuration"] == [{}, []]
    assert sim.api("PUT", "configuration_managers/1002/", json={"configuration": [{}, [["lan", "0"]]]}).status_code == 202


def test_references_are_absolute_urls_of_this_server(sim):
    """Every reference example shows an absolute URL: bare ids, relative URIs and URLs of another kind or host are
    refused (400 naming the field). locations.router is the one integer id the reference documents."""
    good = {"name": "refs", "product": sim.url + "products/1/", "target_firmware": sim.url + "firmwares/3/"}
    for field, value in (("product", "1"), ("product", 1), ("product", "/api/v2/products/1/"),
                         ("product", "products/1/"), ("target_firmware", "/api/v1/firmwares/3/"),
                         ("product", sim.url + "firmwares/1/"), ("product", "https://other.example.com/api/v2/products/1/"),
                         ("account", "/api/v1/accounts/1/"), ("account", "1")):
        resp = sim.api("POST", "groups/", json=dict(good, **{field: value}))
        assert resp.status_code == 400 and field in resp.json()["errors"][0], (field, value, resp.text)
    for value in ("2", 2, "/api/v2/groups/2/"):
        resp = sim.api("PUT", "routers/2/", json={"group": value})
        assert resp.status_code == 400 and "group" in resp.json()["errors"][0], (value, resp.text)
    assert sim.api("POST", "reboot_activity/", json={"router": "1"}).status_code == 403  # invalid -> 403 (reference)
    assert sim.api("POST", "groups/", json=good).status_code == 201
    assert sim.api("PUT", "routers/2/", json={"group": sim.url + "groups/2/"}).status_code == 202
    for value in (sim.url + "routers/1/", "router-00001", True):
        resp = sim.api("POST", "locations/", json={"router": value, "latitude": 1, "longitude": 1, "accuracy": 1,
                                                   "method": "manual"})
        assert resp.status_code == 400 and "router" in resp.json()["errors"][0], (value, resp.text)


def test_query_booleans_are_lower_case(sim):
    assert len(get(sim, "routers/?reboot_required=false")["data"]) == 10
    for path in ("routers/?reboot_required=False", "routers/?reboot_required__in=true,TRUE",
                 "alerts/?router__isnull=True", "alerts/?router__isnull=1"):
        resp = sim.api("GET", path)
        assert resp.status_code == 400, path
        assert path.split("?")[1].split("=")[0] in resp.json()["errors"][0], resp.text
    assert get(sim, "alerts/?router__isnull=true")["data"] == []


def test_alert_rule_schedule_forms(sim):
    rid = get(sim, "alert_rules/")["data"][0]["alert_config_id"]
    for value in ("hourly", "daily", None):
        assert sim.api("PATCH", "alert_rules/%s/" % rid, json={"schedule": value}).status_code == 201, value
    for value in ("Daily", "Hourly", "None", "weekly"):
        resp = sim.api("PATCH", "alert_rules/%s/" % rid, json={"schedule": value})
        assert resp.status_code == 400 and "schedule" in resp.json()["errors"][0], value


def test_group_firmware_change_moves_members(sim):
    assert sim.api("PUT", "groups/1/", json={"target_firmware": sim.url + "firmwares/2/"}).status_code == 202
    assert {r["target_firmware"] for r in get(sim, "routers/?group=1")["data"]} == {sim.url + "firmwares/2/"}


# ---------------------------------------------------------------- routers
def test_router_update_and_group_move(sim):
    resp = sim.api("PUT", "routers/10/", json={"name": "edge", "description": "d", "custom1": "c"})
    assert resp.status_code == 202 and resp.json()["name"] == "edge"
    # router 10 is an E300 (product 2): group-001 is IBR900 -> mismatch
    resp = sim.api("PUT", "routers/10/", json={"group": sim.url + "groups/1/"})
    assert resp.status_code == 400 and "group" in resp.json()["errors"][0]
    resp = sim.api("POST", "groups/", json={"name": "g300", "product": sim.url + "products/2/", "target_firmware": sim.url + "firmwares/5/"})
    gid = resp.json()["id"]
    resp = sim.api("PUT", "routers/10/", json={"group": sim.url + "groups/%s/" % gid})
    assert resp.json()["group"] == sim.url + "groups/%s/" % gid
    assert resp.json()["target_firmware"] == sim.url + "firmwares/5/"
    resp = sim.api("PUT", "routers/10/", json={"group": None})
    assert resp.json()["group"] is None
    assert sim.api("PUT", "routers/1/", json={"mac": "x"}).json()["errors"] == [{"mac": "read-only field"}]


def test_router_delete_removes_data(sim):
    assert get(sim, "locations/?router=5")["data"]
    assert sim.api("DELETE", "routers/5/").status_code == 204
    assert sim.api("GET", "routers/5/").status_code == 404
    assert get(sim, "configuration_managers/?router=5")["data"] == []
    assert get(sim, "net_devices/?router=5")["data"] == []
    assert get(sim, "locations/?router=5")["data"] == []
    assert len(get(sim, "routers/")["data"]) == 9


# ---------------------------------------------------------------- configuration managers
def test_cm_ids_differ_and_layering(sim):
    cm = cm_of(sim, 1)
    assert cm["id"] == "1001" and cm["router"] == sim.url + "routers/1/"
    assert cm["target"] == [{"system": {"ui_activated": True}}, []]
    assert get(sim, "configuration_managers/1001/")["id"] == "1001"
    assert get(sim, "routers/1/configuration_manager/")["id"] == "1001"


def test_cm_put_patch_version_and_sync(sim):
    diff = [{"system": {"gps": {"enabled": True}}}, []]
    resp = sim.api("PUT", "configuration_managers/1002/?fields=configuration", json={"configuration": diff})
    assert resp.status_code == 202 and resp.json() == {"configuration": diff}
    cm = cm_of(sim, 2)
    assert cm["version_number"] == 1 and cm["synched"] is True and cm["actual"] == cm["target"]
    # same again: no change
    sim.api("PUT", "configuration_managers/1002/", json={"configuration": diff})
    assert cm_of(sim, 2)["version_number"] == 1
    # PATCH merges
    resp = sim.api("PATCH", "configuration_managers/1002/", json={"configuration": [{"system": {"x": 1}}, []]})
    assert resp.status_code == 202 and resp.content == b""
    cm = cm_of(sim, 2)
    assert cm["configuration"] == [{"system": {"gps": {"enabled": True}, "x": 1}}, []]
    assert cm["version_number"] == 2
    # PUT replaces
    sim.api("PUT", "configuration_managers/1002/", json={"configuration": [{"system": {"x": 1}}, [["lan", 1]]]})
    cm = cm_of(sim, 2)
    assert cm["configuration"] == [{"system": {"x": 1}}, [["lan", 1]]]
    assert cm["version_number"] == 3
    # PATCH of the empty diff is a no-op
    sim.api("PATCH", "configuration_managers/1002/", json={"configuration": [{}, []]})
    assert cm_of(sim, 2)["version_number"] == 3


def test_cm_offline_router_stays_unsynched(sim):
    sim.api("PATCH", "configuration_managers/1007/", json={"configuration": [{"system": {"x": 1}}, []]})
    cm = cm_of(sim, 7)
    assert cm["synched"] is False and cm["pending"] == [{"system": {"x": 1}}, []]
    assert get(sim, "routers/7/")["config_status"] == "pending"
    sim.set_router_state(7, "online")
    cm = cm_of(sim, 7)
    assert cm["synched"] is True and cm["pending"] == [{}, []]


def test_cm_sync_delay(sim):
    sim.configure(sync_delay_s=0.3)
    sim.api("PATCH", "configuration_managers/1001/", json={"configuration": [{"system": {"x": 2}}, []]})
    assert cm_of(sim, 1)["synched"] is False
    time.sleep(0.4)
    assert cm_of(sim, 1)["synched"] is True


def test_firmware_default_configuration(sim):
    """firmwares.default_configuration is a URL (reference example); GET on it answers a config tree whose top-level
    keys are exactly the sections the config validation knows, with lan/vlan as in the reference's example."""
    firmware = get(sim, "firmwares/3/")
    assert firmware["default_configuration"] == sim.url + "firmwares/3/default_configuration/"
    default = get(sim, "firmwares/3/default_configuration/")
    assert set(default) == set(SECTIONS) and all(isinstance(v, (dict, list)) for v in default.values())
    lan_ids = ["00000000-0d93-319d-8220-4a1fb0372b51", "00000001-0d93-319d-8220-4a1fb0372b51"]
    assert [lan["_id_"] for lan in default["lan"]] == lan_ids
    assert default["vlan"][1]["ports"][3] == {"port": 4, "mode": "untagged"}
    assert get(sim, "firmwares/3/default_configuration/", read_only=True) == default
    assert sim.api("GET", "firmwares/999/default_configuration/").status_code == 404
    assert sim.api("PUT", "firmwares/3/default_configuration/", json={}).status_code == 405
    # the endpoint is undocumented: /_sim/config switches its answer between shapes and error statuses
    sim.configure(default_configuration="envelope")
    assert get(sim, "firmwares/3/default_configuration/") == {"success": True, "data": default}
    sim.configure(default_configuration="diff")
    assert get(sim, "firmwares/3/default_configuration/") == [default, []]
    sim.configure(default_configuration="unexpected")
    assert get(sim, "firmwares/3/default_configuration/") == {"success": True, "data": sorted(default)}
    sim.configure(default_configuration=501)
    assert sim.api("GET", "firmwares/3/default_configuration/").status_code == 501
    with pytest.raises(requests.HTTPError):
        sim.configure(default_configuration="nope")


def test_cm_extra_fields_409_and_validation(sim):
    resp = sim.api("PUT", "configuration_managers/1001/", json={"configuration": [{}, []], "target": []})
    assert resp.status_code == 409 and resp.json()["errors"] == [{"target": "read-only field"}]
    resp = sim.api("PUT", "configuration_managers/1001/", json={"configuration": [{"foo": "bar"}, []]})
    assert resp.status_code == 409
    assert resp.json() == {"errors": [{"configuration": {
        "message": "cannot set foo to bar: invalid path", "reason": "invalid path", "value": "bar", "path": ["foo"]}}],
        "exception": {"message": "bad or missing data", "type": "validation"}}
    resp = sim.api("PATCH", "configuration_managers/1001/", json={"configuration": [{"system": 5}, []]})
    assert resp.status_code == 400
    assert resp.json()["errors"][0]["configuration"]["reason"] == "not a dict"
    resp = sim.api("PATCH", "configuration_managers/1001/", json={"configuration": {"system": {}}})
    assert resp.status_code == 400


def test_cm_id_keyed_elements(sim):
    uid = "00000000-0d93-319d-8220-4a1fb0372b51"
    resp = sim.api("PATCH", "configuration_managers/1001/",
                   json={"configuration": [{"lan": {uid: {"ip_address": "192.168.30.1"}}}, []]})
    assert resp.status_code == 400 and resp.json()["exception"]["type"] == "error"
    assert "invalid literal for int()" in resp.json()["exception"]["message"]
    # list form with _id_ inside is keyed by UUID
    resp = sim.api("PATCH", "configuration_managers/1001/",
                   json={"configuration": [{"lan": [{"_id_": uid, "ip_address": "192.168.30.1"}]}, []]})
    assert resp.status_code == 202
    assert cm_of(sim, 1)["configuration"][0]["lan"] == {uid: {"_id_": uid, "ip_address": "192.168.30.1"}}
    resp = sim.api("PATCH", "configuration_managers/1001/",
                   json={"configuration": [{"lan": {uid: {"_id_": uid, "enabled": True}}}, []]})
    assert cm_of(sim, 1)["configuration"][0]["lan"][uid] == {"_id_": uid, "ip_address": "192.168.30.1",
                                                             "enabled": True}


def test_cm_passwords_masked(sim):
    diff = [{"wlan": {"radio": {"0": {"bss": {"0": {"ssid": "x", "wpapsk": "topsecret"}}}}},
             "system": {"users": {"0": {"password": "pw"}}}}, []]
    sim.api("PUT", "configuration_managers/1001/", json={"configuration": diff})
    cm = cm_of(sim, 1)
    assert cm["configuration"][0]["wlan"]["radio"]["0"]["bss"]["0"] == {"ssid": "x", "wpapsk": "*"}
    assert cm["target"][0]["system"]["users"]["0"]["password"] == "*"
    assert "topsecret" not in str(cm)
    dumped = [c for c in sim.state()["configuration_managers"] if c["id"] == "1001"][0]
    assert dumped["configuration"][0]["wlan"]["radio"]["0"]["bss"]["0"]["wpapsk"] == "topsecret"


def test_cm_reject_produces_alert_and_suspends(sim):
    sim.api("PATCH", "configuration_managers/1001/", json={"configuration": [{"system": {"x": "REJECT_ME"}}, []]})
    cm = cm_of(sim, 1)
    assert cm["suspended"] is True and cm["synched"] is False
    assert get(sim, "routers/1/")["config_status"] == "suspended"
    alerts = get(sim, "router_alerts/?router=1")["data"]
    assert alerts[0]["type"] == "config_rejected" and "REJECT_ME" in alerts[0]["info"]["reason"]
    sim.api("PUT", "configuration_managers/1001/", json={"configuration": [{"system": {"x": "ok"}}, []]})
    resp = sim.api("PUT", "configuration_managers/1001/", json={"suspended": False})
    assert resp.status_code == 202
    cm = cm_of(sim, 1)
    assert cm["suspended"] is False and cm["synched"] is True


def test_group_config_changes_member_target(sim):
    sim.api("PATCH", "groups/2/", json={"configuration": [{"system": {"y": 1}}, []]})
    cm = cm_of(sim, 2)
    assert cm["target"] == [{"system": {"y": 1}}, []] and cm["version_number"] == 1
    assert cm_of(sim, 3)["version_number"] == 0


# ---------------------------------------------------------------- push destinations and alert rules
def test_push_destinations(sim):
    body = {"name": "hook", "endpoint": {"url": "https://h.example.com"}, "authentication": {"secret": "s3"}}
    resp = sim.api("POST", "alert_push_destinations/", json=body)
    assert resp.status_code == 201
    dest = resp.json()
    did = dest["destination_config_id"]
    assert len(did) == 36 and dest["authentication"] == {"secret": "*"}
    dup = sim.api("POST", "alert_push_destinations/", json=dict(body, name="other"))
    assert dup.status_code == 400 and "already exists" in dup.json()["errors"][0]["endpoint"]
    assert sim.api("POST", "alert_push_destinations/", json={"name": "x"}).status_code == 400
    resp = sim.api("PATCH", "alert_push_destinations/%s/" % did, json={"name": "hook2"})
    assert resp.status_code == 202 and resp.content == b""
    assert get(sim, "alert_push_destinations/?destination_config_id=%s" % did)["data"][0]["name"] == "hook2"
    assert sim.api("PATCH", "alert_push_destinations/%s/" % did, json={"suspended": True}).status_code == 400
    assert sim.api("POST", "test_alert_push_destinations/", json={"destination_config_id": did}).status_code == 201
    fail = sim.api("POST", "alert_push_destinations/", json={
        "name": "f", "endpoint": {"url": "https://fail.example.com"}, "authentication": {"secret": "s"}})
    resp = sim.api("POST", "test_alert_push_destinations/",
                   json={"destination_config_id": fail.json()["destination_config_id"]})
    assert resp.status_code == 400
    assert sim.api("DELETE", "alert_push_destinations/%s/" % did).status_code == 204


def test_alert_rules(sim):
    resp = sim.api("POST", "alert_rules/", json={"filter_criteria": {"alert_type__in": ["account_locked"]},
                                                 "http_destinations": [], "schedule": "daily",
                                                 "email_destinations": [2]})
    assert resp.status_code == 201
    rid = resp.json()["alert_config_id"]
    resp = sim.api("PATCH", "alert_rules/%s/" % rid, json={"associated_groups": [1, 2]})
    assert resp.status_code == 201 and resp.content == b""
    assert get(sim, "alert_rules/?alert_config_id=%s" % rid)["data"][0]["associated_groups"] == [1, 2]
    assert sim.api("PATCH", "alert_rules/%s/" % rid, json={"email_destinations": [99]}).status_code == 400
    assert sim.api("POST", "alert_rules/", json={"schedule": None}).status_code == 400
    assert sim.api("DELETE", "alert_rules/%s/" % rid).status_code == 204


# ---------------------------------------------------------------- locations, reboot
def test_locations(sim):
    resp = sim.api("POST", "locations/", json={"router": 1, "latitude": 45.5, "longitude": -122.6,
                                               "accuracy": 5, "method": "manual"})
    assert resp.status_code == 201
    loc = resp.json()
    assert get(sim, "routers/1/")["last_known_location"] == loc["resource_url"]
    assert sim.api("POST", "locations/", json={"router": 1, "latitude": 1, "longitude": 1, "accuracy": 1,
                                               "method": "gps"}).status_code == 400
    resp = sim.api("PUT", "locations/%s/" % loc["id"], json={"latitude": 1.5, "longitude": 2, "accuracy": 3})
    assert resp.status_code == 202 and resp.json()["latitude"] == 1.5
    assert sim.api("PUT", "locations/%s/" % loc["id"], json={"latitude": 1}).status_code == 400
    assert sim.api("DELETE", "locations/%s/" % loc["id"]).status_code == 204
    assert get(sim, "routers/1/")["last_known_location"] is None


def test_reboot(sim):
    sim.configure(reboot_delay_s=0.3)
    resp = sim.api("POST", "reboot_activity/", json={"router": sim.url + "routers/1/"})
    assert resp.status_code == 201
    assert get(sim, "routers/1/")["state"] == "offline"
    time.sleep(0.4)
    assert get(sim, "routers/1/")["state"] == "online"
    # offline router: the request is lost
    assert sim.api("POST", "reboot_activity/", json={"router": sim.url + "routers/7/"}).status_code == 201
    assert get(sim, "routers/7/")["state"] == "offline"
    assert sim.api("POST", "reboot_activity/", json={"group": sim.url + "groups/2/"}).status_code == 201
    assert {r["state"] for r in get(sim, "routers/?group=2")["data"]} == {"offline"}
    both = sim.api("POST", "reboot_activity/", json={"router": sim.url + "routers/1/", "group": sim.url + "groups/1/"})
    assert both.status_code == 400
    assert sim.api("POST", "reboot_activity/", json={"router": sim.url + "routers/999/"}).status_code == 403


# ---------------------------------------------------------------- faults, control
def test_faults(sim):
    sim.set_faults(rate=1.0, kinds=["429"], retry_after=3)
    resp = sim.api("GET", "routers/")
    assert resp.status_code == 429 and resp.headers["Retry-After"] == "3"
    sim.set_faults(rate=1.0, kinds=["applied_502"])
    assert sim.api("GET", "routers/").status_code == 200  # applied_502 only hits writes
    resp = sim.api("PUT", "routers/1/", json={"name": "applied"})
    assert resp.status_code == 502
    sim.set_faults(rate=1.0, kinds=["drop"])
    with pytest.raises(requests.ConnectionError):
        sim.api("GET", "routers/")
    sim.set_faults(rate=0)
    assert get(sim, "routers/1/")["name"] == "applied"
    assert sim.calls()["faults"] == 3
    assert requests.get(sim.root + "/_sim/faults", timeout=10).json()["rate"] == 0


def test_scripted_faults_hit_the_named_method_and_endpoint_in_order(sim):
    script = [{"kind": "applied_502", "method": "POST", "endpoint": "groups", "body": "scripted"},
              {"kind": "503", "method": "GET", "endpoint": "routers", "query": "offset=500", "times": 2}]
    assert sim.set_faults(script=script)["script"][1] == dict(script[1], body="")
    assert sim.api("GET", "groups/").status_code == 200  # another method: not hit
    other = sim.api("POST", "groups/", json={"name": "other-group", "product": sim.url + "products/1/", "target_firmware": sim.url + "firmwares/3/"})
    assert other.status_code == 201  # another body: not hit
    body = {"name": "scripted", "product": sim.url + "products/1/", "target_firmware": sim.url + "firmwares/3/"}
    assert sim.api("POST", "groups/", json=body).status_code == 502  # applied, then 502
    assert sim.api("POST", "groups/", json=body).status_code == 201  # the script is used up
    assert sim.api("GET", "routers/?limit=500").status_code == 200  # the query does not match
    assert [sim.api("GET", "routers/?limit=500&offset=500").status_code for _attempt in range(3)] == [503, 503, 200]
    assert [g["name"] for g in get(sim, "groups/")["data"]].count("scripted") == 2
    calls = sim.calls()
    assert calls["faults"] == 3 and calls["faults_by_kind"] == {"applied_502": 1, "503": 2}
    assert [(c["method"], c.get("fault")) for c in calls["log"] if c.get("fault")] == \
        [("POST", "applied_502"), ("GET", "503"), ("GET", "503")]
    assert requests.get(sim.root + "/_sim/faults", timeout=10).json()["script"][1]["times"] == 0
    for bad in ({"kind": "418"}, {"kind": "applied_502", "method": "GET"}, {"kind": "500", "colour": "red"},
                {"kind": "500", "times": 0}):
        resp = requests.post(sim.root + "/_sim/faults", json={"script": [bad]}, timeout=10)
        assert resp.status_code == 400, bad


def test_crashes_are_not_faults(sim):
    sim.set_faults(script=[{"kind": "500", "method": "GET", "endpoint": "groups"}])
    assert sim.api("GET", "groups/").status_code == 500
    calls = sim.calls()
    assert (calls["faults"], calls["faults_by_kind"], calls["crashes"]) == (1, {"500": 1}, 0)


def test_next_host_switch(sim):
    sim.reset(seed_size=30)
    sim.configure(next_host="https://ncm-proxy.example.com:8443")
    meta = get(sim, "routers/?limit=10&offset=10")["meta"]
    assert meta["next"] == "https://ncm-proxy.example.com:8443/api/v2/routers/?limit=10&offset=20"
    assert meta["previous"] == "https://ncm-proxy.example.com:8443/api/v2/routers/?limit=10&offset=0"
    assert requests.post(sim.root + "/_sim/config", json={"next_host": "ftp://x/y"}, timeout=10).status_code == 400
    sim.reset(seed_size=30)
    assert get(sim, "routers/?limit=10")["meta"]["next"].startswith(sim.url)


def test_reset_with_seed_size(sim):
    sim.reset(seed_size=120)
    state = sim.state()
    assert len(state["routers"]) == 120 and len(state["groups"]) == 3
    sim.reset(seed_size=500)
    assert len(sim.state()["groups"]) == 10
    sim.reset(seed_size=10)


def test_subaccount_post_needs_its_parent(sim):
    # accounts: "* indicates the attribute is required for PUT and POST requests" marks account and name
    resp = sim.api("POST", "accounts/", json={"name": "child"})
    assert resp.status_code == 400 and resp.json()["errors"] == [{"account": "this field is required"}]
    resp = sim.api("POST", "accounts/", json={"name": "child", "account": sim.url + "accounts/2/"})
    assert resp.status_code == 201 and resp.json()["account"] == sim.url + "accounts/2/"
    assert sim.api("PUT", "accounts/2/", json={"name": "renamed"}).status_code == 202


def test_seed_contents(sim):
    assert [p["name"] for p in get(sim, "products/")["data"]] == ["IBR900", "E300", "AER2200", "IBR1700"]
    fws = get(sim, "firmwares/?version=7.24.30")["data"]
    assert [f["id"] for f in fws] == ["3", "6", "9", "12"]
    assert [g["name"] for g in get(sim, "groups/")["data"]] == ["group-001", "group-002", "group-003"]
    assert [a["name"] for a in get(sim, "accounts/")["data"]] == ["Sim Account", "Sim Subaccount"]
    assert get(sim, "routers/10/")["group"] is None
    assert len(get(sim, "locations/")["data"]) == 2
    assert len(get(sim, "alert_push_destinations/")["data"]) == 1


def test_latency(sim):
    sim.set_faults(latency_ms=150)
    start = time.monotonic()
    get(sim, "products/")
    assert time.monotonic() - start >= 0.15
    sim.set_faults(latency_ms=0)


def test_tls_and_cli_flags():
    from harness import Simulator  # pylint: disable=import-outside-toplevel
    with Simulator().start(seed_size=3, tls=True, extra_args=("--fault-rate", "1", "--fault-kinds", "503")) as tls:
        assert tls.url.startswith("https://127.0.0.1:")
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(tls.url + "routers/", headers=HEADERS, timeout=10)
        resp = requests.get(tls.url + "routers/", headers=HEADERS, timeout=10, verify=tls.certfile)
        assert resp.status_code == 503
        tls.set_faults(rate=0)
        assert len(tls.api("GET", "routers/").json()["data"]) == 3


def test_forbidden_reads_answer_403_until_reset(sim):
    sim.configure(forbidden_reads=["net_devices"])
    resp = sim.api("GET", "net_devices/")
    assert resp.status_code == 403
    assert resp.json() == {"exception": {"message": "forbidden", "type": "error"}, "errors": []}
    assert sim.api("GET", "routers/").status_code == 200
    sim.reset()
    assert sim.api("GET", "net_devices/").status_code == 200
