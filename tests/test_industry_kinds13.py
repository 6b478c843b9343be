"""Kinds of wording the industry reading missed in industry_fresh12.yaml at 01d6bcd, by rule
(tests/data/industry_kinds13.yaml): a listed plant's place and 的 before the trade it hosts, a buying word after a list
of goods, goods let out (出租, 租赁). A listed business phrased the same ways stays listed."""

from __future__ import annotations

import pytest

from tests.harness import Harness, assert_verdict


@pytest.mark.parametrize(
    ("description", "verdict", "named"),
    [
        ("我们是焦化厂院里的运输队", "不属于", "道路货物运输"),
        ("我们是钢厂里的保安公司", "不属于", "商务服务业"),
        ("我们是园区里的焦化厂，有两座焦炉", "属于", "焦化"),  # the place is the speaker's plant's
    ],
)
async def test_a_plants_place_and_de_before_a_trade_name_its_host(
    harness: Harness, description: str, verdict: str, named: str
) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)


async def test_the_self_assessments_industry_question_reads_the_host_too(harness: Harness) -> None:
    reply = await harness.answer_industry_question("王会计", "我们是钢厂旁边的物流公司")
    assert "长流程联合钢铁" not in reply, reply
    assert "道路货物运输" in reply, reply


@pytest.mark.parametrize(
    ("description", "verdict", "named"),
    [
        ("我们是搅拌站，水泥和石子都是买的", "不属于", "如果贵企业自己生产或加工“水泥”"),
        ("我们是装修公司，油漆和腻子都是外购的", "不属于", "建筑装饰"),
        ("我们是铸造厂，生铁和废钢都是买的", "属于", "铸造"),  # the name says production
    ],
)
async def test_a_buying_word_after_a_list_buys_each_of_its_goods(
    harness: Harness, description: str, verdict: str, named: str
) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)


@pytest.mark.parametrize(
    ("description", "verdict", "named"),
    [
        ("我们公司租赁挖掘机给工地用", "不属于", "租赁业"),
        ("我们出租叉车和装载机，不生产", "不属于", "租赁业"),
        ("我们生产装载机，也对外出租", "属于", "工程机械整机制造"),  # making said keeps the maker listed
    ],
)
async def test_goods_let_out_are_handled_not_made(
    harness: Harness, description: str, verdict: str, named: str
) -> None:
    assert_verdict(await harness.text("张三", description), verdict, named)


async def test_the_self_assessments_industry_question_reads_a_lessor_too(harness: Harness) -> None:
    reply = await harness.answer_industry_question("王会计", "我们出租装载机，顺带维修")
    assert "工程机械整机制造" not in reply, reply
    assert "租赁业" in reply, reply
