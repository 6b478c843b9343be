"""Questions the search answered confidently with another entry, or found below the bar, for want of the words people
use (tests/data's development misses of `bench/decide_steps.py --list confident below_bar`, in other words): the end
of August is the mobile-source system's day, 8月30日."""

from __future__ import annotations

import pytest

from tests.harness import Harness


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("门禁和视频监控八月底之前得建完吗", id="august-end-in-words"),
        pytest.param("车辆管理系统8月末前要装好吗", id="august-end-in-digits"),
    ],
)
async def test_the_end_of_august_is_the_mobile_source_systems_day(harness: Harness, question: str) -> None:
    reply = await harness.text("张三", question)
    assert "8月30日" in reply, reply
