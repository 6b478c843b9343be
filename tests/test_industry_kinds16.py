"""Development misses of the industry reading at 081da13, by rule: work said to be another party's (喷漆是家具厂的事,
热处理是客户自己做, 印花都发给外面的染厂) is denied to the speaker like work given out; the known words after a word of
repairing are the plant or goods repaired (专门修推焦车, 维修高炉和转炉设备), not what the business runs or makes; a
material of an industry beside a party of that industry is what the speaker supplies it (铁精粉都卖给钢厂); a trade
hosted in a listed plant may be named by several outside words (钢厂里的余热发电合同能源公司); a listed word before
用的, after a verb of making, is the industry the goods are made for (生产钢厂用的皮带输送机). A listed business said the
same ways stays listed, and none is told 不属于."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.base import KnowledgeBase
from tests.harness import UNSURE, Harness, assert_verdict

# Each case: a description, the verdict its reply starts with, a name the reply holds.
CASES = [
    # work that is another party's, after 是/由 or handed to it: denied, the condition
    ("我们是机加工厂，给汽车厂加工零件，热处理是客户自己做", "不属于", "热处理"),
    ("我们是机加工厂，给工程机械厂车铣零件，热处理和喷漆都是客户自己做", "不属于", "喷漆"),
    ("织毛巾的，染色和印花都发给外面的染厂", "不属于", "家用纺织制成品制造"),
    # named by who does it (X的是…) or by the vehicles or crews the party sends (派, 安排): the business's own
    # product decides, the haulage it does not do is no trade of its own
    ("我们是做砖的，拉货的都是客户自己派的车", UNSURE, "砖瓦窑"),
    ("我们烧砖，运输都是客户安排", "属于", "砖瓦窑"),
    ("我们是物流公司，拉货的都是我们自己的车", "不属于", "道路货物运输"),
    # the maker of what the party uses keeps its own goods; the party named is no evidence
    ("我们生产木器漆，卖给家具厂，喷漆是家具厂的事", "属于", "涂料制造"),
    # the speaker's own plant or workshop doing the work is no other party
    ("我们是印染厂，染色是我们厂自己做的", "属于", "印染精加工"),
    ("我们是家具厂，喷漆是一车间做的", "属于", "家具制造"),
    # a repairer of another's plant is placed by its own trade
    ("我们是机修厂，在焦化厂院里租了个车间，专门修推焦车", "不属于", "金属制品、机械和设备修理业"),
    (
        "我们是个维修队，专门给铁合金厂修矿热炉的电极系统，算铁合金行业吗",
        "不属于",
        "金属制品、机械和设备修理业",
    ),
    # production said beside a repair, and the 修 of a word that repairs nothing, stay evidence
    ("我们修高炉的，也生产耐火砖", "属于", "耐火材料"),
    ("我们生产装修涂料", "属于", "涂料制造"),
    ("五金工具公司，园林剪和修枝剪是自己锻打的", "属于", "农用及园林用金属工具制造"),
    # what an industry takes in, supplied to a business of that industry, is the supplier's trade, not the industry
    ("我们是选矿厂，铁精粉都卖给钢厂", "不属于", "采选业"),
    ("我们开采高岭土，卖给陶瓷厂当原料，就是挖和晒，没有窑", "不属于", "粘土及其他土砂石开采"),
    # the speaker's own listed plant keeps the material bought, whatever it sells on
    ("我们是球团厂，铁精粉从选矿厂买，球团卖给钢厂", "属于", "长流程联合钢铁"),
    ("我们是做瓷土的，卖给陶瓷厂，自己也烧点日用瓷", "属于", "陶瓷"),
    # trades hosted in a listed plant, named by one or more outside words before the clause ends
    ("我们是钢厂院里的气体公司，制氧站给钢厂供氧气氮气", "不属于", "工业气体"),
    ("我们是钢厂里的余热发电合同能源公司，只管发电，算钢铁吗", "不属于", "不在2020年47个重点行业目录"),
    ("我们钢厂有余热发电", "属于", "长流程联合钢铁"),
    # book and newspaper printing (C2311) is not 包装印刷 (2319); packaging or other print said beside it is
    ("我们是书刊印刷厂，印教材和杂志，不做包装", "不属于", "书、报刊印刷"),
    ("我们印教辅资料和试卷，不印包装", "不属于", "书、报刊印刷"),
    ("我们印教材，也印包装盒", "属于", "包装印刷"),
    ("我们是印刷厂，印书刊也印画册", "属于", "包装印刷"),
    # what goods are made for (X用的) is the customer's industry; without a verb of making it is the speaker's
    ("我们生产家具用的PU漆和硝基漆", "属于", "涂料制造"),
    ("我们做钢厂用的耐火砖", "属于", "耐火材料"),
    ("我们有喷漆用的设备", "属于", "工业涂装"),
    # 用的 starting the next clause says what is used, no customer's industry ("No word is read across a comma")
    ("缠绕机做玻璃钢管道，用的不饱和树脂和玻纤纱", "属于", "玻璃钢"),
    # goods before a word of servicing them (换件, 保养) are others' goods worked on; weaving grey cloth is weaving
    ("挖掘机维修店，给挖掘机换件、保养，不喷漆", "不属于", "金属制品、机械和设备修理业"),
    ("我们只织坯布，不染也不印", "不属于", "棉织造加工"),
    ("我们织坯布，自己也染色", "属于", "印染精加工"),
    # a term of making whose verb governs a trade names the goods traded, shown without the verb
    ("我们做饲料原料贸易，卖玉米和豆粕，不加工，也算饲料加工吗", "不属于", "“饲料”、“豆粕”只是买进、卖出"),
    ("我们做饲料，也做贸易", "属于", "饲料加工"),
    # a 经营部 trades what it names unless it says production
    ("铁合金经营部，硅铁锰铁都是从宁夏调的货，我们就开票发货", "不属于", "只是买进、卖出"),
    ("红星建材经营部，我们自己烧红砖", "属于", "砖瓦窑"),
    # goods a trader in a market sells (瓷砖买卖) are traded; production said keeps them
    ("我们是做瓷砖买卖的，建材城里两个门面，不生产", "不属于", "建材批发"),
    ("我们是做瓷砖买卖的，建材城里两个门面，自己也烧一点", "属于", "陶瓷"),
    # a word of grades or measures says no production (限产 holds 产)
    ("我们是水泥经销商，有个仓库存袋装水泥，限产名单有我们吗", "不属于", "建材批发"),
]


@pytest.mark.parametrize(("description", "verdict", "named"), CASES)
async def test_the_reading_by_rule(harness: Harness, description: str, verdict: str, named: str) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)


@pytest.mark.parametrize(
    "description",
    [
        # repaired plant, or a material supplied, and nothing of its own: not sure, never 不属于
        "我们给钢厂供铁精粉",
        # equipment made for an industry, a bare 设备厂 beside it (a vague word, no typo of 碑厂); equipment named by a
        # word of its own class (皮带输送机, 通用设备制造业) is placed there (test_outside27_causes)
        "我们做热镀锌用的锌锅设备，就是设备厂，算热镀锌行业吗",
        "我们公司在焦化厂院里租了个车间，专门修焦炉上的设备和电机，要报名单吗",
    ],
)
async def test_nothing_of_its_own_is_not_sure(harness: Harness, description: str) -> None:
    reply = await harness.text("张三", description)
    assert reply.startswith(UNSURE), reply
    assert "不属于" not in reply, reply


async def test_a_brickworks_whose_customers_send_the_trucks_gets_its_question_answered(
    harness: Harness,
) -> None:
    """The haulage the customers do is no trade of the speaker's: the ledger asked about is answered, never 不属于."""
    reply = await harness.text("张三", "我们是做砖的，拉货的都是客户自己派的车，车辆电子台账我们也要建吗")
    assert "运输车辆电子台账" in reply, reply
    assert "不属于" not in reply, reply


# A few listed processes, and the ways a speaker says the work is its own although a party-like word follows.
OWN_WORK = st.sampled_from(["喷漆", "热镀锌", "染色", "电镀", "注塑", "炼焦"])


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    OWN_WORK,
    st.sampled_from(
        [
            "{w}是我们厂自己做的",
            "{w}是我们自己做",
            "{w}是自己干的",
            "{w}是一车间负责",
            "{w}是不是客户做",
            "{w}的是我们厂自己",
            "{w}的都是我们自己派的人",
            "我们是加工厂，{w}由本厂完成",
        ]
    ),
)
def test_work_the_speaker_says_is_its_own_is_never_given_to_a_party(
    kb: KnowledgeBase, work: str, wording: str
) -> None:
    """Only another party takes the work away: the speaker's own plant, workshop or self (我们厂, 一车间, 自己, 本厂),
    or a question, keeps it as evidence, since a wrong 不属于 costs the lowest grade."""
    match = kb.catalogue.match(wording.format(w=work))
    assert match.verdict != "outside", (wording, work, match.terms)
    assert work not in [term for term, _ in match.negated], (wording, work)


def test_production_said_beside_a_word_of_measures_keeps_the_goods(kb: KnowledgeBase) -> None:
    """Only the measure's own 产 is no production: a seller that says it produces stays listed (the whole message is
    answered as a question of measures, so the reading is checked by itself)."""
    match = kb.catalogue.match("卖水泥的，自己也生产，限产名单有我们吗")
    assert match.verdict == "one", match
    assert match.candidates[0].name == "水泥", match
