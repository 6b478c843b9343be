"""Causes of the misses of the blind sets written at 68b8745 (tests/data/qa_fresh25.yaml, qa_unanswerable33.yaml), each
in other words than the sets': details the documents never give (a form's field weighed, a bank account, a call before a
visit, a power cut, an approval's days, where a term's line falls, a closed plant's land), the consequence of a late
list asked with its day, the micro rule on odour against the first principle, a topic clause before its question, and
the campaign's dates and a season's production said in speech."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from tests.decisions import decided
from tests.harness import GAP_STATED, Harness, assert_declined


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("申请名单上联系人写老板还是写我", id="a-field-weighed"),
        pytest.param("排污权交易的钱汇到哪个账户", id="a-bank-account"),
        pytest.param("两进三送的人来之前会提前打电话吗", id="a-call-before-a-visit"),
        pytest.param("厂里停电了，门禁起不来杆，货车进不去", id="a-power-cut"),
        pytest.param("平山环评审批几天能批", id="an-approvals-days"),
        pytest.param("三个禁用说的恶意违法指的是什么情况", id="the-cases-a-term-covers"),
        pytest.param("首次不罚里头，多重算严重，有标准没有", id="where-a-terms-line-falls"),
        pytest.param("关了的石灰窑那块地能不能复垦", id="a-closed-plants-land"),
    ],
)
async def test_a_detail_the_documents_never_give_is_declined(harness: Harness, question: str) -> None:
    # the nearest entry in words (the list's form, the quota trading, the visits, the gate exemption, the EIA campaign,
    # the policy naming the term) states none of these, and would be offered as if it did
    assert_declined(await harness.text("张三", question), GAP_STATED)


async def test_a_late_list_asked_with_its_day_is_told_the_consequence(harness: Harness) -> None:
    # 7月18日 is after the list's 7月17日 (and the branches' own list deadline): what follows is asked, not a deadline
    reply = await harness.text("张三", "十八号才交名单，会怎么样")
    assert "没有规定补报办法" in reply, (
        reply
    )  # the consequence's entry, not the list deadline's (which names it too)


async def test_a_topic_clause_before_a_bare_asking_clause_is_answered_through_the_console(
    harness: Harness,
) -> None:
    # the asking clause alone finds a third entry a little higher; the topic's second entry is still the one it asks
    reply = await harness.text("张三", "预警的时候那个措施，清单上要怎么写才行")
    assert "写明具体停产的生产线" in reply, reply  # list_measures_by_warning, not the three bans at a warning


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # a day after the due with no consequence asked is still the deadline's
        ("名单七月二十号交还来得及吗", "deadline_application_list"),
        ("车间里有点臭味，能按小微报吗", "micro_no_toxic"),
        ("预警的时候那个措施，嗯，就是清单上咋写才行", "list_measures_by_warning"),
        # the bare asking clause finds a third entry a little higher after another entry gained a question (qafix28)
        ("预警的时候那个措施，清单上要怎么写才行", "list_measures_by_warning"),
        ("这回评级哪几个日子得记住，我拿个本记一下", "deadlines_overview"),
        ("我们只在冬天干两三个月，小微咋算", "micro_seasonal_daily"),
    ],
)
def test_each_cause_gets_its_entry(kb: KnowledgeBase, question: str, entry: str) -> None:
    kind, entries, step, *_ = decided(kb, question)
    assert entries[:1] == (entry,), (kind, entries, step)


def test_a_business_telling_it_does_reclamation_keeps_its_verdict(kb: KnowledgeBase) -> None:
    # 复垦 asks the detail only in a clause that asks: a business saying what it does asks nothing by the word
    kind, _, step, *_ = decided(kb, "我们是做土地复垦工程的，要报名单吗")
    assert kind == "industry", step
