"""Statements of a situation with no question word (tests/data/qa_statements10.yaml's kinds): the person posts what
happened and expects the rule that applies, or, where no rule covers it, the bot says it is not sure. Asked here in
words other than the development questions."""

from __future__ import annotations

import pytest

from tests.harness import NOT_SURE, Harness


@pytest.mark.parametrize(
    ("statement", "fact"),
    [
        # found below the confidence bar, but well ahead of every other entry
        pytest.param(
            "门禁厂家给的报价是十二万，感觉高了", "我们的资料里没有任何价格信息", id="a-price-quoted"
        ),
        # the words of a situation for the entry's own (synonyms.yaml): 请客 is 贿赂, 要价 a 价格, 没报名 不申报,
        # a line that 一直没停 during a warning 不落实限停产
        pytest.param("检查组的专家暗示要我们请客吃饭", "列入“黑名单”", id="a-meal-asked-for"),
        pytest.param("监控设备的商家要价五万", "我们的资料里没有任何价格信息", id="a-price-asked"),
        pytest.param("我们今年没报名评级", "按最低等级进行管理", id="not-signed-up"),
        pytest.param(
            "黄色预警那几天我们的生产线一直没停", "不按要求落实限停产", id="running-through-a-warning"
        ),
        # situations the documents have no rule for
        pytest.param("厂门口那条路最近在修", NOT_SURE, id="roadworks"),
        pytest.param("我们的危险废物一直没人来拉", NOT_SURE, id="hazardous-waste"),
    ],
)
async def test_a_situation_told_gets_the_rule_that_covers_it(
    harness: Harness, statement: str, fact: str
) -> None:
    reply = await harness.text("张三", statement)
    assert fact in reply, reply


async def test_a_business_typed_by_sound_beside_its_customer_is_the_verdict_not_a_rule(
    harness: Harness,
) -> None:
    # As written it names no business and finds the supply-chain policy a little ahead of the rest; read by sound it
    # is an ink maker, which the verdict answers (the statement rule answers situations, not businesses).
    reply = await harness.text("张三", "生产油默的，给包装厂供货")
    assert "油墨制造" in reply, reply
    assert "“油默”按“油墨”理解" in reply
