"""Issue #11's "are we one of the 47?" shapes that ind29 left (属于 only on positive evidence, 不属于 only on positive
evidence of a business outside the list, else not sure with the closest industries). An amount counted (数控车床40台,
一年50万件) tells a business's size, not its work: it neither keeps a business whose listed words are all denied "not
sure" nor says more than its denials, which alone never place a business. Vehicles coming and going (每天进出上百辆重卡)
are seen there, another maker's goods, as those standing are. Glass fitted (装玻璃) is no glass made. And the words of
outside classes people use that were missing: district heating (集中供暖), beer (啤酒), tower and base-station maintenance
(铁塔维护), a freight yard (货运场, with the 物流园 it is a synonym of)."""

from __future__ import annotations

from knowledge.base import KnowledgeBase
from tests.harness import UNSURE, Harness, assert_placed_in_class, assert_verdict, told_outside

# the amounts said beside a denial, one to a process in turn: counted machines, yearly output, staff, daily tonnage
AMOUNTS = ("一年5000吨", "厂里40台设备", "20个人", "每天三十吨", "年50万件")


def test_a_denied_process_beside_an_amount_is_never_outside(kb: KnowledgeBase) -> None:
    """Every listed process denied, with an amount in a clause of its own (1,160 readings): the amount says nothing of
    what the business does, so the denial stays all it says and nothing places it."""
    wordings = [
        f"我们厂不{process}，{AMOUNTS[index % len(AMOUNTS)]}"
        for index, process in enumerate(
            process for industry in kb.catalogue.industries for process in industry.processes
        )
    ]
    wrong = told_outside(kb, wordings)
    assert not wrong, wrong[:20]


def test_an_amount_keeps_a_denied_business_unsure_without_guesses(kb: KnowledgeBase) -> None:
    for said in (
        "我们厂不喷漆，一年5000吨，要报吗",
        "我们不电镀，20个人，要报吗",
        "我们厂不喷漆，每天三十吨",
    ):
        match = kb.catalogue.match(said)
        assert match.verdict == "unsure", (said, match)
        assert not match.candidates, (said, match)


def test_output_said_with_its_word_of_production_stays_unsure(kb: KnowledgeBase) -> None:
    """年产 says that something is made, which the message does not name."""
    match = kb.catalogue.match("不喷漆，年产5万件")
    assert match.verdict == "unsure", match


def test_machining_with_its_amounts_and_painting_denied_is_outside_on_condition(kb: KnowledgeBase) -> None:
    for said in (
        "数控车床40台，给主机厂加工轴类零件，一年50万件，不喷漆",
        "冲压件，一年300万件，不喷漆不电镀",
    ):
        match = kb.catalogue.match(said)
        assert match.verdict == "outside", (said, match)
        assert match.conditional, (said, match)


def test_vehicles_coming_and_going_are_no_maker_of_them(kb: KnowledgeBase) -> None:
    for said in ("院里每天进出上百辆重卡", "门口来来往往几十辆重卡"):
        match = kb.catalogue.match(said)
        assert match.verdict != "one", (said, match)
    # the speaker's own vehicles, and the own work beside vehicles seen, still place it
    assert kb.catalogue.match("我们做重卡，每天进出上百辆").verdict == "one"
    assert kb.catalogue.match("我们厂每天进出几十辆重卡，做铸件").candidates[0].name == "铸造"


def test_glass_fitted_is_no_glass_made(kb: KnowledgeBase) -> None:
    assert_placed_in_class(kb, "断桥铝门窗厂，外购型材下料、组角、装玻璃", "金属门窗制造")
    # a glass works that also fits glass still makes it
    for said in ("玻璃厂，熔窑拉平板，也装玻璃", "浮法玻璃厂，也给客户安装玻璃"):
        match = kb.catalogue.match(said)
        assert match.verdict == "one", (said, match)
        assert match.candidates[0].name == "玻璃", (said, match)


def test_the_outside_words_added_place_their_class(kb: KnowledgeBase) -> None:
    for said, placed in (
        ("我们有2台10吨燃气锅炉，冬天给小区集中供暖", "热力生产和供应"),
        ("我们是换热站，给小区供暖", "热力生产和供应"),
        ("啤酒一年10万千升，糖化、发酵、灌装", "酒、饮料和精制茶制造业"),
        ("我们是做精酿啤酒的", "酒、饮料和精制茶制造业"),
        ("通信铁塔维护公司，管着200个基站", "电信、广播电视和卫星传输服务"),
        ("我们做基站维护，要报吗", "电信、广播电视和卫星传输服务"),
        ("我是货运场的负责人，场里只是装卸中转不生产，每天进出上百辆重卡", "装卸搬运和仓储业"),
    ):
        assert_placed_in_class(kb, said, placed)


def test_goods_holding_the_outside_words_stay_listed(kb: KnowledgeBase) -> None:
    """A beer bottle is glass, a tower galvanised its maker's own work: the outside word gives way."""
    for said, industry in (
        ("我们做啤酒瓶", "玻璃"),
        ("铁塔维护，也做热镀锌", "金属表面处理及热处理加工（热镀锌）"),
        ("集中供暖的锅炉房旁边，我们自己有个砖窑烧砖", "砖瓦窑"),
    ):
        match = kb.catalogue.match(said)
        assert match.verdict != "outside", (said, match)
        assert industry in [one.name for one in match.candidates], (said, match)


async def test_district_heating_is_told_outside_in_the_group(harness: Harness) -> None:
    reply = await harness.text("张三", "我们有2台10吨燃气锅炉，冬天给小区集中供暖")
    assert_verdict(reply, "不属于", "热力生产和供应")


async def test_machining_with_painting_denied_is_outside_with_its_condition_in_the_group(
    harness: Harness,
) -> None:
    reply = await harness.text("李四", "数控车床40台，给主机厂加工轴类零件，一年50万件，不喷漆")
    assert_verdict(reply, "不属于", "工业涂装")


async def test_a_denial_beside_an_amount_is_unsure_in_the_group(harness: Harness) -> None:
    reply = await harness.text("王五", "我们厂不喷漆，一年5000吨，要报吗")
    assert UNSURE in reply, reply
    assert "不属于" not in reply, reply


async def test_a_door_and_window_works_fitting_glass_is_outside_in_the_group(harness: Harness) -> None:
    reply = await harness.text("赵六", "断桥铝门窗厂，外购型材下料、组角、装玻璃，年产5万平方米")
    assert_verdict(reply, "不属于", "金属门窗制造")
