"""Causes of the misses of the blind set qa_fresh31 (rumours offered for confirmation, Hebei country speech), each in
other words than the set's: hearsay passed on however it is said (有人说, 同行讲, 听人讲, 据说, 传开了) is read as 听说, so
its own words add nothing to the claim's; a day heard as the deadline (…八月底才截止吗) asks the deadline, whose entry
states the day and so corrects it, not what handing in late costs; 也得报 asks what 也要报 asks, and so does a plant
just built; country speech's words for days and offices (明儿个, 今儿个, 文儿, 衙门) are the day, the document and the
office asked of."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from tests.decisions import decided
from tests.harness import Harness, assert_answered_with


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # a later day heard as the deadline: the deadline's entry, which states the real one
        ("不是说材料八月底才截止吗，厂里还没准备", "deadline_materials"),
        ("不是说申报材料九月底才截止吗，我们还没开始弄", "deadline_materials"),
        # taking part asked with 也得报, or of a plant just built
        ("刚投产的新厂也得报评级吗", "who_must_apply"),
        ("今年刚建成的厂子也得报吗", "who_must_apply"),
        # days and documents in country speech
        ("明儿个能不能发预警，厂里好排班", "warning_forecast_gap"),
        ("今儿个到底有没有预警，车间等着开工", "warning_forecast_gap"),
        ("镇上转来的那个文儿，落款是哪个单位", "notice_issuer_date"),
    ],
)
async def test_rumoured_deadlines_and_country_words_reach_their_entry(
    harness: Harness, kb: KnowledgeBase, question: str, entry: str
) -> None:
    await assert_answered_with(harness, kb, question, entry)


@pytest.mark.parametrize(
    ("hearsay", "claim"),
    [
        ("有人说", "这次集中评定要搞到年底"),
        ("同行说", "集中评定搞到十一月"),
        ("据说", "今年评级一直搞到年底"),
    ],
)
def test_hearsay_however_said_reads_as_heard(kb: KnowledgeBase, hearsay: str, claim: str) -> None:
    assert kb.faq.search(f"{hearsay}{claim}", limit=1)[0].entry.id == "campaign_period"
    assert decided(kb, f"{hearsay}{claim}")[:2] == decided(kb, f"听说{claim}")[:2]


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # a day before the deadline, or one after it handed in late: as before
        ("材料7月25号才开始准备，时间够吗", "deadline_materials"),
        ("材料8月份才交上去，还算数吗", "consequence_not_applying"),
        # the office asked of by its usual words, and the document by its own
        ("正面清单归哪个部门审核", "pingshan_poslist_duty"),
        ("这个通知是哪天发的", "notice_issuer_date"),
        # 也要报 as before
        ("不属于重点行业的企业也要报吗", "who_must_apply"),
    ],
)
def test_the_usual_words_keep_their_entry(kb: KnowledgeBase, question: str, entry: str) -> None:
    kind, entries, step, *_ = decided(kb, question)
    assert entries[:1] == (entry,), (kind, entries, step)


@pytest.mark.parametrize(
    "question",
    [
        # hearsay that no document answers is still declined, however it is passed on
        "有人说重污染预警期间快递也不让送了",
        "同行讲今年评级通过率只有三成",
        # today's date and tomorrow's weather are no warning's
        "明儿个天气咋样",
    ],
)
def test_hearsay_and_days_the_documents_do_not_answer_stay_unanswered(
    kb: KnowledgeBase, question: str
) -> None:
    kind, entries, step, *_ = decided(kb, question)
    assert kind not in ("answer", "pair", "guess"), (kind, entries, step)
