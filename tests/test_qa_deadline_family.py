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


async def test_the_materials_named_by_their_short_word_are_not_the_application_list(harness: Harness) -> None:
    # 材料 alone names the materials as 申报材料 does: the list's entry (附件5) answers it only at a discount
    reply = await harness.text("张三", "材料到底交分局还是交市局")
    assert MATERIALS_DAY in reply
    assert "附件5" not in reply


async def test_the_branchs_materials_deadline_is_not_its_list_deadline(harness: Harness) -> None:
    # 名单 alone names the application list: the branch's list deadline (7月18日) is not what the materials ask
    reply = await harness.text("张三", "分局最晚哪天把企业的材料报到市局")
    assert "2020年8月7日" in reply
    assert "7月18日12:00" not in reply


async def test_a_county_asking_for_its_own_deadline_gets_the_citys_dates(harness: Harness) -> None:
    reply = await harness.text("张三", "深泽县的截止日期是不是自己单独定")
    assert "没有给哪个县" in reply
    assert "7月17日12:00前" in reply
    assert "7月31日前" in reply


async def test_a_list_not_handed_in_is_not_applying(harness: Harness) -> None:
    # 没交名单 is 不申报: what not applying costs, not the list's deadline
    assert "最低等级" in await harness.text("张三", "有的企业没交名单，会怎么处理")


async def test_the_branch_checking_the_list_handed_in_is_its_screening(harness: Harness) -> None:
    # 把关 is the branch's screening of the list, not the day it is due
    assert "筛查" in await harness.text("张三", "分局能帮企业把名单把把关吗")
