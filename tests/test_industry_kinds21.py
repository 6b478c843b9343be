"""Cases branch industry21 took from the evening's list, by rule: molten iron poured into a moulding flask (砂箱) is
casting as much as the making of iron: the business takes part, and the reader asks which of the two it is rather
than placing it in the steel works."""

from __future__ import annotations

from tests.harness import Harness


async def test_molten_iron_poured_into_flasks_offers_casting(harness: Harness) -> None:
    reply = await harness.text("张三", "我们车间化好的铁水往砂箱里浇，做井盖")
    assert reply.startswith("按您说的"), reply
    assert "1. 长流程联合钢铁" in reply, reply
    assert "2. 铸造" in reply, reply
    assert "不属于" not in reply, reply
