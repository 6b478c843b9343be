"""What made the bot answer the blind set of fresh16 (tests/data/qa_fresh16.yaml) wrongly, each cause in other words.
A message that opens by saying which enterprise asks ("X区一家企业问，…") asks what follows: the lead-in names a county
and an enterprise but asks nothing itself, so it must not dilute the question's search."""

from __future__ import annotations

import pytest

from knowledge.textnorm import Normalizer
from tests.harness import Harness

GUESSED = "您是不是想问"  # how a guess below the bar opens (qa_guess.j2, qa_unsure.j2)


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        pytest.param("鹿泉区一家企业问，市里那几条评级原则县里也得照着执行吗", "原则", id="principles"),
        pytest.param("栾城区一家企业问，评级原则咱县里也要照做吗", "原则", id="principles-short"),
    ],
)
async def test_an_enterprise_named_as_the_asker_leaves_the_question_its_answer(
    harness: Harness, question: str, answered: str
) -> None:
    reply = await harness.text("张三", question)
    assert GUESSED not in reply, reply
    assert answered in reply, reply


@pytest.mark.parametrize(
    "message", ["环保检查查出企业问题会影响评级吗", "对企业问责以后还能评A吗", "企业问询函要回复吗"]
)
def test_an_enterprises_problem_or_inquiry_is_no_asker_named(message: str) -> None:
    # 问题, 问责, 问询 are what the enterprise has or receives, not who asks: the words before them stay the question's
    assert Normalizer([])(message).startswith(message[:4])
