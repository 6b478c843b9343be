"""Kinds of wording the industry reading missed at 78fe927, by rule (tests/data/industry_kinds12.yaml): a listed
process said in a later clause with 也 beside an outside look-alike, and a listed plant before 的 naming the host or
parent of the speaker's business, which the head word names; a trade that makes nothing, whatever else it says. A listed business phrased the same ways stays listed."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.base import KnowledgeBase
from tests.harness import Harness, assert_verdict

# Each case: a description, the verdict its reply starts with, a name the reply holds.
CASES = [
    # the look-alike (织布厂) says nothing of a later clause that says another line of work with 也
    ("织布厂，自己也有染缸染色", "属于", "印染精加工"),
    ("织布厂，只织坯布", "不属于", "棉织造加工"),
    # a trade outside the 47 ending its clause after a listed plant and 的 names the business, the plant its host
    ("玻璃厂的运输公司，就是拉原料", "不属于", "道路货物运输"),
    ("我们是焦化厂的保安公司，派人在厂门口站岗", "不属于", "商务服务业"),
    ("钢厂的运输公司", "不属于", "道路货物运输"),
    # the speaker's own plant before 的, or a trade that does not end the clause, is no head word
    ("我们焦化厂的食堂要报吗", "属于", "焦化"),
    ("我们是焦化厂，焦化厂的煤气供给附近小区", "属于", "焦化"),
    # plants joined to a party's after them are parties too, the speaker's own plant not
    ("我们是监理公司，做过钢厂和焦化厂的监理", "不属于", "专业技术服务业"),
    ("我们焦化厂和钢厂的改造项目", "属于", "焦化"),
    # an outside trade's words the vocabulary lacked: bare 仓储 and 石灰石, a repair said after the machine
    ("在水泥厂里租了个库房做仓储", "不属于", "装卸搬运和仓储业"),
    ("开采石灰石卖给石灰窑，自己不烧", "不属于", "石灰石、石膏开采"),
    ("用石灰石烧白灰", "属于", "石灰窑"),
    ("印刷机维修，上门给纸箱厂修", "不属于", "修理"),
    # a trade that makes nothing: its other words are its goods, places and paperwork, listed goods the condition
    ("铁合金买卖，硅铁都是从内蒙古发来的，我们就开票", "不属于", "如果贵企业自己生产或加工“硅铁”"),
    ("炭黑代理，只做销售，没有生产线", "不属于", "如果贵企业自己生产或加工“炭黑”"),
    # with no listed word, the trade is the class
    ("钢材买卖，纯贸易，仓库都是租的", "不属于", "批发业"),
    ("我们是铸造厂的原材料供应商，纯贸易，不生产", "不属于", "批发业"),
    # dyeing is a process done to cloth made anywhere: cloth woven, dyeing denied or given to others, is no evidence
    ("织布厂，剑杆织机织坯布，染色外包", "不属于", "如有“染色”工序"),
    ("布是买来染好的，我们只裁剪缝纫", "不属于", "如有“染色”工序"),
    ("织坯布，自己也染色", "属于", "印染精加工"),
    # goods said bought finished (买成品) are bought, as 买现成 ones are
    ("养牛场，饲料是买成品的", "不属于", "如果贵企业自己生产或加工“饲料”"),
    # a trade handed to another party (让代理公司…) is that party's, not the speaker's: no verdict on it
    ("代理公司，纯贸易，不生产", "不属于", "批发业"),
    # production said keeps a seller listed
    ("我们生产耐火砖，也自己卖", "属于", "耐火材料"),
]


@pytest.mark.parametrize(("description", "verdict", "named"), CASES)
async def test_the_reading_by_rule(harness: Harness, description: str, verdict: str, named: str) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)


@pytest.mark.parametrize(
    ("said", "listed", "named"),
    [
        ("我们是钢厂的运输公司", "长流程联合钢铁", "道路货物运输"),
        ("钢材买卖，纯贸易，仓库都是租的", "长流程联合钢铁", "批发业"),
    ],
)
async def test_the_self_assessments_industry_question_reads_them_too(
    harness: Harness, said: str, listed: str, named: str
) -> None:
    reply = await harness.answer_industry_question("王会计", said)
    assert listed not in reply, reply
    assert named in reply, reply


# Characters no catalogue or outside word is made of alone: goods the vocabulary does not know.
UNKNOWN_GOODS = st.text(alphabet="甲乙丙丁戊己庚辛壬癸", min_size=2, max_size=4)


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    UNKNOWN_GOODS,
    st.sampled_from(["卖", "批发", "贸易", "经销", "代理", "销售"]),
    st.sampled_from(["生产", "做", "烧", "加工", "压", "熔"]),
    st.sampled_from(
        [
            "{g}{s}，{g}是自己{p}的",
            "我们{p}{g}，也{s}",
            "{s}{g}的，自己也{p}",
            "{g}{s}，从外地进货，也自己{p}一点",
        ]
    ),
)
def test_a_seller_that_says_production_is_never_placed_by_its_trade(
    kb: KnowledgeBase, goods: str, sells: str, production: str, wording: str
) -> None:
    """Production said anywhere keeps a seller of goods the vocabulary does not know from the trade class: they may be
    a listed industry's, and a wrong 不属于 costs the lowest grade."""
    match = kb.catalogue.match(wording.format(g=goods, s=sells, p=production))
    assert match.verdict != "outside", (wording, goods, sells, production, match.terms)


async def test_a_trade_handed_to_another_party_places_no_business(harness: Harness) -> None:
    """ "让代理公司…" asks about the materials, not a trade of the speaker's: never told 不属于 for it."""
    reply = await harness.text("张三", "我们申报材料打算让代理公司统一盖章寄过去")
    assert not reply.startswith("不属于"), reply
    assert "批发业" not in reply
