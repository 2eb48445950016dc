"""Unit tests of name resolution, models (normalisation) and masking."""

import pytest

from ansible_collections.cradlepoint.ncm.plugins.module_utils.models import AlertRule, Group, Location, Router, split_expanded
from ansible_collections.cradlepoint.ncm.plugins.module_utils.resolve import (
    ResolveError,
    Resolver,
    in_words,
    is_unknown,
    looks_like_serial,
    normalize_mac,
    unknown_id,
)
from ansible_collections.cradlepoint.ncm.plugins.module_utils.secrets import mask_fields

ROUTERS = [
    {"id": "1", "name": "edge-1", "serial_number": "WA1", "mac": "00:30:44:00:00:01"},
    {"id": "2", "name": "twin", "serial_number": "WA2", "mac": "00:30:44:00:00:02"},
    {"id": "3", "name": "twin", "serial_number": "WA3", "mac": "00:30:44:00:00:03"},
]


def filtered(records):
    """A server default answering list calls by the first __in / = filter on the given records."""

    def answer(request):
        query = {k: v for k, v in request["query"].items() if k not in ("limit", "fields")}
        data = records
        for key, value in query.items():
            field, _sep, op = key.partition("__")
            wanted = value.split(",") if op == "in" else [value]
            data = [r for r in data if str(r.get(field)) in wanted]
        return 200, {"data": data, "meta": {"limit": 500, "next": None}}

    return answer


@pytest.mark.parametrize(
    "value, expected_id, calls",
    [("1", "1", 1), ("edge-1", "1", 1), ("00-30-44-00-00-01", "1", 1), ("WA3", "3", 2)],
)
def test_router_resolution_order_and_cost(server, make_client, value, expected_id, calls):
    server.default = filtered(ROUTERS)
    resolver = Resolver(make_client())
    assert resolver.one("router", value, "router")["id"] == expected_id
    assert len(server.requests) == calls
    resolver.one("router", value, "router")
    assert len(server.requests) == calls  # cached


def test_mac_in_any_case_and_form_one_call(server, make_client):
    # NCM shows MACs in upper case and "=" / "__in" match exactly: both cases are asked for, in one call
    stored = [{"id": "10", "name": "a", "mac": "00:30:44:00:00:0A"}, {"id": "11", "name": "b", "mac": "00:30:44:00:00:0b"}]
    server.default = filtered(stored)
    values = ["00-30-44-00-00-0a", "0030.4400.000B", "00:30:44:00:00:0A", "0030440000Ab"]
    records = Resolver(make_client()).many("router", values, "routers", missing_ok=True)
    assert [r and r["id"] for r in records] == ["10", "11", "10", None]
    mac_calls = [request["query"]["mac__in"] for request in server.requests if "mac__in" in request["query"]]
    assert [sorted(call.split(",")) for call in mac_calls] == [sorted([
        "00:30:44:00:00:0A", "00:30:44:00:00:0B", "00:30:44:00:00:AB",
        "00:30:44:00:00:0a", "00:30:44:00:00:0b", "00:30:44:00:00:ab"])]


def test_many_values_cost_one_call_per_step(server, make_client):
    server.default = filtered(ROUTERS)
    records = Resolver(make_client()).many("router", ["edge-1", "2", "WA3"], "routers")
    assert [r["id"] for r in records] == ["1", "2", "3"]
    assert len(server.requests) == 3  # id__in, name__in, serial_number__in


def test_ambiguous_name_names_the_candidates(server, make_client):
    server.default = filtered(ROUTERS)
    with pytest.raises(ResolveError, match=r"router: 'twin' matches 2 routers by name \(ids 2, 3\)"):
        Resolver(make_client()).one("router", "twin", "router")


def test_unknown_name_suggests_close_matches(server, make_client):
    server.default = filtered(ROUTERS)
    with pytest.raises(ResolveError, match=r"router: no router found for 'edge-2' \(did you mean edge-1\?\)"):
        Resolver(make_client()).one("router", "edge-2", "router")


def test_check_mode_assumes_unknown_references(server, make_client):
    server.default = filtered(ROUTERS)
    resolver = Resolver(make_client(), check_mode=True)
    records = resolver.many("router", ["edge-1", "new-name", "new-name"], "routers", assume=True)
    assert records[0]["id"] == "1" and not is_unknown(records[0])
    assert is_unknown(records[1]) and records[1] == records[2]
    assert records[1]["id"] == unknown_id("new-name") and is_unknown(records[1]["id"])
    assert records[1]["name"] == "new-name"
    assert resolver.assumptions == [{"kind": "router", "name": "new-name"}]
    calls = len(server.requests)
    assert len({unknown_id("a"), unknown_id("b")}) == 2  # two unknown values stay two values
    # the placeholder is not cached: a lookup without assume still fails
    with pytest.raises(ResolveError, match="router: no router found for 'new-name'"):
        resolver.one("router", "new-name", "router")
    assert len(server.requests) > calls
    assert resolver.one("router", "gone", "router", missing_ok=True, assume=True) is None  # missing_ok wins


def test_assume_fails_outside_check_mode_and_for_kinds_a_play_cannot_create(server, make_client):
    server.default = filtered([{"id": "1", "name": "IBR900"}])
    with pytest.raises(ResolveError, match="group: no group found for 'branch'"):
        Resolver(make_client()).one("group", "branch", "group", assume=True)
    resolver = Resolver(make_client(), check_mode=True)
    with pytest.raises(ResolveError, match="product: no product found for 'IBR9000'"):
        resolver.one("product", "IBR9000", "product", assume=True)
    assert resolver.assumptions == []
    assert is_unknown(resolver.one("push_destination", "hook", "http_destinations", assume=True))
    assert resolver.assumptions == [{"kind": "push_destination", "name": "hook"}]


def test_references_in_the_users_words(server, make_client):
    base = server.base_url
    groups = [{"id": "1", "name": "east", "product": base + "products/1/"}, {"id": "2", "name": "west"}]
    server.default = filtered(groups)
    resolver = Resolver(make_client(), check_mode=True)
    resolver.one("group", "east", "group")
    resolver.known_ids("group", [base + "groups/2/"])  # known to exist, name not read yet
    placeholder = resolver.one("group", "new", "group", assume=True)
    calls = len(server.requests)
    before, after, nothing = in_words(resolver, {"group": "group", "groups": "group"},
                                      {"group": "1", "groups": ["2", "1"], "other": "1"},
                                      {"group": placeholder["id"], "groups": [placeholder["id"], "9", "1"]},
                                      None)
    assert before == {"group": "east (id 1)", "groups": ["east (id 1)", "west (id 2)"], "other": "1"}
    assert after == {"group": "new (known after apply)", "groups": ["east (id 1)", "id 9", "new (known after apply)"]}
    assert nothing is None
    assert len(server.requests) == calls + 1  # ids 2 and 9 in one call
    assert server.requests[-1]["query"]["id__in"] == "2,9"
    in_words(resolver, {"group": "group"}, {"group": "2"})
    assert len(server.requests) == calls + 1  # now read
    assert in_words(resolver, {"group": "group"}, {"group": "8"}, lookup=False) == [{"group": "id 8"}]
    assert len(server.requests) == calls + 1


def test_firmware_and_destinations_in_words(server, make_client):
    base = server.base_url
    server.default = filtered([{"id": "3", "version": "7.24.30", "product": base + "products/1/"},
                               {"destination_config_id": "u-1", "name": "hook"}])
    resolver = Resolver(make_client())
    assert resolver.names("firmware", [base + "firmwares/3/"]) == {"3": "7.24.30 (id 3)"}
    assert resolver.firmware("7.24.30", {"id": "1", "name": "IBR900"}, "target_firmware")["id"] == "3"
    assert resolver.names("push_destination", ["u-1", None]) == {"u-1": "hook (id u-1)"}


def test_firmware_by_version_is_per_product(server, make_client):
    base = server.base_url
    firmwares = [
        {"id": "3", "version": "7.24.30", "product": base + "products/1/"},
        {"id": "6", "version": "7.24.30", "product": base + "products/2/"},
    ]
    server.default = filtered(firmwares)
    resolver = Resolver(make_client())
    assert resolver.firmware("7.24.30", {"id": "2", "name": "E300"}, "target_firmware")["id"] == "6"
    with pytest.raises(ResolveError, match="no firmware '7.24.30' for product AER2200"):
        resolver.firmware("7.24.30", {"id": "3", "name": "AER2200"}, "target_firmware")


def test_normalize_mac():
    assert normalize_mac("00-30-44-aa-BB-cc") == "00:30:44:AA:BB:CC"
    assert normalize_mac("003044aabbcc") == "00:30:44:AA:BB:CC"
    assert normalize_mac("0030.44aa.bbcc") == "00:30:44:AA:BB:CC"


def test_models_turn_urls_into_ids_and_ignore_extra_fields():
    view = Group.view({"id": 7, "name": "g", "product": "https://x/api/v2/products/1/", "target_firmware": None, "extra": 1})
    assert view == {"id": "7", "name": "g", "account": None, "product": "1", "target_firmware": None}
    assert Router.view({"group": "https://x/api/v2/groups/12/"}, fields=["group"]) == {"group": "12"}


def test_models_sort_id_lists_and_coerce_numbers():
    rule = AlertRule.view({"associated_groups": [3, "https://x/api/v2/groups/1/"]}, fields=["groups"])
    assert rule == {"groups": ["1", "3"]}
    assert Location.view({"latitude": "40.5"}, fields=["latitude"]) == {"latitude": 40.5}


def test_mask_fields_masks_nested_secrets_only_where_declared():
    record = {"name": "hook", "authentication": {"type": "hmac", "secret": "s3cr3t"}, "secret": None}
    masked = mask_fields(record, ("authentication", "secret"))
    assert masked == {"name": "hook", "authentication": {"type": "********", "secret": "********"}, "secret": None}


SERIAL_ROUTERS = [
    {"id": "1", "name": "edge-1", "serial_number": "WA240000000001", "mac": "00:30:44:00:00:01"},
    {"id": "2", "name": "WA240000000001", "serial_number": "WA240000000002", "mac": "00:30:44:00:00:02"},
    {"id": "3", "name": "MM1800000003", "serial_number": "MM1800000099", "mac": "00:30:44:00:00:03"},
]


@pytest.mark.parametrize(
    "value, serial",
    [("WA240000000001", True), ("MM180012345678", True), ("N1A0000000000B", False), ("WA3", False),
     ("router-00010", False), ("wa240000000001", False), ("STORE0001", False), ("WA24-0000-0001", False)],
)
def test_serial_shape(value, serial):
    assert looks_like_serial(value) is serial


def test_serial_shaped_value_tries_the_serial_number_first(server, make_client):
    server.default = filtered(SERIAL_ROUTERS)
    resolver = Resolver(make_client())
    # router 2 is named like router 1's serial number: the serial number wins for a serial-shaped value
    assert resolver.one("router", "WA240000000001", "router")["id"] == "1"
    assert len(server.requests) == 1 and "serial_number__in" in server.requests[0]["query"]
    # a serial-shaped name that is no serial number: the serial step misses, then the name step finds it
    assert resolver.one("router", "MM1800000003", "router")["id"] == "3"
    assert len(server.requests) == 3


def test_primed_records_cost_no_call(server, make_client):
    base = server.base_url
    server.default = filtered([])
    resolver = Resolver(make_client())
    resolver.prime("product", {"id": "1", "name": "IBR900"})
    resolver.prime("firmware", {"id": "3", "version": "7.24.30", "product": base + "products/1/"})
    resolver.prime("group", {"id": "4", "name": "branch"})
    product = resolver.one("product", "IBR900", "product")
    assert resolver.one("product", "1", "product") is product
    assert resolver.firmware("7.24.30", product, "target_firmware")["id"] == "3"
    assert resolver.firmware("3", product, "target_firmware")["id"] == "3"
    assert resolver.one("group", "4", "group")["name"] == "branch"
    assert server.requests == []
    # group names are not unique in NCM: never primed by name, so an ambiguous name still fails
    with pytest.raises(ResolveError):
        resolver.one("group", "branch", "group")
    assert len(server.requests) >= 1


def test_known_ids_need_no_lookup_but_names_do(server, make_client):
    server.default = filtered([{"id": "5", "username": "ops", "email": "ops@example.com"}])
    resolver = Resolver(make_client())
    resolver.known_ids("user", [5, "7"])
    assert [r["id"] for r in resolver.many("user", ["5", "7"], "email_users")] == ["5", "7"]
    assert server.requests == []
    assert resolver.one("user", "ops", "email_users")["id"] == "5"
    assert len(server.requests) == 1
    resolver.known_ids("push_destination", ["not-a-uuid"])  # not id-shaped: ignored, resolved by name later
    assert "not-a-uuid" not in resolver._cache["push_destination"]


def test_expanded_references_normalise_like_urls():
    url = "https://x/api/v2/products/1/"
    expanded = {"id": "9", "name": "g", "product": {"id": "1", "name": "IBR900", "resource_url": url},
                "target_firmware": {"id": "3", "version": "7.24.30"}, "account": "https://x/api/v2/accounts/1/"}
    assert Group.view(expanded) == {"id": "9", "name": "g", "account": "1", "product": "1", "target_firmware": "3"}
    plain, related = split_expanded(expanded, ("product", "target_firmware", "account"),
                                    lambda field, rid: "https://x/api/v2/%s/%s/" % (field, rid))
    assert plain == dict(expanded, product=url, target_firmware="https://x/api/v2/target_firmware/3/")
    assert related == {"product": expanded["product"], "target_firmware": expanded["target_firmware"]}
