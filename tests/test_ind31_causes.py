"""Issue #11's "are we one of the 47?" shapes that ind31 took from the development misses and the last rounds' notes.
Fired blocks of shale or gangue (烧结空心砌块) are bricks, not sintering for steel; a combined heat and power unit
(热电机组) is a power plant, no electric machinery. A sheet-metal shop names its metal and grade (304不锈钢, Q235钢板)
and its cutting (激光切割加数控折弯): none of them listed work, so with painting denied it is 不属于 on the condition;
the 不 of 不锈钢 denies nothing. 做 and 搞 are words of their own, never the wrong character of a typo (做颗粒 is no
草颗粒). A look-alike inside a word of a class making other goods, in another item of a licence line, names another
line of the business (翼展车、汽车零部件机加工及销售). A fleet after a plant's 的 is answered with what decides it."""

from __future__ import annotations

from knowledge.base import KnowledgeBase
from tests.harness import UNSURE, Harness, assert_placed_in_class, assert_verdict, told_outside

# the metals and grades a sheet-metal shop names, one to a listed process in turn
GRADED_METALS = ("304不锈钢", "316L不锈钢", "Q235钢板", "碳钢", "不锈钢板")


def test_fired_blocks_of_shale_or_gangue_are_bricks(kb: KnowledgeBase) -> None:
    for said in (
        "煤矸石烧结空心砌块，一次码烧隧道窑，配余热烘干室",
        "页岩烧结空心砌块",
        "我们做烧结多孔砌块",
        "烧结煤矸石空心砌块，隧道窑",
        "我们厂生产烧结页岩空心砌块，要报吗",
    ):
        match = kb.catalogue.match(said)
        assert match.verdict == "one", (said, match)
        assert match.candidates[0].name == "砖瓦窑", (said, match)


def test_sintering_for_steel_and_concrete_blocks_are_unchanged(kb: KnowledgeBase) -> None:
    for said in ("烧结机，高炉，转炉", "我们有烧结机和高炉"):
        match = kb.catalogue.match(said)
        assert match.candidates[0].name == "长流程联合钢铁", (said, match)
    match = kb.catalogue.match("加气混凝土砌块")
    assert not (match.verdict == "one" and match.candidates[0].name == "砖瓦窑"), match


def test_a_combined_heat_and_power_unit_is_a_power_plant(kb: KnowledgeBase) -> None:
    for said in ("我们是热电联产机组，要报吗", "厂里两台热电机组，给园区供汽"):
        assert_placed_in_class(kb, said, "电力生产")
    # an electric-machine maker is still one
    assert_placed_in_class(kb, "我们做电机", "电气机械和器材制造业")


def test_a_sheet_metal_shop_with_painting_denied_is_outside_on_condition(kb: KnowledgeBase) -> None:
    for said in (
        "激光切割加数控折弯做304不锈钢钣金件，表面只拉丝不喷涂",
        "做304不锈钢钣金件，不喷涂",
        "做不锈钢钣金件，表面拉丝，不喷涂",
        "Q235钢板下料焊接，不喷漆",
        "做316L不锈钢零件加工，不电镀",
        "冲压加焊接，不喷漆",
    ):
        match = kb.catalogue.match(said)
        assert match.verdict == "outside", (said, match)
        assert match.conditional, (said, match)


def test_stainless_steel_made_or_coated_is_never_outside(kb: KnowledgeBase) -> None:
    """The metal alone may be made (不锈钢冶炼); production said keeps it unsure; a listed process said still places."""
    for said in ("做不锈钢，不喷漆", "我们生产不锈钢钣金件，不喷漆", "不锈钢管，不酸洗"):
        assert kb.catalogue.match(said).verdict == "unsure", said
    for said, industry in (
        ("304不锈钢钣金件，表面喷塑", "工业涂装"),
        ("不锈钢酸洗钝化", "金属表面处理及热处理加工（热镀锌）"),
    ):
        match = kb.catalogue.match(said)
        assert match.verdict == "one", (said, match)
        assert match.candidates[0].name == industry, (said, match)


def test_every_listed_process_beside_a_graded_metal_is_never_outside(kb: KnowledgeBase) -> None:
    """Every process of every industry said after a sheet-metal shop's graded metal and plain cutting (about 1,100
    readings): the metal and the cutting say nothing of the process, which keeps its industry."""
    wordings = [
        f"激光切割加折弯做{GRADED_METALS[index % len(GRADED_METALS)]}钣金件，{process}"
        for index, process in enumerate(
            process for industry in kb.catalogue.industries for process in industry.processes
        )
    ]
    assert len(wordings) > 800
    wrong = told_outside(kb, wordings)
    assert not wrong, wrong[:20]


def test_a_plain_verb_is_never_the_wrong_character_of_a_typo(kb: KnowledgeBase) -> None:
    for said in ("我们是做颗粒的，木屑压的", "搞颗粒"):
        match = kb.catalogue.match(said)
        assert match.verdict != "one", (said, match)
        assert not match.read_as, (said, match)
    # the goods' own name mistyped after 做 is still forgiven
    for said, industry in (("做涂聊的", "涂料制造"), ("做饲聊的", "饲料加工")):
        match = kb.catalogue.match(said)
        assert match.verdict == "one", (said, match)
        assert match.candidates[0].name == industry, (said, match)


def test_a_licence_line_naming_a_vehicle_beside_parts_machining_is_never_outside(kb: KnowledgeBase) -> None:
    for said in (
        "经营范围：电动四轮车、汽车零部件机加工及销售",
        "经营范围：翼展车、汽车零部件机加工及销售",
    ):
        match = kb.catalogue.match(said)
        assert match.verdict != "outside", (said, match)
        assert match.candidates[0].name == "汽车整车制造业", (said, match)
    # machines let, each item of the list, stay the lessor's; a parts shop alone stays outside
    for said in ("挖掘机、装载机租赁，带司机", "汽车零部件机加工"):
        assert kb.catalogue.match(said).verdict == "outside", said


async def test_fired_blocks_are_bricks_in_the_group(harness: Harness) -> None:
    reply = await harness.text("张三", "煤矸石烧结空心砌块，一次码烧隧道窑，配余热烘干室")
    assert_verdict(reply, "属于", "砖瓦窑")


async def test_a_power_plant_description_is_read_as_a_business_in_the_group(harness: Harness) -> None:
    reply = await harness.text("李四", "2×25MW燃煤热电机组，循环流化床锅炉，给园区供汽")
    assert_verdict(reply, "不属于", "电力生产")


async def test_a_sheet_metal_shop_is_outside_on_its_condition_in_the_group(harness: Harness) -> None:
    reply = await harness.text("王五", "激光切割加数控折弯做304不锈钢钣金件，表面只拉丝不喷涂")
    assert_verdict(reply, "不属于", "工业涂装")


async def test_a_plants_fleet_is_told_what_decides_it_in_the_group(harness: Harness) -> None:
    for said in ("钢厂的运输车队", "我们是焦化厂的运输队，要报吗"):
        reply = await harness.text("赵六", said)
        assert reply.startswith(UNSURE), reply
        assert "运输车辆电子台账" in reply, reply
        assert "通知第（五）条" in reply, reply
    # the plant's own words, or a haulier serving it, are answered as before, without it
    reply = await harness.text("钱七", "我们是钢厂的，有个运输车队")
    assert_verdict(reply, "属于", "长流程联合钢铁")
    assert "运输车辆电子台账" not in reply, reply
    reply = await harness.text("孙八", "我们是物流公司，给钢厂拉货")
    assert "运输车辆电子台账" not in reply, reply
