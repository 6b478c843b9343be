"""A plant told by the shop that sells its goods (tests/data/industry_fresh19.yaml): a shop named where the goods are
sold (…店里卖的, …店卖的, …店进的, 卖X的店进的) before words saying the speaker makes them (我们厂/俺厂/我们 + a verb) is
the seller, another party, not the speaker's own trade: the goods' industry decides, never 不属于 (a wrong 不属于
costs the lowest grade). A shop the speaker says it is, or one that the speaker also sells from, stays its trade."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.base import KnowledgeBase
from tests.harness import Harness, assert_verdict

# Each case: a description, the verdict its reply starts with, a name the reply holds.
CASES = [
    # the seven told 不属于 in industry_fresh19.yaml, and the one left unsure
    ("五金店里卖的铁锹、镐头、锄头，我们厂打的", "属于", "农用及园林用金属工具制造"),
    ("药店里卖的感冒颗粒是我们厂生产的", "属于", "制药"),
    ("农资店卖的杀虫剂除草剂我们厂配的", "属于", "农药制造"),
    ("饲料店里卖的猪饲料鸡饲料我们厂出的", "属于", "饲料加工"),
    ("轮胎店里的三轮车胎电动车胎是我们厂硫化的", "属于", "橡胶制品制造"),
    ("建材店卖的岩棉板保温材料是我们厂出的", "属于", "岩矿棉"),
    ("卖窗户玻璃的店进的平板玻璃是我们厂拉出来的", "属于", "玻璃"),
    ("布店里卖的花布是我们厂染的印的", "属于", "印染精加工"),
    # other shops and makers said the same way
    ("小卖部卖的塑料盆都是俺厂做的", "属于", "塑料制品"),
    ("超市里卖的瓷砖，是咱厂烧的", "属于", "陶瓷"),
    # the speaker's own shop stays a shop
    ("我们是五金店，卖铁锹", "不属于", "五金"),
    ("我们开药店的", "不属于", "医药"),
    # the speaker sells there too: another seller, not the maker
    ("五金店里卖的铁锹，我们也卖", "不属于", "五金"),
]


@pytest.mark.parametrize(("description", "verdict", "named"), CASES)
async def test_the_shop_is_the_seller(harness: Harness, description: str, verdict: str, named: str) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)


async def test_goods_not_listed_are_unsure_not_outside(harness: Harness) -> None:
    """Goods the catalogue does not know leave the speaker's business unknown: the shop says nothing of it."""
    reply = await harness.text("张三", "五金店里卖的那种晾衣架是我们厂做的")
    assert not reply.startswith("不属于"), reply


# Each listed product with its industry
GOODS = {
    "铁锹": "农用及园林用金属工具制造",
    "杀虫剂": "农药制造",
    "猪饲料": "饲料加工",
    "电动车胎": "橡胶制品制造",
    "岩棉板": "岩矿棉",
    "平板玻璃": "玻璃",
    "瓷砖": "陶瓷",
    "感冒颗粒": "制药",
    "花布": "印染精加工",
    "塑料盆": "塑料制品",
}


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(
        [
            "五金店",
            "药店",
            "农资店",
            "饲料店",
            "轮胎店",
            "建材店",
            "超市",
            "商店",
            "门市",
            "建材市场",
            "小卖部",
            "杂货店",
        ]
    ),
    st.sampled_from(["里卖的", "卖的", "进的"]),
    st.sampled_from(sorted(GOODS)),
    st.sampled_from(["", "，"]),
    st.sampled_from(["是我们厂", "我们厂", "是俺厂", "都是我们"]),
    st.sampled_from(["打的", "生产的", "做的", "出的", "配的", "硫化的", "拉出来的", "染的"]),
)
def test_goods_a_shop_sells_and_we_make_are_ours(
    kb: KnowledgeBase, shop: str, sold: str, goods: str, between: str, ours: str, verb: str
) -> None:
    """Before the change 15,456 of these 23,040 descriptions were told 不属于: the goods' industry is first now."""
    description = f"{shop}{sold}{goods}{between}{ours}{verb}"
    match = kb.catalogue.match(description)
    assert match.verdict != "outside", (description, match.terms, match.bought)
    assert match.candidates, description
    assert match.candidates[0].name == GOODS[goods], (description, match.candidates)
