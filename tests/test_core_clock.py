"""Each clock's Unix seconds (`Clock.timestamp`, what the callbacks' freshness check and passive replies read) are
the moment its `now()` gives."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import ManualClock, ShiftedClock, SystemClock
from tests.harness import START


def test_a_manual_clock_gives_its_set_moment() -> None:
    clock = ManualClock(START)
    clock.advance(timedelta(days=3, seconds=1.5))
    assert clock.timestamp() == clock.now().timestamp()


def test_the_running_clocks_give_the_moment_of_now_shifted_as_now_is() -> None:
    shifted = ShiftedClock()
    shifted.set(START)
    for clock, expected in ((SystemClock(), None), (shifted, START.timestamp())):
        before = clock.now().timestamp()
        read = clock.timestamp()
        after = clock.now().timestamp()
        assert before - 0.001 <= read <= after + 0.001  # datetimes hold microseconds, floats more
        if expected is not None:
            assert abs(read - expected) < 60
