"""Businesses beside a listed one (tests/data/industry_kinds14.yaml): the goods and plant of another party, named after
its name in its clause, are its own, not the speaker's, whose own words then decide: an outside class named (also by
an exact homophone) is told 不属于, nothing of its own "not sure", never a bare 不属于. A trader saying no production
trades the goods of every clause; a business an outside class names mixes goods into its product. A listed business
said the same ways stays listed."""

from __future__ import annotations

import pytest

from tests.harness import UNSURE, Harness, assert_verdict

# Each case: a description, the verdict its reply starts with, a name the reply holds.
CASES = [
    # a customer's goods carried, its plant repaired: the carrier's and the repairer's own words decide
    ("我们是运输公司，给焦化厂拉焦炭", "不属于", "道路货物运输"),
    ("我们是机修厂，帮铁合金厂修矿热炉", "不属于", "机械和设备修理业"),
    ("机修厂，给焦化厂检修焦炉", "不属于", "机械和设备修理业"),
    # goods of another industry, or made or supplied by the speaker, stay the speaker's
    ("我们给钢厂做耐火砖", "属于", "耐火材料"),
    ("我们给钢厂供白灰，自己有石灰窑", "属于", "石灰窑"),
    ("我们给机械厂做铸件，自己有中频炉熔铁水", "属于", "铸造"),
    # a trader that says no production: the goods of every clause are goods it trades, the condition
    ("我们是玻璃经销商，浮法玻璃从厂家进货", "不属于", "如果贵企业自己生产或加工“浮法玻璃”"),
    ("我们卖饲料，猪饲料鸡饲料都是厂家的货", "不属于", "如果贵企业自己生产或加工“猪饲料”"),
    ("我们是玻璃厂，浮法玻璃自己生产也自己经销", "属于", "玻璃"),
    # the head word outside the 47 with 厂 after it, and goods mixed into its product: no cement made, no brick fired
    ("免烧砖厂，水泥加石粉压制养护，没有窑", "不属于", "水泥制品"),
    ("我们做免烧砖，水泥加砂子压制，不用窑烧", "不属于", "水泥制品"),
    ("我们做水泥制品，自己有粉磨站，熟料加石膏磨水泥", "属于", "水泥"),
    ("我们是免烧砖厂，另外还有个烧砖厂", "属于", "砖瓦窑"),
    ("我们做防水厂的", "属于", "防水建筑材料制造"),  # 做防水 is a verb and its object: the plant is 防水厂
    # 家俱, the variant writing of 家具, names the furniture maker as 家俱厂 did, beside a look-alike's work
    ("我们做实木家俱的，有喷漆房", "属于", "家具制造"),
]


@pytest.mark.parametrize(("description", "verdict", "named"), CASES)
async def test_the_reading_by_rule(harness: Harness, description: str, verdict: str, named: str) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)


async def test_the_own_trade_mistyped_is_read_once_nothing_listed_is_its_own(harness: Harness) -> None:
    # an exact homophone of an outside word, as where the message names no known word at all
    reply = await harness.text("张三", "我们是屋流公司，给焦化厂拉焦炭")
    assert reply.startswith("（“屋流公司”按“物流公司”理解。）\n不属于。"), reply
    assert "道路货物运输" in reply, reply


@pytest.mark.parametrize(
    "description",
    [
        "我们给焦化厂拉焦炭",
        "帮焦化厂修焦炉的",
        # the industry asked about is the party's: the question, not the speaker's guess (with 维修队 said, the
        # repair trade places it: test_industry_kinds16)
        "专门给铁合金厂修矿热炉的电极系统，算铁合金行业吗",
    ],
)
async def test_nothing_of_its_own_is_not_sure(harness: Harness, description: str) -> None:
    reply = await harness.text("张三", description)
    assert reply.startswith(UNSURE), reply
    assert "不属于" not in reply, reply


async def test_the_self_assessments_industry_question_reads_them_too(harness: Harness) -> None:
    carrier = await harness.answer_industry_question("王会计", "我们是运输公司，给焦化厂拉焦炭")
    assert "焦化" not in carrier.replace("焦化厂", ""), carrier
    assert "道路货物运输" in carrier, carrier
    refractory = await harness.answer_industry_question("李会计", "我们给钢厂做耐火砖")
    assert "耐火材料" in refractory, refractory
    unfired = await harness.answer_industry_question("赵会计", "我们做免烧砖，水泥加砂子压制，不用窑烧")
    assert unfired.startswith("不属于。"), unfired
    assert "水泥制品" in unfired, unfired
