"""Statements of a situation with no question word (tests/data/qa_statements10.yaml's kinds): the person posts what
happened and expects the rule that applies, or, where no rule covers it, the bot says it is not sure. Asked here in
words other than the development questions."""

from __future__ import annotations

import pytest

from tests.harness import Harness

NOT_SURE = "这个问题我不确定"


@pytest.mark.parametrize(
    ("statement", "fact"),
    [
        # found below the confidence bar, but well ahead of every other entry
        pytest.param(
            "门禁厂家给的报价是十二万，感觉高了", "我们的资料里没有任何价格信息", id="a-price-quoted"
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
