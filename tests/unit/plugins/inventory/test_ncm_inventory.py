"""Unit tests of the inventory plugin's pure parts and of the shared router data (fake client)."""

import pytest
from ansible.inventory.manager import InventoryManager
from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar

from ansible_collections.cradlepoint.ncm.plugins.inventory.ncm import (
    InventoryModule,
    trust_as_template,
    assign_hostnames,
    safe_group_name,
    safe_host_name,
)
from ansible_collections.cradlepoint.ncm.plugins.module_utils.client import NcmApiError
from ansible_collections.cradlepoint.ncm.plugins.module_utils.inventory_data import (
    FilterError,
    NcmData,
    check_filters,
    resolve_filters,
    router_query_fields,
)

BASE = "https://ncm.example/api/v2/"


def test_safe_names():
    assert safe_host_name("branch office #1") == "branch_office__1"
    assert safe_host_name("00:30:44:00:00:01") == "00_30_44_00_00_01"
    assert safe_group_name("ncm_group_" + "Branch-Offices (East)") == "ncm_group_Branch_Offices__East_"


def test_hostnames_preference_and_collisions():
    views = [
        {"id": "12", "name": "store", "serial_number": "S12", "mac": None},
        {"id": "3", "name": "store", "serial_number": "S3", "mac": None},
        {"id": "4", "name": None, "serial_number": "", "mac": "00:30:44:00:00:04"},
        {"id": "5", "name": None, "serial_number": None, "mac": None},
    ]
    named = dict((view["id"], name) for name, view in assign_hostnames(views, ["name", "serial_number", "mac", "id"]))
    assert named == {"3": "store", "12": "store_12", "4": "00_30_44_00_00_04", "5": "5"}


def test_verify_file(tmp_path):
    plugin = InventoryModule()
    for name, wanted in (("ncm.yml", True), ("prod.ncm.yaml", True), ("hosts.yml", False), ("ncm.json", False)):
        path = tmp_path / name
        path.write_text("plugin: cradlepoint.ncm.ncm\n")
        assert plugin.verify_file(str(path)) is wanted


def test_check_filters():
    parsed = check_filters({"state": ["online", "offline"], "name": "a", "updated_at__gt": "2024-01-01"})
    assert parsed == [("state", "__in", ["online", "offline"]), ("name", "=", "a"), ("updated_at", "__gt", "2024-01-01")]
    with pytest.raises(FilterError, match="colour"):
        check_filters({"colour": "red"})
    with pytest.raises(FilterError, match="operator __lt"):
        check_filters({"state__lt": "x"})
    with pytest.raises(FilterError, match="full_product_name"):
        check_filters({"full_product_name": ["a", "b"]})


class FakeResolver:
    """Names resolve to ids; an id resolves to itself (the real resolver checks that it exists)."""

    def many(self, kind, values, option):
        return [{"id": {"east": "7", "IBR900": "1"}.get(v, v)} for v in values]


def test_resolve_filters_names_to_ids():
    parsed = check_filters({"group": ["east", "9"], "product": "IBR900", "account": "3"})
    params, local = resolve_filters(parsed, FakeResolver())
    assert params == {"group__in": ["7", "9"], "account": "3"}
    assert local == {"product": {"1"}}


class FakeClient:
    """Answers list calls from tables; net_devices can be forbidden."""

    def __init__(self, forbid=()):
        self.forbid = forbid
        self.calls = []

    def _records(self, endpoint):
        if endpoint in self.forbid:
            raise NcmApiError("GET /api/v2/%s/: 403 forbidden" % endpoint, status=403)
        return {
            "routers": [
                {"id": "1", "name": "r1", "product": BASE + "products/1/", "actual_firmware": BASE + "firmwares/3/",
                 "target_firmware": BASE + "firmwares/3/", "group": {"id": "2", "name": "east"},
                 "account": {"id": "1", "name": "Main"}, "state": "online"},
                {"id": "2", "name": "r2", "product": BASE + "products/1/", "actual_firmware": BASE + "firmwares/3/",
                 "target_firmware": BASE + "firmwares/3/", "group": BASE + "groups/5/", "account": BASE + "accounts/1/",
                 "state": "offline"},
            ],
            "products": [{"id": "1", "name": "IBR900"}],
            "firmwares": [{"id": "3", "version": "7.24.30"}],
            "groups": [{"id": "5", "name": "west"}],
            "accounts": [{"id": "1", "name": "Main"}],
            "net_devices": [{"id": "1", "router": BASE + "routers/1/", "type": "mdm", "carrier": "Verizon"}],
            "locations": [{"router": 2, "latitude": 1.5, "longitude": 2.5, "accuracy": 10}],
        }[endpoint]

    def list_parallel(self, endpoint, params=None, fields=None, workers=4):
        self.calls.append((endpoint, params))
        return self._records(endpoint)

    def list_in(self, endpoint, field, values, params=None, fields=None):
        self.calls.append((endpoint, field, sorted(values)))
        return [r for r in self._records(endpoint) if str(r.get(field)) in set(values) or field == "router"]


def test_router_views_resolve_names_from_expansion_or_lists():
    client = FakeClient()
    views = NcmData(client).routers(locations=True, wan_interfaces=True)
    assert views[0]["group"] == "east" and views[0]["account"] == "Main" and views[0]["product"] == "IBR900"
    assert views[1]["group"] == "west" and views[1]["group_id"] == "5"  # URL answer: resolved with a list call
    assert views[0]["actual_firmware"] == "7.24.30"
    assert views[0]["net_devices"][0]["carrier"] == "Verizon" and views[1]["net_devices"] == []
    assert views[1]["location"] == {"latitude": 1.5, "longitude": 2.5, "accuracy": 10}
    routers_call = [c for c in client.calls if c[0] == "routers"][0]
    assert routers_call[1]["expand"] == "account,group"


def test_forbidden_enrichment_degrades_with_a_warning():
    warnings = []
    views = NcmData(FakeClient(forbid=("net_devices",)), warn=warnings.append).routers(wan_interfaces=True)
    assert len(views) == 2 and "net_devices" not in views[0]
    assert len(warnings) == 1 and "403" in warnings[0] and "WAN" in warnings[0]


def test_other_errors_are_not_swallowed():
    client = FakeClient()

    def broken(*_args, **_kwargs):
        raise NcmApiError("GET /api/v2/net_devices/: 500 server error", status=500)

    client.list_parallel = lambda endpoint, **kw: broken() if endpoint == "net_devices" else FakeClient._records(client, endpoint)
    with pytest.raises(NcmApiError):
        NcmData(client).routers(wan_interfaces=True)


def test_router_views_read_only_the_fields_asked():
    client = FakeClient()
    views = NcmData(client).routers(fields=("id", "name", "group"))
    assert views[0] == {"id": "1", "name": "r1", "group": "east"}
    assert views[1] == {"id": "2", "name": "r2", "group": "west"}
    routers_call = [c for c in client.calls if c[0] == "routers"][0]
    assert routers_call[1]["expand"] == "group"
    assert [c[0] for c in client.calls if c[0] != "routers"] == ["groups"]  # no product/firmware/account lookup
    assert router_query_fields(("id", "product_id")) == (["id", "product"], "")
    assert router_query_fields(("account_id", "mac")) == (["id", "mac", "account.id", "account.name"], "account")


def test_group_views_label_each_reference_by_its_kind():
    client = FakeClient()
    groups = [
        {"id": "2", "name": "east", "device_type": "router", "product": BASE + "products/1/",
         "target_firmware": BASE + "firmwares/3/", "account": {"id": "1", "name": "Main"}},
        {"id": "5", "name": "west", "device_type": "router", "product": BASE + "products/1/",
         "target_firmware": None, "account": BASE + "accounts/1/"},
    ]
    tables = client._records
    client._records = lambda endpoint: groups if endpoint == "groups" else tables(endpoint)
    views = NcmData(client, resolver=FakeResolver()).groups()
    assert views[0] == {"id": "2", "name": "east", "device_type": "router", "product": "IBR900", "product_id": "1",
                        "target_firmware": "7.24.30", "target_firmware_id": "3", "account": "Main", "account_id": "1"}
    assert (views[1]["account"], views[1]["target_firmware"], views[1]["target_firmware_id"]) == ("Main", None, None)
    lookups = sorted(c[:2] for c in client.calls if c[0] != "groups")
    assert lookups == [("accounts", "id"), ("firmwares", "id"), ("products", "id")]  # one id__in call per kind


EVIL = "evil-{{ 6 * 7 }}"
CANNED = [
    {"host": "r1", "group": "east", "vars": {"id": "1", "name": EVIL, "group": "east"}},
    {"host": "r2", "group": None, "vars": {"id": "2", "name": "plain", "group": None}},
]


@pytest.fixture(name="inventory_file")
def fixture_inventory_file(tmp_path, monkeypatch):
    """An inventory source of the plugin with canned routers (no API) and the keys from the environment."""
    for name in ("X_CP_API_ID", "X_CP_API_KEY", "X_ECM_API_ID", "X_ECM_API_KEY"):
        monkeypatch.setenv(name, "unit-" + name.lower())
    seen = {}

    def fetch(self, settings, fields):
        seen["settings"], seen["fields"] = settings, fields
        return [dict(entry, vars=dict(entry["vars"])) for entry in CANNED]

    monkeypatch.setattr(InventoryModule, "_fetch", fetch)
    path = tmp_path / "unit.ncm.yml"
    path.write_text("plugin: cradlepoint.ncm.ncm\nhost_variables: [id, name, group]\ncompose:\n  shown: ncm_name\n")
    return path, seen


def load(path, monkeypatch, bulk):
    """Hosts' variables and groups as this ansible-core's InventoryManager builds them; which path set them."""
    taken = []
    original = InventoryModule._set_host_vars  # pylint: disable=protected-access

    def recording(self, name, hostvars):
        taken.append(original(self, name, hostvars))
        return taken[-1]

    monkeypatch.setattr(InventoryModule, "_set_host_vars", recording)
    monkeypatch.setattr(InventoryModule, "bulk_host_vars", bulk)
    manager = InventoryManager(loader=DataLoader(), sources=[str(path)])
    hosts = {host.name: host.get_vars() for host in manager.get_hosts()}
    groups = {name: sorted(h.name for h in group.get_hosts()) for name, group in manager.groups.items()}
    return hosts, groups, taken


@pytest.mark.parametrize("bulk", [True, False], ids=["shortcut", "public-api"])
def test_populate_on_this_ansible_core(inventory_file, monkeypatch, bulk):
    """The host-variables shortcut works on the installed ansible-core; the public API gives the same inventory.

    Run on every leg (2.16, 2.19, 2.21): the shortcut must be taken where a Host keeps a ``vars`` dict, and the
    values must stay untemplated on both paths (unsafe before 2.19, untrusted after).
    """
    path, seen = inventory_file
    hosts, groups, taken = load(path, monkeypatch, bulk)
    assert taken == [bulk, bulk]
    assert seen["settings"]["cp_api_id"] == "unit-x_cp_api_id"  # env: declared in DOCUMENTATION
    assert seen["settings"]["base_url"] == "https://www.cradlepointecm.com/api/v2/"
    assert seen["fields"] == ("id", "name", "group")
    assert hosts["r1"]["ncm_name"] == EVIL and hosts["r1"]["shown"] == EVIL and hosts["r2"]["ncm_group"] is None
    assert groups["ncm_routers"] == ["r1", "r2"] and groups["ncm_group_east"] == ["r1"]
    templar = Templar(loader=DataLoader(), variables=hosts["r1"])
    assert templar.template(trust_as_template("{{ ncm_name }}|{{ shown }}")) == EVIL + "|" + EVIL


def test_shortcut_and_public_api_agree(inventory_file, monkeypatch):
    path, _seen = inventory_file
    fast = load(path, monkeypatch, True)[:2]
    slow = load(path, monkeypatch, False)[:2]
    assert fast == slow


def test_base_url_and_validate_certs_from_the_environment(inventory_file, monkeypatch):
    path, seen = inventory_file
    monkeypatch.setenv("NCM_BASE_URL", "https://sim.example/api/v2/")
    monkeypatch.setenv("NCM_VALIDATE_CERTS", "false")
    load(path, monkeypatch, True)
    assert seen["settings"]["base_url"] == "https://sim.example/api/v2/"
    assert seen["settings"]["validate_certs"] is False
    path.write_text(path.read_text() + "base_url: https://file.example/api/v2/\n")
    load(path, monkeypatch, True)
    assert seen["settings"]["base_url"] == "https://file.example/api/v2/"  # the file wins
