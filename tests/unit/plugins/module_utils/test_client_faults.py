"""The client under NCM's transient failures: timeouts (408, 504, 524), throttling (429) and slow list pages."""

import threading
import time

import pytest

from ansible_collections.cradlepoint.ncm.plugins.module_utils.client import PAGE_LIMIT_FLOOR, NcmApiError
from ansible_collections.cradlepoint.ncm.plugins.module_utils.connection import connection_problems

TIMEOUT = {"exception": {"message": "timeout", "type": "server_error"}, "errors": []}


def paged(server, total, slow_above=None, delay=0.0):
    """An offset-paged list of ``total`` records; pages larger than ``slow_above`` answer 504 (too slow)."""
    state = {"active": 0, "max_active": 0, "lock": threading.Lock()}

    def answer(request):
        with state["lock"]:
            state["active"] += 1
            state["max_active"] = max(state["max_active"], state["active"])
        try:
            time.sleep(delay)
            limit = int(request["query"]["limit"])
            if slow_above is not None and limit > slow_above:
                return 504, TIMEOUT
            offset = int(request["query"].get("offset", 0))
            data = [{"id": str(i)} for i in range(offset, min(offset + limit, total))]
            has_next = offset + limit < total
            next_url = server.base_url + "routers/?limit=%d&offset=%d" % (limit, offset + limit) if has_next else None
            return 200, {"data": data, "meta": {"limit": limit, "offset": offset, "next": next_url}}
        finally:
            with state["lock"]:
                state["active"] -= 1

    server.default = answer
    return state


@pytest.mark.parametrize("status", [408, 504, 524])
def test_timeouts_are_retried_for_reads(server, make_client, status):
    server.script = [(status, TIMEOUT), (200, {"id": "1"})]
    client = make_client()
    assert client.get("routers", "1") == {"id": "1"}
    assert len(server.requests) == 2
    assert client.counter.retries == 1


@pytest.mark.parametrize("status", [408, 524])
def test_timed_out_post_is_ambiguous_and_not_repeated(server, make_client, status):
    server.script = [(status, TIMEOUT)]
    with pytest.raises(NcmApiError) as caught:
        make_client().post("groups", {"name": "x"})
    assert caught.value.ambiguous
    assert len(server.requests) == 1


def test_timeout_that_persists_names_the_timeout(server, make_client):
    server.script = [(524, TIMEOUT)] * 3
    with pytest.raises(NcmApiError) as caught:
        make_client(max_retries=2).get("routers", "1")
    assert caught.value.status == 524
    assert "timeout" in str(caught.value)


def test_slow_pages_are_asked_again_with_a_smaller_limit(server, make_client):
    paged(server, total=450, slow_above=100)
    records = make_client().list("routers")
    assert [r["id"] for r in records] == [str(i) for i in range(450)]
    limits = [int(r["query"]["limit"]) for r in server.requests]
    # each size is tried twice (the reference: first retry), then halved: 500, 250, 125, then 62 works
    assert limits[:6] == [500, 500, 250, 250, 125, 125]
    assert set(limits[6:]) == {62}
    assert len(limits[6:]) == 8  # 450 records in pages of 62


def test_a_page_that_times_out_at_the_floor_fails_loudly(server, make_client):
    paged(server, total=50, slow_above=0)
    with pytest.raises(NcmApiError) as caught:
        make_client(max_retries=1).list("routers")
    assert caught.value.status == 504
    assert int(server.requests[-1]["query"]["limit"]) == PAGE_LIMIT_FLOOR


def test_parallel_listing_shrinks_slow_pages_and_stays_complete(server, make_client):
    paged(server, total=1234)
    client = make_client()
    expected = client.list("routers")
    paged(server, total=1234, slow_above=300)
    assert client.list_parallel("routers", workers=4) == expected


def test_parallel_listing_continues_one_page_at_a_time_once_throttled(server, make_client):
    paged(server, total=5000, delay=0.05)
    first = server.default
    late = {"active": 0, "max_active": 0, "lock": threading.Lock()}

    def throttle_the_second_request(request):
        if len(server.requests) == 2:
            return 429, {"exception": {"message": "too many requests"}, "errors": []}, {"Retry-After": "0"}
        if len(server.requests) <= 6:  # the first page, the window of 4 in flight and the retried page
            return first(request)
        with late["lock"]:
            late["active"] += 1
            late["max_active"] = max(late["max_active"], late["active"])
        try:
            return first(request)
        finally:
            with late["lock"]:
                late["active"] -= 1

    server.default = throttle_the_second_request
    records = make_client().list_parallel("routers", workers=4)
    assert [r["id"] for r in records] == [str(i) for i in range(5000)]
    # after the window that was in flight when the 429 came, one page at a time
    assert [r["query"]["offset"] for r in server.requests[6:]] == [str(o) for o in range(2500, 5000, 500)]
    assert late["max_active"] == 1


def test_429_is_retried_beyond_max_retries_within_the_time_budget(server, make_client):
    throttled = (429, {"exception": {"message": "too many requests"}, "errors": []}, {"Retry-After": "0"})
    server.script = [throttled] * 4 + [(200, {"id": "1"})]
    client = make_client(max_retries=1)
    assert client.get("routers", "1") == {"id": "1"}
    assert len(server.requests) == 5
    assert client.counter.retries == 4


def test_429_gives_up_when_retry_after_exceeds_the_time_budget(server, make_client):
    server.script = [(429, {"exception": {"message": "too many requests"}, "errors": []}, {"Retry-After": "30"})]
    client = make_client(retry_time_budget=2)
    started = time.monotonic()
    with pytest.raises(NcmApiError) as caught:
        client.post("groups", {"name": "x"})
    assert time.monotonic() - started < 5
    assert caught.value.status == 429 and not caught.value.ambiguous
    assert "retry_time_budget" in str(caught.value)
    assert len(server.requests) == 1


def test_retry_after_gets_jitter_and_holds_every_thread(server, make_client):
    server.script = [(429, {}, {"Retry-After": "1"})]
    client = make_client()
    started = time.monotonic()
    assert client.get("routers", "1") is not None
    waited = time.monotonic() - started
    assert 1.0 <= waited < 2.5  # Retry-After 1 plus up to 1 s of jitter
    # a second request of the same client waits out the same Retry-After
    client.throttle.hold(0.5)
    started = time.monotonic()
    client.get("routers", "1")
    assert time.monotonic() - started >= 0.45


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"retry_time_budget": -1.0}, "retry_time_budget: -1.0 must be 0 or more."),
        ({"max_retries": -2}, "max_retries: -2 must be 0 or more."),
        ({"timeout": 0.0}, "timeout: 0.0 must be more than 0."),
    ],
)
def test_connection_option_values_are_checked(settings, message):
    assert connection_problems(dict({"timeout": 30.0, "max_retries": 5, "retry_time_budget": 300.0}, **settings)) == [message]


class _Answer:  # pylint: disable=too-few-public-methods
    """What urllib3's Retry reads from a response: its headers."""

    def __init__(self, retry_after):
        self.headers = {"Retry-After": retry_after}


@pytest.mark.parametrize("retry_after, most", [("1", 2.0), ("4", 6.0), ("10", 15.0)])
def test_retry_after_jitter_is_up_to_half_of_it_and_at_least_one_second(monkeypatch, retry_after, most):
    from ansible_collections.cradlepoint.ncm.plugins.module_utils import client as client_module

    policy = client_module._NcmRetry(total=5)  # pylint: disable=protected-access
    monkeypatch.setattr(client_module.random, "uniform", lambda low, high: high)
    assert policy._throttled_delay(_Answer(retry_after)) == most  # pylint: disable=protected-access
    monkeypatch.setattr(client_module.random, "uniform", lambda low, high: low)
    assert policy._throttled_delay(_Answer(retry_after)) == float(retry_after)  # pylint: disable=protected-access
