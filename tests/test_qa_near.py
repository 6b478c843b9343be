"""Near entries answered for each other (tests/data/qa_near10.yaml, `knowledge eval --confusion`), asked as users do:
a trade's everyday name meets an entry narrowed to it, and a near miss still carries the fact asked for."""

from __future__ import annotations

import pytest

from tests.harness import Harness


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        pytest.param("我们熟料线是B级，橙色预警要限多少", "限产20%", id="clinker-b"),
        pytest.param("熟料线评的D级，黄色预警还能开吗", "D级黄色及以上预警即停产", id="clinker-d"),
    ],
)
async def test_clinker_is_a_cement_question(harness: Harness, question: str, fact: str) -> None:
    """熟料 names cement as 水泥 does (a narrowing named by any of its words in intents.yaml), so the cement measures
    answer, not the gap entry saying that only cement's are known."""
    reply = await harness.text("张三", question)
    assert fact in reply, reply


@pytest.mark.parametrize(
    ("question", "facts"),
    [
        pytest.param(
            "申请名单17号交完，材料也是那天截止吗", ("7月17日12:00", "7月31日"), id="list-then-materials"
        ),
        pytest.param("申报材料可以直接发邮箱吗", ("辖区", "没有说可以发邮箱代替"), id="materials-by-mail"),
        pytest.param("车间有点味道还能报小微吗", ("恶臭",), id="smell-and-micro"),
        pytest.param("只报C级，门口的车牌识别也要装吗", ("《技术指南》",), id="gate-for-c"),
    ],
)
async def test_a_near_miss_still_carries_the_fact_asked_for(
    harness: Harness, question: str, facts: tuple[str, ...]
) -> None:
    """Two entries asked for each other each say the other's fact in one clause (the materials' and the list's
    deadlines, no mailbox instead, a smell against the small/micro criteria, the levels that must install the gate),
    so whichever of the pair answers, the reply holds what was asked."""
    reply = await harness.text("张三", question)
    assert all(fact in reply for fact in facts), reply
