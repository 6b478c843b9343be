"""Causes of the misses of the blind sets written at a9526fc (industry_fresh21, qa_fresh21, qa_unanswerable28), fixed by
rule or vocabulary. A plant may name itself by the industry class its pollutant discharge permit lists (排污许可证上的
行业类别), a class name of GB/T 4754-2017: the 别 of 类别 forbids nothing."""

from __future__ import annotations

import itertools

from knowledge.base import KnowledgeBase
from tests.harness import Harness, assert_verdict

PERMIT_SHAPES = [
    "我们排污许可证上登记的行业类别是{c}",
    "许可证上的行业类别是{c}",
    "排污许可证类别：{c}",
    "我们的行业类别是{c}",
]


async def test_the_class_on_the_permit_places_the_plant(harness: Harness) -> None:
    assert_verdict(await harness.text("张三", "排污许可证的行业类别是化学农药制造"), "属于", "农药制造")


def test_a_class_named_as_the_permit_lists_it_is_never_outside(kb: KnowledgeBase) -> None:
    """Every GB/T 4754 class of every industry (industries.yaml `classes`) in every shape of naming the permit's class:
    the industry is among the candidates and the verdict never 不属于."""
    wrong = [
        (said, match.verdict, [industry.name for industry in match.candidates])
        for industry in kb.catalogue.industries
        for gb_class, shape in itertools.product(industry.classes, PERMIT_SHAPES)
        if (match := kb.catalogue.match(said := shape.format(c=gb_class.name))).verdict == "outside"
        or industry not in match.candidates
    ]
    assert not wrong, wrong
