"""Cases branch industry20 took from the last engineer's list, by rule: a kiln seen from outside (窑, 窑炉) is a vague
word of the industries whose kilns it most often is, offered with 我没能确定 and never 不属于, while a business's name
mistyped beside it (水尼厂) still says which of them it is."""

from __future__ import annotations

import pytest

from tests.harness import Harness

UNSURE = "我没能确定"


async def test_a_kiln_seen_from_outside_offers_the_kiln_industries(harness: Harness) -> None:
    reply = await harness.text("张三", "有个大窑一直冒白烟，要报吗")
    assert reply.startswith(UNSURE), reply
    for industry in ("石灰窑", "砖瓦窑", "水泥"):
        assert industry in reply, reply
    assert "不属于" not in reply, reply


@pytest.mark.parametrize(
    ("description", "named"),
    [("我们是水尼厂，有回转窑，要报名吗", "水泥"), ("我们是石恢厂，用竖窑烧的，要报吗", "石灰窑")],
)
async def test_a_mistyped_name_beside_a_kiln_says_which_kiln(
    harness: Harness, description: str, named: str
) -> None:
    reply = await harness.text("张三", description)
    # the word read by its sound is said first, then the verdict
    assert any(line.startswith("属于") for line in reply.splitlines()[:2]), reply
    assert named in reply, reply


async def test_a_word_holding_the_vague_word_is_typed_right(harness: Harness) -> None:
    """做砖 is a real word: no typo of 座砖 (耐火材料) however close the vague word's industries are."""
    reply = await harness.text("张三", "我们是做砖的，要报吗")
    assert "座砖" not in reply, reply
    assert "不属于" not in reply, reply
