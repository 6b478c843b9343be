"""General questions understood as questions, however they are typed in a WeChat group: what makes a clause ask
(a question word, a word asked both ways, a last word that asks), a clause that goes on with the question before
it, and a second question only where a clause asks something new."""

from __future__ import annotations

import pytest

from tests.harness import Harness

TWO_THINGS = "您问了两件事"
MATERIALS_REVIEW = "按照八大绩效评级原则对企业申报材料进行汇总和初审"


@pytest.mark.parametrize(
    ("question", "first", "second"),
    [
        ("门禁要装吗 材料谁来审", "自动识别车牌", MATERIALS_REVIEW),  # 谁 asks
        ("名单几号交 材料谁审核", "7月17日12:00前", MATERIALS_REVIEW),
    ],
)
async def test_each_asking_clause_of_two_questions_is_answered(
    harness: Harness, question: str, first: str, second: str
) -> None:
    reply = await harness.text("张三", question)
    assert reply.startswith(TWO_THINGS)
    assert first in reply
    assert second in reply


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("材料齐了是攒一块报 还是随时报", "成熟一个申报一个"),  # a clause starting with 还是 goes on
        ("申报材料交到哪 交市局还是分局", "纸质版2份和电子版"),  # one asking by 还是 alone does too
        ("包容执法找谁 张振奇电话多少", "张振奇"),  # the second clause finds nothing new surely
        ("俺们不报行不行 有啥后果", "按最低等级进行管理"),  # "有啥后果" alone fits several entries alike
    ],
)
async def test_a_clause_that_asks_nothing_new_is_no_second_question(
    harness: Harness, question: str, fact: str
) -> None:
    reply = await harness.text("张三", question)
    assert fact in reply
    assert not reply.startswith(TWO_THINGS)
