"""A business a class outside the 47 places (养猪场, 农场, 饭店 …) that says it makes, itself, goods or work of a listed
industry ("自己生产化肥", "自己配料") is at most unsure, with that industry offered: whether production for its own
use is in scope is the branch's to say, never 不属于. What shares no word with the 47 ("饭店，自己做馒头") stays outside."""

from __future__ import annotations

import itertools

from knowledge.base import KnowledgeBase
from tests.harness import Harness, told_outside

# classes outside the 47 (outside.yaml)
OUTSIDE = ["养猪场", "养鸡场", "农场", "饭店", "物流公司", "装修公司"]
MAKING = ["自己生产{g}", "自己做{g}", "自己加工{g}", "{g}自己生产", "我们自己做{g}"]
# a family word of 煤制氮肥's goods (its aliases say 化肥厂, 化肥生产) and work of 饲料加工 named without its goods
WORDS_OF_A_FAMILY = {"化肥": "煤制氮肥", "配料": "饲料加工"}


def test_an_outside_business_making_listed_goods_itself_is_never_outside(kb: KnowledgeBase) -> None:
    """Every outside business × making wording × the first goods each listed industry names (read from the
    catalogue directly)."""
    goods = [industry.products[0] for industry in kb.catalogue.industries if industry.products]
    said = [
        f"{business}，{making.format(g=made)}"
        for business, making, made in itertools.product(OUTSIDE, MAKING, [*goods, *WORDS_OF_A_FAMILY])
    ]
    wrong = told_outside(kb, said)
    assert not wrong, wrong


def test_a_family_word_made_itself_offers_its_industry(kb: KnowledgeBase) -> None:
    for (word, industry), business in itertools.product(WORDS_OF_A_FAMILY.items(), OUTSIDE):
        match = kb.catalogue.match(f"我们是{business}，自己生产{word}，要报吗")
        assert match.verdict == "unsure", (word, business)
        assert industry in [candidate.name for candidate in match.candidates], (word, business)


def test_feed_mixed_from_bought_premix_is_a_question_for_the_branch(kb: KnowledgeBase) -> None:
    for wording in [
        "养猪场，预混料是买的，自己配料，要报吗",
        "养猪场，买的预混料，自己加玉米粉碎搅拌，要报吗",
    ]:
        match = kb.catalogue.match(wording)
        assert match.verdict == "unsure", wording
        assert match.candidates[0].name == "饲料加工", wording


def test_what_no_listed_industry_makes_or_making_denied_stays_outside(kb: KnowledgeBase) -> None:
    for wording in ["饭店，自己做馒头", "饭店，自己加工面条", "我们是养猪场，饲料全部买成品料，自己不加工"]:
        assert kb.catalogue.match(wording).verdict == "outside", wording


async def test_a_farm_making_its_own_fertiliser_is_not_told_it_is_outside(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是农场，自己生产化肥，要报吗")
    assert not reply.startswith("不属于"), reply
    assert "煤制氮肥" in reply, reply
