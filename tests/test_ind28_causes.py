"""Causes of industry_fresh28's false 不属于: the shapes a business pastes rather than says (an EIA form's 主要设备 list,
a licence's 经营范围 line). A kiln, works or process of an industry defined by what it makes, named as one item of a
list, is the business's own: a look-alike in another item ("石灰石破碎筛分系统") is another part of the plant, not what
makes the kiln someone else's. Smelting named in a licence's line ("再生铅冶炼及铅锭销售") names the work, so the
collection said beside it is no trade; and the steps of making a line names (发酵、提取、精制) say production, so the
goods before them are made, not sold only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from knowledge.base import KnowledgeBase
from knowledge.models import read_yaml
from tests.harness import (
    KNOWLEDGE_DATA,
    Harness,
    assert_never_outside_and_kept,
    assert_placed_in_class,
    assert_placed_in_industry,
    assert_verdict,
    listed_products,
    told_outside,
)

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


@pytest.mark.parametrize(
    ("description", "industry"),
    [
        pytest.param(
            "主要设备：双膛石灰窑2座、石灰石破碎筛分系统1套、成品灰仓4个",
            "石灰窑",
            id="lime-kiln-equipment-list",
        ),
        pytest.param(
            "经营范围：废铅酸蓄电池回收拆解、再生铅冶炼及铅锭销售",
            "再生铜铝铅锌",
            id="recycled-lead-licence-line",
        ),
    ],
)
async def test_an_equipment_list_or_licence_line_is_its_industry_through_the_console(
    harness: Harness, description: str, industry: str
) -> None:
    assert_verdict(await harness.text("张三", description), "属于", industry)


def production_words() -> tuple[str, ...]:
    """industry_cues.yaml's words of production of two characters or more: a product holding one (合成氨, 乳胶漆生产)
    names its making, which no word of buying before it undoes."""
    cues = read_yaml(KNOWLEDGE_DATA / "industry_cues.yaml")
    return tuple(word for word in cues["production"] if len(word) > 1)


def test_goods_bought_in_a_bracketed_aside_are_bought(kb: KnowledgeBase) -> None:
    """A licence line's bracketed aside is a clause of its own ("毛巾织造（外购色纱）"): the weaving said before it does
    not make the goods the aside says are bought."""
    making = production_words()
    processes = {process for industry in kb.catalogue.industries for process in industry.processes}
    wordings = [
        wording
        for product in listed_products(kb)
        # a process is never goods bought (炉法炭黑 is also a process); 做 is a verb, whose goods follow
        if product not in processes
        and not product.startswith("做")
        and not any(word in product for word in making)
        for wording in (
            f"经营范围：毛巾、浴巾织造（外购{product}）",
            f"主要设备：剑杆织机40台（外购{product}）",
        )
    ]
    assert not [said for said in wordings if kb.catalogue.match(said).verdict != "outside"]


@pytest.mark.parametrize("drawn", ["铜杆拉丝", "铜线拉丝"])
@pytest.mark.parametrize("cable", ["家装电线", "控制电缆", "电力电缆"])
def test_a_cable_works_drawing_its_own_rod_is_electrical(kb: KnowledgeBase, drawn: str, cable: str) -> None:
    assert_placed_in_class(kb, f"主要设备：{drawn}机、挤出机、成缆机；产品：{cable}", "电气机械和器材制造业")


@pytest.mark.parametrize("water", ["瓶装饮用水", "瓶装水", "包装饮用水", "纯净水厂", "矿泉水厂"])
def test_a_water_works_blowing_its_own_bottles_is_drinks(kb: KnowledgeBase, water: str) -> None:
    assert_placed_in_class(kb, f"{water} 吹瓶 灌装 贴标", "酒、饮料和精制茶制造业")


def test_drawing_or_blowing_said_alone_stays_listed(kb: KnowledgeBase) -> None:
    assert_placed_in_industry(kb, "铜杆拉丝，卖铜线", "有色金属压延")
    assert_placed_in_industry(kb, "我们做吹瓶，给矿泉水厂供瓶子", "塑料制品")


@pytest.mark.parametrize("cutting", ["钢板开平", "卷板开平", "开平剪切", "开平分条", "纵剪分条", "钢板剪切"])
def test_steel_sheet_cutting_is_metals_trade(kb: KnowledgeBase, cutting: str) -> None:
    assert_placed_in_class(kb, f"经营范围：{cutting}、配送（外购卷板，不做涂装）", "金属及金属矿批发")


@pytest.mark.parametrize("transformer", ["配电变压器", "电力变压器", "油浸式变压器", "干式变压器"])
def test_a_transformer_works_is_electrical(kb: KnowledgeBase, transformer: str) -> None:
    assert_placed_in_class(
        kb, f"主要设备：绕线机、装配线、耐压试验台；产品：{transformer}", "电气机械和器材制造业"
    )
