"""Causes of the misses of the blind set qa_fresh31 (rumours offered for confirmation, Hebei country speech), each in
other words than the set's: a claim passed on by hearsay (听说, 有人说, 据说) and asked nothing else of is a statement
offered for confirmation, held to a statement's evidence below the bar, not a question's: it asks for no detail the
entry it tells of may not give. A question word besides the hearsay still asks, at a question's bar. How a thing is
done asked in country speech as 咋个…法 asks what 怎么个…法 and 怎么 ask."""

from __future__ import annotations

import pytest

from knowledge.answering import offers_a_claim
from knowledge.base import KnowledgeBase
from tests.decisions import decided
from tests.harness import Harness, assert_answered_with


@pytest.mark.parametrize(
    "question",
    [
        # a campaign's end heard as later than it is: the campaign's entry, which states its period
        "听说这次集中评定要一直搞到十月底",
        "有人说这一轮集中评定一直搞到十月底",
        "听说集中评定会一直持续到十月底",
        "有人说这回集中评定从八月一直搞到十月底",
        "据说这回集中评定一直搞到十月底才完",
    ],
)
async def test_a_claim_passed_on_gets_its_entry_at_a_statements_bar(
    harness: Harness, kb: KnowledgeBase, question: str
) -> None:
    await assert_answered_with(harness, kb, question, "campaign_period")


@pytest.mark.parametrize(
    ("question", "offered"),
    [
        ("有人说集中评定一直搞到十月底", True),
        ("据说今年评级一直搞到年底", True),
        # asked besides the hearsay: a question word, a mark or a last word that asks
        ("有人说集中评定一直搞到十月底吗", False),
        ("听说集中评定搞到十月底，啥时候结束", False),
        ("听说集中评定搞到十月底？", False),
        ("听说集中评定搞到十月底是吧", False),
    ],
)
def test_a_claim_is_offered_only_where_hearsay_alone_asks(
    kb: KnowledgeBase, question: str, offered: bool
) -> None:
    assert offers_a_claim(kb, question) is offered


@pytest.mark.parametrize(
    "question",
    [
        # a question besides the hearsay keeps a question's bar: 14 of evidence in two words is not enough
        "有人说这回集中评定一直搞到十月底吗",
        # hearsay no document answers is still declined
        "有人说重污染预警期间快递也不让送了",
        "听说今年评级通过率只有三成",
        "据说评定前先停产打扫干净再请专家来看",
    ],
)
def test_questions_and_unanswered_hearsay_stay_unanswered(kb: KnowledgeBase, question: str) -> None:
    kind, entries, step, *_ = decided(kb, question)
    assert kind not in ("answer", "pair", "guess"), (kind, entries, step)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # claims already found surely, and a statement without hearsay: as before
        ("有人说评级材料交晚了就按最低等级管", "consequence_not_applying"),
        ("有人说专家收好处费会上黑名单", "expert_blacklist"),
        ("集中评定一直搞到十月底", "campaign_period"),
    ],
)
def test_claims_found_surely_keep_their_answer(kb: KnowledgeBase, question: str, entry: str) -> None:
    kind, entries, step, *_ = decided(kb, question)
    assert (kind, entries[:1]) == ("answer", (entry,)), (kind, entries, step)


@pytest.mark.parametrize(
    "question",
    [
        "自评是咋个自评法俺们不懂",
        "企业自评咋个评法",
    ],
)
async def test_how_asked_as_zage_reaches_its_entry(
    harness: Harness, kb: KnowledgeBase, question: str
) -> None:
    await assert_answered_with(harness, kb, question, "self_assessment")


@pytest.mark.parametrize(
    "doing",
    ["自评是{}自评法", "减排清单{}修订法", "电子台账{}记法", "正面清单{}申报法", "门禁系统{}装法"],
)
def test_zage_asks_as_zenmege(kb: KnowledgeBase, doing: str) -> None:
    assert decided(kb, doing.format("咋个"))[:2] == decided(kb, doing.format("怎么个"))[:2]
