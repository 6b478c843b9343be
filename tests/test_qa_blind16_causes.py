"""What made the bot answer the blind sets of fresh16 (tests/data/qa_fresh16.yaml, qa_unanswerable23.yaml) wrongly,
each cause in other words. Pingshan county's 2022 policies are its own: an enterprise of another county asking
whether they, or anything like them, hold in its county is told the documents are Pingshan's and say nothing of its
county, whether or not it names Pingshan beside its own; Pingshan's enterprises keep their answers."""

from __future__ import annotations

import pytest

from tests.harness import Harness, assert_declined

ONLY_PINGSHAN = "只适用于平山县"  # the documents named in the unsure reply, Pingshan's policies as its own


@pytest.mark.parametrize(
    ("question", "county"),
    [
        pytest.param(
            "我们在正定，平山县的重点激励政策正定县也适用吗", "正定", id="pingshan-named-beside-its-own"
        ),
        pytest.param("栾城的企业，平山的三个禁用我们也要执行吗", "栾城", id="its-answer-not-naming-pingshan"),
        pytest.param("我们是正定的，平山那个两进三送我们这也有吗", "正定", id="whether-theirs-has-one"),
        pytest.param("藁城的厂子能不能也办“两进三送”那样的上门服务", "藁城", id="pingshan-not-named"),
        pytest.param("鹿泉区有没有包容性执法的说法", "鹿泉", id="only-its-own-county-named"),
    ],
)
async def test_pingshans_policy_asked_of_another_county_is_not_given_as_its(
    harness: Harness, question: str, county: str
) -> None:
    reply = await harness.text("张三", question)
    assert_declined(reply)
    assert ONLY_PINGSHAN in reply, reply
    assert f"没有讲到“{county}" in reply, reply


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        pytest.param("平山县的重点激励政策是什么", "重点激励", id="pingshan-named"),
        pytest.param("我们是平山的企业，两进三送是啥", "两进三送", id="pingshans-enterprise"),
    ],
)
async def test_pingshans_own_question_keeps_its_answer(
    harness: Harness, question: str, answered: str
) -> None:
    reply = await harness.text("张三", question)
    assert answered in reply, reply
    assert ONLY_PINGSHAN not in reply, reply


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("交给谁", id="whom-to-hand-it-to"),
        pytest.param("我们是烧石灰的，名单交到哪个部门", id="after-describing-the-kilns"),
    ],
)
async def test_the_list_asked_without_the_positive_list_named_is_the_application_list(
    harness: Harness, question: str
) -> None:
    # 名单 alone is the campaign's application list, handed to the county's branch; Pingshan's 正面清单 is asked by name
    reply = await harness.text("张三", question)
    assert "报辖区" in reply, reply
    assert "正面清单" not in reply, reply


async def test_the_positive_list_asked_by_name_keeps_its_answer(harness: Harness) -> None:
    assert "对口主管部门" in await harness.text("张三", "正面清单要交到哪个部门")


async def test_a_count_of_the_whole_city_asked_from_a_county_is_the_citys(harness: Harness) -> None:
    # the county says where the asker is; 全市 says the count is the city's, which the notice gives
    assert "5522" in await harness.text("张三", "深泽县的同事问，全市总共有多少家企业要评级")


async def test_a_count_of_a_county_is_still_not_the_citys(harness: Harness) -> None:
    assert "5522家" not in await harness.text("张三", "深泽县有多少家企业要评级")


async def test_a_high_tech_enterprise_is_no_county_named(harness: Harness) -> None:
    # 高新技术企业 is a certification any county's enterprise may hold, not the 高新区 asking about Pingshan's policy
    reply = await harness.text("张三", "高新技术企业能享受激励性分级吗")
    assert "没有讲到" not in reply, reply
    assert "长流程钢铁" in reply, reply
