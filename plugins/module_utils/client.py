# -*- coding: utf-8 -*-
# Copyright (c) 2026, cradlepoint.ncm contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client for the NCM API v2, shared by every module and the inventory plugin.

It sends the four key headers, keeps every URL slash-terminated (a missing slash costs a redirect and a second
billed call), pages with ``limit=500`` following ``meta.next``, retries 429/5xx/timeouts/connection errors with
bounded exponential backoff, jitter and ``Retry-After`` (never blindly repeating a POST), turns the reference's
error bodies into one exception type with an actionable message, and never lets a key or a secret into a message.

Throttling (429): retried while the request's ``retry_time_budget`` lasts, whatever ``max_retries`` says, each
time after ``Retry-After`` plus jitter; every thread of the client waits out the same ``Retry-After`` before its
next request, and a parallel listing goes on one page at a time once throttled.

Timeouts (408, 504, 524; the reference calls them transient and says to retry, or to narrow the query): retried
like a 5xx, except that a list page that times out twice is asked again with half the ``limit``, down to
``PAGE_LIMIT_FLOOR``, so a slow account still lists completely.
"""

from __future__ import annotations

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit, urlencode, parse_qsl

try:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.exceptions import MaxRetryError, ResponseError
    from urllib3.util.retry import RequestHistory, Retry

    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - reported by the module base
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc
    Retry = object

from ansible_collections.cradlepoint.ncm.plugins.module_utils.connection import DEFAULT_BASE_URL, DEFAULT_RETRY_TIME_BUDGET, KEY_OPTIONS
from ansible_collections.cradlepoint.ncm.plugins.module_utils.endpoints import NO_OFFSET_ENDPOINTS, id_from_url
from ansible_collections.cradlepoint.ncm.plugins.module_utils.errors import NcmError
from ansible_collections.cradlepoint.ncm.plugins.module_utils.secrets import Redactor

PAGE_LIMIT = 500
IN_FILTER_BATCH = 100

PAGE_LIMIT_FLOOR = 20  # NCM's default page size: a timing-out page is halved down to this
PAGE_TIMEOUT_RETRIES = 1  # a list page that timed out is asked once more at the same size, then with half the limit
# 408 Response Timeout, 504 Gateway Timeout, 524 Cloudflare Timeout: transient per the reference
TIMEOUT_STATUSES = frozenset((408, 504, 524))
RETRY_STATUSES = frozenset((429, 500, 502, 503)) | TIMEOUT_STATUSES
# Writes that set a state are safe to repeat; POST creates, so it is only retried on 429 (not applied).
REPEATABLE_METHODS = frozenset(("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"))


class NcmApiError(NcmError):
    """Any failure talking to NCM: HTTP error status, connection or TLS failure.

    ``ambiguous`` is true when a write may or may not have been applied (connection lost after sending, 5xx),
    so the caller must re-read before deciding what to do.
    """

    def __init__(self, message, status=None, method=None, path=None, errors=None, ambiguous=False):
        super().__init__(message)
        self.message = message
        self.status = status
        self.method = method
        self.path = path
        self.errors = errors or []
        self.ambiguous = ambiguous

    def to_result(self):
        """The error as fields for a module's failure result."""
        return {"status": self.status, "method": self.method, "path": self.path, "errors": self.errors}


class CallCounter:
    """API calls made in this run, as reported in every module result under ``api_calls``."""

    def __init__(self):
        self._lock = threading.Lock()
        self.reads = 0
        self.writes = 0
        self.retries = 0

    def count(self, method):
        with self._lock:
            if method == "GET":
                self.reads += 1
            else:
                self.writes += 1

    def count_retry(self):
        with self._lock:
            self.retries += 1

    def as_dict(self):
        return {"reads": self.reads, "writes": self.writes, "retries": self.retries, "total": self.reads + self.writes}


class _Throttle:
    """What one client learned from 429 answers: no thread sends before ``Retry-After`` has passed."""

    def __init__(self):
        self._lock = threading.Lock()
        self._until = 0.0
        self.hits = 0

    def hold(self, delay):
        """A 429 asked to wait ``delay`` seconds from now."""
        with self._lock:
            self._until = max(self._until, time.monotonic() + delay)
            self.hits += 1

    def wait(self):
        """Sleep until the last Retry-After has passed."""
        while True:
            remaining = self._until - time.monotonic()
            if remaining <= 0:
                return
            time.sleep(remaining)


def _limit_in(url):
    """The ``limit`` of a list page URL (None for other URLs)."""
    for key, value in parse_qsl(urlsplit(url or "").query):
        if key == "limit" and value.isdigit():
            return int(value)
    return None


class _NcmRetry(Retry):
    """urllib3 Retry with NCM's rules.

    * A POST is repeated only after a 429 (NCM refused it, nothing was applied).
    * A 429 costs no retry of ``max_retries``: it is retried after ``Retry-After`` plus jitter (exponential backoff
      without the header) until ``time_budget`` seconds have passed since the first failure; the wait is shared
      with every thread of the client through ``throttle``.
    * Every retry stops once ``time_budget`` has passed.
    * A list page (a GET with ``limit`` above ``PAGE_LIMIT_FLOOR``) that timed out ``PAGE_TIMEOUT_RETRIES`` + 1
      times is handed back to the client, which asks again with a smaller limit.
    """

    counter = None
    throttle = None
    time_budget = DEFAULT_RETRY_TIME_BUDGET
    started = None  # monotonic time of the request's first failure
    delay = None  # seconds to wait before the next attempt after a 429

    def is_retry(self, method, status_code, has_retry_after=False):
        if method == "POST":
            return status_code == 429 and bool(self.total)
        return super().is_retry(method, status_code, has_retry_after)

    def new(self, **kw):
        fresh = super().new(**kw)
        fresh.counter, fresh.throttle, fresh.time_budget, fresh.started = self.counter, self.throttle, self.time_budget, self.started
        return fresh

    @staticmethod
    def _give_up(pool, url, error, why):
        raise MaxRetryError(pool, url, error or ResponseError(why))

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):  # pylint: disable=too-many-arguments
        now = time.monotonic()
        started = self.started if self.started is not None else now
        status = getattr(response, "status", None) if error is None else None
        if status == 429 and self.total:
            delay = self._throttled_delay(response)
            if now + delay - started > self.time_budget:
                self._give_up(_pool, url, None, "still throttled (429) after the retry_time_budget of %s s" % self.time_budget)
            fresh = self.new(history=self.history + (RequestHistory(method, url, None, status, None),))
            fresh.delay = delay
            if self.throttle is not None:
                self.throttle.hold(delay)
        else:
            if now - started > self.time_budget:
                self._give_up(_pool, url, error, "retry_time_budget of %s s spent" % self.time_budget)
            if status in TIMEOUT_STATUSES and method == "GET" and (_limit_in(url) or 0) > PAGE_LIMIT_FLOOR:
                if sum(1 for item in self.history if item.status in TIMEOUT_STATUSES) >= PAGE_TIMEOUT_RETRIES:
                    self._give_up(_pool, url, None, "list page timed out %d times" % (PAGE_TIMEOUT_RETRIES + 1))
            fresh = super().increment(method, url, response, error, _pool, _stacktrace)
        fresh.started = started
        if self.counter is not None:
            self.counter.count_retry()
        return fresh

    def _throttled_delay(self, response):
        """Retry-After plus jitter (so that throttled clients do not come back at once), else the backoff."""
        retry_after = self.get_retry_after(response) if self.respect_retry_after_header else None
        if retry_after:
            return retry_after + random.uniform(0, max(1.0, retry_after / 2.0))
        backoff = self.backoff_factor * (2 ** len(self.history)) + random.uniform(0, self.backoff_jitter)
        return min(self.backoff_max, backoff)

    def sleep(self, response=None):
        if self.delay is None:
            super().sleep(response)
        elif self.throttle is not None:
            self.throttle.wait()
        else:
            time.sleep(self.delay)


def _describe_errors(errors):
    """Turn the reference's ``errors`` list into 'field: reason' phrases (config errors name their path)."""
    parts = []
    for item in errors or []:
        if not isinstance(item, dict):
            parts.append(str(item))
            continue
        for field, detail in item.items():
            if field in ("path", "method"):
                continue
            if isinstance(detail, dict) and ("reason" in detail or "path" in detail):
                path = detail.get("path") or []
                dotted = ".".join(str(p) for p in path) if isinstance(path, list) else str(path)
                parts.append("config path %s: %s" % (dotted or "(root)", detail.get("reason") or "invalid"))
            else:
                parts.append("%s: %s" % (field, detail))
    return parts


def error_message(status, method, path, body):
    """An actionable message for an NCM error answer (bodies as documented in the reference)."""
    where = "%s %s" % (method, path)
    exception = body.get("exception") if isinstance(body, dict) else None
    summary = exception.get("message") if isinstance(exception, dict) else None
    details = _describe_errors(body.get("errors")) if isinstance(body, dict) else []
    if status == 401:
        return (
            "%s: 401 unauthorized: NCM rejected the API keys. Check cp_api_id, cp_api_key, ecm_api_id and "
            "ecm_api_key (or X_CP_API_ID, X_CP_API_KEY, X_ECM_API_ID, X_ECM_API_KEY)." % where
        )
    if status == 403:
        return (
            "%s: 403 forbidden or not visible: the NCM role of the ECM API key may not do this, or the "
            "resource does not exist in the account the keys see." % where
        )
    if status == 404:
        return "%s: 404 not found." % where
    if status == 405:
        return "%s: 405 method not allowed on this endpoint." % where
    if status == 429:
        return (
            "%s: 429 rate limited by NCM for longer than retry_time_budget allows; try again later, lower the request "
            "rate (fewer forks) or raise retry_time_budget." % where
        )
    if status in TIMEOUT_STATUSES:
        return (
            "%s: %s timeout from NCM (the query took too long; retries exhausted). Narrow the query or try again later."
            % (where, status)
        )
    if status is not None and status >= 500:
        return "%s: %s server error from NCM%s (retries exhausted)." % (where, status, ": " + summary if summary else "")
    text = "; ".join(details) or summary or "request rejected"
    return "%s: %s %s." % (where, status, text)


class NcmClient:
    """A persistent session against one NCM account."""

    def __init__(
        self,
        cp_api_id,
        cp_api_key,
        ecm_api_id,
        ecm_api_key,
        base_url=DEFAULT_BASE_URL,
        validate_certs=True,
        timeout=30.0,
        max_retries=5,
        retry_time_budget=DEFAULT_RETRY_TIME_BUDGET,
        backoff_factor=0.5,
        backoff_max=20.0,
        pool_size=8,
    ):
        if not HAS_REQUESTS:
            raise ImportError("the NCM client needs the Python library requests") from REQUESTS_IMPORT_ERROR
        self.base_url = base_url.rstrip("/") + "/"
        self.timeout = timeout
        self.counter = CallCounter()
        self.redactor = Redactor((cp_api_key, ecm_api_key, cp_api_id, ecm_api_id))
        self.throttle = _Throttle()
        # lists read once for the run (ncm_state); None: every read goes to NCM (see snapshot.py)
        self.snapshot = None
        self.session = requests.Session()
        # verify is also passed with every request: requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override
        # session.verify (its environment merge), which would turn validate_certs: false back on
        self.verify = bool(validate_certs)
        self.session.verify = self.verify
        self.session.headers.update(
            {
                KEY_OPTIONS["cp_api_id"][0]: cp_api_id,
                KEY_OPTIONS["cp_api_key"][0]: cp_api_key,
                KEY_OPTIONS["ecm_api_id"][0]: ecm_api_id,
                KEY_OPTIONS["ecm_api_key"][0]: ecm_api_key,
                "Accept": "application/json",
            }
        )
        retry = _NcmRetry(
            total=max_retries,
            connect=max_retries,
            read=max_retries,
            status=max_retries,
            other=0,
            allowed_methods=REPEATABLE_METHODS,
            status_forcelist=RETRY_STATUSES,
            backoff_factor=backoff_factor,
            backoff_max=backoff_max,
            backoff_jitter=backoff_factor,
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        retry.counter = self.counter
        retry.throttle = self.throttle
        retry.time_budget = float(retry_time_budget)
        adapter = HTTPAdapter(max_retries=retry, pool_connections=2, pool_maxsize=pool_size)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)

    @classmethod
    def from_settings(cls, settings):
        """Build a client from connection option values (names as in the doc fragment)."""
        return cls(
            cp_api_id=settings["cp_api_id"],
            cp_api_key=settings["cp_api_key"],
            ecm_api_id=settings["ecm_api_id"],
            ecm_api_key=settings["ecm_api_key"],
            base_url=settings.get("base_url") or DEFAULT_BASE_URL,
            validate_certs=settings.get("validate_certs", True),
            timeout=float(30.0 if settings.get("timeout") is None else settings["timeout"]),
            max_retries=int(5 if settings.get("max_retries") is None else settings["max_retries"]),
            retry_time_budget=float(
                settings.get("retry_time_budget") if settings.get("retry_time_budget") is not None else DEFAULT_RETRY_TIME_BUDGET
            ),
        )

    # ---- secrets -------------------------------------------------------------------------------------------

    def add_secret(self, value):
        """Register a value that must never appear in a message (e.g. a push-destination secret)."""
        self.redactor.add(value)

    def redact(self, text):
        """Replace every registered secret in text with a mask."""
        return self.redactor.redact(text)

    # ---- URLs ----------------------------------------------------------------------------------------------

    def url(self, endpoint, resource_id=None):
        """Absolute, slash-terminated URL of an endpoint or one of its resources."""
        path = endpoint.strip("/") + "/"
        if resource_id is not None:
            path += "%s/" % id_from_url(resource_id)
        return self.base_url + path

    # ---- requests ------------------------------------------------------------------------------------------

    def request(self, method, url, params=None, body=None):
        """One HTTP call; returns the decoded JSON (None for an empty body) or raises NcmApiError."""
        path = urlsplit(url).path
        kwargs = {"params": params, "timeout": self.timeout, "verify": self.verify}
        if body is not None:
            kwargs["json"] = body  # requests sets Content-Type: application/json
        self.counter.count(method)
        self.throttle.wait()
        try:
            response = self.session.request(method, url, **kwargs)
        except requests.exceptions.SSLError as exc:
            raise NcmApiError(
                self.redact(
                    "TLS failure talking to %s: %s. Keep validate_certs on for NCM; turn it off only for a "
                    "simulator with a self-signed certificate." % (self.base_url, _root_cause(exc))
                ),
                method=method,
                path=path,
            ) from None
        except requests.exceptions.RequestException as exc:
            raise NcmApiError(
                self.redact("cannot reach NCM at %s (%s %s): %s" % (self.base_url, method, path, _root_cause(exc))),
                method=method,
                path=path,
                ambiguous=method != "GET",
            ) from None
        if response.status_code >= 400:
            try:
                payload = response.json()
            except ValueError:
                payload = {}
            raise NcmApiError(
                self.redact(error_message(response.status_code, method, path, payload)),
                status=response.status_code,
                method=method,
                path=path,
                errors=payload.get("errors") if isinstance(payload, dict) else None,
                ambiguous=method != "GET" and (response.status_code >= 500 or response.status_code == 408),
            )
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise NcmApiError(
                "%s %s: NCM answered %s with a body that is not JSON." % (method, path, response.status_code),
                status=response.status_code,
                method=method,
                path=path,
            ) from None

    def get(self, endpoint, resource_id, fields=None, params=None):
        """One resource by id (``params``: further query parameters such as ``expand``)."""
        held = self.snapshot.get(endpoint, resource_id) if self.snapshot is not None and not (params or fields) else None
        if held is not None:
            return held
        query = {key: _query_value(value) for key, value in (params or {}).items() if value is not None}
        if fields:
            query["fields"] = ",".join(fields)
        return self.request("GET", self.url(endpoint, resource_id), params=query or None)

    def post(self, endpoint, body):
        return self._write("POST", endpoint, None, body)

    def put(self, endpoint, resource_id, body):
        return self._write("PUT", endpoint, resource_id, body)

    def patch(self, endpoint, resource_id, body):
        return self._write("PATCH", endpoint, resource_id, body)

    def delete(self, endpoint, resource_id, missing_ok=True):
        """Delete a resource; with missing_ok a 404 (already gone, e.g. after a retried DELETE) is success."""
        try:
            self._write("DELETE", endpoint, resource_id, None)
        except NcmApiError as exc:
            if not (missing_ok and exc.status == 404):
                raise
            if self.snapshot is not None:
                self.snapshot.written("DELETE", endpoint, resource_id, None, None)

    def _write(self, method, endpoint, resource_id, body):
        """One write; the snapshot (if any) learns its outcome."""
        answer = self.request(method, self.url(endpoint, resource_id), body=body)
        if self.snapshot is not None:
            self.snapshot.written(method, endpoint, resource_id, body, answer)
        return answer

    # ---- lists ---------------------------------------------------------------------------------------------

    @staticmethod
    def _list_params(params, fields, limit):
        query = {key: _query_value(value) for key, value in (params or {}).items() if value is not None}
        query["limit"] = limit
        if fields:
            query["fields"] = ",".join(fields)
        return query

    def iter_list(self, endpoint, params=None, fields=None, limit=PAGE_LIMIT):
        """Every record of a list, page by page, following ``meta.next``. A failed page raises. A list the run's
        snapshot holds is answered from it (no call)."""
        held = self.snapshot.answer(endpoint, params) if self.snapshot is not None else None
        if held is not None:
            return iter(held)
        return self._pages(self.url(endpoint), self._list_params(params, fields, limit))

    def _pages(self, url, query):
        while url:
            page, url, query = self._page(url, query)
            yield from page.get("data") or []
            url = (page.get("meta") or {}).get("next")
            query = None  # meta.next carries the whole query
            if url:
                url = _same_origin(url, self.base_url)

    def _page(self, url, query):
        """(page, url, query) of one list page; a page that keeps timing out is asked with half the limit.

        The reference says timeouts are transient and that a narrower query avoids them: the retry policy retries a
        timed-out page once at its size, then the limit is halved (never below ``PAGE_LIMIT_FLOOR``, where the
        ordinary retries apply). ``meta.next`` of the smaller page carries the smaller limit on.
        """
        while True:
            try:
                return self.request("GET", url, params=query), url, query
            except NcmApiError as exc:
                limit = int(query["limit"]) if query and "limit" in query else _limit_in(url)
                if exc.status not in TIMEOUT_STATUSES or limit is None or limit <= PAGE_LIMIT_FLOOR:
                    raise
                url, query = _with_limit(url, query, max(PAGE_LIMIT_FLOOR, limit // 2))

    def list(self, endpoint, params=None, fields=None, limit=PAGE_LIMIT):
        """Every record of a list, as a list."""
        return list(self.iter_list(endpoint, params=params, fields=fields, limit=limit))

    def list_in(self, endpoint, field, values, params=None, fields=None):
        """Records whose ``field`` is one of ``values``, batching the ``__in`` filter by 100 values per call.

        NCM splits an ``__in`` value at commas, so a value that holds a comma (``Branch, East``) is asked for alone
        with the exact ``field=value`` filter (one call per such value)."""
        unique = sorted({str(value) for value in values})
        records = []
        for value in [v for v in unique if "," in v]:
            records.extend(self.iter_list(endpoint, params=dict(params or {}, **{field: value}), fields=fields))
        unique = [v for v in unique if "," not in v]
        for start in range(0, len(unique), IN_FILTER_BATCH):
            query = dict(params or {})
            query[field + "__in"] = ",".join(unique[start:start + IN_FILTER_BATCH])
            records.extend(self.iter_list(endpoint, params=query, fields=fields))
        return records

    def list_parallel(self, endpoint, params=None, fields=None, workers=4, limit=PAGE_LIMIT):
        """Like ``list`` but fetches pages concurrently by offset where the endpoint allows it.

        The first page tells the page size; then windows of ``workers`` pages are fetched at once until a page is
        short or has no ``meta.next``. The result is identical to the sequential one. Once NCM throttles the
        client (429) or a page times out, the rest is read one page at a time (a timed-out page with half the
        limit), so a busy or slow account is not hammered.
        """
        if endpoint in NO_OFFSET_ENDPOINTS or workers <= 1 or (self.snapshot is not None and self.snapshot.holds(endpoint)):
            return self.list(endpoint, params=params, fields=fields, limit=limit)
        page, url, query = self._page(self.url(endpoint), self._list_params(params, fields, limit))
        records = list(page.get("data") or [])
        meta = page.get("meta") or {}
        page_size = int(meta.get("limit") or query["limit"])
        if not meta.get("next") or len(records) < page_size:
            return records

        def fetch(offset):
            return self.request("GET", url, params=dict(query, limit=page_size, offset=offset))

        offset = page_size
        with ThreadPoolExecutor(max_workers=workers) as pool:
            while not self.throttle.hits:
                offsets = [offset + index * page_size for index in range(workers)]
                futures = [pool.submit(fetch, start) for start in offsets]
                for start, future in zip(offsets, futures):
                    try:
                        page = future.result()
                    except NcmApiError as exc:
                        if exc.status not in TIMEOUT_STATUSES:
                            raise
                        smaller = max(PAGE_LIMIT_FLOOR, page_size // 2)
                        records.extend(self._pages(url, dict(query, limit=smaller, offset=start)))
                        return records
                    data = page.get("data") or []
                    records.extend(data)
                    if len(data) < page_size or not (page.get("meta") or {}).get("next"):
                        return records
                offset = offsets[-1] + page_size
        records.extend(self._pages(url, dict(query, limit=page_size, offset=offset)))
        return records


def _query_value(value):
    """Query values: lists become comma-separated (the reference's __in form), booleans lower-case."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, set)):
        return ",".join(str(item) for item in value)
    return value


def _with_limit(url, query, limit):
    """(url, query) asking for ``limit`` records per page, wherever the limit is carried."""
    if query and "limit" in query:
        return url, dict(query, limit=limit)
    parts = urlsplit(url)
    pairs = [(key, str(limit) if key == "limit" else value) for key, value in parse_qsl(parts.query, keep_blank_values=True)]
    return "%s://%s%s?%s" % (parts.scheme, parts.netloc, parts.path, urlencode(pairs)), query


def _same_origin(next_url, base_url):
    """Follow meta.next on the configured host (a proxy or simulator may report its own host name)."""
    parts = urlsplit(next_url)
    base = urlsplit(base_url)
    query = urlencode(parse_qsl(parts.query, keep_blank_values=True))
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return "%s://%s%s%s" % (base.scheme, base.netloc, path, "?" + query if query else "")


def _root_cause(exc):
    """The innermost reason of a requests exception, without the URL's query string."""
    reason = exc
    while getattr(reason, "__context__", None) is not None and reason.__context__ is not reason:
        reason = reason.__context__
    text = str(getattr(reason, "reason", reason))
    return text.split("?", 1)[0]
