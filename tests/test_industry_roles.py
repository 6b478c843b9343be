"""A business that serves, supplies or sells to a listed industry, or gives a listed process to others, is not
itself listed: "不属于" only where its own trade is a class outside the 47, "我没能确定" where in doubt; a listed
process of its own, said beside any of that, keeps it listed."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.answering import decide
from knowledge.base import KnowledgeBase
from tests.harness import Harness


@pytest.mark.parametrize(
    ("description", "verdict", "named"),
    [
        ("我们是检测公司，去钢厂取样", "不属于", "专业技术服务业"),  # a service to a listed industry
        ("给药厂送货的", "不属于", "道路货物运输"),
        ("我们环保公司，给焦化厂做脱硫", "不属于", "环境治理业"),
        ("我们做除尘设备，卖给水泥厂", "不属于", "环境保护专用设备制造"),  # a supplier
        ("我们买镀锌管回来做大棚骨架，自己不镀锌", "不属于", "结构性金属制品制造"),
        ("给主机厂配套做铸件，有两台中频炉", "属于", "铸造"),  # a customer named, its own furnaces
        ("汽修厂，还接主机厂零件的喷漆活", "属于", "工业涂装"),  # a sideline the look-alike does not describe
        (
            "我们是钢材贸易，在库里还搞热镀锌",
            "属于",
            "热镀锌",
        ),  # a process industry's name is work, not goods
        ("收废铝的，回来自己化成铝锭卖", "属于", "再生铜铝铅锌"),
        ("农资公司，自己有车间合成草甘膦原药", "属于", "农药制造"),  # synthesis is production
        ("我们是建筑设计院的，甲方是水泥厂，也要填这个名单吗", "不属于", "专业技术服务业"),  # the client
        ("纸箱厂的客户，我们是卖水果的，箱子是买来的", "不属于", "零售"),  # whose customer it is
        ("我们是水泥厂，甲方是电厂", "属于", "水泥"),
        ("我们组装水泵，外购的铸件", "不属于", "泵"),  # goods bought, 的 between
        # production said before, of other things, leaves goods bought bought: the 磨 of 车铣磨 grinds metal
        ("我们做机械零件，车铣磨，轴承座是外购的铸件", "不属于", "通用设备制造业"),
        ("熟料买来自己磨，出水泥", "属于", "水泥"),  # production said of the goods bought
        # a listed name asked about is the question, not the evidence, where other words say what the business is
        ("面粉厂，小麦磨粉，算不算饲料加工", "不属于", "谷物磨制"),
        ("做饲料的，算饲料加工吗", "属于", "饲料加工"),
        ("我们家做砖，这算砖瓦窑吗", "属于", "砖瓦窑"),  # alone, the name asked about is the speaker's guess
        ("我们是废品站，收的废铅自己炼", "属于", "再生铜铝铅锌"),
        (
            "我们只做组装，喷漆自己喷",
            "属于",
            "工业涂装",
        ),  # "only" plain work, and a listed process of its own
    ],
)
async def test_a_business_is_told_by_its_own_trade_and_work_not_by_its_customers(
    harness: Harness, description: str, verdict: str, named: str
) -> None:
    reply = await harness.text("张三", description)
    assert reply.startswith(verdict), reply
    assert named in reply


@pytest.mark.parametrize(
    ("description", "condition"),
    [
        ("我们是做配电柜的，喷塑外包", "如有“喷塑”工序，则属于“工业涂装”"),  # the process given to others
        ("我们做护栏，镀锌是外协，自己只焊接", "如有“镀锌”工序"),  # and only plain work of its own
        ("我们是家具厂的油漆供应商，只代理品牌漆", "油漆"),  # only trades the goods
        ("机加工，车铣磨钻，外购铸件", "如果贵企业自己生产或加工“铸件”"),  # cutting metal casts nothing
    ],
)
async def test_a_listed_process_given_to_others_or_only_plain_work_is_the_condition(
    harness: Harness, description: str, condition: str
) -> None:
    reply = await harness.text("张三", description)
    assert "单从这点看不属于" in reply, reply
    assert condition in reply


@pytest.mark.parametrize(
    "description",
    [
        "我们是物流公司，去年建了焦化厂",  # 去 names a customer's site ("去钢厂取样"), 去年 a time
        "我们是物流公司，到自己的焦化厂拉焦炭",  # 自己: the plant is the speaker's own
    ],
)
async def test_a_business_of_the_speakers_own_is_no_customer(harness: Harness, description: str) -> None:
    reply = await harness.text("张三", description)
    assert not reply.startswith("不属于"), reply


SERVICES = [
    "我们是检测公司，去{0}取样",
    "给{0}送货",
    "帮{0}做环评",
    "{0}的供应商",
    "卖给{0}",
    "从{0}进货",
    "客户是{0}",
    "承包了{0}的保洁",
    "往{0}派工人",
    "机加工外包给{0}",
    # customers named together, or by the work done for them (industry_kinds8.yaml)
    "给{0}和{1}拉货",
    "给{0}{1}供货",
    "做过几个{0}的设计",
    "监理一个{0}的改造项目",
    "在{0}的新车间项目上做监理",
    "运{0}的货",
]


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0),
    st.integers(min_value=0),
    st.integers(min_value=0),
    st.sampled_from(SERVICES),
    st.booleans(),
)
def test_a_listed_process_beside_a_service_or_supply_clause_is_never_told_no(
    kb: KnowledgeBase, pick: int, other: int, another: int, service: str, process_first: bool
) -> None:
    """Whatever another industry's business the message serves, supplies, buys from or gives work to, the
    speaker's own listed process keeps it out of "不属于"."""
    industries = kb.catalogue.industries
    processes = [term for industry in industries for term in industry.processes]
    process = processes[pick % len(processes)]
    names = [alias for industry in industries for alias in industry.aliases if alias.endswith(("厂", "公司"))]
    clause = service.format(names[other % len(names)], names[another % len(names)])
    own = f"我们自己{process}"
    text = f"{own}，{clause}" if process_first else f"{clause}，{own}"
    match = decide(kb, text).industry
    assert match is None or match.verdict != "outside", text
