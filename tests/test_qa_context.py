"""Messages that tell who is asking before they ask: the question gets its answer, and a business the message
places surely is told beside it; a participation word beside a bare 厂 is no question of membership; a number
holding 几 (几十辆) asks nothing."""

from __future__ import annotations

import pytest

from tests.harness import Harness


async def test_a_long_message_naming_its_business_gets_the_answer_it_asks_and_the_industry_beside_it(
    harness: Harness,
) -> None:
    reply = await harness.text(
        "樊",
        "樊老师您好！打扰了，我是鹿泉一家耐火材料厂的办公室主任，我们厂去年因为换了负责人没报上，"
        "今年想早点准备，请问今年申请名单是几号截止，是报给县分局吗？",
    )
    assert "7月17日" in reply, reply
    assert (
        "另外，按您说的“耐火材料厂”，贵企业属于2020年47个重点行业中的“耐火材料”（附件1第18项），需要申报。"
        in reply
    )
    consequence = await harness.text(
        "赵", "我是西柏坡附近一家铸件厂的，老板说评级太麻烦了，不想报，我想问问要是不申报的话对我们有什么影响"
    )
    assert "最低等级" in consequence, consequence
    assert "“铸造”（附件1第6项），需要申报" in consequence


async def test_a_business_outside_or_unplaced_gets_the_answer_without_a_verdict(harness: Harness) -> None:
    reply = await harness.text(
        "张三", "张主任好，我们是做瓦的小厂，今年没赶上，想问问明年什么时候报，明年的时间安排出来了没有？"
    )
    assert "明年" in reply or "以后年度" in reply or "没有" in reply, reply
    assert "不属于" not in reply


async def test_a_participation_word_beside_a_bare_noun_is_answered_by_the_entry_it_asks_for(
    harness: Harness,
) -> None:
    reply = await harness.text(
        "李",
        "您好，我们厂就三十来个人，环保一直是办公室主任兼着，评级时候是不是一定得单独设环保部门、配专职人员？",
    )
    assert not reply.startswith(("属于", "我没能确定", "不属于")), reply
    assert "家具制造" not in reply
    # with words of what the business does, the same question is about membership
    asked = await harness.text("李", "我们是做橡胶密封件的，是不是也得报名单")
    assert asked.startswith("属于"), asked


@pytest.mark.parametrize(
    "statement", ["嗯我们是做快递分拣中心的 一天进出几十辆货车", "我们环评公司，给几家砖厂做过环评报告"]
)
async def test_a_number_holding_a_question_word_asks_nothing(harness: Harness, statement: str) -> None:
    reply = await harness.text("王", statement)
    assert reply.startswith("不属于"), reply


async def test_how_many_asked_with_you_still_asks(harness: Harness) -> None:
    reply = await harness.text("王", "全市有几家厂要评")
    assert not reply.startswith(("属于", "不属于")), reply


async def test_a_statement_naming_its_business_gets_the_verdict_not_an_entry(harness: Harness) -> None:
    # nothing is asked: the business typed by sound is placed, no entry sharing its words answers
    reply = await harness.text("王", "我们是做像胶制品的小厂")
    assert reply.startswith("（“像胶制品”按“橡胶制品”理解。）\n属于。"), reply
