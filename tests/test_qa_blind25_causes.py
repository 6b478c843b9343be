"""What made the bot answer the blind sets of fresh22 (tests/data/qa_unanswerable29.yaml, qa_fresh22.yaml) wrongly,
each cause in other words: practical details the documents never give, asked in a thread or through a number."""

from __future__ import annotations

import pytest

from tests.harness import BOTH, GAP_STATED, Harness, assert_declined


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("激励性分级的申请表交PDF格式还是Word格式", id="a-forms-file-format"),
        pytest.param("两个车间共用一个排口，排放量咋分摊", id="a-shared-quantity-split"),
        pytest.param("评审专家都是谁，有名单吗", id="the-experts-by-name"),
        pytest.param("专职环保员还在试用期，算不算专职", id="a-worker-on-probation"),
        pytest.param("年产5万吨的厂要配几个专职环保员", id="a-staff-count"),
        pytest.param("别家企业交的评级材料，我们能不能申请查阅", id="another-enterprises-papers"),
    ],
)
async def test_a_practical_detail_the_documents_never_give_is_declined(
    harness: Harness, question: str
) -> None:
    # the documents name the forms, the experts and the environmental officer, never a file format, a split, a name,
    # an employment term, a number of staff or another enterprise's papers to be seen: the entry nearest in words
    # would offer what it says as the detail
    assert_declined(await harness.text("张三", question), GAP_STATED)


async def test_an_offices_move_is_asked_of_the_offices_gap(harness: Harness) -> None:
    # a move or a new address is the office's address, which the gap entry says the documents hold none of
    reply = await harness.text("张三", "分局是不是搬迁了，新址在哪")
    assert reply.startswith("我们的资料里没有市局和各县"), reply


async def test_whether_to_keep_an_environmental_officer_keeps_its_answer(harness: Harness) -> None:
    assert "应设尽设" in await harness.text("张三", "要不要配专职环保员")


async def test_the_discharge_permit_is_another_programme(harness: Harness) -> None:
    # the documents grade enterprises without a word on a missing permit; only the output base is said to be read off it
    assert_declined(await harness.text("张三", "排污许可证还没办下来，能报名单吗"), GAP_STATED)
    assert "排污许可证" in await harness.text("张三", "限产基数是按排污许可证上的产能吗")


async def test_the_year_of_pingshans_policies_is_their_own(harness: Harness) -> None:
    # 2022 is the year Pingshan's policies are of, whatever words an entry uses: no year beyond its documents
    reply = await harness.text("张三", "正面清单企业2022年选上游供货商有什么要求")
    assert "优先选择绩效等级B级及以上" in reply, reply


async def test_another_years_deadline_is_still_beyond_the_notice(harness: Harness) -> None:
    # the notice's deadlines are 2020's: another year's are told as 2020's, with whom to ask
    assert "2020年" in await harness.text("张三", "2022年申请名单几号截止")


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        pytest.param("什么叫应急减排清单", "记录辖区涉气企业", id="what-a-thing-is-called"),
        pytest.param("请教一下，几个绩效等级里哪一档最好", "A级最高", id="advice-asked-of-the-best-grade"),
        pytest.param("新人问：B-和C级哪个高", "A级最高", id="a-newcomer-asks"),
    ],
)
async def test_a_newcomers_words_find_what_they_ask(harness: Harness, question: str, answered: str) -> None:
    # 什么叫 asks what a thing is, 请教 and 新人问 are asking, the best grade is the highest: a newcomer's words for the same
    assert answered in await harness.text("张三", question)


async def test_a_sum_handed_over_is_the_gradings_cost(harness: Harness) -> None:
    # 交笔钱 is paying, as 交钱 is: the entry on who bears the grading's costs answers, not the materials' deadline
    assert "财政" in await harness.text("张三", "听说评级得交笔钱给环保局，是真的吗")


async def test_a_grade_the_speaker_says_they_are_is_that_grade(harness: Harness) -> None:
    # "我们是B" says the enterprise's grade as "我们是B级" does, not a business the verdict should place
    reply = await harness.text("张三", "隔壁评上A了，我们是B，橙色预警咋办")
    assert "限产或降低负荷" in reply, reply


async def test_an_enterprise_outside_the_47_said_by_their_count_is_outside_the_key_industries(
    harness: Harness,
) -> None:
    # 不属于47个行业 says what 不属于重点行业 says: the emission-reduction list still takes every enterprise that emits
    reply = await harness.text("张三", "我们厂不属于47个行业，减排清单还要填吗")
    assert not reply.startswith(BOTH), reply
    assert "应纳尽纳" in reply, reply
