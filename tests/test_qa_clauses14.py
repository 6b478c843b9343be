"""A message of several clauses that one clause finds surely: that clause's entry is answered first, and the whole
message's first entry beside it where that is another entry that the whole message finds well ahead of the clause's
(in full when its answer is short, else offered by its title, which sent alone gets its answer). A clause's entry
that the whole message finds about as likely is answered alone; a clause that names nothing of its own ("这啥意思")
and finds two entries alike is not answered alone. Words an enumeration comma lists (名单、材料、分局上报) are
one clause's, not clauses of their own."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.answering import clauses_of
from knowledge.base import KnowledgeBase
from knowledge.textnorm import CLAUSE_END
from tests.harness import BOTH, OFFERED, Harness


@pytest.mark.parametrize(
    ("question", "titles"),
    [
        # 没有预警, not 没预警: the latter is Pingshan's non-warning time (synonyms.yaml), which the whole message then
        # finds alone, and the clause would tell no story of its own
        pytest.param(
            "平山这边的涉气厂，现在也没有预警，县里能让我们限产吗",
            ("【什么时候启动预警（缺口）】", "【三个禁用与重污染预警】"),
            id="the-clause-a-story-the-message-a-policy",
        ),
        pytest.param(
            "我们报B级，进出车辆现在都是保安手工登记",
            ("【谁要建移动源管理系统】", "【门禁车牌识别要求】"),
            id="a-grade-aimed-at-then-the-situation",
        ),
    ],
)
async def test_the_whole_messages_short_entry_is_answered_beside_the_clauses(
    harness: Harness, question: str, titles: tuple[str, str]
) -> None:
    reply = await harness.text("张三", question)
    assert reply.startswith(BOTH), reply
    assert reply.index(titles[0]) < reply.index(titles[1]), reply  # the clause's entry first


async def test_the_whole_messages_long_entry_is_offered_by_its_title(harness: Harness) -> None:
    # the clause asks how many annexes; the day named finds, in the whole message, when and by whom the notice was
    # issued (the hearsay "听说门口的视频要留一年，到底是不是啊" this test once used is declined since 到底 names no
    # subject: test_qa_blind27_causes)
    reply = await harness.text("张三", "环保局7月10号那个通知，附件一共几个")
    assert "共9个附件" in reply, reply
    assert OFFERED in reply, reply
    assert "· 通知发文单位和日期" in reply, reply
    assert BOTH not in reply, reply
    # the title sent alone is answered by its entry
    assert "7月15日" in await harness.text("张三", "通知发文单位和日期")


async def test_a_clauses_entry_the_whole_message_finds_as_likely_is_answered_alone(harness: Harness) -> None:
    # the whole message's first entry (environmental staff) is barely ahead of the clause's: the form is the answer
    reply = await harness.text("张三", "我们新来的环保员，以前没报过。今年要报，用哪张表？")
    assert "附件5" in reply, reply
    assert BOTH not in reply, reply
    assert OFFERED not in reply, reply


@pytest.mark.parametrize(
    "question",
    [
        "科长让我整理一下，2020年的几个节点按顺序排排：名单、材料、分局上报",
        "新来的不太懂，几个时间请按先后说一下：名单、材料、分局上报",
    ],
)
async def test_words_listed_with_the_enumeration_comma_are_one_clause(
    harness: Harness, question: str
) -> None:
    # 名单、材料、分局上报 are what one clause asks to be put in order: alone, 分局上报 would be the branch's deadline only
    reply = await harness.text("张三", question)
    assert "全部时间节点汇总" in reply, reply
    assert OFFERED not in reply, reply


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # the story's clause finds the branch's screening below the clauses' bar: a guess is the most said
        ("听群里说分局会结合平时监管把报上来的名单再过一遍，这是啥意思", "分局筛查申请名单"),
        ("开会时科长说，咱们交上去的申请名单分局还会结合日常监管再过一遍，这啥意思", None),
    ],
)
async def test_a_clause_naming_nothing_that_finds_entries_alike_answers_nothing_alone(
    harness: Harness, question: str, answered: str | None
) -> None:
    # 这啥意思 asks what the clause before it says: alone it finds principles three and four alike, and neither is meant
    reply = await harness.text("张三", question)
    assert "原则三运输环节" not in reply, reply
    assert "原则四监测监控设施" not in reply, reply
    if answered is not None:
        assert answered in reply, reply


@given(
    parts=st.lists(
        st.sampled_from(["名单", "材料", "分局上报", "交到哪里", "截止到几号", "要打几份", "", "谢谢"]),
        min_size=1,
        max_size=5,
    ),
    separators=st.lists(st.sampled_from(["、", "，", " ", "？", "、、"]), min_size=5, max_size=5),
)
def test_the_enumeration_comma_splits_only_between_asking_parts(
    kb: KnowledgeBase, parts: list[str], separators: list[str]
) -> None:
    text = "".join(part + separator for part, separator in zip(parts, separators, strict=False))
    clauses = clauses_of(kb, text)
    # nothing is lost or reordered but the separators
    assert "".join(clauses).replace("、", "") == CLAUSE_END.sub("", text)
    for clause in clauses:
        assert clause  # no empty clause
        items = clause.split("、")
        assert "" not in items  # no 、 starting, ending or doubled in a clause
        # a 、 left inside a clause lists words, at least one of which asks nothing
        assert len(items) == 1 or not all(kb.catalogue.asks(item) for item in items)
