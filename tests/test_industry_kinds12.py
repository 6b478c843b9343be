"""Kinds of wording the industry reading missed at 78fe927, by rule (tests/data/industry_kinds12.yaml): a listed
process said in a later clause with 也 beside an outside look-alike. A listed business phrased the same ways stays listed."""

from __future__ import annotations

import pytest

from tests.harness import Harness


@pytest.mark.parametrize(
    ("description", "verdict", "named"),
    [
        # the look-alike (织布厂) says nothing of a later clause that says another line of work with 也
        ("织布厂，自己也有染缸染色", "属于", "印染精加工"),
        ("织布厂，只织坯布", "不属于", "棉织造加工"),
    ],
)
async def test_a_listed_process_said_with_ye_beside_a_look_alike_still_counts(
    harness: Harness, description: str, verdict: str, named: str
) -> None:
    reply = await harness.text("张三", description)
    assert reply.startswith(verdict), reply
    assert named in reply
