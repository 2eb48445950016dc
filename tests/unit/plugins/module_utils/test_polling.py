"""poll_until: the one polling loop, on a fake clock."""

from ansible_collections.cradlepoint.ncm.plugins.module_utils.polling import poll_until


class Clock:
    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def test_stops_as_soon_as_the_check_is_true():
    clock, answers = Clock(), iter([False, False, True])
    assert poll_until(lambda: next(answers), 60, 5, clock=clock, sleep=clock.sleep) is True
    assert clock.sleeps == [5, 5]


def test_times_out_with_a_last_check_at_the_deadline():
    clock, calls = Clock(), []
    assert poll_until(lambda: calls.append(clock.now), 12, 5, clock=clock, sleep=clock.sleep) is False
    assert calls == [0.0, 5.0, 10.0, 12.0] and clock.sleeps == [5, 5, 2]


def test_sleep_first_waits_before_the_first_check():
    clock, calls = Clock(), []
    assert poll_until(lambda: calls.append(clock.now) or True, 3, 5, sleep_first=True, clock=clock, sleep=clock.sleep)
    assert calls == [3.0]
