"""Kinds of wording the matching did not generalise to (tests/data/qa_kinds.yaml): each is asked here in words
other than the development question that showed it, so a kind is fixed, not a sentence."""

from __future__ import annotations

import pytest

from tests.harness import Harness


@pytest.mark.parametrize(
    "question",
    ["咱们单位人不多 要不要报评级", "俺们厂刚投产 名单用不用报", "我们这样的小公司也得报吗"],
)
async def test_a_business_named_only_as_a_factory_asking_whether_to_apply_gets_who_must_apply(
    harness: Harness, question: str
) -> None:
    reply = await harness.text("张三", question)
    assert "47个重点行业的所有企业" in reply
    assert "最低等级" in reply


async def test_a_business_that_says_what_it_does_still_gets_the_industry_verdict(harness: Harness) -> None:
    reply = await harness.text("张三", "我们厂烧红砖 要不要报")
    assert "砖瓦窑" in reply
    assert "47个重点行业的所有企业" not in reply


@pytest.mark.parametrize("question", ["我们不在47个行业里面 还要申报吗", "不属于附件1的行业 也要报吗"])
async def test_not_among_the_47_and_still_asked_to_apply_gets_who_must_apply(
    harness: Harness, question: str
) -> None:
    reply = await harness.text("张三", question)
    assert "47个重点行业的所有企业" in reply


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("引领性跟B级有啥不一样", "等级越高"),  # 有啥不一样 asks what 区别 asks
        ("B级比A级差在哪", "等级越高"),  # not the entry about B and B-
        ("C级跟D级有啥不一样", "D级企业一般停产"),
    ],
)
async def test_two_grades_compared_get_the_entry_about_both(
    harness: Harness, question: str, fact: str
) -> None:
    reply = await harness.text("张三", question)
    assert fact in reply
    assert "B-和B两级的具体指标" not in reply


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("交申请名单图啥", "申请名单是安排预算的依据"),  # what a thing is for is its purpose (目的)
        ("市里评级为了啥", "严防“一刀切”"),
        ("应急减排清单用来干什么", "各自要采取的减排措施"),
        ("小微涉气企业谁拍板", "出具书面意见报市局核查认定"),  # who decides is who certifies
        ("小微最后谁说了算", "出具书面意见报市局核查认定"),
        ("国家那个分级指南哪一年出的", "2020年修订版"),  # the year of a document is its date of issue
        ("紧急通知是哪年下发的", "2020年7月15日"),
        ("目前还按340号文评级吗", "环办大气〔2026〕2号"),  # still applies: the version in force
        ("如今还用2020版那个指南吗", "环办大气〔2026〕2号"),
        ("河北指南到底管哪8个行业", "饲料加工"),  # 哪8个 is 哪八个
    ],
)
async def test_a_kind_of_wording_finds_the_entry_that_answers_it(
    harness: Harness, question: str, fact: str
) -> None:
    reply = await harness.text("张三", question)
    assert fact in reply


@pytest.mark.parametrize("question", ["想评A级第一步咋弄", "报C级头一步做啥"])
async def test_the_first_step_towards_a_grade_is_the_grading_s_own_not_the_incentive_s(
    harness: Harness, question: str
) -> None:
    reply = await harness.text("张三", question)
    assert "对标《技术指南》自评" in reply
    assert "激励性绩效自评" not in reply


async def test_the_aspects_of_the_enterprise_s_own_check_are_the_self_assessment_s(harness: Harness) -> None:
    own = await harness.text("张三", "自查看哪些方面")
    assert "综合考虑自身财力、人员" in own
    # the grading's own aspects are the guide's indicators
    grading = await harness.text("张三", "评级看哪几个方面")
    assert "装备水平、污染治理技术" in grading
