"""Kinds of wording the industry reading missed at 78fe927, by rule (tests/data/industry_kinds12.yaml): a listed
process said in a later clause with 也 beside an outside look-alike, and a listed plant before 的 naming the host or
parent of the speaker's business, which the head word names. A listed business phrased the same ways stays listed."""

from __future__ import annotations

import pytest

from tests.harness import VALID_CODES, Harness

# Each case: a description, the verdict its reply starts with, a name the reply holds.
CASES = [
    # the look-alike (织布厂) says nothing of a later clause that says another line of work with 也
    ("织布厂，自己也有染缸染色", "属于", "印染精加工"),
    ("织布厂，只织坯布", "不属于", "棉织造加工"),
    # a trade outside the 47 ending its clause after a listed plant and 的 names the business, the plant its host
    ("玻璃厂的运输公司，就是拉原料", "不属于", "道路货物运输"),
    ("我们是焦化厂的保安公司，派人在厂门口站岗", "不属于", "商务服务业"),
    ("钢厂的运输车队", "不属于", "道路货物运输"),
    # the speaker's own plant before 的, or a trade that does not end the clause, is no head word
    ("我们焦化厂的食堂要报吗", "属于", "焦化"),
    ("我们是焦化厂，焦化厂的煤气供给附近小区", "属于", "焦化"),
]


@pytest.mark.parametrize(("description", "verdict", "named"), CASES)
async def test_the_reading_by_rule(harness: Harness, description: str, verdict: str, named: str) -> None:
    reply = await harness.text("张三", description)
    assert reply.startswith(verdict), reply
    assert named in reply


async def test_the_self_assessment_reads_the_head_word_too(harness: Harness) -> None:
    for text in ("我要自评", "平山县某运输公司", VALID_CODES[0], "平山县"):
        await harness.text("王会计", text)
    reply = await harness.text("王会计", "我们是钢厂的运输车队")
    assert "长流程联合钢铁" not in reply, reply
    assert "道路货物运输" in reply, reply
