"""What made the bot miss questions of the newer development sets (qa_fresh18, qa_fresh20 to qa_fresh23, qa_kinds8b,
qa_statements10), each cause in other words than the sets': plain words for the bureau's, a grade asked of without the
kit, conditions said met, where to start, and Pingshan's 2022 policies asked beside the city's 2020 grading."""

from __future__ import annotations

import pytest

from tests.harness import BOTH, NOT_SURE, Harness


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # a branch sending what it collected to the city (报到市局) is the branches' forwarding, not the enterprises' day
        pytest.param("分局这边的材料最晚哪天报到市局", "8月7日", id="reported-up-to-the-city"),
        # the form handed in, named by what is done with it, is the application list (附件5)
        pytest.param("报上去的表去哪找", "附件5", id="the-form-handed-up"),
        # a sum complained of (好几千) asks a price, which the documents never give
        pytest.param("一吨排污权要好几万，肉疼", "没有任何价格信息", id="a-price-complained-of"),
    ],
)
async def test_plain_words_find_the_bureaus_entry(harness: Harness, question: str, answered: str) -> None:
    reply = await harness.text("张三", question)
    assert answered in reply, reply


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("没装门禁能评A级吗", id="no-gate-grade-a"),
        pytest.param("不装门禁评B级可以吗", id="no-gate-grade-b"),
    ],
)
async def test_a_grade_asked_of_without_the_kit_is_who_must_build_it(harness: Harness, question: str) -> None:
    # 评 is being graded as 报 is applying: the grade needs the mobile-source system, not a forecast of one's grade
    reply = await harness.text("张三", question)
    assert "都必须建设" in reply, reply


async def test_a_forecast_of_ones_own_grade_is_still_the_forecasts(harness: Harness) -> None:
    # 能评上 with no kit named asks what grade the enterprise will get, which no one can say before the review
    reply = await harness.text("张三", "我们厂今年能评上B级吗")
    assert "都必须建设" not in reply, reply


async def test_conditions_said_met_ask_the_whole_of_the_small_and_micro_rule(harness: Harness) -> None:
    # not burning coal or oil is one condition of three: the speaker asks whether it qualifies, told all of them
    reply = await harness.text("张三", "我们不烧煤也不烧油，一年也就排五十来公斤，够小微的条件吗")
    assert "100千克" in reply, reply
    assert not reply.startswith(BOTH), reply  # the fuel rule beside it was half the answer


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # where to start (从哪下手, 从哪入手) is the flow's first step
        pytest.param("刚来的环保员，不知道从哪入手", "7月17日12:00", id="where-to-start"),
        # a proof lost and made again is one made afterwards, which must still be true
        pytest.param("环保手续原件丢了，重新做一份行吗", "有据可查", id="a-lost-proof-made-again"),
    ],
)
async def test_a_newcomers_situation_finds_its_rule(harness: Harness, question: str, answered: str) -> None:
    reply = await harness.text("张三", question)
    assert answered in reply, reply


async def test_the_city_grading_of_2020_beside_pingshans_policy_is_no_year_beyond(harness: Harness) -> None:
    # 2020年评的A级 is the grade the city's 2020 notice gave, which Pingshan's incentive starts from
    reply = await harness.text("张三", "2020年评的A级，按平山的激励政策还能先按高一级管吗")
    assert not reply.startswith(NOT_SURE), reply
    assert "一般性激励" in reply, reply


async def test_pingshans_policy_asked_of_2020_alone_is_still_beyond(harness: Harness) -> None:
    # a year Pingshan's 2022 policies are not of, said of nothing the city graded: still declined as beyond them
    assert (await harness.text("张三", "2020年平山有什么扶持政策")).startswith(NOT_SURE)


async def test_a_clause_comparing_what_the_others_name_is_not_answered_alone(harness: Harness) -> None:
    # "这两个是一回事吗" alone finds the two mailboxes: it compares the gradings the clauses before it name, neither
    # of them a year beyond the documents
    reply = await harness.text("张三", "2020年评过一次级，平山2022年又说激励性分级，这两个是一回事吗")
    assert not reply.startswith(NOT_SURE), reply
    assert "jpqd2019" not in reply, reply
