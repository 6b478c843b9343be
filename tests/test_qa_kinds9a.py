"""Routing kinds behind the blind sets qa_fresh9.yaml's and qa_unanswerable9.yaml's misses (tests/data/qa_kinds9a.yaml),
asked in words other than the development questions that showed them: a place or a year the documents do not cover."""

from __future__ import annotations

import pytest

from tests.harness import NOT_SURE, Harness


@pytest.mark.parametrize(
    ("question", "shijiazhuang_fact"),
    [
        pytest.param("廊坊那边申请名单几号截止", "7月17日", id="another-city"),
        pytest.param("河南的企业评级材料交给谁", "纸质版2份和电子版", id="another-province"),
        pytest.param(
            "19年不报名也按最低等级管吗，2019年那次", "按最低等级进行管理", id="another-year-in-passing"
        ),
    ],
)
async def test_a_place_or_year_the_documents_do_not_cover_is_declined(
    harness: Harness, question: str, shijiazhuang_fact: str
) -> None:
    reply = await harness.text("张三", question)
    assert reply.startswith(NOT_SURE), reply
    assert shijiazhuang_fact not in reply  # Shijiazhuang's 2020 answer is not given as theirs


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        pytest.param("唐山的做法我们平山能照搬吗", "地方做法只在当地有效", id="a-place-the-entry-speaks-of"),
        pytest.param("2020年申请名单几号截止", "7月17日", id="the-documents-year"),
    ],
)
async def test_a_place_or_year_the_entry_speaks_of_keeps_its_answer(
    harness: Harness, question: str, fact: str
) -> None:
    assert fact in await harness.text("张三", question)


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("石灰窑评B级厂内装载机要国几", id="cement-transport-asked-by-a-lime-kiln"),
        pytest.param("焦化厂评A级运输车辆全部要国五吗", id="cement-transport-asked-by-a-coking-plant"),
    ],
)
async def test_one_industrys_figures_are_not_given_to_another(harness: Harness, question: str) -> None:
    reply = await harness.text("张三", question)
    # declined, or answered by the gap entry that says the documents hold no other industry's shares
    assert "不低于80%" not in reply
    assert "国三及以上" not in reply


async def test_an_industrys_own_figures_keep_their_answer(harness: Harness) -> None:
    assert "国三及以上" in await harness.text("张三", "水泥厂A级厂内铲车要国几")


async def test_a_quoted_line_is_the_documents_words_not_the_askers_business(harness: Harness) -> None:
    reply = await harness.text("张三", "分局通知上写着“陶瓷、玻璃行业企业要报名单”，别的行业还用报吗")
    assert "47个重点行业的所有企业" in reply
    assert not reply.startswith("属于")  # no verdict on the industries the quoted line names


async def test_a_span_asked_again_is_no_question_of_its_own(harness: Harness) -> None:
    reply = await harness.text("张三", "分局过年放假吗，从几号到几号")
    assert "7月17日" not in reply  # no deadline for the 几号 of the span
    reply = await harness.text(
        "张三", "名单什么时候交，几点到几点"
    )  # the span of a deadline is the deadline's
    assert "7月17日12:00" in reply


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("我们是做物流园区的，也要门禁？", id="one-word-asked"),
    ],
)
async def test_a_word_asked_beside_the_business_gets_the_entry_about_that_business(
    harness: Harness, question: str
) -> None:
    reply = await harness.text("张三", question)
    assert "货物集散地的车辆进出门口" in reply


async def test_a_business_named_with_nothing_asked_besides_keeps_the_verdict(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是水泥厂，要报吗？")
    assert reply.startswith("属于")
