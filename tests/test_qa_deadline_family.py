"""The deadline family told apart (issue #11): which document a deadline question names (the application list, the
materials), whose deadline it is (the enterprise's or the branch's) and whether it asks a time of day."""

from __future__ import annotations

import pytest

from tests.harness import Harness

MATERIALS_DAY = "纸质版2份和电子版最晚于2020年7月31日前"
HOUR_NOT_WRITTEN = "没有写几点"


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("材料7月31号交?", id="the-day-with-a-question-mark"),
        pytest.param("材料七月底前交上去就行吧", id="end-of-july-confirmed"),
    ],
)
async def test_a_day_asked_without_a_time_of_day_gets_the_materials_deadline(
    harness: Harness, question: str
) -> None:
    reply = await harness.text("张三", question)
    assert MATERIALS_DAY in reply
    assert HOUR_NOT_WRITTEN not in reply


async def test_a_time_of_day_asked_still_gets_the_hours_gap(harness: Harness) -> None:
    assert HOUR_NOT_WRITTEN in await harness.text("张三", "材料7月31号下午五点交还算数吗")
