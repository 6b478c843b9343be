"""Kinds of wording the industry reading missed in industry_fresh12.yaml at 01d6bcd, by rule
(tests/data/industry_kinds13.yaml): a listed plant's place and 的 before the trade it hosts, a buying word after a list
of goods, goods let out (出租, 租赁); and "算X吗" asks for the verdict. A listed business phrased the same ways stays
listed."""

from __future__ import annotations

import pytest

from tests.harness import Harness, assert_verdict

# Each case: a description, the verdict its reply starts with, a name the reply holds.
CASES = [
    # a plant's place (院里, 旁边) and 的 before a trade outside the 47: the trade is the speaker's, the plant its host
    ("我们是焦化厂院里的运输队", "不属于", "道路货物运输"),
    ("我们是钢厂里的保安公司", "不属于", "商务服务业"),
    ("我们是园区里的焦化厂，有两座焦炉", "属于", "焦化"),  # the place is the speaker's plant's
    # a buying word after a list buys each of its goods; the business's name saying production keeps it listed
    ("我们是搅拌站，水泥和石子都是买的", "不属于", "如果贵企业自己生产或加工“水泥”"),
    ("我们是装修公司，油漆和腻子都是外购的", "不属于", "建筑装饰"),
    ("我们是铸造厂，生铁和废钢都是买的", "属于", "铸造"),
    # goods from a supplier (从…进/买) are bought, 全 between as 全部 is
    ("我们是养牛场，饲料全是从外面饲料厂进的", "不属于", "畜牧业"),
    ("我们是饲料厂，玉米全是从东北进的，自己粉碎配料", "属于", "饲料加工"),
    # goods let out are handled, not made: the business is a lessor; making said keeps the maker listed
    ("我们公司租赁挖掘机给工地用", "不属于", "租赁业"),
    ("我们出租叉车和装载机，不生产", "不属于", "租赁业"),
    ("我们生产装载机，也对外出租", "属于", "工程机械整机制造"),
    # "算X吗" of a listed name asks whether the business is one of the 47, as "算不算" does: the verdict answers it, not
    # an entry about X's grades, and X is no evidence where the business's own words say what it is
    ("我们是水泥厂，自己烧熟料，算水泥吗", "属于", "水泥"),
    ("我们做铸件，给机械厂配套，算铸造吗", "属于", "铸造"),
    ("我们是面粉厂，麸皮卖给饲料厂，算饲料加工吗", "不属于", "谷物磨制"),
    ("我们出租装载机，顺带维修，算工程机械吗", "不属于", "租赁业"),
]


@pytest.mark.parametrize(("description", "verdict", "named"), CASES)
async def test_the_reading_by_rule(harness: Harness, description: str, verdict: str, named: str) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)


async def test_the_self_assessments_industry_question_reads_them_too(harness: Harness) -> None:
    hosted = await harness.answer_industry_question("王会计", "我们是钢厂旁边的物流公司")
    assert "长流程联合钢铁" not in hosted, hosted
    assert "道路货物运输" in hosted, hosted
    lessor = await harness.answer_industry_question("李会计", "我们出租装载机，顺带维修")
    assert "工程机械整机制造" not in lessor, lessor
    assert "租赁业" in lessor, lessor
