"""Kinds of message behind the blind set qa_fresh8.yaml's misses (tests/data/qa_kinds8b.yaml): bare topic words and
voice slips, questions asked for someone else, wrongdoing told as what happened, situations told with the business's
own words, a list asked together with whether a business is on it. Each is asked here in words other than the
development questions that showed it."""

from __future__ import annotations

import pytest

from tests.harness import Harness


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("时间安排", "7月31日"),  # every date at once, not only the application list's
        ("谁得报", "47个重点行业的所有企业"),
        ("平山县的政策", "共八项"),
        ("总量指标？", "平山第七项政策"),
        ("河北8个行业", "八个行业"),
        ("排放限直呢", "没有任何行业、任何等级的排放限值"),  # 限直: what voice input writes for 限值
    ],
)
async def test_a_bare_topic_word_gets_its_likeliest_meaning(
    harness: Harness, question: str, fact: str
) -> None:
    reply = await harness.text("张三", question)
    assert fact in reply


async def test_a_voice_slip_in_the_name_of_a_policy_is_read_as_that_policy(harness: Harness) -> None:
    reply = await harness.text("张三", "环评百日攻间是啥")  # 攻间 for 攻坚
    assert "不确定" not in reply
    assert "百日攻坚" in reply


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("我是车间统计员，主任让我问一下电子台账要记啥", "电子台账"),
        ("我在厂里管后勤，老板叫我问评级收不收费", "财政预算"),
    ],
)
async def test_who_asks_for_whom_said_first_does_not_hide_the_question(
    harness: Harness, question: str, fact: str
) -> None:
    reply = await harness.text("张三", question)
    assert fact in reply


async def test_a_gift_to_the_graders_told_as_what_happened_gets_the_blacklist(harness: Harness) -> None:
    reply = await harness.text("张三", "来评级的人话里话外让我们送点东西")
    assert "黑名单" in reply


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("水泥厂，运输车国五以上的才一半，想冲A", "A级物料公路运输"),  # 冲A: the grade aimed at, asked of
        ("包装印刷，凹印用的油墨低VOCs的才三成，想评B", "包装印刷B级"),
    ],
)
async def test_a_situation_aiming_at_a_grade_gets_the_entry_about_that_business(
    harness: Harness, question: str, fact: str
) -> None:
    reply = await harness.text("张三", question)
    assert fact in reply
    assert not reply.startswith("属于")  # not the industry verdict


async def test_a_question_mark_asks_even_without_a_question_word(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是仓储物流园区，进出车辆也得登记？")
    assert "物流园区" in reply
    assert "货物集散地" in reply


async def test_a_list_asked_with_whether_the_business_is_on_it_gets_both(harness: Harness) -> None:
    reply = await harness.text("张三", "国家指南39个行业都有哪些，焦化在不在里面")
    assert "覆盖39个重点行业" in reply
    assert "属于2020年47个重点行业中的“焦化”" in reply


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("预警那几天晚上我们偷偷生产了", "不按要求落实限停产"),  # told, not asked: what it costs
        ("检查出来我们排放超标了，还能报评级吗", "立即移交环境执法机构"),
    ],
)
async def test_wrongdoing_told_as_what_happened_gets_what_the_notice_says_of_it(
    harness: Harness, question: str, fact: str
) -> None:
    reply = await harness.text("张三", question)
    assert fact in reply


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("我们是物流园区，有人说进出门口也得上车辆管控", "货物集散地"),
        ("做石灰的，听说申请名单17号就截止了", "7月17日"),
    ],
)
async def test_hearsay_passed_on_asks_whether_it_is_so(harness: Harness, question: str, fact: str) -> None:
    reply = await harness.text("张三", question)
    assert fact in reply


async def test_wanting_to_become_an_expert_gets_the_sign_up(harness: Harness) -> None:
    reply = await harness.text("张三", "我们公司质检主任想去当专家")  # not what the experts do
    assert "技术骨干" in reply
