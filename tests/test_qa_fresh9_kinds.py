"""Kinds of message behind the blind set qa_fresh9.yaml's wrong first entries (tests/data/qa_kinds9b.yaml): whether a
policy or a deadline still holds, asked from today; English words mixed in; the enterprise's own step asked in words a
branch's step shares; everyday words for an entry's term; whether two things are one; a Pingshan policy asked of the
situation its neighbour entry covers. Each is asked here in words other than the development questions that showed
it."""

from __future__ import annotations

import pytest

from tests.harness import Harness

# (the message, a fact of the entry that must answer it), by kind
ANSWERED = [
    # time-relative: whether a policy still holds asks when it ends; whether one is still in time asks the deadline
    pytest.param("上下游那个政策现在过期了吗", "至2022年底前", id="policy-expired"),
    pytest.param("总量指标支持过两年还办不办", "长期推进", id="policy-still-run"),
    pytest.param("七月十六号晚上了，名单还来得及交吗", "7月17日12:00前", id="still-in-time"),
    # English words mixed in, read as the bureau's word
    pytest.param("有没有整个评级的schedule", "2020年各节点", id="english-schedule"),
    pytest.param("申请名单的template哪里下", "附件5", id="english-template"),
    # the enterprise's own materials step, not the branch's, which shares the word 材料
    pytest.param("申报材料截止是几号啊", "7月31日前", id="own-materials-step"),
    # an everyday word for an entry's term: 味儿 is 异味
    pytest.param("烤漆房有股味儿，小微还能认定吗", "恶臭气体", id="everyday-odour"),
    # checking whether two things are one asks their difference
    pytest.param("B减跟B级其实是一回事吧", "具体指标有什么差别", id="one-and-the-same"),
    # a Pingshan policy asked of the situation its neighbour entry covers
    pytest.param("预警那几天还禁不禁止停产", "只针对非重污染天气应急预警时段", id="ban-during-a-warning"),
    pytest.param(
        "送法律送技术那个活动，非重点排污单位也能参加吗", "非重点排污单位能否参加", id="outside-the-scope"
    ),
]


@pytest.mark.parametrize(("question", "fact"), ANSWERED)
async def test_each_kind_gets_the_entry_that_answers_it(harness: Harness, question: str, fact: str) -> None:
    reply = await harness.text("张三", question)
    assert fact in reply
    assert not reply.startswith("属于")
