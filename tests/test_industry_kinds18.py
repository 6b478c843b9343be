"""Development misses of the industry reading at 85ab8ae, by rule: the materials of a listed industry that an outside
class tells itself apart by are that class's goods (铁矿选矿厂，磁选出铁精粉 concentrates iron ore, no steel made); a
listed word said made apart from a look-alike holding the same word is a product of its own (我们生产岩棉和岩棉夹芯板
makes rock wool), so a look-alike never turns it into 不属于; sandwich panels, tanning and hauling dangerous chemicals
are classes outside the 47. A listed business said the same ways stays listed, and none is told 不属于."""

from __future__ import annotations

import pytest

from tests.harness import Harness, assert_verdict

UNSURE = "我没能确定"

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
]


@pytest.mark.parametrize(("description", "verdict", "named"), CASES)
async def test_the_reading_by_rule(harness: Harness, description: str, verdict: str, named: str) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)
