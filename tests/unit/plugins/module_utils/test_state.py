"""The parts of ncm_state that need no NCM: document checks, scope, error paths, the summary."""

import pytest

from ansible_collections.cradlepoint.ncm.plugins.module_utils.errors import NcmInputError
from ansible_collections.cradlepoint.ncm.plugins.module_utils.state import (
    SECTION,
    at_path,
    check_options,
    check_scope,
    plan_line,
    summary_of,
)


def test_items_are_checked_against_their_single_module_spec():
    spec = SECTION["routers"].spec
    params = check_options("routers[0]", spec, {"router": "1", "description": "d"})
    assert params["router"] == "1" and params["state"] == "present" and params["config_mode"] == "merge"
    with pytest.raises(NcmInputError, match=r"^routers\[3\]\.colour: unknown field; the fields are "):
        check_options("routers[3]", spec, {"router": "1", "colour": "red"})
    with pytest.raises(NcmInputError, match=r"^routers\[0\]\.state: value of state must be one of"):
        check_options("routers[0]", spec, {"router": "1", "state": "gone"})
    with pytest.raises(NcmInputError, match=r"^routers\[0\]\.router: missing required arguments: router"):
        check_options("routers[0]", spec, {"description": "d"})
    with pytest.raises(NcmInputError, match=r"^routers\[0\]: must be a mapping of options"):
        check_options("routers[0]", spec, "router-1")
    rules = {"required_one_of": [("name", "id")]}
    with pytest.raises(NcmInputError, match=r"^groups\[1\]\.name: one of the following is required: name, id"):
        check_options("groups[1]", SECTION["groups"].spec, {"product": "IBR900"}, rules)


def test_the_identity_of_an_item():
    assert SECTION["groups"].key({"id": "7", "name": "x"}) == "id=7"
    assert SECTION["groups"].key({"id": None, "name": "x"}) == "x"
    assert SECTION["routers"].key({"router": "WA1"}) == "WA1"
    rule = {"id": None, "alert_types": ["b", "a"], "groups": ["g2", "g1"]}
    assert SECTION["alert_rules"].key(rule) == "alert_types=a,b groups=g1,g2"


def test_errors_name_the_document_path_once():
    assert str(at_path("routers[2]", NcmInputError("group: no group 'x'."))) == "routers[2].group: no group 'x'."
    assert str(at_path("routers[2].location", NcmInputError("latitude: 91 is out of range"))) == (
        "routers[2].location.latitude: 91 is out of range")
    assert str(at_path("groups[0]", NcmInputError("2 groups match name 'x' (ids 1, 2)"))) == (
        "groups[0]: 2 groups match name 'x' (ids 1, 2)")


@pytest.mark.parametrize("scope, purge, message", [
    ({"groups": {"name_prefix": ""}}, True, "scope.groups.name_prefix: '' would claim every group"),
    ({"groups": {"name_prefix": " \t"}}, True, "scope.groups.name_prefix"),
    ({"push_destinations": {"name_prefix": None}}, True, "scope.push_destinations.name_prefix"),
    ({"groups": {"names": ["a", ""]}}, True, "scope.groups.names: give a list of non-empty names"),
    ({"groups": {"name_prefix": "a", "names": ["a"]}}, True, "scope.groups: give exactly one of name_prefix, names"),
    ({"routers": {"name_prefix": "r"}}, True, "scope.routers: unknown kind"),
    ({"alert_rules": {"on_owned_groups": True}}, True, "scope.alert_rules.on_owned_groups: needs scope.groups"),
    ({"alert_rules": {"on_owned_groups": "yes"}, "groups": {"names": ["g"]}}, True,
     "scope.alert_rules.on_owned_groups: must be true"),
    ({}, True, "purge: needs a scope"),
    ("groups", False, "scope: must be a mapping of kinds"),
])
def test_a_scope_that_would_claim_too_much_fails(scope, purge, message):
    with pytest.raises(NcmInputError, match="^" + message.replace("(", r"\(").replace(".", r"\.")):
        check_scope(scope, purge)


def test_scope_without_purge_and_valid_scopes():
    assert check_scope(None, False) == {}
    scope = {"groups": {"name_prefix": "br-"}, "alert_rules": {"on_owned_groups": True}}
    assert check_scope(scope, True) == scope


def test_summary_in_terraform_words():
    changes = [{"action": "create"}, {"action": "update"}, {"action": "update"}, {"action": "delete"}]
    counts = summary_of(changes)
    assert counts == {"to_add": 1, "to_change": 2, "to_destroy": 1}
    assert plan_line(counts) == "Plan: 1 to add, 2 to change, 1 to destroy."
    assert plan_line(summary_of([])) == "No changes. NCM matches the document."
