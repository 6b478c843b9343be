"""The blind set's misses by rule (tests/data/industry_kinds15.yaml): a trader that says it makes nothing trades the goods
of every clause, also where a verb that names no process governs its goods and trade (做家具买卖, 只做螺纹钢、板材的批发);
an outside trade's own name is no other party (在平山建光伏电站); a user buys what it says it bought (饲料全是买的); where every
known word is another party's, the speaker's own words are read for a typo (练焦的); the business's own name right before
的 is offered first beside a process word of another industry (做铸件的，电炉熔炼). A listed business said the same ways
stays listed, and none is told 不属于."""

from __future__ import annotations

import pytest

from tests.harness import Harness, assert_verdict

# Each case: a description, the verdict its reply starts with, a name the reply holds.
CASES = [
    # traders that say no production: their goods are traded, the condition
    ("我们是做家具买卖的，家俱城里三个门面，不生产", "不属于", "如果贵企业自己生产或加工"),
    ("我们是XX钢材贸易有限公司，只做螺纹钢、板材的批发，没有生产线", "不属于", "金属及金属矿批发"),
    ("我们做危化品贸易，苯、甲醇都有，只有仓库没有生产装置", "不属于", "如果贵企业自己生产或加工“甲醇”"),
    ("我们生产甲醇，也做化工贸易", "属于", "有机化工行业"),
    # outside classes the speaker's own words name
    ("我们在平山建光伏电站，装机50兆瓦，要参加绩效分级吗", "不属于", "电力生产"),
    ("我们是热力公司，冬天烧燃煤锅炉给小区供暖，这次评级要报吗", "不属于", "热力生产和供应"),
    ("主要产品：小麦粉、麸皮，我们要报吗", "不属于", "谷物磨制"),
    ("我们是热力公司，自己有燃煤锅炉，还生产石灰", "属于", "石灰窑"),
    # a user of listed goods it buys
    ("我们是养猪场，存栏五千头，饲料全是买的成品料，不自己加工", "不属于", "畜牧业"),
    # a stone shop that cuts and polishes is a stone processor; one that only sells is a trader
    ("我们做墓碑和大理石台面，进荒料切割、磨光，是个石材店", "属于", "石材加工行业"),
    ("我们开石材店，只卖不加工", "不属于", "如果贵企业自己生产或加工“石材”"),
]


@pytest.mark.parametrize(("description", "verdict", "named"), CASES)
async def test_the_reading_by_rule(harness: Harness, description: str, verdict: str, named: str) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)


async def test_the_speakers_own_words_are_read_for_a_typo_beside_a_customers_name(harness: Harness) -> None:
    reply = await harness.text("张三", "急！！我们厂是练焦的，给钢厂供焦碳，到底要不要评")
    assert "焦化" in reply, reply
    assert "“练焦”按“炼焦”理解" in reply, reply
    # nothing of its own besides the customer's plant: still not sure, never 不属于
    repairer = await harness.text("李四", "帮焦化厂修焦炉的")
    assert repairer.startswith("我没能确定"), repairer


async def test_the_business_own_name_comes_first_beside_a_shared_process_word(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是做铸件的，电炉熔炼")
    assert reply.index("铸造") < reply.index("短流程钢铁"), reply
    assert "不属于" not in reply, reply
    # the numbered question's first choice is taken as the answer
    picked = await harness.text("张三", "1")
    assert picked.startswith("好的，按“铸造”"), picked
