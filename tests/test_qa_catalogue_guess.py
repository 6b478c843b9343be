"""A question about the list of industries (the catalogue) or taking part asked of a business named by no word, which
no entry answers surely: where the words it shares with the first entry are a guess's evidence, as below the bar, the
entry is given as a guess ("您是不是想问…"); with too little evidence the verdict's not-sure reply stays."""

from __future__ import annotations

import pytest

from tests.harness import Harness

GUESSED = "您是不是想问“"


@pytest.mark.parametrize(
    "message",
    [
        pytest.param(
            "刚才开会领导问的就是国家指南里一共多少个行业，三十九个还是四十七个", id="asked-at-a-meeting"
        ),
        pytest.param("就是那个国家指南里头一共多少个行业来着三十九个还是四十七个", id="half-remembered"),
    ],
)
async def test_a_catalogue_question_with_telling_words_is_guessed(harness: Harness, message: str) -> None:
    reply = await harness.text("张三", message)
    assert reply.startswith(f"{GUESSED}国家指南覆盖39个行业”"), reply
    assert "覆盖39个重点行业" in reply, reply


async def test_taking_part_asked_with_little_evidence_keeps_the_verdict(harness: Harness) -> None:
    reply = await harness.text("张三", "我们这种厂子算不算重点行业啊搞不清楚")
    assert not reply.startswith(GUESSED), reply
    assert reply.startswith("我没能确定贵企业是否属于"), reply
