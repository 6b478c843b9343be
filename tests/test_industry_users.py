"""Users of a listed industry's goods (tests/data/industry_fresh23.yaml): a business that names itself by a class
outside the 47 (养猪场, 建筑公司, 果园 …) and says it buys the goods of a listed industry (饲料, 水泥, 农药 …) uses them;
buying is no evidence of making them, whatever words stand between the goods and the buying ("饲料全部买成品料").
A user that says it makes them itself (自己做饲料), beside the buying or not, is a question for the branch: never
不属于."""

from __future__ import annotations

import itertools

from knowledge.base import KnowledgeBase
from tests.harness import Harness, assert_verdict, told_outside

# goods of one listed industry each (industries.yaml), with outside classes that use them (outside.yaml)
USERS = {
    "饲料": ["养猪场", "养鸡场", "养殖场"],
    "水泥": ["建筑公司", "施工队"],
    "红砖": ["建筑公司", "施工队"],
    "农药": ["果园", "农场"],
    "涂料": ["装修公司"],
    "地板砖": ["装修公司"],
}
BUYING = [
    "买{g}",
    "采购{g}",
    "用买来的{g}",
    "{g}是买来的",
    "{g}都是买的",
    "{g}全是外购",
    "{g}全部外购",
    "{g}全部买成品",
    "{g}都是采购的",
    "{g}都是从厂家买的",
    "用的{g}",
    "用的是{g}",
    "{g}都是进的",
    "{g}是进来的",
]
MAKING = ["自己做{g}", "自己生产{g}", "{g}自己生产", "{g}都是自己加工的", "{g}全部自己做", "自己有{g}厂"]


def test_an_outside_business_buying_listed_goods_is_outside(kb: KnowledgeBase) -> None:
    """Every wording of the shape (308, read from the catalogue directly: cheaper than any draw)."""
    said = [
        wording
        for goods, users in USERS.items()
        for user, buying in itertools.product(users, BUYING)
        for wording in (f"我们是{user}，{buying.format(g=goods)}", f"{user}，{buying.format(g=goods)}")
    ]
    wrong = [
        (wording, match.verdict)
        for wording in said
        if (match := kb.catalogue.match(wording)).verdict != "outside"
    ]
    assert not wrong, wrong


def test_a_user_that_makes_the_goods_itself_is_never_outside(kb: KnowledgeBase) -> None:
    """Making said alone, before or after the business, or after the buying of the same goods (the look-alike
    "饲料都是买的" of 饲料加工 says nothing of feed said made in its own clause)."""
    said = [
        wording
        for goods, users in USERS.items()
        for user, making, buying in itertools.product(users, MAKING, BUYING[3:6])
        for made in [making.format(g=goods)]
        for wording in (
            made,
            f"我们是{user}，{made}",
            f"{made}，我们是{user}",
            f"{user}，{buying.format(g=goods)}，{made}",
        )
    ]
    wrong = told_outside(kb, said)
    assert not wrong, wrong


def test_feed_a_farm_feeds_is_used_not_made(kb: KnowledgeBase) -> None:
    for farm in USERS["饲料"]:
        assert kb.catalogue.match(f"{farm}，进饲料喂猪").verdict == "outside", farm


async def test_a_pig_farm_buying_ready_feed_is_told_it_is_outside(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是养猪场，饲料全部买成品料，自己不加工")
    assert_verdict(reply, "不属于", "畜牧业")
    assert_verdict(await harness.text("李四", "我们是养猪场，饲料都是买的，饲料自己生产"), "属于", "饲料加工")


# goods taken in (a listed industry's product) and what the speaker makes of them, with the industry that makes it
TAKEN_IN = [
    ("煤焦油", "烧炭黑", "炭黑制造"),
    ("铝锭", "轧铝板", "有色金属压延"),
    ("焦炭", "炼铁", "长流程联合钢铁"),
]


def test_goods_used_to_make_another_industrys_goods_are_taken_in(kb: KnowledgeBase) -> None:
    """ "用煤焦油烧炭黑": the tar is the supplier's (焦化), the business the carbon black's."""
    for (taken, making, industry), cue in itertools.product(TAKEN_IN, ["用", "拿", "我们用", "厂里使用"]):
        match = kb.catalogue.match(f"{cue}{taken}{making}")
        assert match.verdict == "one", (cue, taken, match.verdict)
        assert [candidate.name for candidate in match.candidates] == [industry], (cue, taken)


async def test_carbon_black_burned_from_coal_tar_is_carbon_black(harness: Harness) -> None:
    assert_verdict(await harness.text("张三", "我们用煤焦油烧炭黑，卖给轮胎厂"), "属于", "炭黑制造")


async def test_floor_and_wall_tiles_a_job_advertisement_names_are_ceramics(harness: Harness) -> None:
    """地板砖 and 墙面砖 are the everyday names of ceramic floor and wall tiles (建筑陶瓷)."""
    reply = await harness.text("张三", "招聘启事：压机工、窑炉烧成工、拣选包装工，我们厂出的是地板砖和墙面砖")
    assert_verdict(reply, "属于", "陶瓷")


def test_a_look_alike_inside_the_name_of_a_plant_carried_for_cancels_nothing(kb: KnowledgeBase) -> None:
    """农药 is a look-alike of 制药, but inside 农药中间体厂, a plant whose goods the speaker carries, it says nothing of
    the speaker's own fermentation."""
    for plant in ["农药厂", "农药中间体厂"]:
        assert kb.catalogue.match(f"运{plant}的货，我们自己抗生素发酵").verdict == "one", plant
