"""A container named right after an outside word (issue #11: never 不属于 without evidence). "我们做调料瓶" makes
bottles, of glass or plastic, both maybe listed; it was told 不属于 as a maker of 调料 (outside29's note). The outside
word only says what the container holds, so it is no evidence of the business; goods packed in one (瓶装) are still
the goods, and a tank on wheels (罐车) is a vehicle."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from knowledge.catalogue import CuesFile, OutsideFile
from knowledge.models import read_yaml
from tests.harness import KNOWLEDGE_DATA, Harness, told_outside


def _data(name: str) -> object:
    # libyaml's parser, as the bot reads the file: yaml.safe_load's pure-Python one took ~0.6 s of each worker's
    # collection for these two
    return read_yaml(KNOWLEDGE_DATA / name)


# goods said with a plain verb (做调料, 做饮料): the shape a container after them turns into another business's goods
MADE_GOODS = sorted(
    {
        term
        for outside in OutsideFile.model_validate(_data("outside.yaml")).classes
        for term in outside.terms
        if term.startswith("做")
    }
)
CONTAINERS = CuesFile.model_validate(_data("industry_cues.yaml")).containers


# 包装, 罐 and 箱 are left out of the loop: beside some goods they also spell an outside word of their own
# (凉皮包装 holds 皮包, 酵母箱 sounds like 木箱), which the reading takes, as it takes any word it finds
@pytest.mark.parametrize("container", ["瓶", "袋", "盒", "桶", "标签"])
def test_no_goods_made_before_a_container_are_told_outside(kb: KnowledgeBase, container: str) -> None:
    assert container in CONTAINERS
    wordings = [
        wording
        for made in MADE_GOODS
        for wording in (f"我们{made}{container}", f"我们厂专门{made}{container}的")
    ]
    assert told_outside(kb, wordings) == []


@pytest.mark.parametrize(
    "description", ["我们做饮料的，瓶装的", "我们做调料，袋装的卖给超市", "危险化学品道路运输，罐车拉甲醇"]
)
def test_goods_packed_or_carried_in_a_container_are_still_outside(
    kb: KnowledgeBase, description: str
) -> None:
    assert told_outside(kb, [description]) != []


async def test_a_bottle_maker_named_by_what_goes_in_is_not_told_outside(harness: Harness) -> None:
    reply = await harness.text("张三", "我们做酱油瓶，要报吗")
    assert not reply.startswith("不属于"), reply
    assert "不需要参加" not in reply, reply
