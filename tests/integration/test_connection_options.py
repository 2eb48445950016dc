"""Connection option values that cannot work fail before any API call, naming the option and the value."""

import pytest

from harness import run_inventory
from lifecycle import run_task


@pytest.mark.parametrize("option, value, message", [
    ("retry_time_budget", -1, "retry_time_budget: -1.0 must be 0 or more."),
    ("max_retries", -1, "max_retries: -1 must be 0 or more."),
    ("timeout", 0, "timeout: 0.0 must be more than 0."),
])
def test_module_refuses_the_value_before_any_call(sim, option, value, message):
    result, run = run_task(sim, {"cradlepoint.ncm.ncm_info": {"endpoint": "routers", option: value}},
                           expect_failure=True)
    assert result["msg"] == message
    assert run.calls["total"] == 0


def test_inventory_refuses_a_negative_retry_time_budget_before_any_call(sim):
    rc, out, err, calls = run_inventory(sim, "plugin: cradlepoint.ncm.ncm\nretry_time_budget: -5\n", "--list",
                                        env={"ANSIBLE_INVENTORY_UNPARSED_FAILED": "true"})
    assert rc != 0, out
    assert "retry_time_budget: -5.0 must be 0 or more." in " ".join(err.split())
    assert calls["total"] == 0
