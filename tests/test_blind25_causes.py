"""Causes of the industry misses of the blind set written at 692125b (industry_fresh22), fixed by rule or vocabulary.
A quotation (报价单, 报价表) lists the speaker's own goods with their prices: the price word is said of those goods,
not asked of anything the documents give, so the business is placed as a product list (产品中心) places it."""

from __future__ import annotations

import itertools

import pytest

from knowledge.answering import decide
from knowledge.base import KnowledgeBase
from tests.harness import Harness, assert_declined, assert_verdict

# goods of one listed industry each (industries.yaml), and the shapes a quotation or a product list is told in
LISTED_GOODS = {
    "铸件": "铸造",
    "瓷砖": "陶瓷",
    "农药": "农药制造",
    "焦炭": "焦化",
    "大理石": "石材加工行业",
    "红砖": "砖瓦窑",
    "耐火砖": "耐火材料",
    "配合饲料": "饲料加工",
    "瓦楞纸箱": "包装印刷",
    "橡胶密封圈": "橡胶制品制造",
    "铁锹": "农用及园林用金属工具制造",
    "刨花板": "人造板制造",
    "石墨电极": "炭素",
}
PRICE_LISTS = [
    "报价单上是{g}，都是自己厂里做的",
    "报价单：{g}",
    "给客户的报价单：{g}，按吨报价",
    "报价表里是{g}，按件卖，自己生产的",
    "我们给客户报价的是{g}",
    "{g}的报价单发给客户了",
    "价目表上是{g}",
    "产品中心：{g}",
    "产品目录：{g}，自己生产",
]


def test_a_quotation_or_product_list_places_its_goods_maker(kb: KnowledgeBase) -> None:
    """Every wording of the shape (all 117: a loop costs less than drawing them): the goods' industry, never 不属于
    nor a price declined."""
    wrong = []
    for goods, shape in itertools.product(LISTED_GOODS, PRICE_LISTS):
        said = shape.format(g=goods)
        match = decide(kb, said).industry
        if match is None or match.verdict != "one" or match.candidates[0].name != LISTED_GOODS[goods]:
            wrong.append((said, match and match.verdict, match and [one.name for one in match.candidates]))
    assert not wrong, wrong


async def test_a_quotation_is_answered_with_the_verdict(harness: Harness) -> None:
    reply = await harness.text("张三", "报价单上是石墨电极和炭块，都是自己焙烧的")
    assert_verdict(reply, "属于", "炭素")


async def test_a_price_of_the_grading_kit_beside_the_business_is_still_the_prices_gap(
    harness: Harness,
) -> None:
    """The price stands in a clause of its own, of the kit (门禁), not of the goods: the prices' gap answers, the
    business placed beside it."""
    reply = await harness.text("张三", "我们是铸造厂，门禁系统厂家报价八万，感觉贵了")
    assert "没有任何价格信息" in reply, reply
    assert "“铸造”" in reply, reply


async def test_a_mishap_of_the_kit_beside_the_business_gets_no_verdict(harness: Harness) -> None:
    assert_declined(await harness.text("张三", "做铸件的，门禁坏了"))


@pytest.mark.parametrize(
    ("description", "industry"),
    [
        # plastic pipes named by their resin and use (PE给水管, PPR冷热水管)
        ("产品有PPR冷热水管和PE燃气管", "塑料制品"),
        # a foundry's workshops and its castings' blanks (缸体毛坯: an engine block cast, then machined)
        ("厂里分造型车间和浇注车间", "铸造"),
        ("主要出缸盖毛坯", "铸造"),
    ],
)
async def test_goods_and_workshops_of_a_listed_industry(
    harness: Harness, description: str, industry: str
) -> None:
    assert_verdict(await harness.text("张三", description), "属于", industry)


def test_an_arc_furnace_makes_the_casting_and_rolling_short_process(kb: KnowledgeBase) -> None:
    """What both steel routes share (连铸, 轧钢车间, 螺纹钢) is the short process's beside an arc furnace, unless the
    integrated works' own furnaces are said too."""
    short = kb.catalogue.match("电弧炉炼钢，连铸和轧钢车间出螺纹钢")
    assert (short.verdict, [one.name for one in short.candidates]) == ("one", ["短流程钢铁"])
    both = kb.catalogue.match("有高炉和转炉，还有一座电弧炉，连铸出钢坯")
    assert "长流程联合钢铁" in [one.name for one in both.candidates], both
    assert kb.catalogue.match("不用电弧炉，高炉转炉炼钢").candidates[0].name == "长流程联合钢铁"


@pytest.mark.parametrize(
    "description",
    [
        # 喷面漆 is a coating word like 喷漆, which a garage's repair of cars' paint excludes from 工业涂装
        "汽修厂有烤漆房，修完的车在里面喷面漆",
        # 几所 counts the schools served, as 几家 the businesses: no question
        "中央厨房，给几所医院送餐",
    ],
)
async def test_near_businesses_outside_the_47(harness: Harness, description: str) -> None:
    assert "不属于" in await harness.text("张三", description)


async def test_the_coats_of_a_listed_painter_place_it(harness: Harness) -> None:
    reply = await harness.text("张三", "机械厂，零件先喷底漆再喷面漆")
    assert_verdict(reply, "属于", "工业涂装")


def test_workshop_names_are_read_as_written(kb: KnowledgeBase) -> None:
    """炼焦车间 is the coking works' (it was read as the rubber works' 炼胶车间 by sound), 精烘包 the pharmaceutical
    finishing line; 成型车间 and 浇筑车间, real words of many trades, are no typo of the foundry's workshops."""
    assert kb.catalogue.match("炼焦车间").candidates[0].name == "焦化"
    assert kb.catalogue.match("精烘包车间出原料药").candidates[0].name == "制药"
    for workshop in ["成型车间", "浇筑车间"]:
        assert kb.catalogue.match(workshop).verdict == "unsure", workshop
