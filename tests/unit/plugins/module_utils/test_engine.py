"""The declarative engine (NcmModule / ResourceModule) driven with a stand-in AnsibleModule and a scripted fake client.

No HTTP and no simulator: the fake client keeps records in memory, counts calls like the real one and raises
scripted NcmApiErrors, so each plan kind, check mode, the ambiguous-POST re-read and masking are tested alone.
"""

from typing import Optional

import pytest

from ansible_collections.cradlepoint.ncm.plugins.module_utils.client import CallCounter, NcmApiError
from ansible_collections.cradlepoint.ncm.plugins.module_utils.endpoints import id_from_url
from ansible_collections.cradlepoint.ncm.plugins.module_utils.models import NcmModel, RefId
from ansible_collections.cradlepoint.ncm.plugins.module_utils.module import ResourceModule
from ansible_collections.cradlepoint.ncm.plugins.module_utils.secrets import MASK, Redactor

BASE = "https://ncm.test/api/v2/"


class Exited(Exception):
    """exit_json was called; ``result`` holds the module result."""

    def __init__(self, result):
        super().__init__(result)
        self.result = result


class Failed(Exited):
    """fail_json was called."""


class FakeAnsibleModule:
    """What the engine uses of an AnsibleModule."""

    def __init__(self, params, check_mode=False, diff=False):
        self.params = params
        self.check_mode = check_mode
        self._diff = diff
        self.given_options = frozenset(params)
        self.warnings = []

    def warn(self, message):
        self.warnings.append(message)

    def exit_json(self, **result):
        raise Exited(result)

    def fail_json(self, **result):
        raise Failed(result)


class FakeClient:
    """In-memory NCM for one endpoint family; ``faults`` scripts errors: (method, NcmApiError, applied)."""

    def __init__(self, records=None):
        self.base_url = BASE
        self.records = {endpoint: {str(r["id"]): dict(r) for r in rows} for endpoint, rows in (records or {}).items()}
        self.calls = []
        self.faults = []
        self.counter = CallCounter()
        self.redactor = Redactor()
        self._next_id = 100

    # the client's API used by the engine
    def add_secret(self, value):
        self.redactor.add(value)

    def redact(self, text):
        return self.redactor.redact(text)

    def url(self, endpoint, resource_id=None):
        return BASE + endpoint.strip("/") + "/" + ("%s/" % id_from_url(resource_id) if resource_id is not None else "")

    def _call(self, method, endpoint, write):
        self.counter.count(method)
        self.calls.append((method, endpoint))
        if self.faults and self.faults[0][0] == method:
            _method, error, applied = self.faults.pop(0)
            if applied:
                write()
            raise error
        return write()

    def get(self, endpoint, resource_id, fields=None, params=None):
        def read():
            record = self.records.get(endpoint, {}).get(str(resource_id))
            if record is None:
                raise NcmApiError("GET /api/v2/%s/%s/: 404 not found." % (endpoint, resource_id), status=404, method="GET")
            return dict(record)

        return self._call("GET", endpoint, read)

    def list(self, endpoint, params=None, fields=None):
        def read():
            wanted = {key: str(value) for key, value in (params or {}).items() if key not in ("expand", "fields")}
            return [dict(r) for r in self.records.get(endpoint, {}).values()
                    if all(str(r.get(key)) == value for key, value in wanted.items())]

        return self._call("GET", endpoint, read)

    def post(self, endpoint, body):
        def create():
            self._next_id += 1
            record = dict(body, id=str(self._next_id))
            self.records.setdefault(endpoint, {})[record["id"]] = record
            return dict(record)

        return self._call("POST", endpoint, create)

    def patch(self, endpoint, resource_id, body):
        def update():
            self.records[endpoint][str(resource_id)].update(body)
            return dict(self.records[endpoint][str(resource_id)])

        return self._call("PATCH", endpoint, update)

    put = patch

    def delete(self, endpoint, resource_id, missing_ok=True):
        return self._call("DELETE", endpoint, lambda: self.records[endpoint].pop(str(resource_id), None))

    @property
    def writes(self):
        return [call for call in self.calls if call[0] != "GET"]


class Widget(NcmModel):
    id: Optional[str] = None
    name: Optional[str] = None
    account: RefId = None
    secret: Optional[str] = None


class WidgetModule(ResourceModule):
    """A minimal resource: found by name, with a reference and a secret field."""

    resource = "widget"
    endpoint = "widgets"
    model = Widget
    secret_fields = ("secret",)
    create_requires = ("account",)
    option_ranges = {"size": (1, 10)}
    view_fields = ("name", "account", "secret")

    def option_secrets(self, params):
        return [params["secret"]] if params.get("secret") else []

    def find(self):
        return self.find_one({"name": self.params["name"]}, key_description="name %r" % self.params["name"])

    def desired(self, current):
        wanted = {"name": self.params["name"]}
        for option in ("account", "secret"):
            if self.params.get(option) is not None:
                wanted[option] = self.params[option]
        return wanted


EXISTING = {"id": "7", "name": "w1", "account": BASE + "accounts/3/", "secret": "old-secret-value"}


def run(params, records=(), check_mode=False, diff=True, faults=()):
    """Run WidgetModule; returns (result, failed, client)."""
    client = FakeClient({"widgets": [dict(r) for r in records]})
    client.faults = list(faults)
    module = WidgetModule(module=FakeAnsibleModule(dict({"state": "present"}, **params), check_mode, diff), client=client)
    with pytest.raises(Exited) as exited:
        module.run()
    return exited.value.result, isinstance(exited.value, Failed), client


def test_create_posts_once_with_references_as_urls_and_masks_the_secret():
    result, failed, client = run({"name": "w2", "account": "3", "secret": "s3cr3t-new"})
    assert not failed
    assert result["plan"] == "create" and result["changed"] is True
    assert client.writes == [("POST", "widgets")]
    stored = next(iter(client.records["widgets"].values()))
    assert stored["account"] == BASE + "accounts/3/" and stored["secret"] == "s3cr3t-new"
    assert result["widget"]["secret"] == MASK and result["widget"]["id"] == stored["id"]
    assert result["diff"] == {"before": {}, "after": {"name": "w2", "account": "3", "secret": MASK}}
    assert result["api_calls"] == {"reads": 1, "writes": 1, "retries": 0, "total": 2}
    assert "s3cr3t-new" not in repr(result)


def test_create_in_check_mode_plans_from_reads_only():
    result, failed, client = run({"name": "w2", "account": "3", "secret": "s3cr3t-new"}, check_mode=True)
    assert not failed and result["plan"] == "create" and result["changed"] is True
    assert client.writes == [] and client.records["widgets"] == {}
    assert result["widget"] == {"name": "w2", "account": BASE + "accounts/3/", "secret": MASK}
    assert result["api_calls"]["writes"] == 0


def test_create_without_a_required_option_fails_before_any_write():
    result, failed, client = run({"name": "w2"})
    assert failed and client.writes == []
    assert result["msg"] == "widget does not exist yet; creating it needs the option(s) account."


def test_update_sends_only_the_changed_fields():
    result, failed, client = run({"name": "w1", "account": "4"}, records=[EXISTING])
    assert not failed and result["plan"] == "update" and result["changed"] is True
    assert client.writes == [("PATCH", "widgets")]
    assert client.records["widgets"]["7"]["account"] == BASE + "accounts/4/"
    assert client.records["widgets"]["7"]["secret"] == "old-secret-value"
    assert result["diff"]["before"] == {"name": "w1", "account": "3", "secret": MASK}
    assert result["diff"]["after"] == {"name": "w1", "account": "4", "secret": MASK}
    assert result["widget"]["secret"] == MASK


def test_update_in_check_mode_shows_the_record_as_it_would_be_without_writing():
    result, failed, client = run({"name": "w1", "account": "4"}, records=[EXISTING], check_mode=True)
    assert not failed and result["plan"] == "update" and client.writes == []
    assert client.records["widgets"]["7"]["account"] == BASE + "accounts/3/"
    assert result["widget"] == dict(EXISTING, account=BASE + "accounts/4/", secret=MASK)


def test_no_change_is_plan_none_with_zero_writes():
    result, failed, client = run({"name": "w1", "account": "3"}, records=[EXISTING])
    assert not failed and result["plan"] == "none" and result["changed"] is False
    assert client.writes == [] and result["api_calls"]["total"] == 1
    assert result["diff"]["before"] == result["diff"]["after"]


@pytest.mark.parametrize("check_mode", [False, True])
def test_absent_deletes_an_existing_record(check_mode):
    result, failed, client = run({"name": "w1", "state": "absent"}, records=[EXISTING], check_mode=check_mode)
    assert not failed and result["plan"] == "delete" and result["changed"] is True
    assert client.writes == ([] if check_mode else [("DELETE", "widgets")])
    assert ("7" in client.records["widgets"]) is check_mode
    assert result["widget"]["secret"] == MASK and result["diff"]["after"] == {}


def test_absent_when_missing_is_plan_none():
    result, failed, client = run({"name": "w1", "state": "absent"})
    assert not failed and result["plan"] == "none" and result["changed"] is False
    assert result["widget"] is None and client.writes == []


def ambiguous():
    return NcmApiError("POST /api/v2/widgets/: 502 server error from NCM (retries exhausted).", status=502,
                       method="POST", path="/api/v2/widgets/", ambiguous=True)


def test_ambiguous_post_that_was_applied_is_found_by_a_re_read_not_posted_again():
    result, failed, client = run({"name": "w2", "account": "3"}, faults=[("POST", ambiguous(), True)])
    assert not failed and result["plan"] == "create"
    assert client.writes == [("POST", "widgets")]
    assert len(client.records["widgets"]) == 1
    assert result["widget"]["id"] == next(iter(client.records["widgets"]))


def test_ambiguous_post_that_was_not_applied_is_posted_again_after_the_re_read():
    result, failed, client = run({"name": "w2", "account": "3"}, faults=[("POST", ambiguous(), False)])
    assert not failed and result["plan"] == "create"
    assert client.calls == [("GET", "widgets"), ("POST", "widgets"), ("GET", "widgets"), ("POST", "widgets")]
    assert len(client.records["widgets"]) == 1


def test_a_refused_post_fails_once_with_the_api_fields_and_no_secret():
    refused = NcmApiError("POST /api/v2/widgets/: 400 secret: s3cr3t-new is too short.", status=400, method="POST",
                          path="/api/v2/widgets/", errors=[{"secret": "too short"}])
    result, failed, client = run({"name": "w2", "account": "3", "secret": "s3cr3t-new"}, faults=[("POST", refused, False)])
    assert failed and client.writes == [("POST", "widgets")]
    assert result["msg"] == "POST /api/v2/widgets/: 400 secret: %s is too short." % MASK
    assert (result["status"], result["method"], result["path"]) == (400, "POST", "/api/v2/widgets/")
    assert result["api_calls"] == {"reads": 1, "writes": 1, "retries": 0, "total": 2}


def test_input_out_of_range_fails_before_any_call():
    result, failed, client = run({"name": "w1", "size": 11}, records=[EXISTING])
    assert failed and client.calls == []
    assert result["msg"] == "size: 11 is out of range (1..10)."


def test_several_matches_fail_with_every_id():
    result, failed, _client = run({"name": "w1"}, records=[EXISTING, dict(EXISTING, id="8")])
    assert failed and result["msg"] == "2 widgets match name 'w1' (ids 7, 8); give the id to choose one."


def test_unexpected_errors_fail_redacted_with_the_call_count():
    class Broken(WidgetModule):
        def desired(self, current):
            raise RuntimeError("boom with %s" % self.params["secret"])

    client = FakeClient()
    module = Broken(module=FakeAnsibleModule({"state": "present", "name": "w", "secret": "s3cr3t-new"}), client=client)
    with pytest.raises(Failed) as failed:
        module.run()
    assert failed.value.result["msg"] == "unexpected error: boom with %s" % MASK
    assert "s3cr3t-new" not in repr(failed.value.result)
    assert failed.value.result["api_calls"]["reads"] == 1


class ExpandingWidgetModule(WidgetModule):
    """A module that asks NCM to expand a reference (only where the reference documents it)."""

    expand = {"account": "account"}


@pytest.mark.parametrize("status", [400, 403, 404, 422])
def test_a_refused_expand_reads_plainly_on_any_4xx(status):
    client = FakeClient({"widgets": [dict(EXISTING)]})
    client.faults = [("GET", NcmApiError("GET /api/v2/widgets/: %d refused." % status, status=status, method="GET"), False)]
    module = ExpandingWidgetModule(module=FakeAnsibleModule({"state": "present", "name": "w1"}), client=client)
    with pytest.raises(Exited) as exited:
        module.run()
    assert not isinstance(exited.value, Failed), exited.value.result
    assert exited.value.result["plan"] == "none" and client.calls == [("GET", "widgets"), ("GET", "widgets")]


def test_a_failed_expanded_read_that_is_no_refusal_still_fails():
    client = FakeClient({"widgets": [dict(EXISTING)]})
    client.faults = [("GET", NcmApiError("GET /api/v2/widgets/: 503 unavailable.", status=503, method="GET"), False)]
    module = ExpandingWidgetModule(module=FakeAnsibleModule({"state": "present", "name": "w1"}), client=client)
    with pytest.raises(Failed):
        module.run()
    assert client.calls == [("GET", "widgets")]


# ---- references: check mode across dependencies and the user's words in diffs ---------------------------------

class Gadget(NcmModel):
    id: Optional[str] = None
    name: Optional[str] = None
    group: RefId = None


class GadgetModule(ResourceModule):
    """A resource with a reference to a group, declared for the diff's words."""

    resource = "gadget"
    endpoint = "gadgets"
    model = Gadget
    view_fields = ("name", "group")
    reference_kinds = {"group": "group"}

    def find(self):
        return self.find_one({"name": self.params["name"]})

    def desired(self, current):
        group = self.resolve("group", self.params["group"], "group")
        return {"name": self.params["name"], "group": str(group["id"])}


class ListingClient(FakeClient):
    """FakeClient with the list calls the resolver makes (one call per batch)."""

    def list_in(self, endpoint, field, values, params=None, fields=None):
        wanted = {str(value) for value in values}
        return [r for r in self.list(endpoint) if str(r.get(field)) in wanted]

    def iter_list(self, endpoint, params=None, fields=None):
        return iter(self.list(endpoint, params=params))


GROUPS = [{"id": "1", "name": "old"}, {"id": "2", "name": "east"}]
GADGET = {"id": "5", "name": "g", "group": BASE + "groups/1/"}


def run_gadget(group, check_mode):
    client = ListingClient({"gadgets": [dict(GADGET)], "groups": [dict(g) for g in GROUPS]})
    module = GadgetModule(module=FakeAnsibleModule({"state": "present", "name": "g", "group": group}, check_mode, True),
                          client=client)
    with pytest.raises(Exited) as exited:
        module.run()
    return exited.value.result, isinstance(exited.value, Failed), client


def test_diff_names_references_and_the_result_keeps_urls():
    result, failed, client = run_gadget("east", check_mode=False)
    assert not failed and result["plan"] == "update"
    assert result["diff"] == {"before": {"name": "g", "group": "old (id 1)"}, "after": {"name": "g", "group": "east (id 2)"}}
    assert result["gadget"]["group"] == BASE + "groups/2/"
    assert "assumes" not in result
    assert client.writes == [("PATCH", "gadgets")]


def test_check_mode_assumes_a_group_that_does_not_exist_yet():
    result, failed, client = run_gadget("planned", check_mode=True)
    assert not failed
    assert (result["plan"], result["changed"]) == ("update", True)
    assert result["assumes"] == [{"kind": "group", "name": "planned"}]
    assert result["diff"]["after"] == {"name": "g", "group": "planned (known after apply)"}
    assert result["gadget"]["group"] == "(known after apply: planned)"
    assert client.writes == []


def test_outside_check_mode_a_missing_reference_fails_before_any_write():
    result, failed, client = run_gadget("planned", check_mode=False)
    assert failed and "group: no group found for 'planned'" in result["msg"]
    assert "assumes" not in result
    assert client.writes == []
