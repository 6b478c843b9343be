"""Cases branch industry21 took from the evening's list, by rule: molten iron poured into a moulding flask (砂箱) is
casting as much as the making of iron: the business takes part, and the reader asks which of the two it is rather
than placing it in the steel works. A fleet named right after a listed plant's 的 (钢厂的运输车队) may be the plant's own
department, whose enterprise takes part for the plant and answers for its fleet under the notice's mobile-source
rules, or a business of its own: no positive evidence of an outside business, so 我没能确定 with the plant's industry
first; a company after the 的 (钢厂的运输公司) is an enterprise of its own and stays 不属于. A look-alike said after a
listed product past a sideline word (还有空心砌块), comma or not, is another line and leaves the product listed."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.base import KnowledgeBase
from tests.harness import UNSURE, Harness, assert_verdict


async def test_molten_iron_poured_into_flasks_offers_casting(harness: Harness) -> None:
    reply = await harness.text("张三", "我们车间化好的铁水往砂箱里浇，做井盖")
    assert reply.startswith("按您说的"), reply
    assert "1. 长流程联合钢铁" in reply, reply
    assert "2. 铸造" in reply, reply
    assert "不属于" not in reply, reply


@pytest.mark.parametrize(
    ("description", "first"),
    [("我们是钢厂的运输车队", "1. 长流程联合钢铁"), ("焦化厂的车队，要报名单吗", "1. 焦化")],
)
async def test_a_plants_fleet_may_be_its_own_department(
    harness: Harness, description: str, first: str
) -> None:
    reply = await harness.text("张三", description)
    assert reply.startswith(UNSURE), reply
    assert first in reply, reply
    assert "不属于" not in reply, reply


@pytest.mark.parametrize(
    "description",
    [
        "我们是钢厂的运输公司",
        "玻璃厂的运输公司，就是拉原料",
        "我们是运输车队，帮钢厂倒运铁矿粉",
        # a customer's plant whose goods the speaker carries is not the speaker's
        "我们是物流公司，拉塑料厂的货",
        "物流公司，主要拉家具厂的货",
    ],
)
async def test_a_transport_business_of_its_own_stays_outside(harness: Harness, description: str) -> None:
    assert_verdict(await harness.text("张三", description), "不属于", "道路货物运输")


LISTED_PLANTS = {
    "钢厂": "长流程联合钢铁",
    "焦化厂": "焦化",
    "水泥厂": "水泥",
    "铸造厂": "铸造",
    "玻璃厂": "玻璃",
    "砖厂": "砖瓦窑",
    "陶瓷厂": "陶瓷",
    "铁合金厂": "铁合金",
}


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["", "我们是", "我是", "咱们是", "俺们是"]),
    st.sampled_from(sorted(LISTED_PLANTS)),
    st.sampled_from(["运输车队", "车队", "物流车队", "货运车队", "运输队"]),
    st.sampled_from(["", "，要报吗", "，要填名单吗", "，我们要评级吗"]),
)
def test_a_listed_plants_fleet_is_never_outside(
    kb: KnowledgeBase, copula: str, plant: str, fleet: str, asked: str
) -> None:
    """The fleet may be the plant's own: never 不属于 (the lowest grade), the plant's industry first."""
    said = f"{copula}{plant}的{fleet}{asked}"
    match = kb.catalogue.match(said)
    assert match.verdict != "outside", (said, match.terms)
    assert match.candidates, (said, match.terms)
    assert match.candidates[0].name == LISTED_PLANTS[plant], (said, match.terms)


@pytest.mark.parametrize(
    "description",
    ["我们烧页岩多孔砖另外还做一些空心砌块", "我们做烧结砖，还有一部分加气混凝土砌块"],
)
async def test_a_look_alike_of_another_line_leaves_the_listed_one(harness: Harness, description: str) -> None:
    """A look-alike said after the listed product past a sideline word (还有, 另外), with or without a comma, is
    another line of the business: it leaves the fired bricks listed."""
    assert_verdict(await harness.text("张三", description), "属于", "砖瓦窑")


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["烧结砖", "页岩砖", "红砖", "多孔砖", "煤矸石砖"]),
    st.sampled_from(["还有", "另外还有", "，还有", "，另外", "也做", "同时做"]),
    st.sampled_from(["空心砌块", "加气混凝土砌块", "混凝土砖", "混凝土空心砖"]),
)
def test_fired_bricks_beside_a_look_alike_line_are_never_outside(
    kb: KnowledgeBase, bricks: str, sideline: str, look_alike: str
) -> None:
    said = f"我们做{bricks}{sideline}{look_alike}"
    match = kb.catalogue.match(said)
    assert match.verdict != "outside", (said, match.terms)
    assert match.candidates, (said, match.terms)
    assert match.candidates[0].name == "砖瓦窑", (said, match.terms)


async def test_sewing_clothes_is_the_garment_trade(harness: Harness) -> None:
    """缝衣服 is the plain word for the garment trade (GB/T 4754-2017 C18), outside the 47; a listed line said
    besides stays the speaker's."""
    assert_verdict(await harness.text("张三", "我们厂是缝衣服的，要报吗"), "不属于", "纺织服装")
    assert_verdict(await harness.text("李四", "我们缝衣服，还有个喷漆车间"), "属于", "工业涂装")


async def test_computer_boards_are_electronics(harness: Harness) -> None:
    """A computer's main board is a computer part (GB/T 4754-2017 3912), outside the 47."""
    assert_verdict(await harness.text("张三", "我们组装电脑主板，不喷漆"), "不属于", "计算机")


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["我们做电脑主板", "我们厂组装电脑主板", "主板组装"]),
    st.sampled_from(["外壳自己喷漆", "自己有喷涂线", "还有个铸造车间", "另外还烧砖"]),
)
def test_listed_work_beside_computer_boards_is_never_outside(
    kb: KnowledgeBase, boards: str, work: str
) -> None:
    said = f"{boards}，{work}"
    match = kb.catalogue.match(said)
    assert match.verdict != "outside", (said, match.terms)
