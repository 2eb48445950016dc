"""The run snapshot (snapshot.py): which list calls it answers, and how writes keep it current."""

from ansible_collections.cradlepoint.ncm.plugins.module_utils.snapshot import Snapshot

BASE = "https://ncm.test/api/v2/"
ROUTERS = [
    {"id": "1", "name": "r1", "mac": "00:30:44:AA:BB:01", "group": BASE + "groups/7/", "upgrade_pending": False},
    {"id": "2", "name": "r,2", "mac": "00:30:44:AA:BB:02", "group": None, "upgrade_pending": True},
    {"id": "3", "name": "r3", "mac": "00:30:44:AA:BB:03", "group": BASE + "groups/8/", "upgrade_pending": False},
]


def held():
    snapshot = Snapshot()
    snapshot.hold("routers", [dict(r) for r in ROUTERS])
    snapshot.hold("groups", [{"id": "7", "name": "g7"}, {"id": "8", "name": "g8"}])
    return snapshot


def ids(records):
    return [r["id"] for r in records]


def test_exact_and_in_filters_match_like_ncm():
    snapshot = held()
    assert ids(snapshot.answer("routers", {})) == ["1", "2", "3"]
    assert ids(snapshot.answer("routers", {"id__in": "3,1"})) == ["1", "3"]
    assert ids(snapshot.answer("routers", {"name": "r,2"})) == ["2"]  # a comma in an exact value is not split
    assert ids(snapshot.answer("routers", {"group": "7"})) == ["1"]  # a reference matches its id
    assert ids(snapshot.answer("routers", {"group": BASE + "groups/8/"})) == ["3"]  # and its URL
    assert ids(snapshot.answer("routers", {"upgrade_pending": True})) == ["2"]
    assert ids(snapshot.answer("routers", {"mac__in": ["00:30:44:aa:bb:01", "00:30:44:AA:BB:01"]})) == ["1"]
    assert snapshot.answer("routers", {"mac": "00:30:44:aa:bb:01"}) == []  # = is exact, as in NCM
    assert ids(snapshot.answer("routers", {"name": "r1", "id": "3"})) == []
    assert ids(snapshot.answer("routers", {"fields": "id,name", "id": "1"})) == ["1"]


def test_what_it_cannot_answer_goes_to_ncm():
    snapshot = held()
    assert snapshot.answer("locations", {}) is None  # not held
    assert snapshot.answer("routers", {"id__gt": "1"}) is None  # an operator other than = and __in
    assert snapshot.answer("routers", {"group__name": "g7"}) is None
    assert snapshot.answer("routers", {"expand": "account"}) is None  # accounts not held
    snapshot.hold("configuration_managers", [{"id": "11", "router": BASE + "routers/1/"}], key="router", keys=["1", "2"])
    assert ids(snapshot.answer("configuration_managers", {"router": "1"})) == ["11"]
    assert snapshot.answer("configuration_managers", {"router__in": "1,2"}) is not None
    assert snapshot.answer("configuration_managers", {"router": "3"}) is None  # router 3's were not read
    assert snapshot.answer("configuration_managers", {}) is None  # nor is the whole list held
    assert snapshot.answer("configuration_managers", {"id": "11"}) is None


def test_expand_from_a_complete_table():
    snapshot = held()
    [record] = snapshot.answer("routers", {"id": "1", "expand": "group"})
    assert record["group"] == {"id": "7", "name": "g7"}
    assert snapshot.answer("routers", {"id": "1"})[0]["group"] == BASE + "groups/7/"  # the held record is untouched
    assert snapshot.get("routers", "2")["name"] == "r,2" and snapshot.get("routers", "9") is None


def test_writes_keep_it_current():
    snapshot = held()
    assert ids(snapshot.answer("routers", {"group": "7"})) == ["1"]  # builds the group index
    snapshot.written("PUT", "routers", "3", {"group": BASE + "groups/7/"}, None)
    assert ids(snapshot.answer("routers", {"group": "7"})) == ["1", "3"]
    assert snapshot.get("routers", "3")["name"] == "r3"  # a body merges into the record
    snapshot.written("PATCH", "routers", "1", {"name": "x"}, {"id": "1", "name": "renamed"})
    assert snapshot.get("routers", "1") == {"id": "1", "name": "renamed"}  # a full answer replaces it
    assert ids(snapshot.answer("routers", {"group": "7"})) == ["3"]
    snapshot.written("POST", "groups", None, {"name": "g9"}, {"id": "9", "name": "g9"})
    assert ids(snapshot.answer("groups", {"name": "g9"})) == ["9"]
    snapshot.written("DELETE", "groups", "7", None, None)
    assert ids(snapshot.answer("groups", {})) == ["8", "9"]
    snapshot.hold("locations", [], key="router", keys=["1"])
    snapshot.written("POST", "locations", None, {}, {"id": "5", "router": 3})
    assert ids(snapshot.answer("locations", {"router": "3"})) == ["5"]  # a created record is held with its key
    snapshot.drop()
    assert snapshot.answer("routers", {}) is None


def test_a_document_is_read_once():
    snapshot, reads = Snapshot(), []
    for _attempt in range(3):
        assert snapshot.document("u", lambda: reads.append(1) or {"system": {}}) == {"system": {}}
    assert reads == [1]
