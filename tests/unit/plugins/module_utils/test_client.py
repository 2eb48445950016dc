"""Unit tests of the shared NCM client against a scripted HTTP server."""

import time

import pytest

from ansible_collections.cradlepoint.ncm.plugins.module_utils.client import NcmApiError, error_message


def page(records, next_url=None, limit=500):
    return (200, {"data": records, "meta": {"limit": limit, "offset": 0, "next": next_url, "previous": None}})


def test_sends_keys_and_slash_terminated_urls(server, make_client):
    server.script = [(200, {"id": "3", "name": "g"})]
    client = make_client()
    assert client.get("groups", "3")["name"] == "g"
    request = server.requests[0]
    assert request["path"] == "/api/v2/groups/3/"
    assert request["headers"]["X-CP-API-ID"] == "cp-id-XYZ"
    assert request["headers"]["X-ECM-API-KEY"] == "ecm-key-SECRET"


def test_write_sends_json_content_type(server, make_client):
    server.script = [(201, {"id": "9"})]
    make_client().post("groups", {"name": "x"})
    request = server.requests[0]
    assert request["headers"]["Content-Type"] == "application/json"
    assert request["body"] == {"name": "x"}


def test_list_follows_meta_next_with_limit_500(server, make_client):
    second = server.base_url + "routers/?limit=500&offset=500"
    server.script = [page([{"id": "1"}], next_url=second), page([{"id": "2"}])]
    records = make_client().list("routers", params={"state": "online"}, fields=["id", "name"])
    assert [r["id"] for r in records] == ["1", "2"]
    first, following = server.requests
    assert first["query"] == {"state": "online", "limit": "500", "fields": "id,name"}
    assert following["query"] == {"limit": "500", "offset": "500"}


def test_failed_page_raises_instead_of_partial_list(server, make_client):
    second = server.base_url + "routers/?limit=500&offset=500"
    server.script = [page([{"id": "1"}], next_url=second), (400, {"exception": {"type": "validation"}, "errors": []})]
    with pytest.raises(NcmApiError):
        make_client().list("routers")


def test_in_filter_is_batched_by_100(server, make_client):
    records = make_client().list_in("routers", "id", [str(i) for i in range(250)])
    assert records == []
    batches = [r["query"]["id__in"].split(",") for r in server.requests]
    assert [len(b) for b in batches] == [100, 100, 50]
    assert len({v for b in batches for v in b}) == 250


def test_retries_429_honouring_retry_after(server, make_client):
    server.script = [(429, {}, {"Retry-After": "1"}), (200, {"id": "1"})]
    client = make_client()
    started = time.monotonic()
    assert client.get("routers", "1") == {"id": "1"}
    assert time.monotonic() - started >= 0.9
    assert client.counter.as_dict() == {"reads": 1, "writes": 0, "retries": 1, "total": 1}


def test_retries_5xx_and_dropped_connection_for_reads(server, make_client):
    server.script = [(503, {}), "drop", (502, {}), (200, {"id": "1"})]
    assert make_client().get("routers", "1") == {"id": "1"}
    assert len(server.requests) == 4


def test_gives_up_after_max_retries(server, make_client):
    server.script = [(503, {})] * 4
    with pytest.raises(NcmApiError) as caught:
        make_client(max_retries=2).get("routers", "1")
    assert caught.value.status == 503
    assert len(server.requests) == 3
    assert "server error" in str(caught.value)


def test_post_is_not_repeated_after_ambiguous_failure(server, make_client):
    server.script = [(502, {})]
    with pytest.raises(NcmApiError) as caught:
        make_client().post("groups", {"name": "x"})
    assert caught.value.ambiguous
    assert len(server.requests) == 1


def test_post_is_retried_on_429(server, make_client):
    server.script = [(429, {}, {"Retry-After": "0"}), (201, {"id": "5"})]
    assert make_client().post("groups", {"name": "x"}) == {"id": "5"}
    assert len(server.requests) == 2


def test_patch_is_repeated_after_502(server, make_client):
    server.script = [(502, {}), (202, None)]
    assert make_client().patch("groups", "1", {"name": "x"}) is None
    assert [r["method"] for r in server.requests] == ["PATCH", "PATCH"]


NOT_FOUND = (404, {"exception": {"message": "not found", "type": "error"}, "errors": []})


def test_delete_treats_404_after_retry_as_done(server, make_client):
    # the first DELETE was applied but its answer lost (503); the retry finds the group gone
    server.script = [(503, {}), NOT_FOUND]
    client = make_client()
    assert client.delete("groups", "1") is None
    assert [(r["method"], r["path"]) for r in server.requests] == [("DELETE", "/api/v2/groups/1/")] * 2
    assert client.counter.as_dict() == {"reads": 0, "writes": 1, "retries": 1, "total": 1}


def test_delete_404_fails_unless_missing_is_ok(server, make_client):
    server.script = [NOT_FOUND]
    with pytest.raises(NcmApiError) as caught:
        make_client().delete("groups", "1", missing_ok=False)
    assert caught.value.status == 404 and "DELETE /api/v2/groups/1/" in str(caught.value)


def test_parallel_paging_matches_sequential(server, make_client):
    total = 1234

    def answer(request):
        offset = int(request["query"].get("offset", 0))
        limit = int(request["query"]["limit"])
        data = [{"id": str(i)} for i in range(offset, min(offset + limit, total))]
        has_next = offset + limit < total
        next_url = server.base_url + "routers/?limit=%d&offset=%d" % (limit, offset + limit) if has_next else None
        return 200, {"data": data, "meta": {"limit": limit, "offset": offset, "next": next_url}}

    server.default = answer
    client = make_client()
    sequential = client.list("routers")
    calls = len(server.requests)
    parallel = client.list_parallel("routers", workers=4)
    assert parallel == sequential
    assert len(sequential) == total
    assert calls == 3
    assert len(server.requests) - calls <= 3 + 3  # pages plus at most workers-1 speculative


def test_parallel_paging_falls_back_on_cursor_endpoints(server, make_client):
    server.script = [page([{"destination_config_id": "a"}])]
    assert make_client().list_parallel("alert_push_destinations") == [{"destination_config_id": "a"}]
    assert "offset" not in server.requests[0]["query"]


@pytest.mark.parametrize(
    "status, body, expected",
    [
        (401, {"status_code": 401, "exception": "unauthorized"}, "ecm_api_key"),
        (403, {"exception": {"message": "forbidden", "type": "error"}, "errors": []}, "forbidden or not visible"),
        (
            400,
            {"exception": {"type": "validation", "message": "bad or missing data"}, "errors": [{"foo": "no such field"}]},
            "foo: no such field",
        ),
        (
            409,
            {
                "exception": {"type": "validation"},
                "errors": [
                    {
                        "configuration": {
                            "message": "cannot set foo to hunter2: invalid path",
                            "reason": "invalid path",
                            "value": "hunter2",
                            "path": ["system", "foo"],
                        }
                    }
                ],
            },
            "config path system.foo: invalid path",
        ),
    ],
)
def test_error_messages_are_actionable(status, body, expected):
    message = error_message(status, "PUT", "/api/v2/x/1/", body)
    assert expected in message
    assert "hunter2" not in message


def test_keys_never_in_error_messages(server, make_client):
    server.script = [(400, {"exception": {"type": "validation"}, "errors": [{"name": "ecm-key-SECRET is wrong"}]})]
    with pytest.raises(NcmApiError) as caught:
        make_client().post("groups", {"name": "x"})
    assert "ecm-key-SECRET" not in str(caught.value)
    assert "********" in str(caught.value)


def test_unreachable_base_url_is_a_clear_error(make_client):
    client = make_client(base_url="http://127.0.0.1:9/api/v2/", max_retries=0)
    with pytest.raises(NcmApiError) as caught:
        client.get("routers", "1")
    assert "cannot reach NCM" in str(caught.value)
