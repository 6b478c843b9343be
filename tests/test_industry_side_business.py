"""A listed side business beside an outside main one (tests/data/industry_fresh18.yaml): an enterprise with a listed
production line takes part for it, so a works the speaker says they have or set up besides (另外/还/副业 … 有个, 开了个,
投了个 … 厂, 车间, 作坊, 窑) places the enterprise in its industry, never 不属于. A word of having one between a cue of
place and the name makes the name the speaker's own (在村里有个小砖厂 is no customer's plant), and goods before a works
of the speaker's own are made there, not goods its main trade handles (副业有个织塑料编织袋的车间). A plant named after
a cue alone, with no word of having it, stays another party's."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.base import KnowledgeBase
from tests.harness import Harness, assert_verdict

# Each case: a description, the verdict its reply starts with, a name the reply holds.
CASES = [
    # the two told 不属于 in industry_fresh18.yaml
    ("老板主业开超市，另外在村里有个小砖厂", "属于", "砖瓦窑"),
    ("我们主业做物流，副业有个织塑料编织袋的车间", "属于", "塑料制品"),
    # other ways of saying a works of one's own beside an outside trade
    ("我们是搞运输的，另外在山上有个石灰窑", "属于", "石灰窑"),
    ("我们开饭店的，另外在村里开了家小砖厂", "属于", "砖瓦窑"),
    ("我们是运输公司，老板在乡里办了个铸造厂", "属于", "铸造"),
    ("我们主业卖建材，另外有个编织袋车间", "属于", "塑料制品"),
    # a plant after a cue and no word of having it is another party's, where the trade is named by an outside word
    ("装卸队，在焦化厂装车", "不属于", "装卸搬运和仓储业"),
    ("我们是搞运输的，给砖厂拉砖", "不属于", "道路货物运输"),
    # goods a carrier names with no works of its own are the goods it carries
    ("物流公司，拉塑料编织袋", "不属于", "道路货物运输"),
]


@pytest.mark.parametrize(("description", "verdict", "named"), CASES)
async def test_the_reading_by_rule(harness: Harness, description: str, verdict: str, named: str) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)


# Each side business with the industry it is listed in
SIDE_BUSINESSES = {
    "小砖厂": "砖瓦窑",
    "小砖窑": "砖瓦窑",
    "石灰窑": "石灰窑",
    "铸造车间": "铸造",
    "小铸造作坊": "铸造",
    "注塑车间": "塑料制品",
    "塑料编织袋车间": "塑料制品",
    "织塑料编织袋的车间": "塑料制品",
    "做编织袋的小作坊": "塑料制品",
    "耐火砖厂": "耐火材料",
}


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(
        [
            "老板主业开超市",
            "我们主业做物流",
            "我们是开饭店的",
            "我们主业是搞运输的",
            "主业是养殖场",
            "我们主营建材批发",
            "我们是做快递的",
            "我们是建筑公司",
        ]
    ),
    st.sampled_from(["另外", "还", "副业", "旁边还", "老板另外", "同时"]),
    st.sampled_from(["", "在村里", "在镇上", "在开发区"]),
    st.sampled_from(["有个", "有一家", "开了个", "投了个", "办了个", "建了个"]),
    st.sampled_from(sorted(SIDE_BUSINESSES)),
)
def test_a_listed_side_business_is_never_outside(
    kb: KnowledgeBase, main: str, sideline: str, place: str, owning: str, side: str
) -> None:
    """A wrong 不属于 costs the lowest grade: the side business's industry is the verdict, or the first guess."""
    description = f"{main}，{sideline}{place}{owning}{side}"
    match = kb.catalogue.match(description)
    assert match.verdict != "outside", (description, match.terms, match.bought)
    assert [industry.name for industry in match.candidates][:1] == [SIDE_BUSINESSES[side]], description
