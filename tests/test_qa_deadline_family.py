"""The deadline family told apart (issue #11): which document a deadline question names (the application list, the
materials), whose deadline it is (the enterprise's or the branch's) and whether it asks a time of day."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.textnorm import days_named
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


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        pytest.param(
            "申报材料估计8月3号才能送过去，算不算数", "最低等级", id="materials-after-their-day-are-late"
        ),
        pytest.param(
            "我们打算7月28号把材料送分局，时间来得及吗", MATERIALS_DAY, id="materials-before-their-day"
        ),
        pytest.param("名单7月16号交可以吗", "7月17日12:00前", id="the-list-before-its-day"),
        # a later day taken for the deadline ("8月5号前"): the deadline is asked, not whether lateness counts
        pytest.param("材料8月5号之前交齐就行了吧", MATERIALS_DAY, id="a-later-day-taken-for-the-deadline"),
        # the branch's own day is later: 8月5号 is before its 8月7日, no late materials
        pytest.param("分局8月5号把材料报市局专班来得及吗", "8月7日", id="the-branch-hands-on-later"),
    ],
)
async def test_a_day_named_with_what_is_handed_in_is_compared_with_its_deadline(
    harness: Harness, question: str, answered: str
) -> None:
    assert answered in await harness.text("张三", question)


async def test_a_business_named_by_materials_hands_in_nothing_that_day(harness: Harness) -> None:
    # 耐火材料厂 names no application materials: 8月份 is no day they are late by
    assert "最低等级进行管理" not in await harness.text("张三", "耐火材料厂，8月份预警要停产吗")


@given(
    month=st.integers(1, 12),
    day=st.integers(1, 31),
    marker=st.sampled_from(["日", "号"]),
    before=st.text(alphabet="材料名单交了吗就月份号", max_size=6),
    after=st.text(alphabet="材料名单交了吗就份号", max_size=6),
)
def test_a_day_written_with_its_month_is_read_as_written(
    month: int, day: int, marker: str, before: str, after: str
) -> None:
    # a digit before or after would make another number: the text around the day holds none
    named = days_named(f"{before}，{month}月{day}{marker}，{after}")
    assert (month, day) in named
    assert all(1 <= found_month <= 12 for found_month, _ in named)
    assert all(found_day is None or 1 <= found_day <= 31 for _, found_day in named)


@given(text=st.text(alphabet="0123456789材料名单交了月日号份初", max_size=16))
def test_days_named_are_real_months_and_days(text: str) -> None:
    for month, day in days_named(text):
        assert 1 <= month <= 12
        assert day is None or 1 <= day <= 31
