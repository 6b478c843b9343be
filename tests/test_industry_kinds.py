"""Kinds of wording the industry reading missed (tests/data/industry_kinds8.yaml): customers named together, work
others do for a plant, the making of goods beside a trade that handles goods, processes given wholly to others,
trades outside the 47 by their own words, and machining that names its machines; and (industry_kinds9.yaml) texts
that state no business yet hold a term with one character wrong across two words, and customers after 在 or 发. A
listed business phrased the same ways stays listed."""

from __future__ import annotations

import pytest

from tests.harness import Harness


@pytest.mark.parametrize(
    ("description", "verdict", "named"),
    [
        ("我们是搞运输的，给玻璃厂和陶瓷厂拉原料", "不属于", "道路货物运输"),  # both customers, joined
        ("除尘布袋代理，给钢厂水泥厂供货，自己不生产", "不属于", "环境保护专用设备制造"),
        ("我们是设计院，做过几个水泥厂的设计", "不属于", "专业技术服务业"),  # work done for a plant
        ("我们是做管理软件的，给水泥厂做台账", "不属于", "软件和信息技术服务业"),
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


@pytest.mark.parametrize(
    "text",
    [
        "我们办公室主任兼管着环保这摊事",  # a statement: 办公室 then 主任, no 办公桌
        "[文件]工作方案.doc",  # a file name: 文件 then 工作, no 文件柜
        "文件打印好了",
        "大家好，我是新进群的，老板派我来的",  # a greeting: 老板 then 派, no 老板桌
        "麻烦发一下文件，老板要看",  # never across a comma
        "安全问题算不算评级内容",  # a question about the procedure: 安全 then 问题, no 安全鞋
    ],
)
async def test_a_text_that_states_no_business_is_told_neither_side(harness: Harness, text: str) -> None:
    reply = await harness.text("张三", text)
    assert not any(line.startswith(("属于", "不属于")) for line in reply.splitlines()[:2]), reply
    assert "理解。）" not in reply, reply  # no word read as a mistyped business


@pytest.mark.parametrize(
    ("description", "read_as", "named"),
    [
        ("我们做文件框的", "“文件框”按“文件柜”理解", "家具制造"),  # a typo where the business is said
        ("我们是做电工套关的", "“电工套关”按“电工套管”理解", "塑料制品"),
        ("我们是做办公卓椅的", "“办公卓椅”按“办公桌椅”理解", "家具制造"),
    ],
)
async def test_a_business_said_with_a_typo_is_still_read(
    harness: Harness, description: str, read_as: str, named: str
) -> None:
    reply = await harness.text("张三", description)
    assert read_as in reply, reply
    assert any(line.startswith("属于") for line in reply.splitlines()[:2]), reply
    assert named in reply


@pytest.mark.parametrize(
    ("description", "verdict", "named"),
    [
        ("搬运队，常年在水泥厂卸货", "不属于", "装卸搬运"),  # the plant where the speaker's own trade works
        ("保洁公司，在陶瓷厂做厂区保洁", "不属于", "清洁服务"),
        ("物流公司，煤主要发焦化厂和电厂", "不属于", "货物运输"),  # the plant the goods are sent to
        ("石子场，石子主要发搅拌站和水泥厂", "不属于", "开采"),
        ("我在钢厂上班", "属于", "长流程联合钢铁"),  # no trade of its own said: the plant is the speaker's
        ("我在水泥厂上班，厂里让我问问要不要报", "属于", "水泥"),
        ("我们是开发区的焦化厂", "属于", "焦化"),  # the 发 of 开发区 sends nothing
        ("我们是焦化厂，焦炭主要发钢厂", "属于", "焦化"),
    ],
)
async def test_a_plant_after_zai_or_fa_is_a_customer_only_beside_a_trade_of_the_speakers(
    harness: Harness, description: str, verdict: str, named: str
) -> None:
    first = (await harness.text("张三", description)).splitlines()[0]
    assert first.startswith(verdict), first
    assert named in first


@pytest.mark.parametrize(
    ("description", "named"),
    [
        ("做物流的，自己还搞铸造", "铸造"),  # an industry named by its process is no goods a carrier handles
        ("卖建材的，还搞焦化", "焦化"),
        ("我们做防水卷才的", "防水建筑材料制造"),  # 做防水 holds part of the mistyped 防水卷材
        ("卖建材的，自己有个石灰姚", "石灰窑"),  # and 石灰 of 石灰窑
    ],
)
async def test_a_listed_business_beside_an_outside_trade_is_never_told_outside(
    harness: Harness, description: str, named: str
) -> None:
    reply = await harness.text("张三", description)
    assert any(line.startswith("属于") for line in reply.splitlines()[:2]), reply
    assert named in reply


async def test_a_piece_of_an_unknown_word_beside_a_known_one_is_no_typo(harness: Harness) -> None:
    reply = await harness.text(
        "张三", "废品收购站，收纸壳塑料瓶"
    )  # 壳塑料 sounds like 可塑料, but 纸壳 is one word
    assert reply.startswith("不属于"), reply


@pytest.mark.parametrize(
    ("text", "listed", "told"),
    [
        # 搞, 弄 said of the grading ask whether the business takes part (industry_kinds11.yaml)
        ("洗衣店也得搞这个评级吗", False, "洗染服务"),
        ("我们是养猪场，要不要弄这个分级", False, "畜牧业"),
        ("陶瓷厂也要搞绩效评级吗", True, "“陶瓷”"),
        # a buying word heads the whole list; 、 lists as 和 does
        ("我们做阀门，阀体是买来的锻件和铸件", False, "如果贵企业自己生产或加工“铸件”"),
        ("阀门厂，毛坯都是外购的锻件、铸件", False, "如果贵企业自己生产或加工“铸件”"),
        # goods bought already finished: the maker did the work; finishing of our own is ours
        ("组装摩托车，车架是买来喷好漆的", False, "如有“喷漆”工序，则属于“工业涂装”"),
        ("暖气片买来就已经烤好漆了，我们只组装", False, "如有“烤漆”工序"),
        ("暖气片买来我们自己再烤一遍漆", True, "“工业涂装”"),
        # a customer's goods worked on, a supplier's goods traded
        ("我们是机修车间，给陶瓷厂切割瓷砖", False, "如果贵企业自己生产或加工“瓷砖”"),
        ("我们是铸造厂的型砂供应商，只做贸易", False, "如果贵企业自己生产或加工“型砂”"),
        # a repair shop's booth paints the cars it repairs (the caution: batch spraying); tinting is a shop's service
        ("汽车维修厂，有两间烤漆房", False, "不是修车补漆"),
        ("汽车修理厂，还对外承接零部件批量喷漆", True, "“工业涂装”"),
        ("卖油漆的门店，也给客户调色", False, "如果贵企业自己生产或加工“油漆”"),
    ],
)
async def test_the_reading_of_taking_part_bought_lists_finished_goods_customers_and_shops(
    harness: Harness, text: str, listed: bool, told: str
) -> None:
    reply = await harness.text("张三", text)
    first = reply.splitlines()[0]
    assert first.startswith("属于") if listed else "不属于" in first, reply
    assert told in reply
