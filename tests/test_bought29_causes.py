"""Causes of the two false 不属于 of the voice-typed blind set industry_fresh26: goods bought or brought in and then worked
by the business before they are sold (ground, formulated, filled) are its production, not trade, with or without
punctuation, and whatever a denial of something else earlier in the same run-on clause denies (没有窑嗯就…把外头拉来的
熟料磨细了): formulating and filling are words of production, and the work said after bought goods is read past a
denial before them."""

from __future__ import annotations

import itertools

import pytest

from knowledge.base import KnowledgeBase
from tests.harness import Harness, assert_verdict, told_outside

# the ways goods are said bought or brought in, the work done to them, and how the message ends
BOUGHT_IN = ["买来的{x}", "外头拉来的{x}", "进的{x}", "外购的{x}", "采购来的{x}"]
WORKED = ["磨细", "复配", "配成", "分装", "灌装", "配制"]
SOLD = ["了卖", "了出{p}卖"]
# what is said before: nothing, or a denial of something else, run on or after a comma (voice input writes none)
BEFORE = ["我们", "我们厂没有窑", "我们厂没有窑，", "我们厂没有窑嗯", "我们没有炉子，"]


def listed_goods(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(goods, another product of the same industry): every product and material of every listed industry with two
    products or more, but terms starting with a verb (做茶叶盒; 干式料's 干 is none, `not_verbs`)."""
    return sorted(
        {
            (goods, next(product for product in industry.products if product != goods))
            for industry in kb.catalogue.industries
            if len(industry.products) > 1
            for goods in [*industry.products, *industry.materials]
            if not goods.startswith("做")
        }
    )


@pytest.mark.parametrize("bought", BOUGHT_IN)
def test_goods_bought_in_and_worked_are_never_outside(kb: KnowledgeBase, bought: str) -> None:
    """Every listed product and material x work done to it, what is said before and how it ends in turn, for each
    bought-in wording (81,990 readings in all, about 10 s, one wording to a test so that the workers share them;
    72,075 of them were 不属于 before)."""
    said = [
        f"{BEFORE[index % len(BEFORE)]}就把{bought.format(x=goods)}{work}"
        f"{SOLD[(index // len(BEFORE)) % len(SOLD)].format(p=product)}"
        for index, ((goods, product), work) in enumerate(itertools.product(listed_goods(kb), WORKED))
    ]
    wrong = told_outside(kb, said)
    assert not wrong, wrong[:20]


def test_genuine_traders_stay_traders(kb: KnowledgeBase) -> None:
    """Selling goods bought, with no work done to them, is still trade."""
    for said in [
        "钢材买卖",
        "瓷砖代理",
        "只是倒卖钢材",
        "水泥都是买来的，直接卖",
        "我们没有窑嗯就是把外头拉来的水泥卖",
    ]:
        assert kb.catalogue.match(said).verdict == "outside", said


async def test_grinding_station_with_no_kiln_is_cement(harness: Harness) -> None:
    reply = await harness.text("张三", "我们厂没有窑嗯就两台球磨机把外头拉来的熟料磨细了出水泥卖这个跑得了吗")
    assert_verdict(reply, "属于", "水泥")


async def test_pesticide_formulator_is_pesticide_making(harness: Harness) -> None:
    reply = await harness.text("张三", "我们把买来的原药复配成乳油嗯就是杀虫剂分装到小瓶里卖这个也算吗")
    assert_verdict(reply, "属于", "农药")
