"""A question asked at the self-assessment's industry step is decided once (#13): the decision that tells it is no
answer to the step is the one its answer is written from, handed along rather than remembered."""

from __future__ import annotations

import pytest

import handlers.qa
import knowledge.answering
from handlers.qa import Answers
from knowledge.answering import Decided, Decision, decide
from knowledge.base import KnowledgeBase
from tests.harness import Harness


@pytest.mark.parametrize(
    "said",
    [
        "C级企业预警期间要停产吗",  # asked instead of the business
        "砖厂要停产吗",  # asked beside the business it names
    ],
)
async def test_a_question_at_the_industry_step_is_decided_once(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, said: str
) -> None:
    decided: list[str] = []
    nested = 0  # decide asks itself of parts of a question: only the outermost call is one decision

    def counting(kb: KnowledgeBase, question: str, correct: bool = True) -> Decision:
        nonlocal nested
        if not nested:
            decided.append(question)
        nested += 1
        try:
            return decide(kb, question, correct)
        finally:
            nested -= 1

    monkeypatch.setattr(knowledge.answering, "decide", counting)
    monkeypatch.setattr(handlers.qa, "decide", counting)
    reply = await harness.answer_industry_question("张三", said)
    assert "来源" in reply  # answered from the documents before the step is asked again or gone on from
    assert decided.count(said) == 1, decided


def test_a_decision_of_another_text_is_not_taken(kb: KnowledgeBase, answers: Answers) -> None:
    """The decision handed along is used only for the text it was made of (the Q&A reads years and drops the chat's
    emoji before deciding): another text's would answer the wrong question."""
    asked = "C级企业预警期间要停产吗"
    other = Decided("出处呢", decide(kb, "出处呢"))
    assert answers.with_decision(asked, other) == answers.with_decision(asked)
    own = Decided(asked, decide(kb, asked))
    assert answers.with_decision(asked, own) == answers.with_decision(asked)
