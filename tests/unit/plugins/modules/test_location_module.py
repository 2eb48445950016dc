"""ncm_location declarations: tolerances, ranges, the PUT body (engine hooks exercised without a server)."""

import pytest

from ansible_collections.cradlepoint.ncm.plugins.module_utils.module import NcmInputError
from ansible_collections.cradlepoint.ncm.plugins.module_utils.resources import LocationResource


def bare(**params):
    """A LocationResource without AnsibleModule/client, for the pure declarations."""
    module = object.__new__(LocationResource)
    module.params = dict({key: None for key in LocationResource.argument_spec}, state="present", **params)
    return module


@pytest.mark.parametrize(
    "field, current, wanted, changed",
    [
        ("latitude", 40.005, 40.0050004, False),
        ("latitude", 40.005, 40.005002, True),
        ("longitude", -105.0, -105.0000009, False),
        ("altitude_meters", 820.5, 820.504, False),
        ("altitude_meters", None, 820.5, True),
        ("accuracy", 10, 10, False),
        ("method", "gps", "manual", True),
    ],
)
def test_tolerances(field, current, wanted, changed):
    assert bare().differs(field, current, wanted) is changed


@pytest.mark.parametrize(
    "params, fragment",
    [({"latitude": 90.01}, "latitude: 90.01"), ({"longitude": -180.5}, "longitude: -180.5"), ({"accuracy": -1}, "accuracy: -1"),
     ({"latitude": float("nan")}, "latitude: nan is not a finite"), ({"longitude": float("inf")}, "longitude: inf is not"),
     ({"latitude": True}, "latitude: True is a boolean")],
)
def test_ranges_fail_before_any_call(params, fragment):
    with pytest.raises(NcmInputError, match=fragment):
        bare(**params).check_ranges()


def test_edges_of_the_ranges_are_valid():
    bare(latitude=-90.0, longitude=180.0, accuracy=0).check_ranges()


def test_body_sends_router_as_integer_id():
    assert bare().to_body({"router": "5", "latitude": 1.0}) == {"router": 5, "latitude": 1.0}
    assert bare().to_body({"latitude": 1.0}) == {"latitude": 1.0}
