"""Causes of industry_fresh28's false 不属于: the shapes a business pastes rather than says (an EIA form's 主要设备 list,
a licence's 经营范围 line). A kiln, works or process of an industry defined by what it makes, named as one item of a
list, is the business's own: a look-alike in another item ("石灰石破碎筛分系统") is another part of the plant, not what
makes the kiln someone else's. Smelting named in a licence's line ("再生铅冶炼及铅锭销售") names the work, so the
collection said beside it is no trade; and the steps of making a line names (发酵、提取、精制) say production, so the
goods before them are made, not sold only."""

from __future__ import annotations

from collections.abc import Iterator

from knowledge.base import KnowledgeBase
from tests.harness import Harness, assert_never_outside_and_kept, assert_verdict, told_outside

# the industries of 附件1 that are a process done to goods made anywhere (industry_cues.yaml's process_defined): their
# look-alikes (汽修 beside 喷漆) tell a business outside the list whatever else it lists
PROCESS_DEFINED = {"工业涂装", "金属表面处理及热处理加工（热镀锌）", "集中喷涂", "印染精加工"}
SELLING = ("销售", "批发", "卖", "贸易", "经销", "代理", "门市")


def own_plant_words(kb: KnowledgeBase) -> Iterator[tuple[str, str, list[str]]]:
    """(industry, kiln, furnace or process, look-alikes): every listed industry defined by what it makes, with each
    of its processes and its names of a kiln or furnace, and its look-alikes that name no selling (a trade said
    beside the plant is read by the bought goods' rules, not by the look-alikes')."""
    for industry in kb.catalogue.industries:
        if industry.name in PROCESS_DEFINED:
            continue
        look_alikes = [word for word in industry.excludes if not any(sell in word for sell in SELLING)]
        own = [*industry.processes, *(alias for alias in industry.aliases if alias.endswith(("窑", "炉")))]
        for word in own:
            yield industry.name, word, look_alikes


def test_a_listed_kiln_or_process_in_an_equipment_list_is_never_outside(kb: KnowledgeBase) -> None:
    wordings = [
        wording
        for _, word, look_alikes in own_plant_words(kb)
        for look_alike in look_alikes
        for wording in (
            f"主要设备：{word}2座、{look_alike}系统1套、成品仓4个",
            f"主要设备：{look_alike}系统1套、{word}1座",
        )
    ]
    assert not told_outside(kb, wordings)


def test_a_listed_kiln_or_process_listed_alone_keeps_its_industry(kb: KnowledgeBase) -> None:
    assert_never_outside_and_kept(
        kb,
        (
            (industry, wording)
            for industry, word, _ in own_plant_words(kb)
            for wording in (f"主要设备：{word}2座、成品仓4个", f"主要设备：{word}1套 成品仓")
        ),
    )


def test_smelting_named_beside_collection_in_a_licence_line_is_the_smelting(kb: KnowledgeBase) -> None:
    assert_never_outside_and_kept(
        kb,
        (
            (
                industry.name,
                f"经营范围：{industry.materials[0] if industry.materials else '原料'}回收拆解、{term}及销售",
            )
            for industry in kb.catalogue.industries
            for term in [*industry.aliases, *industry.processes]
            if "冶炼" in term
        ),
    )


def test_steps_of_making_in_a_licence_line_make_the_goods(kb: KnowledgeBase) -> None:
    wordings = [
        f"经营范围：{product}（{other}）发酵、提取、精制及销售"
        for industry in kb.catalogue.industries
        for product in industry.products
        if not product.startswith("做")  # a verb, whose goods follow
        for other in ("中间体", "原料")
    ]
    assert not told_outside(kb, wordings)


def test_words_of_goods_holding_a_step_stay_goods_bought(kb: KnowledgeBase) -> None:
    """发酵豆粕, 中药提取物, 精制棉 are goods: bought or sold, they say no making (the steps are no term's own)."""
    for said in ("养猪场，买发酵豆粕", "销售中药提取物", "卖精制棉"):
        match = kb.catalogue.match(said)
        assert match.verdict == "outside", (said, match)
        assert match.bought, (said, match)


async def test_lime_kiln_equipment_list_is_lime_kiln(harness: Harness) -> None:
    reply = await harness.text("张三", "主要设备：双膛石灰窑2座、石灰石破碎筛分系统1套、成品灰仓4个")
    assert_verdict(reply, "属于", "石灰窑")


async def test_recycled_lead_licence_line_is_recycled_nonferrous(harness: Harness) -> None:
    reply = await harness.text("李四", "经营范围：废铅酸蓄电池回收拆解、再生铅冶炼及铅锭销售")
    assert_verdict(reply, "属于", "再生铜铝铅锌")
