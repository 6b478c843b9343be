"""Kinds of wording behind the development questions still answered wrong at c29f99a (tests/data/qa_kinds8.yaml):
each is asked here in words other than the development question that showed it, so a kind is fixed, not a
sentence."""

from __future__ import annotations

import pytest

from tests.harness import Harness


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("我们是做家具的，就一个人兼着管环保，没有环保科，这样是不是不行？", "专职环保人员"),
        (
            "我们是做塑料袋的，专家来那天想把机器关了收拾一下，是不是不太好？得在正常生产时看吗",
            "正常生产状态",
        ),
    ],
)
async def test_is_it_so_beside_a_business_asks_what_follows_not_whether_to_take_part(
    harness: Harness, question: str, fact: str
) -> None:
    reply = await harness.text("张三", question)
    assert fact in reply
    assert "我没能确定" not in reply


async def test_is_it_so_before_applying_still_asks_whether_the_trade_takes_part(harness: Harness) -> None:
    reply = await harness.text("张三", "我们是做镀锌的，是不是也要报")
    assert "热镀锌" in reply
    assert "需要申报" in reply


async def test_may_we_asked_in_dialect_finds_its_entry(harness: Harness) -> None:
    reply = await harness.text("张三", "专家来看那天俺们停着产中不中")  # 中不中, 可以不: 可以吗
    assert "正常生产状态" in reply


async def test_late_asked_in_dialect_is_the_lowest_grade_not_a_fine_spared(harness: Harness) -> None:
    reply = await harness.text(
        "张三", "逾期得不得罚款"
    )  # 得不得: 会不会; 逾期 is no violation Pingshan spares
    assert "按最低等级进行管理" in reply
    assert "首次不罚" not in reply


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("短版说的啥", "最弱的一项指标"),  # voice input's 短版 for 短板
        ("下附件的油箱", "hjyj12369"),  # and 油箱 for 邮箱
    ],
)
async def test_voice_homophones_of_the_bureaus_words_find_their_entry(
    harness: Harness, question: str, fact: str
) -> None:
    assert fact in await harness.text("张三", question)


async def test_a_business_outside_the_47_asked_about_the_emission_list_gets_the_lists_coverage(
    harness: Harness,
) -> None:
    reply = await harness.text("张三", "不是重点行业的厂子用不用填减排清单")  # 清单, not the application list
    assert "不论是否参加绩效评级" in reply
    assert "47个重点行业的所有企业" not in reply


async def test_who_decides_whether_a_business_is_small_gets_the_certification(harness: Harness) -> None:
    reply = await harness.text("张三", "能不能算小微由谁定")
    assert "出具书面意见报市局核查认定" in reply
    assert "非燃煤" not in reply  # the criteria are another entry


async def test_which_edition_applies_now_is_not_what_the_2020_guide_is(harness: Harness) -> None:
    reply = await harness.text("张三", "听说指南又改了，现在评级照哪个版本")
    assert "2026年改革前" in reply


async def test_a_long_message_gets_the_entry_its_whole_finds_well_ahead_not_one_clauses(
    harness: Harness,
) -> None:
    reply = await harness.text(
        "张三", "我们门口监控坏了几天，录像缺了一段，这个会被当成删视频吗，会是什么后果"
    )
    assert "恶意删减视频片段" in reply  # the vehicle records' fraud, not any record in the integrity file


async def test_a_statement_of_several_clauses_is_not_answered_for_what_it_shares_as_a_whole(
    harness: Harness,
) -> None:
    reply = await harness.text("张三", "加工粉条的作坊，淀粉买来的")
    # it asks nothing an entry answers: the industry reading's verdict (粉条 is a food trade outside the 47)
    assert "按您说的“粉条”" in reply
    assert "不属于" in reply


@pytest.mark.parametrize(
    "question",
    [
        # the entry about its own kind of business, though another shares as many words
        "您好，我们是城东一个物流园的管理方，自己不生产东西，平时进出的多是外地的大货车，前几天开会听人说起这事，"
        "想问问我们园区的大门口要不要也跟工厂一样装车辆管理系统？",
        "物流园区那边也得上车牌识别是吧我们就是做仓储的",  # a tag asks wherever voice input leaves it
    ],
)
async def test_a_business_outside_the_47_asking_about_its_own_kind_gets_that_entry(
    harness: Harness, question: str
) -> None:
    reply = await harness.text("张三", question)
    assert "物流园区、货物集散地的车辆进出门口" in reply
    assert "不属于" not in reply


async def test_a_business_outside_the_47_asking_whether_to_take_part_still_gets_the_verdict(
    harness: Harness,
) -> None:
    reply = await harness.text("张三", "我们是物流园区，要不要参加评级")
    assert "不属于" in reply


async def test_equipment_asked_beside_core_making_is_the_foundries_equipment_entry(harness: Harness) -> None:
    reply = await harness.text("张三", "铸造评B级对装备有啥要求，我们制芯用的半自动设备")
    assert "至少机械化造型" in reply
    assert "冷芯盒制芯用吸收" not in reply  # the treatment entry is another


async def test_the_gradings_own_fee_named_is_the_budget_entry(harness: Harness) -> None:
    reply = await harness.text("张三", "老师好，我们厂今年头一回报，想问下评审费要我们出吗，还是政府出")
    assert "政府采购预算" in reply
