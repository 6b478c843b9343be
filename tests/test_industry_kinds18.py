"""Development misses of the industry reading at 85ab8ae, by rule: the materials of a listed industry that an outside
class tells itself apart by are that class's goods (铁矿选矿厂，磁选出铁精粉 concentrates iron ore, no steel made); a
listed word said made apart from a look-alike holding the same word is a product of its own (我们生产岩棉和岩棉夹芯板
makes rock wool), so a look-alike never turns it into 不属于; sandwich panels, tanning and hauling dangerous chemicals
are classes outside the 47, and so are scrap-steel processing, aerated concrete blocks, tyre collection, print
shops, gear and pump-body machining; a listed process said in a clause of its own beside such a look-alike is the
business's own work, never cancelled into 不属于 (废钢破碎，自己电炉炼钢). A listed business said the same ways stays listed, and none is told 不属于."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.base import KnowledgeBase
from tests.harness import UNSURE, Harness, assert_verdict

# Each case: a description, the verdict its reply starts with, a name the reply holds.
CASES = [
    # an outside class's own goods that a listed industry takes in: the concentrate, not the steel
    ("铁矿选矿厂，磁选出铁精粉", "不属于", "黑色金属矿采选业"),
    ("铁矿选矿厂，也用铁精粉烧球团", "属于", "长流程联合钢铁"),
    ("我们是钢厂，铁精粉是自己矿上选的，烧结球团高炉都有", "属于", "长流程联合钢铁"),
    # a sandwich panel is a structural metal product; rock wool said made apart from it is rock wool
    ("岩棉夹芯板，岩棉和彩钢板都是外购压的", "不属于", "结构性金属制品制造"),
    ("我们生产岩棉和夹芯板", "属于", "岩矿棉"),
    ("我们生产岩棉和岩棉夹芯板", UNSURE, "岩矿棉"),
    # tanning hides is C191, outside; synthetic leather stays listed
    ("牛皮制革，鞣制后做成皮料", "不属于", "皮革鞣制加工"),
    ("制革厂，也做PU合成革", "属于", "塑料人造革与合成革制造"),
    # hauling dangerous chemicals handles others' goods; making them is organic chemicals
    ("危险化学品道路运输，罐车拉甲醇", "不属于", "道路货物运输"),
    ("我们生产甲醇，自己也有罐车", "属于", "有机化工行业"),
    # handlers of scrap and used tyres, block makers, print shops and machining shops are outside the 47
    ("废钢破碎加工配送，给电炉钢厂供料", "不属于", "金属废料和碎屑加工处理"),
    ("废旧轮胎回收，转卖给裂解厂", "不属于", "再生物资回收与批发"),
    ("加气混凝土砌块，蒸压釜养护", "不属于", "石膏、水泥制品及类似制品制造"),
    ("图文快印店，打印复印做喷绘", "不属于", "办公服务"),
    ("铸件都是买来的，我们只做机加工，出泵体", "不属于", "通用设备制造业"),
    ("汽车零部件机加工，做变速箱齿轮，没有铸造和喷漆", "不属于", "汽车零部件及配件制造"),
    ("给主机厂供座椅骨架，冲压焊接，不喷漆", "不属于", "汽车零部件及配件制造"),
    ("我们做座椅骨架，自己喷漆", "属于", "工业涂装"),
    # drawing PP tape and weaving it makes woven sacks, whoever they are for
    ("我们给水泥厂做包装袋，PP拉丝编织，算水泥配套吗", "属于", "塑料制品"),
    # the listed work said in a clause of its own is the business's own
    ("废钢破碎，自己电炉炼钢", "属于", "短流程钢铁"),
    ("废旧轮胎回收，自己翻新轮胎", "属于", "橡胶制品制造"),
    ("打印复印，包装盒印刷", UNSURE, "包装印刷"),
    ("加气混凝土砌块，烧结砖", UNSURE, "砖瓦窑"),
]


@pytest.mark.parametrize(("description", "verdict", "named"), CASES)
async def test_the_reading_by_rule(harness: Harness, description: str, verdict: str, named: str) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)


# Plant worked on for another: the known words between 给/帮 and a word of repairing or relining
REPAIRED = [
    ("我们是钢厂里的耐火材料施工队，只负责给高炉转炉砌砖修炉，砖是钢厂买的", "不属于", "房屋建筑业"),
    ("我们有高炉，自己砌炉", "属于", "长流程联合钢铁"),
    ("我们生产耐火砖，也给高炉砌砖", "属于", "耐火材料"),
]


@pytest.mark.parametrize(("description", "verdict", "named"), REPAIRED)
async def test_plant_relined_for_another_is_theirs(
    harness: Harness, description: str, verdict: str, named: str
) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)


# A listed word that is the subject of the grading talked about: another's industry, as far as the message says
SUBJECTS = [
    # cloth bought dyed (染好买来) is dyed by its maker: the garment maker's 印染 asked about is no evidence either
    ("我们是服装厂，布都是染好买来的，只裁剪缝制，印染要报我们也要报吗", "不属于", "纺织服装、服饰业"),
    ("布都是染好买来的，我们还自己印花", "属于", "印染精加工"),
    ("我们是建筑公司，盖房用的红砖都是从砖厂买的，这个砖瓦窑的评级跟我们有关系吗", "不属于", "房屋建筑业"),
    ("我们承包焦化厂的职工食堂，分局说涉及焦化，要报吗", "不属于", "餐饮业"),
    # said beside the speaker's own listed work, the industry is still the speaker's
    ("我们做印染的，印染的评级要报吗", "属于", "印染精加工"),
    ("我们是焦化厂，分局说涉及焦化", "属于", "焦化"),
]


@pytest.mark.parametrize(("description", "verdict", "named"), SUBJECTS)
async def test_an_industry_talked_about_is_no_evidence(
    harness: Harness, description: str, verdict: str, named: str
) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)


@pytest.mark.parametrize(
    "question", ["印染要报我们也要报吗", "这个砖瓦窑的评级跟我们有关系吗", "分局说涉及焦化"]
)
async def test_whose_business_an_industry_talked_about_is_stays_unknown(
    harness: Harness, question: str
) -> None:
    """Alone, the asker's business is unknown: never told 不属于, nor placed in the industry talked about."""
    reply = await harness.text("张三", question)
    assert "不属于" not in reply, reply
    assert not reply.startswith("属于"), reply


# Look-alikes that are words of outside classes making things (not handling goods others made, whose goods are
# another rule), and listed work said in a clause of its own beside them
LOOKALIKES = st.sampled_from(["废钢破碎", "加气混凝土砌块", "打印复印", "岩棉夹芯板", "制革厂"])
LISTED_WORK = st.sampled_from(["电炉炼钢", "烧结砖", "包装盒印刷", "自己染色", "铸件浇注", "热镀锌", "喷漆"])


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    LOOKALIKES,
    LISTED_WORK,
    st.sampled_from(["{o}，{w}", "我们是{o}，也{w}", "{o}，另外自己{w}", "做{o}的，我们{w}"]),
)
def test_listed_work_in_a_clause_of_its_own_is_never_outside(
    kb: KnowledgeBase, lookalike: str, work: str, wording: str
) -> None:
    """A look-alike describes what it says; the listed work said apart from it may be the business's own, and a
    wrong 不属于 costs the lowest grade."""
    match = kb.catalogue.match(wording.format(o=lookalike, w=work))
    assert match.verdict != "outside", (wording, lookalike, work, match.terms)


def test_a_name_saying_listed_work_is_never_goods_handled(kb: KnowledgeBase) -> None:
    """烧砖, 炼油, 镀锌 name the work of their industry: a business handling goods others made that says it does such
    work is never told 不属于 as if it only handled them."""
    for handler, work, wording in itertools.product(
        ["废品回收", "废品站", "物流公司", "建材经销", "废旧轮胎回收"],
        ["烧砖", "炼油", "镀锌", "印染", "染布"],
        ["{h}，另外自己{w}", "{h}，还{w}", "我们是{h}，也{w}"],
    ):
        match = kb.catalogue.match(wording.format(h=handler, w=work))
        assert match.verdict != "outside", (wording, handler, work, match.terms, match.bought)
