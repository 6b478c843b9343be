"""Kinds of wording the industry reading missed (tests/data/industry_kinds8.yaml): customers named together, work
others do for a plant, the making of goods beside a trade that handles goods, processes given wholly to others,
trades outside the 47 by their own words, and machining that names its machines. A listed business phrased the
same ways stays listed."""

from __future__ import annotations

import pytest

from tests.harness import Harness


@pytest.mark.parametrize(
    ("description", "verdict", "named"),
    [
        ("我们是搞运输的，给玻璃厂和陶瓷厂拉原料", "不属于", "道路货物运输"),  # both customers, joined
        ("除尘布袋代理，给钢厂水泥厂供货，自己不生产", "不属于", "环境保护专用设备制造"),
        ("我们是设计院，做过几个水泥厂的设计", "不属于", "专业技术服务业"),  # work done for a plant
        ("监理公司，现在监理一个焦化厂的改造工程", "不属于", "专业技术服务业"),
        ("我们是冷库，另外自己还做饲料", "属于", "饲料加工"),  # making said beside a trade that stores goods
        ("给钢厂和水泥厂供石灰，我们自己有两座石灰窑", "属于", "石灰窑"),
        ("我们是做月饼和面包的，有烤箱，烧天然气", "不属于", "食品制造业"),  # a fuel burnt is no kiln
        ("砂轮片 切割片 经销", "不属于", "砂轮"),
        ("我们只做木门安装，门是厂家做好的", "不属于", "建筑装饰"),
        ("我们是做波璃的，窑里熔化石英砂做平板", "属于", "玻璃"),  # its own name mistyped beside listed work
        ("我们只做挖机整机 不做整车", "属于", "工程机械整机制造"),
        ("我们是做包装袋的 自己印刷", "属于", "包装印刷"),  # a bag is plastic or printed: its printing tells
    ],
)
async def test_a_business_is_told_by_its_own_trade_whatever_it_serves(
    harness: Harness, description: str, verdict: str, named: str
) -> None:
    reply = await harness.text("张三", description)
    # a word read by its sound is said first: （“波璃”按“玻璃”理解。）
    assert any(line.startswith(verdict) for line in reply.splitlines()[:2]), reply
    assert named in reply


async def test_a_plant_of_the_speakers_own_is_no_customer_of_its_works(harness: Harness) -> None:
    reply = await harness.text("张三", "我们焦化厂的改造项目，需要报吗")
    assert reply.startswith("属于"), reply
    assert "焦化" in reply


@pytest.mark.parametrize(
    ("description", "condition"),
    [
        ("我们只做设计排版，印刷全部外包给印刷厂", "如有“印刷”工序"),  # wholly given to others
        ("机加工车间，车床铣床加工零件，不喷漆也不铸造", "如有“喷漆”工序"),  # machines name no process
        ("嗯我们是做那个机加工的 车床铣床加工零件 不喷漆", "如有“喷漆”工序"),  # a filler after the verb
        ("卖耐火材料的，主要供给几家玻璃厂", "耐火材料"),  # goods sold to customers named
        ("仓库只负责存放，水泥是客户的", "水泥"),  # only stores others' goods
    ],
)
async def test_work_given_wholly_to_others_or_denied_beside_machining_is_the_condition(
    harness: Harness, description: str, condition: str
) -> None:
    reply = await harness.text("张三", description)
    assert "不属于" in reply.splitlines()[0], reply
    assert condition in reply
