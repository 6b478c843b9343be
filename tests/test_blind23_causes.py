"""Causes of the misses of the blind sets written at a9526fc (industry_fresh21, qa_fresh21, qa_unanswerable28), fixed by
rule or vocabulary. A plant may name itself by the industry class its pollutant discharge permit lists (排污许可证上的
行业类别), a class name of GB/T 4754-2017: the 别 of 类别 forbids nothing."""

from __future__ import annotations

import itertools

import pytest

from knowledge.base import KnowledgeBase
from tests.harness import Harness, assert_verdict, told_outside
from tests.test_blind22_causes import LISTED_GOODS

PERMIT_SHAPES = [
    "我们排污许可证上登记的行业类别是{c}",
    "许可证上的行业类别是{c}",
    "排污许可证类别：{c}",
    "我们的行业类别是{c}",
]


async def test_the_class_on_the_permit_places_the_plant(harness: Harness) -> None:
    assert_verdict(await harness.text("张三", "排污许可证的行业类别是化学农药制造"), "属于", "农药制造")


def test_a_class_named_as_the_permit_lists_it_is_never_outside(kb: KnowledgeBase) -> None:
    """Every GB/T 4754 class of every industry (industries.yaml `classes`) in every shape of naming the permit's class:
    the industry is among the candidates and the verdict never 不属于."""
    wrong = [
        (said, match.verdict, [industry.name for industry in match.candidates])
        for industry in kb.catalogue.industries
        for gb_class, shape in itertools.product(industry.classes, PERMIT_SHAPES)
        if (match := kb.catalogue.match(said := shape.format(c=gb_class.name))).verdict == "outside"
        or industry not in match.candidates
    ]
    assert not wrong, wrong


@pytest.mark.parametrize(
    ("description", "placed"),
    [
        # design, testing, metrology and labs are professional technical services or research (GB/T 4754 M74, M73):
        # the listed goods they draw or test are goods others make
        ("钢结构设计事务所，只出图纸不加工构件", "专业技术服务业"),
        ("建材质检站，测水泥、砖和混凝土试块的强度", "专业技术服务业"),
        ("计量检定所，给工厂的地磅和仪表做校准", "专业技术服务业"),
        # production given to others whole is none of the business's ("生产全部外包")
        ("家具设计工作室，只做设计出效果图，生产全部外包", "专业技术服务业"),
        # the goods a lab's tests are of, listed, are no goods it makes
        ("高校的材料实验室，做陶瓷和耐火材料的性能测试", "研究和试验发展"),
        # a collection point only gathers scrap batteries for a licensed smelter (F5191)
        ("废旧电瓶回收点，只收不拆，攒够一车交给有资质的厂", "再生物资回收与批发"),
    ],
)
async def test_design_testing_and_collection_of_goods_are_outside(
    harness: Harness, description: str, placed: str
) -> None:
    assert_verdict(await harness.text("张三", description), "不属于", placed)


SERVICES = [
    "{g}设计工作室",
    "也是{g}设计事务所",
    "有个实验室测{g}",
    "质检站送检{g}",
    "请检测公司测{g}",
    "设计全部外包",
    "计量检定所来校准过",
]
MAKERS = ["我们生产{g}", "{g}车间自己做的", "自己加工{g}"]
NAMED_WORKS = "我们是{g}厂"  # said before or after the service: "质检站送检铸件，我们是铸件厂" is a maker too


def test_a_maker_with_a_word_of_service_is_never_outside(kb: KnowledgeBase) -> None:
    """Every listed goods of LISTED_GOODS with every word of design, testing or a lab (classes M73, M74, whose goods
    are others'), said before or after a word of making them or the works named (a loop over all 847: drawing some would cost more than
    reading them all)."""
    said = [
        wording
        for goods, service in itertools.product(LISTED_GOODS, SERVICES)
        for served in [service.format(g=goods)]
        for wording in [
            f"{NAMED_WORKS.format(g=goods)}，{served}",
            f"{served}，{NAMED_WORKS.format(g=goods)}",
            *(f"{maker.format(g=goods)}，{served}" for maker in MAKERS),
            *(f"{served}，{maker.format(g=goods)}" for maker in MAKERS),
            *(f"{served}，{maker.format(g=goods)}，不对外" for maker in MAKERS),
        ]
    ]
    wrong = told_outside(kb, said)
    assert not wrong, wrong


@pytest.mark.parametrize(
    ("description", "industry"),
    [
        # a paint plant's tanks (调漆罐) and the paint sold make paint; a coating shop's 调漆 mixes what it sprays
        ("主要是分散机、砂磨机和调漆罐，调好的漆装桶往外卖", "涂料制造"),
        # a spray shop taking outside work (对外接活) serves others: 集中喷涂
        ("几个大喷漆房专门对外接活，周边小厂的铁件都拉来喷", "集中喷涂"),
        ("我们喷漆车间有调漆罐，给自己的货架喷漆", "工业涂装"),
        # a hot press (热压机) presses wood-based panels: no mistyped 热轧 of a steel mill
        ("废料是一堆堆刨花锯末，车间胶水味很冲，热压机一压出来就是一张大板", "人造板制造"),
    ],
)
async def test_words_of_the_trade_place_the_plant(harness: Harness, description: str, industry: str) -> None:
    assert_verdict(await harness.text("张三", description), "属于", industry)


async def test_pvc_coated_on_a_base_cloth_is_artificial_leather(harness: Harness) -> None:
    """聚氯乙烯 is PVC, a plastic (塑料制品's material), not the monomer 氯乙烯 of organic chemicals inside its name; coated
    on a base cloth (底布) and foamed (发泡炉) it is PVC artificial leather."""
    reply = await harness.text("张三", "厂里主要是压延机和发泡炉，往底布上涂一层聚氯乙烯")
    assert "塑料人造革与合成革制造" in reply, reply
    assert "有机化工" not in reply, reply


async def test_an_expert_taking_goods_or_charging_is_blacklisted(harness: Harness) -> None:
    """收受财物 is taking bribes and 违规收费 charging against the rules, the notice's two grounds (第（九）条)."""
    reply = await harness.text("张三", "评级专家收受企业财物或违规收费的，其后果如何？")
    assert "黑名单" in reply, reply


async def test_a_figure_word_inside_a_business_name_asks_nothing(harness: Harness) -> None:
    """贷款 asks a sum of support, but inside 小额贷款 it names a lender, outside the 47 (GB/T 4754 J66)."""
    assert_verdict(await harness.text("张三", "我们是小额贷款公司，钢坯是买来的"), "不属于", "货币金融服务")
