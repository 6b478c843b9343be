"""Issue #11's "are we one of the 47?" shapes that ind32 took from industry_fresh31's country speech. A listed plant said
of the past is stopped by a later clause saying what the place was changed to (以前是砖厂，现在改成仓库了), and 早 stands
between a term and its denial as 早就 does (砖窑早不烧了). Plain work said with particles inside it (锅炉烧的是天然气) or
doubled (焊焊补补) is the same plain work. 印字 is the printing a carton maker may deny (纸箱厂，不印字)."""

from __future__ import annotations

from knowledge.base import KnowledgeBase
from tests.harness import Harness, assert_placed_in_class, assert_verdict, told_outside


def test_a_listed_plant_changed_to_a_store_is_outside(kb: KnowledgeBase) -> None:
    for said in (
        "以前是砖厂，现在改成仓库了",
        "原来是石灰窑，后来改成库房",
        "俺们的砖窑早不烧了，现在当仓库",
        "村里的砖窑早不烧了，现在改成仓库放东西",
    ):
        assert_placed_in_class(kb, said, "装卸搬运和仓储业")


def test_what_the_place_was_changed_to_still_places_a_listed_business(kb: KnowledgeBase) -> None:
    for said, industry in (
        ("原来烧砖，现在改成烧石灰", "石灰窑"),
        ("以前喷漆，现在改成喷塑了", "工业涂装"),
        ("以前是砖厂，现在还烧砖", "砖瓦窑"),
        ("我们是铸造厂，一个车间改成仓库了", "铸造"),
    ):
        match = kb.catalogue.match(said)
        assert match.verdict == "one", (said, match)
        assert match.candidates[0].name == industry, (said, match)


def test_every_listed_process_a_place_was_changed_to_is_never_outside(kb: KnowledgeBase) -> None:
    """Each industry's first process said of the past, then the next industry's as what it was changed to (47
    readings): the later clause's own work keeps its industry."""
    firsts = [industry.processes[0] for industry in kb.catalogue.industries if industry.processes]
    wordings = [
        f"原来{before}，现在改成{after}"
        for before, after in zip(firsts, firsts[1:] + firsts[:1], strict=True)
    ]
    wrong = told_outside(kb, wordings)
    assert not wrong, wrong


def test_boiler_fuel_said_with_particles_is_no_listed_work(kb: KnowledgeBase) -> None:
    for said in ("做腐竹的，锅炉烧的是天然气", "豆腐作坊，锅炉烧的煤", "饮料厂，锅炉烧的是天然气"):
        assert kb.catalogue.match(said).verdict == "outside", said
    # a kiln's fuel is still a kiln's: never outside
    assert kb.catalogue.match("做砖的，窑烧的是煤").verdict != "outside"


def test_doubled_plain_work_is_plain_work(kb: KnowledgeBase) -> None:
    for said in ("农机维修铺子，焊焊补补，不喷漆", "我们是农机维修店，补焊，不喷漆"):
        match = kb.catalogue.match(said)
        assert match.verdict == "outside", (said, match)
        assert match.conditional, (said, match)
    # a listed process doubled is still said
    match = kb.catalogue.match("农机维修铺子，焊焊补补，喷喷漆")
    assert match.verdict != "outside", match


def test_a_carton_maker_denying_its_lettering_is_outside_on_the_condition(kb: KnowledgeBase) -> None:
    match = kb.catalogue.match("纸箱厂，不印字")
    assert match.verdict == "outside", match
    assert match.conditional, match
    match = kb.catalogue.match("纸箱厂，纸箱上印字")
    assert match.verdict == "one", match
    assert match.candidates[0].name == "包装印刷", match


async def test_country_speech_of_a_changed_kiln_in_the_group(harness: Harness) -> None:
    reply = await harness.text("张三", "俺们的砖窑早不烧了，现在当仓库")
    assert_verdict(reply, "不属于", "仓储")
    reply = await harness.text("李四", "原来烧砖，现在改成烧石灰")
    assert_verdict(reply, "属于", "石灰窑")


async def test_a_tofu_workshop_with_a_gas_boiler_in_the_group(harness: Harness) -> None:
    reply = await harness.text("王五", "俺们做腐竹的，锅炉烧的是天然气")
    assert reply.startswith("不属于") or "单从这点看不属于" in reply, reply
