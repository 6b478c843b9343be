"""Confident wrong answers, by kind (tests/data/qa_kinds12.yaml, in other words): the entry a question is about
answers it, not a near one that a word of the question scores twice or a general word pulls ahead."""

from __future__ import annotations

import pytest

from tests.harness import NOT_SURE, Harness


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # 收取费用 holds 费用: the budget entry, which has both as keywords, gets no second bonus for the one word
        pytest.param("评审专家说交了审核费才给过", "黑名单", id="a-fee-asked-by-an-expert"),
        pytest.param("有专家暗示塞点咨询费就能评上，这咋处理", "黑名单", id="a-consulting-fee"),
        pytest.param("参加评级企业要交费用吗", "财政预算", id="the-enterprise-paying-is-the-budgets"),
        # a Pingshan policy's procedure entry carries its policy's name as its siblings do, and the words of steps
        pytest.param("总量指标的办理要分哪几个步骤", "排污权交易", id="the-quotas-steps"),
        pytest.param("重点项目正面清单的申请由哪些部门联合审", "联合初审", id="the-positive-lists-review"),
        # 帮扶 is said of three schemes: the others' entries still answer their own name
        pytest.param("上下游企业的帮扶怎么操作", "上下游产业链企业", id="the-supply-chains-help"),
        pytest.param("两进三送是专家上门帮扶吗", "送法律", id="two-visits-three-deliveries"),
        pytest.param("市局的技术帮扶组能上门吗", "技术帮扶", id="the-citys-working-groups"),
    ],
)
async def test_the_entry_the_question_is_about_answers_it(
    harness: Harness, question: str, expected: str
) -> None:
    assert expected in await harness.text("张三", question)


async def test_a_word_any_entry_could_be_asked_with_does_not_pick_one(harness: Harness) -> None:
    # 影响评级 is asked of every rule, not only of not applying: the staffing rule is offered, lowest grade is not said
    reply = await harness.text("张三", "厂里没有专职的环保人员，会影响评级吗")
    assert "专职环保人员" in reply
    assert "按最低等级进行管理" not in reply
    # 标准 is every scheme's word: who certifies small/micro status is asked, not what its criteria are; the criteria,
    # a near sibling, may follow it (tests/test_qa_siblings.py)
    reply = await harness.text("张三", "小微的标准够不够，是谁认定")
    first = reply[: reply.index("——来源")]
    assert "由分局根据企业提交的相关申报证明材料" in first, reply
    # the entries' own topics still answer
    assert "按最低等级进行管理" in await harness.text("张三", "不按时报名单会影响评级吗")
    assert "非燃煤" in await harness.text("张三", "小微涉气的标准是什么")


async def test_a_thing_an_entry_mentions_in_passing_does_not_make_it_the_answer(harness: Harness) -> None:
    # the baseline's answer names the discharge permit as one of three capacities: a permit told of is not asked of it
    assert (await harness.text("张三", "厂里排污许可证换新的了")).startswith(NOT_SURE)
    assert "三个日均值中最小的一个" in await harness.text("张三", "限产基数按排污许可证的产能算吗")
    # 橙色预警 is said of every grade's measures: the C/D entry still answers what C does in one
    assert "C级" in await harness.text("张三", "C级企业橙色预警要停几条线")
    assert "一年内不得申报" in await harness.text("张三", "造假被立案以后几年不能申报")
