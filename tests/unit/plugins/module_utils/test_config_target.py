"""config_target: which configuration layer a router or group option names, and what it costs."""

import pytest

from ansible_collections.cradlepoint.ncm.plugins.module_utils.config_target import config_target
from ansible_collections.cradlepoint.ncm.plugins.module_utils.errors import NcmInputError


class Lists:
    """A client whose list() answers configuration_managers by the router filter; records every call."""

    def __init__(self, cms):
        self.cms = cms
        self.calls = []

    def list(self, endpoint, params=None):
        self.calls.append((endpoint, dict(params or {})))
        return [cm for cm in self.cms if router_id(cm) == str(params["router"])]


def router_id(cm):
    return str(cm["router"]["id"] if isinstance(cm["router"], dict) else cm["router"])


class Names:
    """A resolver that knows a few records by name."""

    def __init__(self, **records):
        self.records = records
        self.asked = []

    def one(self, kind, value, option, assume=False):
        self.asked.append((kind, value, option, assume))
        return self.records[value]


CM = {"id": "1001", "router": {"id": "5", "name": "edge-5", "state": "online"}, "configuration": [{"a": 1}, []],
      "synched": True}


def test_router_by_id_is_one_list_call_with_the_router_expanded():
    client, resolver = Lists([CM]), Names()
    target = config_target(client, resolver, router="5")
    assert client.calls == [("configuration_managers", {"router": "5", "expand": "router"})] and resolver.asked == []
    assert (target["kind"], target["id"], target["name"], target["endpoint"], target["write_id"]) == (
        "router", "5", "edge-5", "configuration_managers", "1001")
    assert target["configuration"] == [{"a": 1}, []] and target["cm"] is CM and target["group_record"] is None


def test_router_by_name_is_resolved_first():
    client, resolver = Lists([dict(CM, router="5")]), Names(**{"edge-5": {"id": "5", "name": "edge-5"}})
    target = config_target(client, resolver, router="edge-5", assume=True)
    assert resolver.asked == [("router", "edge-5", "router", True)]
    assert client.calls == [("configuration_managers", {"router": "5"})]
    assert (target["id"], target["write_id"], target["router"]) == ("5", "1001", {"id": "5", "name": "edge-5"})


def test_group_is_its_own_layer_without_a_configuration_manager():
    group = {"id": 3, "name": "branch", "configuration": [{}, []]}
    client, resolver = Lists([]), Names(branch=group)
    target = config_target(client, resolver, group="branch")
    assert client.calls == [] and resolver.asked == [("group", "branch", "group", False)]
    assert (target["kind"], target["id"], target["endpoint"], target["write_id"], target["cm"]) == (
        "group", "3", "groups", "3", None)
    assert target["group_record"] is group


def test_an_all_digit_value_that_is_no_id_is_resolved_in_the_resolvers_order():
    """router: "777" is router 777 if it exists, otherwise the router named 777 (docs/identifiers.md)."""
    client, resolver = Lists([dict(CM, router="4")]), Names(**{"777": {"id": "4", "name": "777"}})
    target = config_target(client, resolver, router="777")
    assert client.calls == [("configuration_managers", {"router": "777", "expand": "router"}),
                            ("configuration_managers", {"router": "4"})]
    assert resolver.asked == [("router", "777", "router", False)]
    assert (target["id"], target["name"], target["write_id"]) == ("4", "777", "1001")


@pytest.mark.parametrize("router, message", [
    ("edge-9", "router: router edge-9 (id 9) has no configuration manager."),
])
def test_a_router_without_configuration_manager_fails_naming_the_option(router, message):
    with pytest.raises(NcmInputError) as failed:
        config_target(Lists([CM]), Names(**{"edge-9": {"id": "9"}}), router=router)
    assert str(failed.value) == message
