"""Confident wrong answers, by kind (tests/data/qa_kinds12.yaml, in other words): the entry a question is about
answers it, not a near one that a word of the question scores twice or a general word pulls ahead."""

from __future__ import annotations

import pytest

from tests.harness import Harness


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # 收取费用 holds 费用: the budget entry, which has both as keywords, gets no second bonus for the one word
        pytest.param("评审专家说交了审核费才给过", "黑名单", id="a-fee-asked-by-an-expert"),
        pytest.param("有专家暗示塞点咨询费就能评上，这咋处理", "黑名单", id="a-consulting-fee"),
        pytest.param("参加评级企业要交费用吗", "财政预算", id="the-enterprise-paying-is-the-budgets"),
    ],
)
async def test_a_word_of_the_question_counts_once_for_an_entry(
    harness: Harness, question: str, expected: str
) -> None:
    assert expected in await harness.text("张三", question)
