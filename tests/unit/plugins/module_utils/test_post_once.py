"""The engine's create under ambiguity: read back fresh, POST again only if absent, never twice."""

import pytest

from ansible_collections.cradlepoint.ncm.plugins.module_utils.client import NcmApiError
from ansible_collections.cradlepoint.ncm.plugins.module_utils.resolve import Resolver
from ansible_collections.cradlepoint.ncm.plugins.module_utils.resources import GroupResource
from ansible_collections.cradlepoint.ncm.plugins.module_utils.resources import PushDestinationResource

BAD_GATEWAY = (502, {"exception": {"message": "bad gateway", "type": "server_error"}, "errors": []})
NONE = (200, {"data": [], "meta": {"limit": 500, "offset": 0, "next": None}})


def listed(*records):
    return (200, {"data": list(records), "meta": {"limit": 500, "offset": 0, "next": None}})


def bare(cls, client, **params):
    """A module object over a real client, without AnsibleModule (the engine's create path only)."""
    module = object.__new__(cls)
    module.params = dict({key: None for key in cls.argument_spec}, state="present", max_retries=5)
    module.params.update(params)
    module.client = client
    module.resolver = Resolver(client)
    module.check_mode = False
    module.result = {}
    return module


def methods(server):
    return [r["method"] for r in server.requests]


def test_ambiguous_post_loops_until_created(server, make_client):
    group = {"id": "7", "name": "g"}
    server.script = [BAD_GATEWAY, NONE, "drop", NONE, (201, group)]
    module = bare(GroupResource, make_client(max_retries=0), name="g")
    assert module.post_once({"name": "g"}) == group
    assert methods(server) == ["POST", "GET", "POST", "GET", "POST"]


def test_ambiguous_post_that_was_applied_is_read_back_not_repeated(server, make_client):
    group = {"id": "7", "name": "g"}
    server.script = [BAD_GATEWAY, listed(group)]
    module = bare(GroupResource, make_client(max_retries=0), name="g")
    assert module.post_once({"name": "g"}) == group
    assert methods(server) == ["POST", "GET"]


def test_ambiguous_posts_stop_after_max_retries(server, make_client):
    server.script = [BAD_GATEWAY, NONE] * 3
    module = bare(GroupResource, make_client(max_retries=0), name="g", max_retries=2)
    with pytest.raises(NcmApiError) as caught:
        module.post_once({"name": "g"})
    assert caught.value.status == 502
    assert methods(server) == ["POST", "GET"] * 3


def test_push_destination_is_read_back_fresh_after_an_ambiguous_post(server, make_client):
    dest = {"destination_config_id": "d-1", "name": "ops", "endpoint": {"url": "https://ops.example.com/"}}
    server.script = [NONE, BAD_GATEWAY, listed(dest)]
    module = bare(PushDestinationResource, make_client(max_retries=0), name="ops", url="https://ops.example.com/", secret="s")
    module.validate()
    assert module.find() is None  # memoises the (empty) list
    assert module.post_once({"name": "ops"}) == dest
    assert methods(server) == ["GET", "POST", "GET"]


def test_duplicate_url_refusal_after_an_ambiguous_post_means_created(server, make_client):
    dest = {"destination_config_id": "d-1", "name": "ops", "endpoint": {"url": "https://ops.example.com/"}}
    duplicate = (400, {"exception": {"type": "validation", "message": "bad or missing data"},
                       "errors": [{"endpoint": "a destination with url https://ops.example.com/ already exists"}]})
    # the read-back after the 502 does not show the destination yet; the repeated POST is refused as a duplicate
    server.script = [BAD_GATEWAY, NONE, duplicate, listed(dest)]
    module = bare(PushDestinationResource, make_client(max_retries=0), name="ops", url="https://ops.example.com/", secret="s")
    module.validate()
    assert module.post_once({"name": "ops"}) == dest
    assert methods(server) == ["POST", "GET", "POST", "GET"]


def test_duplicate_url_refusal_without_an_ambiguous_post_fails(server, make_client):
    duplicate = (400, {"exception": {"type": "validation"}, "errors": [{"endpoint": "already exists"}]})
    server.script = [duplicate]
    module = bare(PushDestinationResource, make_client(max_retries=0), name="ops", url="https://ops.example.com/", secret="s")
    module.validate()
    with pytest.raises(NcmApiError):
        module.post_once({"name": "ops"})
    assert methods(server) == ["POST"]
