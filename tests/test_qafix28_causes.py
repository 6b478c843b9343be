"""What kept the development sets' questions from their entries, each cause in other words than the sets': a rumour going
round (群里传说) taken for the WeChat group, how an enterprise will be treated (会怎么对待) not read as the consequence
asked, and who assigns a status (谁给定的) not read as who decides it."""

from __future__ import annotations

import pytest

from tests.harness import Harness


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        # 群里 of a rumour names no group asked about: the retention asked of is answered (6 months in the notice)
        pytest.param("群里都在传录像要存两年，是这样吗", "6个月", id="a-rumour-in-the-group-is-hearsay"),
        # how an enterprise that stays out will be treated asks what staying out costs: the lowest grade
        pytest.param(
            "我们厂今年干脆不参加了，预警的时候会怎么对待我们",
            "最低等级",
            id="how-treated-is-the-consequence",
        ),
        # who gives a status asks who recognises it: the branch, from the enterprise's proofs, in a written opinion
        pytest.param(
            "涉气小微这个名头是谁给定的，能自己报吗", "书面意见", id="who-gives-a-status-decides-it"
        ),
    ],
)
async def test_plain_words_for_what_the_entries_say(harness: Harness, question: str, answered: str) -> None:
    reply = await harness.text("张三", question)
    assert answered in reply, reply
