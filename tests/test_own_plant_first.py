"""A listed plant the speaker says it is ("我们是玻璃厂", "本厂是农药厂") is its own production, said before or after
a word of a class outside the 47: that word names another business beside the plant, so it may leave the verdict
unsure but never says 不属于. A look-alike of the plant's goods (玻璃回收 looks like 玻璃) in another clause describes
that other business, not the plant. A narrower class said beside the plant (印刷厂 beside 印报纸) and the plant's
defining work denied (纸箱厂，不印刷) still decide as before. The loops read the catalogue directly: each look-alike and
each class's first words once, beside plant names, wordings and separators taken in turn (3,940 and 1,032 wordings;
on the base 303 and 2 of them were 不属于), cheaper than drawing some by hypothesis."""

from __future__ import annotations

import itertools

import pytest

from knowledge.base import KnowledgeBase
from knowledge.catalogue import Industry
from tests.harness import Harness, assert_verdict

OWN_PLANT = ["我们是{p}", "我们厂是{p}", "本厂是{p}", "自己是{p}", "我们自己是{p}"]
SEPARATORS = ["，", "。", " ", "，还有个", "，另外有个"]
PLANT_ENDS = ("厂", "企业", "公司")
RECYCLING_POINT = "点"  # "玻璃回收点": a look-alike named as a place of its own


def _plants(kb: KnowledgeBase) -> list[tuple[Industry, list[str]]]:
    """Each listed industry with a name of its plant (industries.yaml `aliases`), with those names."""
    named = [
        (industry, [alias for alias in industry.aliases if alias.endswith(PLANT_ENDS)])
        for industry in kb.catalogue.industries
    ]
    return [(industry, plants) for industry, plants in named if plants]


def _both_orders(plant: str, other: str, turn: int) -> list[str]:
    """The plant said first or last, with one wording of the speaker's and one separator in turn (each reads alike);
    after the other business a separator of two or more characters ("还有个") is a comma."""
    own = OWN_PLANT[turn % len(OWN_PLANT)].format(p=plant)
    separator = SEPARATORS[turn % len(SEPARATORS)]
    return [f"{own}{separator}{other}", f"{other}{separator if len(separator) == 1 else SEPARATORS[0]}{own}"]


def _outside(kb: KnowledgeBase, said: list[str]) -> list[tuple[str, list[str]]]:
    """The wordings read as outside the 47 but for the plant's own defining work denied ("镀锌厂，镀锌外协" as
    "纸箱厂，不印刷"): that verdict is told on the condition of the work (test_industry_routing22), no outside word's."""
    return [
        (wording, match.terms)
        for wording in said
        if (match := kb.catalogue.match(wording)).verdict == "outside"
        and not (match.conditional and match.negated)
    ]


def test_a_look_alike_beside_the_speakers_plant_never_makes_it_outside(kb: KnowledgeBase) -> None:
    """Every look-alike of every listed industry (`excludes`), alone and as a point of its own ("玻璃回收点"), beside
    each of the industry's plant names in turn: "我们是玻璃厂，玻璃回收点" is a glass works with a recycling point."""
    pairs = [
        (plants[turn % len(plants)], other)
        for industry, plants in _plants(kb)
        for turn, look_alike in enumerate(industry.excludes)
        for other in (look_alike, f"{look_alike}{RECYCLING_POINT}")
    ]
    said = [
        wording for turn, (plant, other) in enumerate(pairs) for wording in _both_orders(plant, other, turn)
    ]
    assert len(said) > 1000
    assert not _outside(kb, said)


def test_an_outside_word_beside_the_speakers_plant_never_makes_it_outside(kb: KnowledgeBase) -> None:
    """The first three words of every class outside the 47 (outside.yaml), each beside the plant of the next listed
    industry in turn, in both orders; a broader word a class narrows to itself (印刷厂 beside 印报纸) says which
    plant it is, and is left to that class."""
    pairs = [
        (plants[0], term)
        for (_, plants), (cls, term) in zip(
            itertools.cycle(_plants(kb)),
            [(cls, term) for cls in kb.catalogue._outside_classes for term in cls.terms[:3]],
        )
        if plants[0] not in cls.narrows
    ]
    said = [
        wording for turn, (plant, term) in enumerate(pairs) for wording in _both_orders(plant, term, turn)
    ]
    assert len(said) > 900
    assert not _outside(kb, said)


@pytest.mark.parametrize(
    ("description", "industry"),
    [
        ("我们是玻璃厂，玻璃回收点，要报吗", "玻璃"),
        ("飞防队，本厂是农药厂", "农药"),
        ("本厂是石材厂，另外有个石材开采", "石材"),
    ],
)
async def test_the_speakers_plant_is_listed_whatever_else_it_has(
    harness: Harness, description: str, industry: str
) -> None:
    assert_verdict(await harness.text("张三", description), "属于", industry)


@pytest.mark.parametrize(
    ("description", "named"),
    [
        # the plant named is the owner of the business the speaker is, which makes nothing
        ("我们是焦化厂的贸易子公司，只卖焦炭，不生产，要报吗", "焦炭"),
        # printing narrowed to newspapers is the outside class of books and newspapers
        ("我们是印刷厂，专门印报纸", "报纸"),
    ],
)
async def test_a_plant_that_is_not_the_speakers_own_work_stays_outside(
    harness: Harness, description: str, named: str
) -> None:
    assert_verdict(await harness.text("张三", description), "不属于", named)
