"""What made the bot answer the blind sets of fresh19 (tests/data/qa_fresh19.yaml, qa_unanswerable26.yaml) wrongly,
each cause in other words: people typing fast on a phone, drivers and gate guards, enterprises graded last year."""

from __future__ import annotations

import pytest

from tests.harness import GAP_STATED, Harness, assert_declined


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("门口道闸老是抬不起杆，咋修", id="how-to-repair-the-barrier"),
        pytest.param("摄像头晚上识别不了车牌", id="a-plate-not-read-is-a-fault"),
        pytest.param("谁手里有台二手的门禁道闸，想收一个", id="a-second-hand-gate"),
        pytest.param("装门禁的钱政府给报销吗", id="the-gates-cost-paid-back"),
    ],
)
async def test_a_gates_repair_second_hand_kit_or_cost_paid_back_is_declined(
    harness: Harness, question: str
) -> None:
    # the notice says what the gate must do, never how it is repaired, where used kit is found or who pays it back
    assert_declined(await harness.text("张三", question), GAP_STATED)


async def test_the_gates_requirements_keep_their_answer(harness: Harness) -> None:
    assert "自动抬杆" in await harness.text("张三", "车牌识别要能抬杆吗")
