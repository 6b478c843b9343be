"""An intended 引领性 is no grade of the A–D ladder: the result says so and what to check, never that it is above or
not above the self-assessed grade (it had said 拟申报引领性企业，高于自评的B级 and, for an A, 不高于自评等级)."""

from __future__ import annotations

import pytest

from tests.harness import VALID_CODES, Harness, cement, complete

OFF_LADDER = "拟申报引领性企业：引领性是A到D分级之外单独的一条评级路线，不是A到D里的一级。"


@pytest.mark.parametrize(("clean_transport", "grade"), [("85", "B"), ("100", "A")])
async def test_an_intended_leading_grade_is_not_compared_with_the_ladder(
    harness: Harness, clean_transport: str, grade: str
) -> None:
    rules = [
        (r"【拟申报等级】", "引领性"),
        *cement("鹿泉区鼎鑫水泥有限公司", VALID_CODES[0], "鹿泉", clean_transport),
    ]
    run = await complete(harness, "李经理", rules, chat="李经理")
    assert f"自评等级：{grade}级" in run.text
    assert OFF_LADDER in run.text
    assert "无法判断能否申报引领性" in run.text
    assert "高于自评" not in run.text
    assert "不高于自评等级" not in run.text
    assert "拟申报等级：引领性企业" in run.text  # the draft keeps what was chosen


async def test_a_grade_of_the_ladder_is_still_compared(harness: Harness) -> None:
    rules = [(r"【拟申报等级】", "A级"), *cement("鹿泉区鼎鑫水泥有限公司", VALID_CODES[0], "鹿泉", "85")]
    run = await complete(harness, "李经理", rules, chat="李经理")
    assert "拟申报A级，高于自评的B级" in run.text
    assert "引领性是A到D分级之外" not in run.text
