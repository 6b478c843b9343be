"""Routing defects found on the evening of round 16, each driven through the console: forklift questions went to the
logistics parks' entry, which speaks of forklifts only inside a park; a business doing two listed industries asking
which one grades it got the verdict's "which one, I cannot tell"; businesses lost in question routing; "X还是Y" clauses
and confirmation endings not read as asking."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.harness import NOT_SURE, Harness

GROUP = "平山县企业群"
PARKS_RULE = "物流园区、货物集散地的车辆进出门口"
WHO_BUILDS_THE_SYSTEM = "都必须建设重污染天气重点行业移动源应急管理系统"


@pytest.mark.parametrize("asked", ["我们只有两台叉车算移动源吗", "我们只有两台叉车，这也算移动源要管吗"])
async def test_a_works_forklifts_asked_as_mobile_sources_get_who_builds_the_system(
    harness: Harness, asked: str
) -> None:
    reply = await harness.text("张三", asked, chat=GROUP)
    assert WHO_BUILDS_THE_SYSTEM in reply, reply
    assert PARKS_RULE not in reply


@pytest.mark.parametrize("asked", ["叉车要不要登记", "叉车装载机要换新能源吗"])
async def test_forklifts_asked_of_no_park_get_the_parks_rule_as_a_guess(harness: Harness, asked: str) -> None:
    reply = await harness.text("张三", asked, chat=GROUP)
    assert reply.startswith("您是不是想问“物流园区要建门禁吗”？"), reply


async def test_forklifts_asked_of_a_park_get_the_parks_rule(harness: Harness) -> None:
    reply = await harness.text("张三", "物流园的叉车要登记吗", chat=GROUP)
    assert reply.startswith("全市所有" + PARKS_RULE), reply


async def test_a_subsidy_for_a_works_forklifts_is_declined(harness: Harness) -> None:
    # the parks' entry says the notice sets no subsidy for the parks' machinery; of a works' forklifts it says nothing
    reply = await harness.text("张三", "厂里两台叉车想换成电动的，政府给补贴吗", chat=GROUP)
    assert reply.startswith(NOT_SURE), reply


@pytest.mark.parametrize(
    ("asked", "named"),
    [
        ("我们又铸造又喷涂按哪个行业评", "“铸造”（附件1第6项）、“工业涂装”（附件1第39项）"),
        (
            "我们公司既有石灰窑又有耐火材料车间，到底按哪个行业评",
            "“石灰窑”（附件1第5项）、“耐火材料”（附件1第18项）",
        ),
        ("焦化和铸造都有，算哪个行业", "“焦化”（附件1第4项）、“铸造”（附件1第6项）"),
    ],
)
async def test_a_business_of_two_listed_industries_asking_which_grades_it_gets_the_cross_industry_rule(
    harness: Harness, asked: str, named: str
) -> None:
    reply = await harness.text("张三", asked, chat=GROUP)
    assert reply.startswith("“按行业分别评级、整体取最低等级”"), reply
    assert f"贵企业涉及2020年47个重点行业中的{named}，需要申报" in reply
    assert "我还不能确定" not in reply


async def test_one_industry_asked_what_it_counts_as_still_gets_the_verdict(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是铸造厂，算铸造吗", chat=GROUP)
    assert reply.startswith("属于。"), reply


async def test_how_a_short_process_foundry_is_graded_keeps_its_own_entry(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是短流程铸造 有高炉也有铸件，咋评", chat=GROUP)
    assert "按行业分别评级" not in reply, reply


async def test_alternatives_offered_are_a_question_of_their_own(harness: Harness) -> None:
    reply = await harness.text("张三", "门禁视频存几个月，材料是交市局还是交分局", chat=GROUP)
    assert reply.startswith("您问了两件事，分开回答："), reply
    assert "保存6个月" in reply
    # where the materials (材料) go: their own entry, not the application list's (deadline17)
    assert "纸质版2份和电子版最晚于2020年7月31日前一起报辖区生态环境分局" in reply


async def test_still_is_no_alternative(harness: Harness) -> None:
    # 还是 at a clause's start goes on with the question before it: one question, not two
    reply = await harness.text("张三", "材料齐了是攒一块报 还是随时报", chat=GROUP)
    assert not reply.startswith("您问了两件事"), reply


@pytest.mark.parametrize("tag", ["是这样吧", "是这样吗", "对吧"])
async def test_a_confirmation_asks_of_the_clause_before_it(harness: Harness, tag: str) -> None:
    reply = await harness.text("张三", f"门禁要装吗，装卸区视频要保存6个月，{tag}", chat=GROUP)
    assert reply.startswith("您问了两件事，分开回答："), reply
    assert "【门禁车牌识别要求】" in reply
    assert "【视频和台账保存多久】" in reply


TRADED = "不属于。按您说的“买卖”，贵单位属于国民经济行业分类中的“批发业”（F51）"


@pytest.mark.parametrize("said", ["劳保用品买卖，给钢厂供货", "劳保用品买卖，给几个钢厂供货"])
async def test_a_trade_supplying_some_works_is_placed_as_trade(harness: Harness, said: str) -> None:
    # 买卖 before the comma is no 卖给 (selling to) the works after it, and 几个 before a name counts them
    reply = await harness.text("张三", said, chat=GROUP)
    assert reply.startswith(TRADED), reply


@hypothesis_settings(max_examples=20)  # each example a message answered in-process
@given(
    goods=st.sampled_from(["劳保用品", "办公用品", "五金配件", "润滑油"]),
    count=st.sampled_from(["几个", "几座", ""]),
    party=st.sampled_from(["钢厂", "水泥厂", "焦化厂", "玻璃厂"]),
)
async def test_a_count_before_a_customers_name_asks_nothing(
    harness: Harness, goods: str, count: str, party: str
) -> None:
    reply = await harness.text("张三", f"{goods}买卖，给{count}{party}供货", chat=GROUP)
    assert reply.startswith("不属于。"), reply
