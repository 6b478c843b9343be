"""A message that opens with the asker's own trade or employer ("我开大车的，…", "我是车队的，…", "我是咨询公司的，…") says
who asks: what follows about the grading is answered as a question, not read as the description of a business outside
the list. The business verdict stays where the message asks about its own membership or says nothing else."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from knowledge.answering import decide
from knowledge.base import KnowledgeBase
from tests.harness import Harness, assert_verdict

JOB_OPENINGS = [
    "我开大车的",
    "我开货车的",
    "我是司机",
    "我是车队的",
    "我是咨询公司的",
    "我是做代理的",
    "我是会计",
    "俺是开车的",
]

# questions of the grading's topics, each answered when asked alone
TOPIC_QUESTIONS = [
    "国五车要占多大比例，厂里才能报A级",
    "平山激励性分级里的重点激励，要比行业平均高出多少",
    "我们厂一年只开工三个月，小微按日排放量算的话限值是多少",
    "申请名单几号截止",
    "门禁系统的视频要存多久",
]

MEMBERSHIP_SHAPES = ["{n}要不要报名单", "我们是{n}企业，属不属于重点行业", "我们做{n}的，在不在47个行业里"]


def test_a_topic_asked_after_the_askers_trade_is_answered(kb: KnowledgeBase) -> None:
    """Every job opening before every topic question: the question's answer, never the outside verdict."""
    wrong = [
        (said, decision.step)
        for opening, question in itertools.product(JOB_OPENINGS, TOPIC_QUESTIONS)
        if (decision := decide(kb, said := f"{opening}，{question}")).kind == "industry"
    ]
    assert not wrong, wrong


def test_the_trade_alone_or_asking_membership_still_gets_the_verdict(kb: KnowledgeBase) -> None:
    for said in ["我开大车的", "我开大车的，要不要报名单", "我是咨询公司的，我们属不属于重点行业"]:
        assert decide(kb, said).kind == "industry", said


def test_a_listed_business_asking_membership_is_never_outside(kb: KnowledgeBase) -> None:
    """Every listed industry asking its membership, as itself or after the asker's trade: the verdict, never 不属于."""
    wrong = [
        (said, decision.kind, decision.industry and decision.industry.verdict)
        for industry, shape, opening in itertools.product(
            kb.catalogue.industries, MEMBERSHIP_SHAPES, ["", "我是会计，"]
        )
        if (decision := decide(kb, said := opening + shape.format(n=industry.name))).kind != "industry"
        or decision.industry is None
        or decision.industry.verdict == "outside"
    ]
    assert not wrong, wrong


TRADES = ["开大车", "车队", "咨询公司", "会计"]


@given(
    st.sampled_from(["我", "我是", "俺是"]),
    st.text(alphabet="做跑干在那个小", max_size=2),
    st.sampled_from(TRADES),
    st.booleans(),
)
def test_a_known_trade_after_a_singular_speaker_names_the_asker(
    kb: KnowledgeBase, opener: str, lead: str, trade: str, said_with_de: bool
) -> None:
    said = opener + lead + trade + ("的" if said_with_de else "")
    assert kb.catalogue.names_the_askers_trade(said), said
    # said by a business ("我们…") it describes that business
    assert not kb.catalogue.names_the_askers_trade(said.replace(opener, opener[0] + "们", 1)), said


@given(st.text(alphabet="我是们做水泥厂饭店的开铸造", max_size=10))
def test_no_trade_named_is_no_asker(kb: KnowledgeBase, words: str) -> None:
    assert not kb.catalogue.names_the_askers_trade(words), words


async def test_the_drivers_question_is_answered_in_the_console(harness: Harness) -> None:
    reply = await harness.text("张三", "我是咨询公司的，平山激励性分级里的重点激励，要比行业平均高出多少")
    assert "重点激励" in reply, reply
    assert "不属于" not in reply, reply


async def test_the_drivers_own_membership_still_gets_the_verdict(harness: Harness) -> None:
    assert_verdict(await harness.text("张三", "我开大车的，要不要报名单"), "不属于", "道路货物运输")
