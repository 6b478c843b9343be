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
