"""Kinds of wording the industry reading missed in industry_fresh12.yaml at 01d6bcd, by rule
(tests/data/industry_kinds13.yaml): a listed plant's place and 的 before the trade it hosts. A listed business phrased
the same ways stays listed."""

from __future__ import annotations

import pytest

from tests.harness import VALID_CODES, Harness

# Each case: a description, the verdict its reply starts with, a name the reply holds.
CASES = [
    # a plant's place (院里, 旁边) and 的 before a trade outside the 47: the trade is the speaker's, the plant its host
    ("我们是焦化厂院里的运输队", "不属于", "道路货物运输"),
    ("我们是钢厂里的保安公司", "不属于", "商务服务业"),
    ("我们是园区里的焦化厂，有两座焦炉", "属于", "焦化"),
]


@pytest.mark.parametrize(("description", "verdict", "named"), CASES)
async def test_the_reading_by_rule(harness: Harness, description: str, verdict: str, named: str) -> None:
    reply = await harness.text("张三", description)
    assert reply.startswith(verdict) or f"单从这点看{verdict}" in reply, reply
    assert named in reply


@pytest.mark.parametrize(
    ("said", "listed", "named"),
    [
        ("我们是钢厂旁边的物流公司", "长流程联合钢铁", "道路货物运输"),
    ],
)
async def test_the_self_assessments_industry_question_reads_them_too(
    harness: Harness, said: str, listed: str, named: str
) -> None:
    for text in ("我要自评", "平山县某商贸公司", VALID_CODES[0], "平山县"):
        await harness.text("王会计", text)
    reply = await harness.text("王会计", said)
    assert listed not in reply, reply
    assert named in reply, reply
