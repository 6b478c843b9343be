"""Risks of the industry reading found by branch industry17 (tests/data/industry_kinds21.yaml): final assembly (总装)
is listed work, so a parts maker's name beside it never makes 不属于; goods named by the listed work that makes
them (烧结砖, 铸件, 镀锌管), said in a clause of their own beside a business handling goods others made, may be made
there, so the handler's class never makes 不属于 either. Tanning stays outside the 47, and goods after a word of
handling stay handled. Steel wire drawing is no typo of plastic tape drawing, and plant repaired for its owner
("帮客户的高炉检修") is no plant of the speaker's: repaired by a word of a repair service, it is the repair trade's. "有几口煮锅" counts the business's pots and asks nothing."""

from __future__ import annotations

import itertools

import pytest

from knowledge.base import KnowledgeBase
from tests.harness import UNSURE, Harness, assert_verdict

# Each case: a description, the verdict its reply starts with, a name the reply holds.
CASES = [
    # 总装 beside a parts maker's name: not sure, and never 不属于
    ("汽车零部件厂，整车总装", UNSURE, "汽车整车制造业"),
    ("我们是汽车零部件厂，也做整车总装", "属于", "汽车整车制造业"),
    ("汽车零部件机加工，做变速箱齿轮，没有铸造和喷漆", "不属于", "汽车零部件及配件制造"),
    # goods named by listed work in a clause of their own beside a goods handler
    ("废旧轮胎回收，烧结砖", "属于", "砖瓦窑"),
    ("废品回收，自己烧结砖", "属于", "砖瓦窑"),
    ("废品回收站，还做页岩烧结砖", "属于", "砖瓦窑"),
    # goods a word of handling governs are the handler's goods
    ("废旧轮胎回收，转卖给裂解厂", "不属于", "再生物资回收与批发"),
    ("物流公司，拉烧结砖", "不属于", "道路货物运输"),
    # 几口 counts pots, kilns or furnaces the business has: it asks nothing, and the verdict answers
    ("做卤肉熟食的，有几口煮锅", "不属于", "屠宰及肉类加工"),
    ("铸造厂，有几口中频炉", "属于", "铸造"),
    # the brands a shop or dealer carries are counted, not asked
    ("家具卖场，代理几个品牌，不生产", "不属于", "家具及室内装饰材料专门零售"),
    ("涂料店，卖几个牌子的漆", "不属于", "家具及室内装饰材料专门零售"),
    # tanning hides, dyed or not, is outside the 47
    ("皮革厂，鞣制后染色", "不属于", "皮革鞣制加工"),
    # retanning and dyeing wet-blue hides (蓝湿皮, 复鞣) is the tannery's own work, not cloth dyeing
    ("制革厂，蓝湿皮复鞣染色", "不属于", "皮革鞣制加工"),
    ("蓝湿皮复鞣染色", "不属于", "皮革鞣制加工"),
]


@pytest.mark.parametrize(("description", "verdict", "named"), CASES)
async def test_the_reading_by_rule(harness: Harness, description: str, verdict: str, named: str) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)


# Words read wrongly as listed ones: steel wire drawing is no typo of plastic tape drawing (扁丝拉丝), and plant
# repaired for its owner ("帮客户的") is the owner's; each left "not sure", never 属于
NOT_THEIRS = [
    ("我们是拉丝厂，钢丝拉丝", "塑料制品"),
    # 修 alone may also build (修焦炉): no repair trade said, nothing of its own
    ("帮焦化厂修焦炉的", "焦化"),
]


@pytest.mark.parametrize(("description", "not_named"), NOT_THEIRS)
async def test_a_word_read_wrongly_places_nothing(harness: Harness, description: str, not_named: str) -> None:
    reply = await harness.text("张三", description)
    assert reply.startswith(UNSURE), reply
    assert f"属于“{not_named}”" not in reply, reply


# Plant repaired for its owner, a party named ("帮客户的", "给焦化厂的"), by a word of a repair service (检修, 维修) and
# nothing made besides: the repair is the business's trade, GB/T 4754 C43
REPAIRERS = [
    "帮客户的高炉检修",
    "帮人家的焦炉检修",
    "给焦化厂的焦炉做检修",
    "给钢厂的转炉做维修",
    # a repair service said to be the trade (专业, 专门) names no party, but repairs others' plant all the same
    "我司专业维修高炉和转炉设备，常年驻厂服务，请问是否须参加绩效评级",
    "我们专门检修焦炉",
]


@pytest.mark.parametrize("description", REPAIRERS)
async def test_plant_repaired_for_its_owner_is_a_repair_trade(harness: Harness, description: str) -> None:
    assert_verdict(await harness.text("张三", description), "不属于", "金属制品、机械和设备修理业")


async def test_plant_of_our_own_stays_ours(harness: Harness) -> None:
    assert_verdict(await harness.text("张三", "我们有高炉，自己检修"), "属于", "长流程联合钢铁")
    assert_verdict(await harness.text("李四", "帮我们自己的高炉检修"), "属于", "长流程联合钢铁")
    # a listed business's own name before a word of servicing is its plant, not goods others made
    assert_verdict(await harness.text("王五", "石灰窑维修"), "属于", "石灰窑")


def test_repair_said_without_a_party_or_beside_production_is_never_outside(kb: KnowledgeBase) -> None:
    """Only plant repaired for a party named, with nothing made besides, places the business in the repair trade:
    its own plant, or production said, keeps 属于 or not sure (a wrong 不属于 costs the lowest grade)."""
    for plant, repair, wording in itertools.product(
        ["高炉", "焦炉", "转炉", "石灰窑", "水泥窑", "电解槽"],
        ["检修", "维修", "大修"],
        [
            "我们有{p}，自己{r}",
            "帮我们自己的{p}{r}",
            "给客户的{p}{r}，自己也炼钢",
            "帮焦化厂{r}{p}，也生产耐火砖",
            "我们下个月{r}{p}",
            "给{p}做{r}",
        ],
    ):
        match = kb.catalogue.match(wording.format(p=plant, r=repair))
        assert match.verdict != "outside", (wording, plant, repair, match.terms)


def test_a_repair_trade_never_makes_own_plant_or_production_outside(kb: KnowledgeBase) -> None:
    """专业/专门 before a repair service says the repair is the trade, but plant said to be the speaker's own, production
    said besides, or 修 alone (which also builds) keep 属于 or not sure: a wrong 不属于 costs the lowest grade."""
    for plant, trade, repair, wording in itertools.product(
        ["高炉", "焦炉", "转炉", "石灰窑", "水泥窑", "电解槽"],
        ["专业", "专门", "专业从事"],
        ["检修", "维修", "大修"],
        [
            "我们有{p}，{t}{r}",
            "{t}{r}自己的{p}",
            "我们{t}{r}我们厂的{p}",
            "{t}{r}{p}，自己也炼钢",
            "{t}{r}{p}，也生产耐火砖",
            "{t}修{p}",
        ],
    ):
        match = kb.catalogue.match(wording.format(p=plant, t=trade, r=repair))
        assert match.verdict != "outside", (wording, plant, trade, repair, match.terms)


def test_goods_named_by_listed_work_beside_a_handler_are_never_outside(kb: KnowledgeBase) -> None:
    """Goods a handler's clause does not govern may be the business's own make: a wrong 不属于 costs the lowest
    grade, so the reading says 属于 or not sure."""
    for handler, goods, wording in itertools.product(
        ["废品回收", "废旧轮胎回收", "收废品的", "物流公司", "货运公司", "建材经销", "废钢回收"],
        ["烧结砖", "铸件", "镀锌管", "印刷品", "轧钢", "熔铝", "煅烧白云石", "整车总装"],
        ["{h}，{w}", "{h}，自己{w}", "我们是{h}，也{w}", "{h}，另外{w}"],
    ):
        match = kb.catalogue.match(wording.format(h=handler, w=goods))
        assert match.verdict != "outside", (wording, handler, goods, match.terms, match.bought)
